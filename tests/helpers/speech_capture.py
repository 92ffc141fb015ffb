"""Finding spoken lines in what ALSA's file sink caught, even where a chime sounds on top.

The mixer adds sounds sample for sample, so a voice clip said at volume 1.0 is in the capture
as the cache holds it, plus whatever tone sounded at the same moment (a step's cue starts
while its chime still rings). A normalised cross-correlation finds it anyway: a chime or a
tick is a pure tone and barely correlates with speech, while the clip itself scores near 1.
Any other speech on top of a line (the voice talking over itself) would pull its score down
and show as two overlapping intervals.

Needs numpy (there with the report extra's matplotlib): import this module only after
``pytest.importorskip("numpy")``.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

FOUND_SCORE = 0.8
"""A clip whose normalised correlation with the capture reaches this is taken as said there.
Alone it scores 1.0; under a 0.6 s chime's tail still above 0.9."""


@dataclass(frozen=True, slots=True)
class SaidLine:
    """One spoken line found in the capture: its text and where it sounds, in samples."""

    text: str
    start: int
    end: int
    score: float


class CaptureSearch:
    """The capture's spectrum and running energy, worked out once for every clip looked for."""

    def __init__(self, capture: array[int]) -> None:
        self.signal: NDArray[np.float64] = np.frombuffer(capture, dtype=np.int16).astype(float)
        squares = np.concatenate(([0.0], np.cumsum(self.signal * self.signal)))
        self.energy = squares
        self.size = 1 << int(len(self.signal) * 2 - 1).bit_length()
        self.spectrum = np.fft.rfft(self.signal, self.size)

    def scores(self, clip: array[int]) -> NDArray[np.float64]:
        """Normalised correlation of ``clip`` with the capture at each start sample."""
        samples = np.frombuffer(clip, dtype=np.int16).astype(float)
        n = len(samples)
        if n == 0 or n > len(self.signal):
            return np.zeros(0)
        product = self.spectrum * np.conj(np.fft.rfft(samples, self.size))
        correlation = np.fft.irfft(product, self.size)[: len(self.signal) - n + 1]
        window = self.energy[n:] - self.energy[: len(self.energy) - n]
        norm = np.sqrt(np.maximum(window, 1e-9) * float(samples @ samples))
        result: NDArray[np.float64] = np.asarray(correlation / norm, dtype=np.float64)
        return result

    def find(self, text: str, clip: array[int], least: float = FOUND_SCORE) -> list[SaidLine]:
        """Every place ``clip`` is said, in order: peaks scoring at least ``least``, each the
        best within a clip's length either side."""
        scores = self.scores(clip).copy()
        n = len(clip)
        found: list[SaidLine] = []
        while len(scores):
            at = int(scores.argmax())
            best = float(scores[at])
            if best < least:
                break
            found.append(SaidLine(text, at, at + n, best))
            scores[max(0, at - n) : at + n] = 0.0
        return sorted(found, key=lambda line: line.start)


def overlaps(lines: list[SaidLine], gap: int = 0) -> list[tuple[SaidLine, SaidLine]]:
    """Pairs of lines, in order of time, where the second starts before the first has ended
    (plus ``gap`` samples of breath)."""
    ordered = sorted(lines, key=lambda line: line.start)
    return [
        (first, second) for first, second in pairwise(ordered) if second.start < first.end + gap
    ]
