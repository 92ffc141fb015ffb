"""Make freefeet's cue sounds with pydub: sine tones, overlays, gain and fades, WAV only.

Run from the repository root after changing a recipe or a number in
``src/freefeet_tui/audio/tones.py``::

    .venv/bin/python audio/make_sounds.py          # rewrites audio/*.wav
    .venv/bin/python audio/make_sounds.py --check  # only reports, writes nothing

Every file is mono, 16-bit, at ``SAMPLE_RATE``, fades in and out so nothing clicks, and is
brought to the same level (the RMS of its loudest 50 ms, ``LEVEL_DBFS``) under a peak ceiling,
so the cues sound equally loud. ffmpeg is never
needed: pydub only synthesises, mixes and writes WAV here.
"""

from __future__ import annotations

import argparse
import math
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

# pydub looks for ffmpeg when imported and warns when it is missing; WAV work does not use it.
warnings.filterwarnings(
    "ignore",
    message="Couldn't find ffmpeg or avconv",
    category=RuntimeWarning,
    module="pydub.utils",
)

from pydub import AudioSegment  # noqa: E402  (the filter above must come first)
from pydub.generators import Sine  # noqa: E402

from freefeet_tui.audio.tones import (  # noqa: E402
    CHANNELS,
    CUE_FREQUENCIES,
    CUE_MAX_SECONDS,
    LEVEL_DBFS,
    LEVEL_WINDOW_MS,
    PEAK_CEILING_DBFS,
    SAMPLE_RATE,
    SAMPLE_WIDTH,
    cue_file_name,
)
from freefeet_tui.core.cues import Cue  # noqa: E402

AUDIO_DIR = Path(__file__).resolve().parent
EDGE_MS = 4  # fade at both ends of every tone: stops a click, keeps the attack


def tone(frequency: float, ms: int, level_db: float = 0.0) -> AudioSegment:
    """A plain sine tone with short fades at both ends."""
    segment = Sine(frequency, sample_rate=SAMPLE_RATE, bit_depth=8 * SAMPLE_WIDTH)
    audio = segment.to_audio_segment(duration=ms, volume=-3.0 + level_db)
    return audio.fade_in(EDGE_MS).fade_out(EDGE_MS)


def decay(audio: AudioSegment, db_per_second: float, step_ms: int = 20) -> AudioSegment:
    """An exponential fade: the level falls ``db_per_second`` steadily, like a struck bell.

    pydub's fades are linear in amplitude, so the curve is built from short linear pieces
    whose ends follow the exponential; the joins are continuous, so there is no zipper noise.
    """
    pieces = AudioSegment.empty()
    for start in range(0, len(audio), step_ms):
        end = min(start + step_ms, len(audio))
        piece = audio[start:end]
        pieces += piece.fade(
            from_gain=-db_per_second * start / 1000.0,
            to_gain=-db_per_second * end / 1000.0,
            start=0,
            end=len(piece),
        )
    return pieces


def silence(ms: int) -> AudioSegment:
    return AudioSegment.silent(duration=ms, frame_rate=SAMPLE_RATE)


def chime(frequency: float, ms: int, partials: tuple[tuple[float, float], ...]) -> AudioSegment:
    """A soft struck chime: a fundamental with quieter partials, dying away exponentially."""
    body = tone(frequency, ms)
    for ratio, level_db in partials:
        body = body.overlay(tone(frequency * ratio, ms, level_db))
    return decay(body, db_per_second=60.0 * 1000.0 / ms)


def step_start() -> AudioSegment:
    """A clear chime on A5 with two soft harmonics: the sound of "a new step begins"."""
    return chime(CUE_FREQUENCIES[Cue.STEP_START], 600, ((2.0, -12.0), (3.0, -20.0)))


def countdown_tick() -> AudioSegment:
    """A dry 80 ms tick, high enough to cut through without being sharp."""
    return tone(CUE_FREQUENCIES[Cue.COUNTDOWN_TICK], 80).fade_out(30)


