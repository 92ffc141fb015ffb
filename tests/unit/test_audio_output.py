"""SoundCueOutput: what a cue queues in the mixer, voice clips, the bell, and preparing.

The sample backend here only marks itself as playing samples and never opens a device, so the
mixer's queue can be inspected; the real backends are played into ALSA's file sink in
``test_audio_sink.py``.
"""

from __future__ import annotations

import math
import shutil
import threading
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.audio.backends import Backend, BellBackend, NoneBackend
from freefeet_tui.audio.bank import SoundBank
from freefeet_tui.audio.config import SoundConfig
from freefeet_tui.audio.mixer import Mixer
from freefeet_tui.audio.output import AVOID_GAP, VOICE_DELAY, SoundCueOutput, open_sound_output
from freefeet_tui.audio.tones import SAMPLE_RATE, cue_file_name
from freefeet_tui.audio.voice import ESPEAK, clip_path
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.engine import build_plan
from freefeet_tui.core.events import RestStarted, SegmentKind, StepStarted
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.locations import builtin_audio_dir
from tests.helpers.alsa_sink import goertzel_fraction

with wave.open(str(builtin_audio_dir() / cue_file_name(Cue.STEP_START))) as _chime:
    CHIME_FRAMES = _chime.getnframes()


class QueueOnly(Backend):
    """Plays samples as far as the output can tell; nothing pulls them, so they stay queued."""

    name = "queue-only"
    plays_samples = True


