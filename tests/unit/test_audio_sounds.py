"""The shipped cue sounds and their decoding: right pitch, length, level, no clicks.

The files are checked against the constants in ``freefeet_tui.audio.tones`` and against a
fresh run of ``audio/make_sounds.py``, so the committed WAVs are exactly what the script makes.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

from freefeet_tui.audio import bank as bank_module
from freefeet_tui.audio.bank import DecodeError, SoundBank, decode_file, resample, scale_to_peak
from freefeet_tui.audio.tones import (
    CUE_FREQUENCIES,
    CUE_MAX_SECONDS,
    LEVEL_DBFS,
    LEVEL_WINDOW_MS,
    PEAK_CEILING_DBFS,
    SAMPLE_RATE,
    cue_file_name,
    db_to_gain,
)
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.locations import builtin_audio_dir
from tests.conftest import REPO
from tests.helpers.alsa_sink import goertzel_fraction

AUDIO = builtin_audio_dir()


def loudest_level(samples: array[int]) -> float:
    window = SAMPLE_RATE * LEVEL_WINDOW_MS // 1000
    best = 0.0
    for start in range(0, max(1, len(samples) - window + 1), SAMPLE_RATE // 100):
        part = samples[start : start + window]
        best = max(best, math.sqrt(sum(v * v for v in part) / len(part)))
    return 20 * math.log10(best / 32768)


@pytest.mark.parametrize("cue", list(Cue))
def test_each_cue_file_is_short_mono_16_bit_at_the_shared_rate(cue: Cue) -> None:
    with wave.open(str(AUDIO / cue_file_name(cue))) as reader:
        assert reader.getnchannels() == 1
        assert reader.getsampwidth() == 2
        assert reader.getframerate() == SAMPLE_RATE
        seconds = reader.getnframes() / SAMPLE_RATE
    assert 0.05 < seconds <= CUE_MAX_SECONDS[cue] < 1.0


@pytest.mark.parametrize("cue", list(Cue))
def test_each_cue_starts_on_its_own_frequency(cue: Cue) -> None:
    samples = decode_file(AUDIO / cue_file_name(cue)).samples
    window = samples[: SAMPLE_RATE // 25]  # the first 40 ms
    shares = {
        other: goertzel_fraction(window, hz, SAMPLE_RATE) for other, hz in CUE_FREQUENCIES.items()
    }
    assert shares[cue] > 0.6, shares
    assert all(share < 0.1 for other, share in shares.items() if other is not cue), shares


def test_cue_frequencies_are_far_enough_apart_to_tell_apart() -> None:
    pitches = sorted(CUE_FREQUENCIES.values())
    assert len(set(pitches)) == len(Cue)
    assert min(b - a for a, b in itertools.pairwise(pitches)) >= 60


@pytest.mark.parametrize("cue", list(Cue))
def test_cues_are_level_matched_soft_and_fade_in_and_out(cue: Cue) -> None:
    samples = decode_file(AUDIO / cue_file_name(cue)).samples
    assert loudest_level(samples) == pytest.approx(LEVEL_DBFS, abs=0.5)
    peak = max(max(samples), -min(samples))
    assert peak <= db_to_gain(PEAK_CEILING_DBFS) * 32768
    # Fades: the first and last half millisecond stay far below the peak (no click), where a
    # bare sine would already swing to full height.
    edge = SAMPLE_RATE // 2000
    head, tail = samples[:edge], samples[-edge:]
    assert max(map(abs, head)) <= 0.2 * peak and max(map(abs, tail)) <= 0.2 * peak


@pytest.mark.skipif(importlib.util.find_spec("pydub") is None, reason="needs pydub (dev group)")
def test_make_sounds_regenerates_the_shipped_files_exactly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "audio" / "make_sounds.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ffmpeg" not in result.stderr  # the pydub warning is filtered
    for cue in Cue:
        made = (tmp_path / cue_file_name(cue)).read_bytes()
        assert made == (REPO / "audio" / cue_file_name(cue)).read_bytes(), cue
        assert cue_file_name(cue) in result.stdout


def test_the_bank_decodes_once_and_looks_up_without_the_disk(tmp_path: Path) -> None:
    for cue in Cue:
        (tmp_path / cue_file_name(cue)).write_bytes((AUDIO / cue_file_name(cue)).read_bytes())
    bank = SoundBank(tmp_path)
    assert bank.cue(Cue.REP) is None  # nothing decoded yet
    assert bank.load_cues() == len(Cue)
    first = bank.cue(Cue.REP)
    for cue in Cue:
        (tmp_path / cue_file_name(cue)).unlink()
    assert bank.cue(Cue.REP) is first  # still there: lookups never read files
    assert bank.load(bank.cue_path(Cue.REP)) is first
    assert len(bank) == len(Cue) and bank.nbytes > 0 and bank.problems == []


def test_a_bad_file_is_reported_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF nonsense")
    bank = SoundBank(tmp_path)
    assert bank.load(bad) is None
    assert len(bank.problems) == 1 and bank.problems[0].startswith(f"{bad}: ")
    with pytest.raises(DecodeError, match=r"broken\.wav"):
        decode_file(bad)


def write_wav(path: Path, values: list[int], rate: int, channels: int = 1) -> None:
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(array("h", values).tobytes())


def tone(hz: float, rate: int, seconds: float, amplitude: int = 10000) -> list[int]:
    return [
        round(amplitude * math.sin(2 * math.pi * hz * i / rate)) for i in range(int(rate * seconds))
    ]


@pytest.mark.parametrize("without_miniaudio", [False, True])
def test_other_rates_and_stereo_are_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, without_miniaudio: bool
) -> None:
    if without_miniaudio:  # the standard-library path used when miniaudio is missing
        monkeypatch.setitem(sys.modules, "miniaudio", None)
    left = tone(440, 22050, 0.5)
    stereo = [v for sample in left for v in (sample, sample)]
    path = tmp_path / "speech.wav"
    write_wav(path, stereo, 22050, channels=2)
    samples = decode_file(path).samples
    assert abs(len(samples) - SAMPLE_RATE // 2) <= 2
    assert goertzel_fraction(samples[:4410], 440, SAMPLE_RATE) > 0.9
    assert max(samples) == pytest.approx(10000, rel=0.02)


def test_decoded_clips_can_be_brought_to_a_peak(tmp_path: Path) -> None:
    path = tmp_path / "loud.wav"
    write_wav(path, tone(300, SAMPLE_RATE, 0.2, amplitude=32000), SAMPLE_RATE)
    samples = decode_file(path, peak_dbfs=-12.0).samples
    assert max(samples) == pytest.approx(32767 * db_to_gain(-12.0), abs=2)
    assert scale_to_peak(array("h", [0, 0]), -6.0).tolist() == [0, 0]


def test_resample_keeps_the_ends_and_the_length_ratio() -> None:
    assert resample([0, 100], 1, 2) == [0, 50, 100, 100]
    assert resample([5, 6, 7], 8000, 8000) == [5, 6, 7]
    assert bank_module.resample([], 22050, SAMPLE_RATE) == []
