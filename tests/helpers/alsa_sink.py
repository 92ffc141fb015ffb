"""Real sound with no sound card: ALSA's file sink, and finding cue tones in what it caught.

ALSA reads its configuration when the library loads, so a test writes an ``asound.conf`` into
its temp folder and starts a *child* process with ``ALSA_CONFIG_PATH`` pointing at it. Every
stream the child opens on the default device is written to a WAV file. With
``truncate=False`` each new stream gets its own numbered file (``capture.wav``,
``capture.wav.0001``...), which simpleaudio needs since it opens a stream per buffer.

The WAV header the sink writes may claim a wrong length (0 when the child was killed), so the
reader takes every byte after the ``data`` chunk header. A Goertzel filter, a single-frequency
DFT bin, tells which cue frequency dominates each short window; no numpy needed.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from array import array
from collections.abc import Iterable, Mapping
from pathlib import Path

from freefeet_tui.core.engine import build_plan
from freefeet_tui.core.events import SegmentKind
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.library import default_library

SINK_CONF = """\
pcm.!default {{
    type file
    slave {{ pcm {{ type null }} }}
    file "{wav}"
    format "wav"
    truncate {truncate}
}}
"""

MISSING_DEVICE_CONF = "pcm.!default { type hw card 99 }\n"

WINDOW_SECONDS = 0.04  # 25 Hz resolution: enough to part cues 60 Hz apart
GAP_SECONDS = 0.15  # zeros at least this long separate two sounds


def write_sink_config(folder: Path, truncate: bool = True) -> tuple[Path, Path]:
    """An asound.conf sending the default device to a WAV in ``folder``: (conf, wav)."""
    wav = folder / "capture.wav"
    conf = folder / "asound.conf"
    conf.write_text(SINK_CONF.format(wav=wav, truncate="true" if truncate else "false"))
    return conf, wav


def write_missing_device_config(folder: Path) -> Path:
    """An asound.conf whose default device is a sound card that does not exist."""
    conf = folder / "asound-missing.conf"
    conf.write_text(MISSING_DEVICE_CONF)
    return conf


def run_child(
    script: str, conf: Path, args: Iterable[str] = (), timeout: float = 120.0
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh Python whose ALSA reads ``conf``."""
    env = os.environ.copy()
    env["ALSA_CONFIG_PATH"] = str(conf)
    env.pop("PULSE_SERVER", None)  # ALSA only: never reach a sound server outside the test
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def read_capture(path: Path) -> tuple[int, array[int]]:
    """(sample rate, mono int16 samples) of a sink WAV, trusting the bytes over the header."""
    data = path.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{path} is not a WAV file")
    rate = channels = 0
    position = 12
    while position + 8 <= len(data):
        chunk, size = (
            data[position : position + 4],
            int.from_bytes(data[position + 4 : position + 8], "little"),
        )
        body = position + 8
        if chunk == b"fmt ":
            channels = int.from_bytes(data[body + 2 : body + 4], "little")
            rate = int.from_bytes(data[body + 4 : body + 8], "little")
            bits = int.from_bytes(data[body + 14 : body + 16], "little")
            if bits != 16:
                raise ValueError(f"{path}: expected 16-bit samples, found {bits}-bit")
        if chunk == b"data":
            raw = data[body : len(data) - (len(data) - body) % 2]
            samples = array("h")
            samples.frombytes(raw)
            if sys.byteorder == "big":
                samples.byteswap()
            if channels > 1:
                samples = array("h", samples[::channels])
            return rate, samples
        position = body + size + (size & 1)
    raise ValueError(f"{path} has no data chunk")


def capture_files(wav: Path) -> list[Path]:
    """The sink's files in the order they were opened: the first, then .0001, .0002..."""
    numbered = sorted(wav.parent.glob(wav.name + ".[0-9][0-9][0-9][0-9]"))
    return ([wav] if wav.exists() else []) + numbered


def read_all_captures(wav: Path) -> tuple[int, array[int]]:
    """Every captured stream end to end, with silence between so sounds stay apart."""
    rate, joined = 0, array("h")
    for path in capture_files(wav):
        rate, samples = read_capture(path)
        joined.extend(samples)
        joined.extend(array("h", bytes(2 * round(rate * GAP_SECONDS * 2))))
    return rate, joined


