"""Real playback into ALSA's file sink: the cues of a played lesson are in the WAV, in order.

Each test starts a child Python with ``ALSA_CONFIG_PATH`` set (ALSA reads its configuration
when it loads, so the parent's cannot be changed) and reads back what the child played. The
child drives the real engine with a hand-moved clock through the real cue router, output,
mixer and backend, and prints the cues the engine asked for; between engine ticks that made a
sound it waits for the sound to finish, so sounds reach the WAV one after another.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import json
import shutil
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui.audio.tones import CUE_FREQUENCIES
from freefeet_tui.audio.voice import ESPEAK, clip_path
from freefeet_tui.core.cues import Cue
from tests.helpers.alsa_sink import (
    capture_files,
    matches_groups,
    read_all_captures,
    read_capture,
    run_child,
    sounds,
    tone_onsets,
    tone_sequence,
    tones_in,
    write_missing_device_config,
    write_sink_config,
)

SOUND_CHECK = """\
schema = 1
id = "sound-check"
title = "Sound check"
summary = "Every cue at least once."
when = "In tests"
switch = "4s"

[[steps]]
id = "stand"
title = "Stand"
cue = "Stand easy and let your weight settle."
duration = "20s"
rest = "4s"

[[steps]]
id = "bridge"
title = "Bridge"
cue = "Lift your hips with your buttocks."
avoid = "Belly soft."
per_side = true
reps = 3
rep_time = "2s"
"""

PLAYER = """\
import json, sys, time
from pathlib import Path
from freefeet_tui.audio import SoundConfig, open_sound_output
from freefeet_tui.audio.tones import SAMPLE_RATE
from freefeet_tui.core.cues import CueRouter, cue_for
from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.loader import load_lesson

backend, lesson_file, cache, voice, only_first = sys.argv[1:6]
rings = []
config = SoundConfig(backend=backend, volume=1.0, voice=voice == "voice")
output, notice = open_sound_output(config, Path(cache), ring=lambda: rings.append(1))
lesson = load_lesson(Path(lesson_file))
preparation = output.prepare(lesson)
assert preparation.wait(60), "sounds were not ready in time"
now = [0.0]
engine = Engine(lesson, lambda: now[0])
groups, current = [], []
engine.subscribe(lambda event: current.append(cue_for(event)))
engine.subscribe(CueRouter(output))

def settle():
    cues = sorted({cue.value for cue in current if cue is not None})
    current.clear()
    if not cues:
        return
    groups.append(cues)
    deadline = time.monotonic() + 30
    while output.busy and time.monotonic() < deadline:
        time.sleep(0.01)
    if output.backend.name == "miniaudio":
        # Silence between sounds in the capture, counted in frames the stream took (a starved
        # device thread takes fewer in a given time, so seconds could leave too short a gap).
        gap = output.mixer.frames_out + round(0.25 * SAMPLE_RATE)
        while output.mixer.frames_out < gap and time.monotonic() < deadline:
            time.sleep(0.01)
    elif output.backend.plays_samples:
        time.sleep(0.2)  # silence between sounds in the capture

engine.start()
settle()
while engine.status is not Status.FINISHED and not (only_first == "first" and groups):
    now[0] += 0.05
    engine.tick()
    settle()
output.close()
print(json.dumps({
    "backend": output.backend.name, "notice": notice, "groups": groups, "rings": len(rings),
    "problems": preparation.problems, "spoken": preparation.spoken,
}))
"""

REALTIME_PLAYER = """\
import json, sys, time
from pathlib import Path
from freefeet_tui.audio import SoundConfig, open_sound_output
from freefeet_tui.core.cues import CueRouter, cue_for
from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.loader import load_lesson

