"""``--audio``, ``freefeet voice render``, ``freefeet sound test`` and the doctor's sound section.

Commands that open a sound device run in a child process whose ALSA reads a config from the
test's temp folder (``tests/helpers/alsa_sink.py``): the file sink to hear what played, or a
card that does not exist to see the fallback. ``voice render`` uses the real espeak-ng, and a
stand-in ``espeak-ng`` script that fails, to see a failure reported.
"""

from __future__ import annotations

import ctypes.util
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.audio import BACKEND_NAMES, SoundConfig
from freefeet_tui.audio.tones import CUE_FREQUENCIES
from freefeet_tui.audio.voice import ESPEAK, PIPER, clip_path, piper_installed, voice_dir
from freefeet_tui.cli.doctor import sound_section
from freefeet_tui.cli.main import build_parser, main
from freefeet_tui.cli.sound import AUDIO_CHOICES, CUE_NAMES, NO_ENGINE, sound_choice
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.locations import user_locations
from tests.helpers.alsa_sink import (
    matches_groups,
    read_capture,
    run_child,
    tone_sequence,
    write_missing_device_config,
    write_sink_config,
)

FREEFEET = "import sys\nfrom freefeet_tui.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
NAMES = {cue.value: frequency for cue, frequency in CUE_FREQUENCIES.items()}

needs_alsa = pytest.mark.skipif(
    ctypes.util.find_library("asound") is None, reason="needs the ALSA library (libasound2)"
)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")


def write_config(text: str) -> Path:
    path = user_locations().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def freefeet(conf: Path, *args: str) -> tuple[int, str, str]:
    result = run_child(FREEFEET, conf, args)
    return result.returncode, result.stdout, result.stderr


# ---- --audio ------------------------------------------------------------------------------


def test_the_audio_choices_are_the_backends() -> None:
    assert AUDIO_CHOICES == BACKEND_NAMES
    assert set(CUE_NAMES) == {cue.value for cue in Cue}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["play", "tiny"], None),
        (["play", "tiny", "--audio", "bell"], "bell"),
        (["--audio", "simpleaudio", "play", "tiny"], "simpleaudio"),
        (["--audio", "none", "play", "tiny", "--audio", "miniaudio"], "miniaudio"),
        (["--audio", "none"], "none"),
        ([], None),
        (["sound", "test", "--audio", "auto"], "auto"),
    ],
)
def test_audio_is_kept_on_args_wherever_it_was_given(argv: list[str], expected: str | None) -> None:
    assert sound_choice(build_parser().parse_args(argv)) == expected


def test_an_unknown_audio_backend_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "tiny", "--audio", "alsa"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("freefeet: error: argument --audio: invalid choice")


def test_play_help_names_the_audio_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--help"]) == 0
    assert "--audio X" in capsys.readouterr().out


