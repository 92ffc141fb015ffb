"""``freefeet play --plain`` with real sound, caught by ALSA's file sink.

Each test runs the real command in a child process whose ALSA reads an ``asound.conf`` from the
test's temp folder (see ``tests/helpers/alsa_sink.py``) and whose FREEFEET_HOME is the test's
own, then looks for the cue tones in the WAV the sink wrote: the step chime (880 Hz) must sound
once per step start of the plan (rests start with the chime too), in time with the plan.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import shutil
from array import array
from pathlib import Path

import pytest

from freefeet_tui.audio.tones import CUE_FREQUENCIES
from freefeet_tui.audio.voice import ESPEAK, clip_path, lesson_texts
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.lesson import Origin
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.locations import user_locations
from tests.helpers.alsa_sink import (
    builtin,
    chime_starts,
    read_all_captures,
    read_capture,
    run_child,
    tone_onsets,
    write_missing_device_config,
    write_sink_config,
)

FREEFEET = "import sys\nfrom freefeet_tui.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
LESSON = "pre-run-hip-extension"
TEMPO = 20.0
CHIME = CUE_FREQUENCIES[Cue.STEP_START]

needs_alsa = pytest.mark.skipif(
    ctypes.util.find_library("asound") is None, reason="needs the ALSA library (libasound2)"
)
needs_simpleaudio = pytest.mark.skipif(
    importlib.util.find_spec("simpleaudio") is None,
    reason="simpleaudio is not installed (pip install 'freefeet-tui[simpleaudio]')",
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


@needs_alsa
def test_a_plain_play_with_miniaudio_sounds_every_step_chime_in_time(tmp_path: Path) -> None:
    write_config("[sound]\nvoice = false\n")
    conf, wav = write_sink_config(tmp_path)
    code, out, err = freefeet(
        conf, "play", LESSON, "--plain", "--audio", "miniaudio", "--tempo", "20"
    )
    assert code == 0, err
    assert err == ""  # the device opened: no notice, and alsa-lib's own errors stay quiet
    assert out.splitlines()[-1].startswith("[0:17] Finished: 6 of 6 steps")

    expected = chime_starts(builtin(LESSON), TEMPO)
    assert len(expected) == 12  # 8 work segments (two steps per side) and 4 rests
    rate, samples = read_capture(wav)
    onsets = tone_onsets(samples, rate, CHIME)
    assert len(onsets) == len(expected), onsets
    # in order and in time: each chime as far from the first as the plan says (one stream)
    for heard, planned in zip(onsets, expected, strict=True):
        assert heard - onsets[0] == pytest.approx(planned, abs=0.15), (onsets, expected)
    finished = tone_onsets(samples, rate, CUE_FREQUENCIES[Cue.LESSON_FINISHED])
    assert finished and finished[-1] > onsets[-1]  # the closing chord, drained before exit


@needs_alsa
@needs_simpleaudio
def test_a_plain_play_with_simpleaudio_sounds_every_step_chime(tmp_path: Path) -> None:
    write_config("[sound]\nvoice = false\n")
    conf, wav = write_sink_config(tmp_path, truncate=False)  # simpleaudio: a stream per buffer
    args = ("play", LESSON, "--plain", "--audio", "simpleaudio", "--tempo", "20")
    code, out, err = freefeet(conf, *args)
    assert code == 0, err
    assert err == ""
    assert "Finished: 6 of 6 steps" in out.splitlines()[-1]
    expected = chime_starts(builtin(LESSON), TEMPO)
    rate, samples = read_all_captures(wav)
    onsets = tone_onsets(samples, rate, CHIME)
    # A chime cut short by the next cue goes on in the next buffer (a file of its own, joined
    # here with a gap), so one chime can show as two onsets; but none may be missing.
    assert len(expected) <= len(onsets) <= 2 * len(expected), (onsets, expected)
    assert tone_onsets(samples, rate, CUE_FREQUENCIES[Cue.LESSON_FINISHED])


@needs_alsa
def test_a_missing_device_with_auto_finishes_the_lesson_with_one_notice(tmp_path: Path) -> None:
    conf = write_missing_device_config(tmp_path)
    code, out, err = freefeet(conf, "play", LESSON, "--plain", "--audio", "auto", "--tempo", "100")
    assert code == 0, err
    assert "Finished: 6 of 6 steps" in out.splitlines()[-1]
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("freefeet: notice: sound: miniaudio: no sound device")
    assert lines[0].endswith("using the terminal bell")
    assert "ALSA lib" not in err


@needs_alsa
def test_with_nothing_chosen_a_fallback_stays_off_a_piped_stderr(tmp_path: Path) -> None:
    """No --audio, no config: auto, and its fallback notice only on a terminal."""
    conf = write_missing_device_config(tmp_path)
    code, out, err = freefeet(conf, "play", LESSON, "--plain", "--tempo", "100")
    assert (code, err) == (0, "")
    assert "Finished: 6 of 6 steps" in out
    write_config('[sound]\nbackend = "miniaudio"\n')  # chosen in the config: said again
    code, out, err = freefeet(conf, "play", LESSON, "--plain", "--tempo", "100")
    assert code == 0 and err.startswith("freefeet: notice: sound: miniaudio: no sound device")


def test_a_bad_config_file_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    path = write_config('[sound]\nbackend = "auto"\nvolume = 8\n')
    conf = tmp_path / "unused.conf"
    conf.write_text("")
    code, out, err = freefeet(conf, "play", LESSON, "--plain", "--tempo", "100")
    assert (code, out) == (2, "")
    assert err == (
        f"freefeet: error: {path}:3: [sound] volume must be a number from 0.0 to 1.0, not 8\n"
    )


# ---- spoken cues: voice render, then a play that speaks them -------------------------------

TWO_STEPS = """\
schema = 1
id = "two-steps"
title = "Two steps"
summary = "Two spoken steps."
when = "In tests"

