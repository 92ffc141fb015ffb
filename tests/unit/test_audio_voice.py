"""Spoken cues: clip names, which texts a lesson speaks, and rendering with espeak-ng."""

from __future__ import annotations

import shutil
import stat
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.audio.bank import decode_file
from freefeet_tui.audio.tones import SAMPLE_RATE, VOICE_PEAK_DBFS, db_to_gain
from freefeet_tui.audio.voice import (
    ESPEAK,
    PIPER,
    VoiceEngine,
    VoiceError,
    best_engine,
    cached_clip,
    clip_key,
    clip_path,
    find_engines,
    lesson_clips,
    lesson_texts,
    piper_installed,
    render_lesson,
    render_texts,
    text_hash,
    trim_silence,
)
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.locations import user_locations

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")


@pytest.fixture
def lesson(write_lesson: Callable[..., Path]) -> Lesson:
    return load_lesson(write_lesson())


def test_silence_at_the_ends_is_trimmed_to_a_short_margin() -> None:
    margin = round(0.03 * SAMPLE_RATE)
    samples = array("h", [0] * 5000 + [3000, -3000] + [10] * 5000)
    trimmed = trim_silence(samples)
    assert len(trimmed) == 2 * margin + 2
    assert trimmed[margin : margin + 2].tolist() == [3000, -3000]
    assert len(trim_silence(array("h", [5, -5, 0]))) == 0


def test_the_key_hash_is_standard_fnv1a_128() -> None:
    assert text_hash(b"") == 0x6C62272E07BB014262B821756295C58D
    assert text_hash(b"a") == 0xD228CB696F1A8CAF78912B704E4A8964  # the published test vector


def test_clip_keys_depend_on_text_engine_and_voice() -> None:
    key = clip_key("Lift your hips.", ESPEAK)
    assert key == clip_key("Lift your hips.", ESPEAK)
    assert key.startswith("espeak-ng-")
    assert key != clip_key("Lift your hips!", ESPEAK)
    assert key != clip_key("Lift your hips.", PIPER)
    assert key != clip_key("Lift your hips.", VoiceEngine("espeak-ng", "en-gb"))


def test_a_lesson_speaks_each_cue_and_reminder_once_in_order(lesson: Lesson) -> None:
    assert lesson_texts(lesson) == [
        "Stand easy and notice your feet.",
        "Squeeze your buttocks to lift your hips.",
        "Belly soft: do not tighten your abs.",
    ]


def test_no_engine_on_the_path_renders_nothing_but_finds_cached_clips(
    tmp_path: Path, lesson: Lesson, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = clip_path(tmp_path, "Stand easy and notice your feet.", ESPEAK)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"RIFF")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    if piper_installed():
        pytest.skip("Piper is installed, so an engine is always found")
    assert find_engines() == [] and best_engine() is None
    report = render_lesson(lesson, tmp_path)
    assert report.engine is None and report.rendered == [] and report.failed == []
    assert report.cached == [cached]
    assert lesson_clips(lesson, tmp_path) == {"Stand easy and notice your feet.": cached}


def test_an_engine_that_vanished_fails_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(VoiceError, match="espeak-ng is no longer on the PATH"):
        ESPEAK.render_many([("Hello.", tmp_path / "x.wav")])
    report = render_texts(["Hello."], tmp_path, ESPEAK)
    assert report.rendered == [] and report.failed == ["espeak-ng is no longer on the PATH"]
    assert not list((tmp_path / "voice").iterdir())  # no half-written clip is left behind


@needs_espeak
def test_espeak_renders_every_text_of_a_lesson_then_reuses_the_clips(lesson: Lesson) -> None:
    cache = user_locations().cache
    assert best_engine("espeak-ng") == ESPEAK
    report = render_lesson(lesson, cache, ESPEAK)
    assert report.failed == [] and report.cached == []
    assert len(report.rendered) == 3
    for path, text in zip(report.rendered, lesson_texts(lesson), strict=True):
        assert path == clip_path(cache, text, ESPEAK)
        with wave.open(str(path)) as reader:  # stored as the player plays it
            assert (reader.getframerate(), reader.getnchannels()) == (SAMPLE_RATE, 1)
            seconds = reader.getnframes() / reader.getframerate()
        assert 0.8 < seconds < 10
        samples = decode_file(path).samples
        assert sum(1 for v in samples if abs(v) > 1000) > 2000  # real speech, not silence
        peak = max(max(samples), -min(samples))
        assert peak == pytest.approx(db_to_gain(VOICE_PEAK_DBFS) * 32767, abs=2)
        assert max(map(abs, samples[:10])) <= 64 and max(map(abs, samples[-10:])) <= 64
    assert stat.S_IMODE((cache / "voice").stat().st_mode) == 0o700
    again = render_lesson(lesson, cache, ESPEAK)
    assert again.rendered == [] and again.cached == report.rendered
    assert cached_clip(cache, lesson_texts(lesson)[0]) == report.rendered[0]


@needs_espeak
def test_a_text_that_looks_like_an_option_is_spoken_not_obeyed(tmp_path: Path) -> None:
    report = render_texts(["--help me lift", "-w /tmp/elsewhere.wav"], tmp_path, ESPEAK)
    assert report.failed == [] and len(report.rendered) == 2
    assert all(path.stat().st_size > 10_000 for path in report.rendered)


@pytest.mark.skipif(not piper_installed(), reason="needs the voice extra (piper-tts)")
def test_piper_renders_a_clip(tmp_path: Path) -> None:
    report = render_texts(["Lift your hips, slowly."], tmp_path, PIPER)
    assert report.failed == [] and len(report.rendered) == 1
    assert len(decode_file(report.rendered[0]).samples) > 20_000