def test_plain_play_with_audio_none_plays_silently(
    capsys: pytest.CaptureFixture[str], write_lesson: Callable[..., Path]
) -> None:
    lesson = write_lesson()
    assert main(["play", str(lesson), "--plain", "--tempo", "100", "--audio", "none"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "Finished: 2 of 2 steps" in out


def test_a_bad_config_stops_a_plain_play_before_it_starts(
    capsys: pytest.CaptureFixture[str], write_lesson: Callable[..., Path]
) -> None:
    path = write_config('[sound]\nbackend = "alsa"\n')
    assert main(["play", str(write_lesson()), "--plain", "--audio", "none"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"freefeet: error: {path}:2: [sound] backend must be one of "
        'auto, miniaudio, simpleaudio, bell, none, not "alsa"\n'
    )


# ---- voice render -------------------------------------------------------------------------


@needs_espeak
def test_voice_render_renders_every_lesson_then_reuses_the_clips(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["voice", "render"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    folder = voice_dir(user_locations().cache)
    engine = PIPER if piper_installed() else ESPEAK
    assert lines[0] == f"Voice: {engine.name} ({engine.voice}), clips in {folder}"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "free-your-feet",
        "mobilizing-your-core-to-run",
        "pre-run-hip-extension",
    ]
    assert all(" rendered, " in line and "failed" not in line for line in lines[1:])
    made = sorted(folder.glob("*.wav"))
    assert len(made) >= 20
    assert stat.S_IMODE(user_locations().cache.stat().st_mode) == 0o700

    assert main(["voice", "render", "pre-run-hip-extension"]) == 0
    again = capsys.readouterr().out.splitlines()
    assert again[-1] == "pre-run-hip-extension: 0 rendered, 10 already cached"
    assert sorted(folder.glob("*.wav")) == made


def test_voice_render_without_an_engine_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if piper_installed():
        pytest.skip("the voice extra is installed: there is always an engine")
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng here
    assert main(["voice", "render", "pre-run-hip-extension"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"freefeet: error: {NO_ENGINE}\n"


def test_voice_render_of_an_unknown_lesson_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if shutil.which("espeak-ng") is None and not piper_installed():
        pytest.skip("without an engine the command stops before looking lessons up")
    assert main(["voice", "render", "no-such-lesson"]) == 2
    assert capsys.readouterr().err == (
        'freefeet: error: no lesson "no-such-lesson"; run freefeet lessons list\n'
    )


def test_a_failing_engine_is_reported_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if piper_installed():
        pytest.skip("Piper would be used instead of the stand-in espeak-ng")
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\necho 'no voice data for en-us' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["voice", "render", "pre-run-hip-extension"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "pre-run-hip-extension: 0 rendered, 0 already cached, 10 failed"
    assert err == (
        "freefeet: error: pre-run-hip-extension: espeak-ng failed (exit 3): "
        "no voice data for en-us\n"
    )
    assert list(voice_dir(user_locations().cache).iterdir()) == []  # no half-made clips


# ---- sound test ---------------------------------------------------------------------------


@needs_alsa
def test_sound_test_plays_each_cue_once_in_order_with_its_name(tmp_path: Path) -> None:
    conf, wav = write_sink_config(tmp_path)
    code, out, err = freefeet(conf, "sound", "test", "--audio", "miniaudio")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Playing through miniaudio through ALSA, volume 0.8")
    assert [line.split()[0] for line in lines[1:]] == [cue.value for cue in Cue]
    rate, samples = read_capture(wav)
    heard = tone_sequence(samples, rate, NAMES)
    assert matches_groups(heard, [{cue.value} for cue in Cue]), heard


@needs_alsa
def test_sound_test_without_a_device_says_so_and_rings_the_bell(tmp_path: Path) -> None:
    conf = write_missing_device_config(tmp_path)
    code, out, err = freefeet(conf, "sound", "test")  # nothing chosen: the notice shows anyway
    assert code == 0
    assert err.startswith("freefeet: notice: sound: miniaudio: no sound device")
    assert err.count("\n") == 1
    assert out.startswith("Playing through the terminal bell")


def test_sound_test_with_sound_off(capsys: pytest.CaptureFixture[str]) -> None:
    write_config('[sound]\nbackend = "none"\n')
    assert main(["sound", "test"]) == 0
    assert capsys.readouterr().out == "Sound is off (backend none): nothing to play.\n"


def test_sound_test_with_a_bad_config(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_config("[sound]\nvoice = 1\n")
    assert main(["sound", "test", "--audio", "none"]) == 2
    assert capsys.readouterr().err == (
        f"freefeet: error: {path}:2: [sound] voice must be true or false, not 1\n"
    )


# ---- doctor -------------------------------------------------------------------------------


def test_doctor_sound_section_lists_what_is_there(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    cache = tmp_path / "cache"
    clip = clip_path(cache, "Stand tall.", ESPEAK)
    clip.parent.mkdir(parents=True)
    clip.write_bytes(bytes(1000))
    (clip.parent / ".render-unfinished.wav").write_bytes(b"")  # not counted: half made
    backends = {"miniaudio": True, "simpleaudio": False, "bell": True, "none": True}
    section = sound_section(config, cache, "the default device, through ALSA", backends, [ESPEAK])
    assert section.problems == 0
    text = "\n".join(section.lines)
    assert "backends           miniaudio, simpleaudio (not installed), bell, none" in text
    assert "pip install 'freefeet-tui[simpleaudio]'" in text
    assert "output device      the default device, through ALSA" in text
    assert "voice engines      espeak-ng (en-us)" in text
    assert f"voice cache        {cache / 'voice'} (1 clip, 0.0 MiB)" in text
    assert f"config file        {config} (not there: the defaults apply)" in text
    default = SoundConfig()
    assert f"backend {default.backend}, volume {default.volume:g}, voice on" in text


def test_doctor_sound_section_reports_a_bad_config_as_a_problem(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[sound]\nvoice = false\nvolume = 2\n")
    section = sound_section(config, tmp_path / "cache", "unknown", {"bell": True}, [])
    assert section.problems == 1
    assert section.lines[-1] == (
        f"problem: {config}:3: [sound] volume must be a number from 0.0 to 1.0, not 2"
    )
    assert any("none: cues are a chime and text" in line for line in section.lines)
    assert any("no clips yet; freefeet voice render makes them" in line for line in section.lines)

    config.write_text('[sound]\nbackend = "bell"\nvoice = false\nvolume = 0.5\n')
    section = sound_section(config, tmp_path / "cache", "unknown", {"bell": True}, [])
    assert section.problems == 0
    assert section.lines[-1].endswith("backend bell, volume 0.5, voice off")


@needs_alsa
@pytest.mark.parametrize(
    ("device", "expected"),
    [
        ("sink", "output device      the default device, through ALSA"),
        ("missing", "output device      none found (failed to init device"),
    ],
)
def test_doctor_probes_the_output_device(tmp_path: Path, device: str, expected: str) -> None:
    conf = (
        write_sink_config(tmp_path)[0]
        if device == "sink"
        else write_missing_device_config(tmp_path)
    )
    code, out, err = freefeet(conf, "doctor")
    assert (code, err) == (0, "")
    assert "\nSound\n" in out
    assert f"  {expected}" in out
