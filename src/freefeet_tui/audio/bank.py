"""Decode sound files once into mixer-ready samples and keep them by path.

miniaudio decodes WAV, FLAC, OGG and MP3 and converts rate and channels in C, so a lesson's
recorded clip in any of those formats works without ffmpeg. When miniaudio cannot be imported
(the simpleaudio or bell backends on an odd platform), WAV files are read with the standard
``wave`` module instead. Lookups (:meth:`SoundBank.get`) never touch the disk: the cue output
calls them inside the timer tick, and decoding happens beforehand, in a background thread.
"""

from __future__ import annotations

import sys
import threading
import wave
from array import array
from pathlib import Path

from freefeet_tui.audio.mixer import INT16_MAX, Sound
from freefeet_tui.audio.tones import CHANNELS, SAMPLE_RATE, cue_file_name, db_to_gain
from freefeet_tui.core.cues import Cue

_BLOCK = 4096  # samples scaled per step in scale_to_peak


class DecodeError(Exception):
    """A sound file that cannot be read or decoded; ``str()`` is ``FILE: what is wrong``."""


def decode_file(path: Path, peak_dbfs: float | None = None) -> Sound:
    """Decode ``path`` to 16-bit mono at ``SAMPLE_RATE``; optionally scale it to a peak level."""
    try:
        import miniaudio
    except ImportError:
        samples = _decode_wav(path)
    else:
        try:
            decoded = miniaudio.decode_file(
                str(path),
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=CHANNELS,
                sample_rate=SAMPLE_RATE,
            )
        except (miniaudio.DecodeError, miniaudio.MiniaudioError, OSError) as exc:
            raise DecodeError(f"{path}: cannot decode the sound: {exc}") from None
        samples = decoded.samples
        if samples.typecode != "h":  # miniaudio returns array('h') for SIGNED16; be sure
            samples = array("h", samples)
    if peak_dbfs is not None:
        samples = scale_to_peak(samples, peak_dbfs)
    return Sound(path.stem, samples)


def scale_to_peak(samples: array[int], peak_dbfs: float) -> array[int]:
    """``samples`` scaled so their loudest sample sits at ``peak_dbfs`` (silence stays silent).

    Integer arithmetic: the loudest sample maps to the target, so nothing can overflow. Done
    in blocks so the temporary Python integers never add up to megabytes of memory.
    """
    peak = max(max(samples, default=0), -min(samples, default=0))
    if peak == 0:
        return samples
    target = round(db_to_gain(peak_dbfs) * INT16_MAX)
    scaled = array("h")
    for start in range(0, len(samples), _BLOCK):
        scaled.extend(array("h", [v * target // peak for v in samples[start : start + _BLOCK]]))
    return scaled


def write_wav(path: Path, samples: array[int]) -> None:
    """Write mixer-ready samples as a 16-bit mono WAV at ``SAMPLE_RATE``."""
    data = samples
    if sys.byteorder == "big":
        data = array("h", samples)
        data.byteswap()
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(CHANNELS)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(data.tobytes())


def _decode_wav(path: Path) -> array[int]:
    """Read a PCM WAV with the standard library: any channel count, 8 to 32 bits, any rate."""
    try:
        with wave.open(str(path), "rb") as reader:
            channels = reader.getnchannels()
            width = reader.getsampwidth()
            rate = reader.getframerate()
            raw = reader.readframes(reader.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise DecodeError(f"{path}: cannot read the WAV file: {exc}") from None
    if width == 1:
        values = [(b - 128) << 8 for b in raw]
    elif width == 2:
        pcm = array("h")
        pcm.frombytes(raw[: len(raw) // 2 * 2])
        if sys.byteorder == "big":
            pcm.byteswap()
        if channels == 1 and rate == SAMPLE_RATE:
            return pcm
        values = pcm.tolist()
    elif width in (3, 4):
        step = width
        values = [
            int.from_bytes(raw[i + step - 2 : i + step], "little", signed=True)
            for i in range(0, len(raw) - step + 1, step)
        ]
    else:
        raise DecodeError(f"{path}: {8 * width}-bit samples are not supported")
    if channels > 1:
        values = [
            sum(values[i : i + channels]) // channels for i in range(0, len(values), channels)
        ]
    if rate != SAMPLE_RATE:
        values = resample(values, rate, SAMPLE_RATE)
    return array("h", values)


def resample(values: list[int], source_rate: int, target_rate: int) -> list[int]:
    """Linear-interpolation resampling: plenty for speech and chimes."""
    if not values or source_rate == target_rate:
        return values
    count = max(1, round(len(values) * target_rate / source_rate))
    ratio = source_rate / target_rate
    last = len(values) - 1
    out: list[int] = []
    for index in range(count):
        where = index * ratio
        low = int(where)
        if low >= last:
            out.append(values[last])
            continue
        frac = where - low
        out.append(round(values[low] + (values[low + 1] - values[low]) * frac))
    return out


class SoundBank:
    """Decoded sounds by resolved path: decode once (off the timer), look up for free."""

    def __init__(self, audio_dir: Path) -> None:
        self.audio_dir = audio_dir
        self._sounds: dict[Path, Sound] = {}
        self._lock = threading.Lock()
        self.problems: list[str] = []
        """One line per file that could not be decoded, for a notice or ``freefeet doctor``."""

    def cue_path(self, cue: Cue) -> Path:
        return self.audio_dir / cue_file_name(cue)

    def get(self, path: Path) -> Sound | None:
        """The decoded sound for ``path`` if it is ready; never reads or decodes anything."""
        return self._sounds.get(path)

    def cue(self, cue: Cue) -> Sound | None:
        return self._sounds.get(self.cue_path(cue))

    def load(self, path: Path, peak_dbfs: float | None = None) -> Sound | None:
        """Decode ``path`` unless it already is; a bad file is noted in ``problems``."""
        sound = self._sounds.get(path)
        if sound is not None:
            return sound
        try:
            sound = decode_file(path, peak_dbfs)
        except DecodeError as exc:
            with self._lock:
                self.problems.append(str(exc))
            return None
        with self._lock:
            self._sounds.setdefault(path, sound)
        return sound

    def load_cues(self) -> int:
        """Decode every cue sound; returns how many are ready."""
        return sum(self.load(self.cue_path(cue)) is not None for cue in Cue)

    @property
    def nbytes(self) -> int:
        """Memory held by decoded samples."""
        return sum(sound.nbytes for sound in list(self._sounds.values()))

    def __len__(self) -> int:
        return len(self._sounds)