def write_clip(path: Path, seconds: float, rate: int = 22050) -> int:
    """A stand-in voice clip (a tone); returns its length in output frames."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = int(rate * seconds)
    values = [round(8000 * math.sin(2 * math.pi * 200 * i / rate)) for i in range(frames)]
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(array("h", values).tobytes())
    return round(frames * SAMPLE_RATE / rate)


@pytest.fixture
def lesson(write_lesson: Callable[..., Path]) -> Lesson:
    return load_lesson(write_lesson())


def make_output(
    tmp_path: Path, backend: Backend | None = None, voice: bool = True
) -> SoundCueOutput:
    bank = SoundBank(builtin_audio_dir())
    mixer = Mixer(volume=1.0)
    return SoundCueOutput(backend or QueueOnly(), mixer, bank, tmp_path / "cache", voice)


def work_start(lesson: Lesson, step_index: int) -> StepStarted:
    plan = build_plan(lesson)
    index = next(
        i for i, s in enumerate(plan) if s.step_index == step_index and s.kind is SegmentKind.WORK
    )
    return StepStarted(0.0, plan[index], index)


def test_nothing_is_queued_before_the_sounds_are_prepared(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    output.play(Cue.STEP_START, work_start(lesson, 0))
    assert not output.mixer.busy


def test_a_step_start_queues_its_chime(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    preparation = output.prepare(lesson)
    assert preparation.wait(10)
    assert preparation.sounds == len(Cue) and preparation.problems == []
    output.play(Cue.STEP_START, work_start(lesson, 0))
    assert output.mixer.pending_frames() == CHIME_FRAMES


def test_the_spoken_cue_and_reminder_follow_the_chime(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    step = lesson.steps[1]
    assert step.avoid is not None
    cue_frames = write_clip(clip_path(output.cache_dir, step.cue, ESPEAK), 1.0)
    avoid_frames = write_clip(clip_path(output.cache_dir, step.avoid, ESPEAK), 0.5)
    output.prepare(lesson, background=False)
    output.play(Cue.STEP_START, work_start(lesson, 1))
    delay = round(VOICE_DELAY * SAMPLE_RATE) + cue_frames + round(AVOID_GAP * SAMPLE_RATE)
    assert output.mixer.pending_frames() == pytest.approx(delay + avoid_frames, abs=2)
    mixed = output.mixer.render_all()
    start = round(VOICE_DELAY * SAMPLE_RATE)
    before, after = mixed[start - 4410 : start], mixed[start + 441 : start + 4851]
    assert goertzel_fraction(before, 200, SAMPLE_RATE) < 0.01  # the chime alone...
    assert goertzel_fraction(after, 200, SAMPLE_RATE) > 0.2  # ...then the voice joins it


def test_voice_off_plays_the_chime_only(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path, voice=False)
    write_clip(clip_path(output.cache_dir, lesson.steps[0].cue, ESPEAK), 1.0)
    preparation = output.prepare(lesson, background=False)
    assert preparation.spoken == 0
    output.play(Cue.STEP_START, work_start(lesson, 0))
    assert output.mixer.pending_frames() == CHIME_FRAMES


def test_a_rest_gets_the_chime_but_no_words(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    write_clip(clip_path(output.cache_dir, lesson.steps[0].cue, ESPEAK), 1.0)
    output.prepare(lesson, background=False)
    plan = build_plan(lesson)
    rest = next(i for i, s in enumerate(plan) if s.kind is SegmentKind.REST)
    output.play(Cue.STEP_START, RestStarted(0.0, plan[rest], rest))
    assert output.mixer.pending_frames() == CHIME_FRAMES


def test_a_recorded_clip_in_the_lesson_replaces_the_synthetic_voice(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    folder = tmp_path / "my-lessons"
    recorded = write_clip(folder / "clips" / "stand.wav", 2.0, rate=SAMPLE_RATE)
    text = (
        'schema = 1\nid = "rec"\ntitle = "Rec"\nsummary = "s"\nwhen = "w"\n\n[[steps]]\n'
        'id = "stand"\ntitle = "Stand"\ncue = "Stand."\nduration = "10s"\n'
        'clip = "clips/stand.wav"\n'
    )
    lesson = load_lesson(write_lesson(text, name="rec.toml", folder=folder))
    output = make_output(tmp_path)
    write_clip(clip_path(output.cache_dir, "Stand.", ESPEAK), 0.2)  # must not be used
    output.prepare(lesson, background=False)
    output.play(Cue.STEP_START, work_start(lesson, 0))
    assert output.mixer.pending_frames() == round(VOICE_DELAY * SAMPLE_RATE) + recorded


def test_a_new_step_cuts_off_the_last_steps_unfinished_words(
    tmp_path: Path, lesson: Lesson
) -> None:
    output = make_output(tmp_path)
    write_clip(clip_path(output.cache_dir, lesson.steps[0].cue, ESPEAK), 3.0)
    output.prepare(lesson, background=False)
    output.play(Cue.STEP_START, work_start(lesson, 0))
    assert output.mixer.pending_frames() > 3 * SAMPLE_RATE
    output.play(Cue.STEP_START, work_start(lesson, 1))  # no clip for this one
    assert output.mixer.pending_frames() == CHIME_FRAMES  # two chimes, no words left
    output.stop_all()
    assert not output.mixer.busy


def test_the_bell_rings_once_per_cue_unless_muted(tmp_path: Path, lesson: Lesson) -> None:
    rings: list[int] = []
    output = make_output(tmp_path, BellBackend(lambda: rings.append(1)))
    preparation = output.prepare(lesson, background=False)
    assert preparation.sounds == 0  # a bell needs no decoded sound
    output.play(Cue.STEP_START, work_start(lesson, 0))
    output.play(Cue.COUNTDOWN_TICK, work_start(lesson, 0))
    assert rings == [1, 1] and not output.mixer.busy
    assert output.toggle_mute() is True
    output.play(Cue.STEP_START, work_start(lesson, 0))
    assert rings == [1, 1]


def test_volume_and_mute_controls_reach_the_mixer(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    assert output.volume_down() == pytest.approx(0.9)
    assert output.volume_up() == pytest.approx(1.0)
    assert output.toggle_mute() is True and output.mixer.muted


def test_open_sound_output_honours_the_config_and_the_override(tmp_path: Path) -> None:
    output, notice = open_sound_output(SoundConfig(backend="bell", volume=0.3), tmp_path)
    assert isinstance(output.backend, BellBackend) and notice is None
    assert output.mixer.volume == pytest.approx(0.3)
    assert output.engine is None  # the bell cannot speak, so nothing is rendered
    output.close()
    output, notice = open_sound_output(SoundConfig(backend="bell"), tmp_path, backend="none")
    assert isinstance(output.backend, NoneBackend) and notice is None
    with pytest.raises(ValueError, match="unknown sound backend"):
        open_sound_output(SoundConfig(), tmp_path, backend="loud")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_preparing_renders_missing_clips_once(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    output.engine = ESPEAK
    first = output.prepare(lesson, background=False)
    assert first.problems == []
    assert first.rendered == 3 and first.spoken == 3  # two cues and one avoid reminder
    again = make_output(tmp_path)
    again.engine = ESPEAK
    second = again.prepare(lesson, background=False)
    assert second.rendered == 0 and second.spoken == 3
    again.play(Cue.STEP_START, work_start(lesson, 0))
    assert again.mixer.pending_frames() > CHIME_FRAMES + round(VOICE_DELAY * SAMPLE_RATE)


def test_closing_can_let_the_last_sound_play_out(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    output.prepare(lesson, background=False)
    output.play(Cue.LESSON_FINISHED, work_start(lesson, 0))
    assert output.busy
    stop = threading.Event()

    def pull() -> None:  # a device taking 100 ms blocks
        while not stop.wait(0.01):
            output.mixer.mix(SAMPLE_RATE // 10)

    device = threading.Thread(target=pull)
    device.start()
    output.close(drain=10.0)
    stop.set()
    device.join()
    assert output.mixer.frames_out >= 0.9 * SAMPLE_RATE  # the whole 900 ms chord was mixed


def test_closing_without_drain_cuts_the_sound(tmp_path: Path, lesson: Lesson) -> None:
    output = make_output(tmp_path)
    output.prepare(lesson, background=False)
    output.play(Cue.LESSON_FINISHED, work_start(lesson, 0))
    output.close()
    assert not output.busy and output.mixer.frames_out == 0


def test_play_now_decodes_and_sounds_one_cue_for_the_sound_test(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    assert output.play_now(Cue.REP) is True
    rep = output.bank.cue(Cue.REP)
    assert rep is not None and output.mixer.pending_frames() == len(rep.samples)
    missing = SoundCueOutput(QueueOnly(), Mixer(), SoundBank(tmp_path), tmp_path)
    assert missing.play_now(Cue.REP) is False
    assert len(missing.bank.problems) == 1 and "rep.wav" in missing.bank.problems[0]
    rings: list[int] = []
    bell = make_output(tmp_path, BellBackend(lambda: rings.append(1)))
    assert bell.play_now(Cue.HALFWAY) is True and rings == [1]
