"""A cue output to inspect: a backend that only queues, stand-in voice clips, step events."""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path

from freefeet_tui.audio.backends import Backend
from freefeet_tui.audio.bank import SoundBank
from freefeet_tui.audio.mixer import Mixer
from freefeet_tui.audio.output import SoundCueOutput
from freefeet_tui.audio.tones import SAMPLE_RATE, cue_file_name
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.engine import build_plan
from freefeet_tui.core.events import SegmentKind, StepStarted
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.locations import builtin_audio_dir

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