[[steps]]
id = "stand"
title = "Stand"
cue = "Stand tall and let your weight settle over your feet."
duration = "6s"

[[steps]]
id = "bridge"
title = "Bridge"
cue = "Lift your hips by squeezing your buttocks."
avoid = "Belly soft."
duration = "6s"
"""

SPEECH_AFTER = 0.8  # seconds after a chime's onset: the chime (0.7 s) is over, speech is on
SPEECH_WINDOW = 1.2  # how long to look for speech there (the first tick comes at 3 s)


def loud_share(samples: array[int], rate: int, start: float, seconds: float) -> float:
    """The share of samples that are clearly sound (not silence) in a stretch of time."""
    window = samples[round(start * rate) : round((start + seconds) * rate)]
    return sum(1 for value in window if abs(value) > 1000) / max(1, len(window))


def play_lesson(folder: Path, lesson: Path) -> tuple[int, array[int]]:
    folder.mkdir()
    conf, wav = write_sink_config(folder)
    code, out, err = freefeet(conf, "play", str(lesson), "--plain", "--audio", "miniaudio")
    assert code == 0, err
    assert "Finished: 2 of 2 steps" in out
    return read_capture(wav)


@needs_alsa
@needs_espeak
def test_voice_render_then_play_speaks_each_cue_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = tmp_path / "two-steps.toml"
    lesson.write_text(TWO_STEPS, encoding="utf-8")
    conf, _ = write_sink_config(tmp_path)
    code, out, err = freefeet(conf, "voice", "render", str(lesson))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "two-steps: 3 rendered, 0 already cached"
    texts = lesson_texts(load_lesson(lesson, Origin.FILE))
    assert all(clip_path(user_locations().cache, text, ESPEAK).is_file() for text in texts)

    # espeak-ng off the PATH: only the clips voice render left behind can speak now.
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    write_config("[sound]\nvoice = true\n")
    rate, spoken = play_lesson(tmp_path / "spoken", lesson)
    write_config("[sound]\nvoice = false\n")
    _, quiet = play_lesson(tmp_path / "quiet", lesson)

    spoken_chimes = tone_onsets(spoken, rate, CHIME)
    quiet_chimes = tone_onsets(quiet, rate, CHIME)
    assert len(spoken_chimes) == len(quiet_chimes) == 2  # both steps chimed, both times
    for onset in spoken_chimes:  # speech right after each chime...
        assert loud_share(spoken, rate, onset + SPEECH_AFTER, SPEECH_WINDOW) > 0.1
    for onset in quiet_chimes:  # ...where, with the voice off, there is silence
        assert loud_share(quiet, rate, onset + SPEECH_AFTER, SPEECH_WINDOW) == 0.0
