"""The numbers every part of sound agrees on: the stream format and each cue's own pitch.

``audio/make_sounds.py`` builds the cue files from these constants, the playback layer decodes
everything to this format, and the tests look for these frequencies in what was played. One
place for them keeps the three in step: retune a cue here and rerun the script.
"""

from __future__ import annotations

from freefeet_tui.core.cues import Cue

SAMPLE_RATE = 22050
"""Frames per second of every sound and of the output stream.

Every cue tone and partial sits below 3 kHz and both voice engines speak at 22.05 kHz, so a
higher rate would only double the memory and the mixing work; the device resamples.
"""

SAMPLE_WIDTH = 2
"""Bytes per sample: signed 16-bit."""

CHANNELS = 1
"""Mono: a cue does not need a position, and mono halves the mixing work."""

LEVEL_DBFS = -18.0
"""Every cue file's loudest 50 ms has this RMS level, so no cue sounds louder than another."""

LEVEL_WINDOW_MS = 50
"""The window the level is measured over: about how long the ear takes to judge loudness."""

PEAK_CEILING_DBFS = -9.0
"""No cue file peaks above this, so a cue, a voice clip and a tick can overlap unclipped."""

VOICE_PEAK_DBFS = -9.0
"""Spoken clips are brought to this peak when decoded: speech peaks far above its average."""

CUE_FREQUENCIES: dict[Cue, float] = {
    Cue.STEP_START: 880.0,
    Cue.COUNTDOWN_TICK: 1320.0,
    Cue.SIDE_SWITCH: 660.0,
    Cue.REP: 1175.0,
    Cue.HALFWAY: 523.25,
    Cue.LESSON_FINISHED: 392.0,
}
"""Each cue's fundamental in hertz: the pitch it starts on, and no other cue sounds it.

Tests tell cues apart by these, so every other tone a cue uses keeps at least 60 Hz away from
the fundamentals of the other cues.
"""

CUE_MAX_SECONDS: dict[Cue, float] = {
    Cue.STEP_START: 0.7,
    Cue.COUNTDOWN_TICK: 0.09,
    Cue.SIDE_SWITCH: 0.45,
    Cue.REP: 0.15,
    Cue.HALFWAY: 0.4,
    Cue.LESSON_FINISHED: 0.95,
}
"""Upper bounds on each file's length: cues stay short so they never mask the voice."""


def cue_file_name(cue: Cue) -> str:
    """The file a cue's sound lives in, inside the audio folder."""
    return f"{cue.value}.wav"


def db_to_gain(db: float) -> float:
    """Linear amplitude for a level in decibels (``-6`` gives about one half)."""
    return float(10.0 ** (db / 20.0))
