"""A small mixer: decoded sounds go in, one stream of 16-bit mono frames comes out.

One long-lived output stream pulls frames from :meth:`Mixer.mix`, so a spoken cue, a chime and
a tick can overlap instead of cutting each other off. Adding a sound only appends already
decoded samples to a list; all the work happens when the stream asks for frames. Mixing is
plain integer arithmetic on ``array('h')`` (no numpy): the built-in ``map``, slicing and
``min``/``max`` keep a 100 ms buffer well under a millisecond.
"""

from __future__ import annotations

import operator
import threading
import time
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from freefeet_tui.audio.tones import SAMPLE_RATE

INT16_MIN, INT16_MAX = -32768, 32767
VOLUME_STEP = 0.1
_GAIN_BITS = 12  # volume gain is applied as an integer multiply and a shift
_UNITY = 1 << _GAIN_BITS


@dataclass(frozen=True, slots=True, eq=False)
class Sound:
    """A decoded sound: signed 16-bit mono samples at ``SAMPLE_RATE``, ready to mix."""

    name: str
    samples: array[int]  # typecode "h"

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    @property
    def nbytes(self) -> int:
        return len(self.samples) * self.samples.itemsize


class _Voice:
    """A sound being played: where it is up to. A negative position is a delay still to wait."""

    __slots__ = ("position", "samples", "tag")

    def __init__(self, samples: array[int], position: int, tag: str) -> None:
        self.samples = samples
        self.position = position
        self.tag = tag


def clip_int16(values: list[int]) -> list[int]:
    """Saturate summed samples to the 16-bit range (only pays the cost when something clips)."""
    if not values or (max(values) <= INT16_MAX and min(values) >= INT16_MIN):
        return values
    return [INT16_MAX if v > INT16_MAX else INT16_MIN if v < INT16_MIN else v for v in values]


def sum_clip(parts: Sequence[tuple[int, Sequence[int]]], frames: int) -> array[int]:
    """Sum ``(offset, samples)`` parts into ``frames`` samples, saturating at the int16 range."""
    total = [0] * frames
    for offset, samples in parts:
        end = min(frames, offset + len(samples))
        if end > offset:
            total[offset:end] = map(operator.add, total[offset:end], samples[: end - offset])
    return array("h", clip_int16(total))


def volume_gain(volume: float) -> float:
    """Amplitude for a volume setting: the square, so equal steps sound roughly equal.

    0.8 plays at 0.64 (about -4 dB), 0.5 at 0.25 (-12 dB), 0.1 at 0.01 (-40 dB).
    """
    return volume * volume


class Mixer:
    """Sums every playing sound into the output stream, with volume, mute and clip protection."""

    def __init__(self, volume: float = 0.8, muted: bool = False) -> None:
        self._lock = threading.Condition()
        self._voices: list[_Voice] = []
        self._silence: dict[int, array[int]] = {}
        self._volume = 0.0
        self._gain = 0
        self.muted = muted
        self.frames_out = 0
        """Frames handed to the output so far: a clock of what has been played."""
        self.on_add: Callable[[], None] | None = None
        """Called after a sound is added; push backends use it to wake their player thread."""
        self.volume = volume

    # controls --------------------------------------------------------------------------
    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = round(min(1.0, max(0.0, float(value))), 3)
        self._gain = round(volume_gain(self._volume) * _UNITY)

    def volume_up(self, step: float = VOLUME_STEP) -> float:
        self.volume = self._volume + step
        return self._volume

    def volume_down(self, step: float = VOLUME_STEP) -> float:
        self.volume = self._volume - step
        return self._volume

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted

    # queueing --------------------------------------------------------------------------
    def add(self, sound: Sound, delay: float = 0.0, tag: str = "") -> None:
        """Queue a decoded sound to start ``delay`` seconds from now; returns at once.

        ``tag`` groups sounds for :meth:`cancel` (the player tags speech, so a new step's
        words replace the last step's unfinished ones instead of talking over them).
        """
        voice = _Voice(sound.samples, -round(max(0.0, delay) * SAMPLE_RATE), tag)
        with self._lock:
            self._voices.append(voice)
        wake = self.on_add
        if wake is not None:
            wake()

    def cancel(self, tag: str) -> int:
        """Drop every sound queued with ``tag``; returns how many were dropped."""
        with self._lock:
            keep = [voice for voice in self._voices if voice.tag != tag]
            dropped = len(self._voices) - len(keep)
            self._voices = keep
            if not keep:
                self._lock.notify_all()
        return dropped

    def cancel_pending(self, tag: str) -> int:
        """Drop the sounds queued with ``tag`` that have not started; one already sounding
        plays to its end. Returns how many were dropped."""
        with self._lock:
            keep = [v for v in self._voices if v.tag != tag or v.position > 0]
            dropped = len(self._voices) - len(keep)
            self._voices = keep
            if not keep:
                self._lock.notify_all()
        return dropped

    def tag_remaining(self, tag: str) -> float:
        """Seconds until the last sound queued with ``tag`` has played out (0 when none is)."""
        with self._lock:
            frames = max(
                (len(v.samples) - v.position for v in self._voices if v.tag == tag), default=0
            )
        return frames / SAMPLE_RATE

    def clear(self) -> None:
        """Stop every sound at once (the lesson was stopped or skipped)."""
        with self._lock:
            self._voices.clear()
            self._lock.notify_all()

    @property
    def busy(self) -> bool:
        """Whether any sound is still playing or waiting to start."""
        return bool(self._voices)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until every queued sound has been played out; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._voices:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.05))
        return True

    def pending_frames(self) -> int:
        """Frames until the last queued sound ends."""
        with self._lock:
            return max((len(v.samples) - v.position for v in self._voices), default=0)

    # output ----------------------------------------------------------------------------
    def mix(self, frames: int) -> array[int]:
        """The next ``frames`` output samples; advances every playing sound. Never raises."""
        with self._lock:
            self.frames_out += frames
            if not self._voices:
                return self._zeros(frames)
            parts: list[tuple[int, Sequence[int]]] = []
            keep: list[_Voice] = []
            for voice in self._voices:
                start = voice.position
                voice.position += frames
                if start < 0:
                    offset = -start
                    if offset < frames:
                        parts.append((offset, voice.samples[: frames - offset]))
                else:
                    parts.append((0, voice.samples[start : start + frames]))
                if voice.position < len(voice.samples):
                    keep.append(voice)
            self._voices = keep
            if not keep:
                self._lock.notify_all()
            gain, muted = self._gain, self.muted
        if muted or gain == 0 or not parts:
            return self._zeros(frames)
        return self._finish(parts, frames, gain)

    def render_all(self) -> array[int]:
        """Everything still queued, mixed to its end and consumed (for push backends)."""
        return self.mix(self.pending_frames())

    def _finish(self, parts: list[tuple[int, Sequence[int]]], frames: int, gain: int) -> array[int]:
        if len(parts) == 1 and gain == _UNITY:
            offset, samples = parts[0]
            if offset == 0 and len(samples) == frames and isinstance(samples, array):
                return samples  # one sound at full volume: the slice is the output
        total = [0] * frames
        for offset, samples in parts:
            end = offset + len(samples)
            total[offset:end] = map(operator.add, total[offset:end], samples)
        if gain != _UNITY:
            total = [v * gain >> _GAIN_BITS for v in total]
        return array("h", clip_int16(total))

    def _zeros(self, frames: int) -> array[int]:
        zeros = self._silence.get(frames)
        if zeros is None:
            zeros = array("h", bytes(2 * frames))
            if len(self._silence) < 8:
                self._silence[frames] = zeros
        return zeros