backend, lesson_file, cache, tempo = sys.argv[1:5]
output, notice = open_sound_output(SoundConfig(backend=backend, voice=False), Path(cache))
lesson = load_lesson(Path(lesson_file))
assert output.prepare(lesson).wait(60)
engine = Engine(lesson, time.monotonic, float(tempo))
cues = []
engine.subscribe(lambda event: cues.append(cue_for(event)))
engine.subscribe(CueRouter(output))
engine.start()
while engine.status is not Status.FINISHED:
    time.sleep(0.01)
    engine.tick()
output.close(drain=2.0)
print(json.dumps({"backend": output.backend.name, "cues": [c.value for c in cues if c]}))
"""

NAMES = {cue.value: frequency for cue, frequency in CUE_FREQUENCIES.items()}
needs_simpleaudio = pytest.mark.skipif(
    importlib.util.find_spec("simpleaudio") is None,
    reason="simpleaudio is not installed (pip install 'freefeet-tui[simpleaudio]')",
)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
needs_alsa = pytest.mark.skipif(
    ctypes.util.find_library("asound") is None, reason="needs the ALSA library (libasound2)"
)


@pytest.fixture
def sound_check(write_lesson: Callable[..., Path]) -> Path:
    return write_lesson(SOUND_CHECK, name="sound-check.toml")


def play(
    tmp_path: Path,
    conf: Path,
    backend: str,
    lesson: Path,
    voice: bool = False,
    only_first: bool = False,
) -> dict[str, Any]:
    args = [backend, str(lesson), str(tmp_path / "cache"), "voice" if voice else "quiet"]
    result = run_child(PLAYER, conf, [*args, "first" if only_first else "all"])
    assert result.returncode == 0, result.stderr
    assert "ALSA lib" not in result.stderr, "alsa-lib errors must not reach the terminal"
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return report


def expected_groups(report: dict[str, Any]) -> list[set[str]]:
    return [set(group) for group in report["groups"]]


@needs_alsa
def test_miniaudio_plays_every_cue_of_a_lesson_in_order(tmp_path: Path, sound_check: Path) -> None:
    conf, wav = write_sink_config(tmp_path)
    report = play(tmp_path, conf, "miniaudio", sound_check)
    assert report["backend"] == "miniaudio" and report["notice"] is None
    groups = expected_groups(report)
    assert sum(Cue.STEP_START.value in group for group in groups) == 4  # stand, rest, 2 sides
    assert {cue.value for cue in Cue} == set().union(*groups)  # the lesson sounds every cue
    assert any(len(group) == 2 for group in groups)  # and two at once: a rep on a tick

    assert len(capture_files(wav)) == 1  # one long-lived stream
    rate, samples = read_capture(wav)
    heard = tone_sequence(samples, rate, NAMES)
    chimes = [i for i, tones in enumerate(heard) if Cue.STEP_START.value in tones]
    assert len(chimes) == 4
    assert matches_groups(heard, groups), (heard, groups)


@needs_alsa
@needs_simpleaudio
def test_simpleaudio_plays_every_cue_of_a_lesson_in_order(
    tmp_path: Path, sound_check: Path
) -> None:
    conf, wav = write_sink_config(tmp_path, truncate=False)  # one file per buffer played
    report = play(tmp_path, conf, "simpleaudio", sound_check)
    assert report["backend"] == "simpleaudio" and report["notice"] is None
    groups = expected_groups(report)
    rate, samples = read_all_captures(wav)
    heard = tone_sequence(samples, rate, NAMES)
    assert sum(Cue.STEP_START.value in tones for tones in heard) == 4
    assert matches_groups(heard, groups), (heard, groups)
    # Cues of one tick were mixed into one buffer, not played as two fighting streams.
    both = next(group for group in groups if len(group) == 2)
    assert both in heard


@needs_alsa
@pytest.mark.parametrize("backend", ["auto", "miniaudio", "simpleaudio"])
def test_a_missing_device_falls_back_to_the_bell_and_the_lesson_finishes(
    tmp_path: Path, write_lesson: Callable[..., Path], backend: str
) -> None:
    conf = write_missing_device_config(tmp_path)
    report = play(tmp_path, conf, backend, write_lesson())
    assert report["backend"] == "bell"
    notice = report["notice"]
    assert notice.startswith("sound: ") and "\n" not in notice
    assert notice.endswith("using the terminal bell")
    if backend != "simpleaudio":
        assert "miniaudio: no sound device" in notice
    groups = expected_groups(report)
    assert groups[-1] == {Cue.LESSON_FINISHED.value}  # the lesson ran to its end
    assert report["rings"] == sum(len(group) for group in groups)


@needs_alsa
@pytest.mark.parametrize(
    "backend", ["miniaudio", pytest.param("simpleaudio", marks=needs_simpleaudio)]
)
def test_at_a_high_tempo_every_step_chime_is_heard_among_the_other_cues(
    tmp_path: Path, sound_check: Path, backend: str
) -> None:
    """The engine on the real clock at 10x: cues overlap, and the chimes still all sound."""
    conf, wav = write_sink_config(tmp_path, truncate=False)
    args = [backend, str(sound_check), str(tmp_path / "cache"), "10"]
    result = run_child(REALTIME_PLAYER, conf, args)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["backend"] == backend
    chimes = report["cues"].count(Cue.STEP_START.value)
    assert chimes == 4
    rate, samples = read_all_captures(wav)
    if backend == "miniaudio":  # one stream: the chimes keep the lesson's rhythm
        onsets = tone_onsets(samples, rate, CUE_FREQUENCIES[Cue.STEP_START])
        assert len(onsets) == chimes, onsets
        assert onsets[1] - onsets[0] == pytest.approx(2.0, abs=0.15)  # a 20 s step at 10x
    else:  # a buffer per change: a chime cut short by a tick is played again from there
        heard = tone_onsets(samples, rate, CUE_FREQUENCIES[Cue.STEP_START])
        assert len(heard) >= chimes
    finished = tone_onsets(samples, rate, CUE_FREQUENCIES[Cue.LESSON_FINISHED])
    assert len(finished) >= 1


def test_a_sink_capture_that_was_cut_short_is_still_read(tmp_path: Path) -> None:
    """The sink rewrites the header only when the stream closes: a killed child leaves 0s."""
    path = tmp_path / "cut.wav"
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(44100)
        writer.writeframes(b"\x01\x00" * 4410 + b"\x00\x00" * 44100)
    data = bytearray(path.read_bytes())
    data[4:8] = data[40:44] = bytes(4)  # what a killed writer leaves: lengths of zero
    path.write_bytes(bytes(data))
    rate, samples = read_capture(path)
    assert rate == 44100 and len(samples) == 4410 + 44100
    assert sounds(samples, rate) == [(0, 4410)]  # the trailing silence is not a sound


@needs_alsa
@needs_espeak
def test_a_spoken_cue_follows_the_step_chime_into_the_sink(
    tmp_path: Path, sound_check: Path
) -> None:
    conf, wav = write_sink_config(tmp_path)
    report = play(tmp_path, conf, "miniaudio", sound_check, voice=True, only_first=True)
    assert report["problems"] == []
    assert report["spoken"] >= 3  # two cues and one avoid reminder rendered and decoded
    text = "Stand easy and let your weight settle."
    clip = clip_path(tmp_path / "cache", text, ESPEAK)
    assert clip.is_file()
    with wave.open(str(clip)) as reader:
        clip_seconds = reader.getnframes() / reader.getframerate()

    rate, samples = read_capture(wav)
    found = sounds(samples, rate, gap_seconds=0.6)  # speech has short pauses of its own
    assert len(found) == 1
    start, end = found[0]
    assert Cue.STEP_START.value in tones_in(samples, rate, start, end, NAMES)
    assert (end - start) / rate >= 0.35 + clip_seconds - 0.3  # chime, then the whole clip
    speech = samples[start + round(0.8 * rate) : end]  # after the chime has died away
    loud = sum(1 for v in speech if abs(v) > 1000)
    assert loud > 0.1 * rate  # a tenth of a second of real signal, not noise