def sounds(
    samples: array[int], rate: int, gap_seconds: float = GAP_SECONDS
) -> list[tuple[int, int]]:
    """(start, end) of each stretch of sound, split at runs of zeros; trailing silence dropped."""
    raw = samples.tobytes()
    zero_run = re.compile(b"\\x00{%d,}" % (2 * round(rate * gap_seconds)))
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in zero_run.finditer(raw):
        first, last = (match.start() + 1) // 2, match.end() // 2
        if first > start:
            pieces.append((start, first))
        start = last
    if start < len(samples):
        pieces.append((start, len(samples)))
    return [(a, b) for a, b in pieces if any(samples[a:b])]


def goertzel_fraction(window: array[int] | list[int], frequency: float, rate: int) -> float:
    """Share of ``window``'s energy at ``frequency``: near 1 for a pure tone there, near 0 else."""
    n = len(window)
    energy = sum(v * v for v in window)
    if n == 0 or energy == 0:
        return 0.0
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for value in window:
        s1, s2 = value + coefficient * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
    return power / (energy * n / 2)


def tones_in(
    samples: array[int],
    rate: int,
    start: int,
    end: int,
    frequencies: Mapping[str, float],
    threshold: float = 0.3,
    max_seconds: float = 1.2,
) -> set[str]:
    """Names whose frequency dominates at least one window of ``samples[start:end]``."""
    found: set[str] = set()
    stop = min(end, start + round(max_seconds * rate))
    size = round(WINDOW_SECONDS * rate)
    for offset in range(start, max(start + 1, stop - size + 1), size // 2):
        window = samples[offset : offset + size]
        for name, frequency in frequencies.items():
            if name not in found and goertzel_fraction(window, frequency, rate) >= threshold:
                found.add(name)
    return found


def tone_sequence(
    samples: array[int], rate: int, frequencies: Mapping[str, float]
) -> list[set[str]]:
    """For each sound in order, the named tones heard in it."""
    return [tones_in(samples, rate, a, b, frequencies) for a, b in sounds(samples, rate)]


def matches_groups(heard: list[set[str]], expected: list[set[str]]) -> bool:
    """Whether ``heard`` plays ``expected`` in order, allowing one group to arrive as several
    sounds (cues queued in the same tick may start a buffer apart) but nothing extra."""
    position = 0
    for group in expected:
        got: set[str] = set()
        while got != group:
            if position >= len(heard) or not heard[position] or not heard[position] <= group:
                return False
            got |= heard[position]
            position += 1
    return position == len(heard)


def tone_levels(samples: array[int], rate: int, frequency: float) -> list[float]:
    """Amplitude of ``frequency`` in each 40 ms window, hopping 20 ms."""
    size = round(WINDOW_SECONDS * rate)
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    levels: list[float] = []
    for offset in range(0, max(1, len(samples) - size + 1), size // 2):
        s1 = s2 = 0.0
        for value in samples[offset : offset + size]:
            s1, s2 = value + coefficient * s1 - s2, s1
        power = max(0.0, s1 * s1 + s2 * s2 - coefficient * s1 * s2)
        levels.append(2 * math.sqrt(power) / size)
    return levels


def tone_onsets(
    samples: array[int], rate: int, frequency: float, on: float = 0.3, off: float = 0.15
) -> list[float]:
    """Seconds at which ``frequency`` starts sounding, for sounds that may overlap others.

    An onset is a rise above ``on`` times the loudest level of that frequency in the capture,
    counted again only after the level fell below ``off`` times it. Counts chimes even when
    ticks and other cues sound between them (a lesson played at a high tempo).
    """
    levels = tone_levels(samples, rate, frequency)
    loudest = max(levels, default=0.0)
    if loudest == 0:
        return []
    hop = round(WINDOW_SECONDS * rate) // 2 / rate
    onsets: list[float] = []
    armed = True
    for index, level in enumerate(levels):
        if armed and level >= on * loudest:
            onsets.append(index * hop)
            armed = False
        elif not armed and level < off * loudest:
            armed = True
    return onsets


def builtin(lesson_id: str) -> Lesson:
    return default_library().lessons[lesson_id]


def chime_starts(lesson: Lesson, tempo: float) -> list[float]:
    """Seconds from the start at which the plan's step chimes sound: work and rest starts."""
    starts, at = [], 0.0
    for segment in build_plan(lesson, tempo):
        if segment.kind in (SegmentKind.WORK, SegmentKind.REST):
            starts.append(at)
        at += segment.duration
    return starts