def side_switch() -> AudioSegment:
    """Two notes rising a fifth: "now the other side"."""
    low = CUE_FREQUENCIES[Cue.SIDE_SWITCH]
    first = decay(tone(low, 180), db_per_second=40.0)
    second = decay(tone(low * 1.5, 220), db_per_second=60.0)
    return first + second


def rep() -> AudioSegment:
    """A short soft blip that marks the next repetition."""
    return decay(tone(CUE_FREQUENCIES[Cue.REP], 120), db_per_second=150.0)


def halfway() -> AudioSegment:
    """Two gentle pulses on the same note: "half of this step is done"."""
    note = CUE_FREQUENCIES[Cue.HALFWAY]
    pulse = decay(tone(note, 140).overlay(tone(note * 2.0, 140, -14.0)), db_per_second=90.0)
    return pulse + silence(80) + pulse


def lesson_finished() -> AudioSegment:
    """A slow major arpeggio that settles into a chord: the end of the lesson."""
    root = CUE_FREQUENCIES[Cue.LESSON_FINISHED]
    notes = (root, root * 1.26, root * 1.4983)  # G4, B4, D5
    length = 900
    chord = silence(length)
    for index, note in enumerate(notes):
        offset = index * 150
        chord = chord.overlay(decay(tone(note, length - offset), 40.0), position=offset)
    return chord.fade_out(120)


RECIPES: dict[Cue, Callable[[], AudioSegment]] = {
    Cue.STEP_START: step_start,
    Cue.COUNTDOWN_TICK: countdown_tick,
    Cue.SIDE_SWITCH: side_switch,
    Cue.REP: rep,
    Cue.HALFWAY: halfway,
    Cue.LESSON_FINISHED: lesson_finished,
}


def loudest_level(audio: AudioSegment) -> float:
    """RMS level in dBFS of the loudest ``LEVEL_WINDOW_MS`` of ``audio`` (10 ms hops)."""
    window = min(LEVEL_WINDOW_MS, len(audio))
    loudest = max(
        audio[start : start + window].rms for start in range(0, len(audio) - window + 1, 10)
    )
    if loudest == 0:
        return -math.inf
    return 20 * math.log10(loudest / audio.max_possible_amplitude)


def finish(audio: AudioSegment) -> AudioSegment:
    """Bring a cue to the shared format and level, never letting its peak pass the ceiling."""
    audio = audio.set_channels(CHANNELS).set_frame_rate(SAMPLE_RATE).set_sample_width(SAMPLE_WIDTH)
    audio = audio.apply_gain(LEVEL_DBFS - loudest_level(audio))
    if audio.max_dBFS > PEAK_CEILING_DBFS:
        audio = audio.apply_gain(PEAK_CEILING_DBFS - audio.max_dBFS)
    return audio


def describe(cue: Cue, audio: AudioSegment) -> str:
    return (
        f"{cue_file_name(cue):22} {CUE_FREQUENCIES[cue]:7.2f} Hz {len(audio):4d} ms"
        f"  level {loudest_level(audio):6.1f} dBFS  peak {audio.max_dBFS:6.1f} dBFS"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make freefeet's cue sounds in audio/.")
    parser.add_argument("--check", action="store_true", help="report only; write no file")
    parser.add_argument("--out", type=Path, default=AUDIO_DIR, help="folder to write to")
    args = parser.parse_args(argv)
    for cue, recipe in RECIPES.items():
        audio = finish(recipe())
        if len(audio) > CUE_MAX_SECONDS[cue] * 1000:
            print(f"{cue_file_name(cue)} is {len(audio)} ms, longer than allowed", file=sys.stderr)
            return 1
        print(describe(cue, audio))
        if not args.check:
            args.out.mkdir(parents=True, exist_ok=True)
            audio.export(args.out / cue_file_name(cue), format="wav")
    return 0


if __name__ == "__main__":
    sys.exit(main())
