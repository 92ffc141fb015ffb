"""The start-up lesson cache: same lessons as a fresh read, invalidated by any file change."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from freefeet_tui.core.lesson import LessonError, Origin
from freefeet_tui.core.lesson_cache import LessonCache
from freefeet_tui.core.library import load_library
from tests.conftest import LESSONS_DIR, TINY_LESSON


def test_a_cached_library_equals_a_fresh_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "lessons.marshal"
    fresh = load_library(LESSONS_DIR, None)
    first = load_library(LESSONS_DIR, None, cache_file=cache)
    second = load_library(LESSONS_DIR, None, cache_file=cache)
    assert cache.is_file()
    assert fresh.lessons == first.lessons == second.lessons
    assert list(second.lessons) == list(fresh.lessons)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600


def test_listing_lessons_twice_skips_toml_parsing_the_second_time(freefeet_home: Path) -> None:
    probe = (
        "import sys; from freefeet_tui.core.library import default_library; "
        "n = len(default_library()); "
        "print(n, 'freefeet_tui.core.loader' in sys.modules, 'tomllib' in sys.modules)"
    )
    env = {**os.environ, "FREEFEET_HOME": str(freefeet_home)}
    runs = [
        subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [run.stdout.split() for run in runs] == [["3", "True", "True"], ["3", "False", "False"]]


def test_an_edited_file_is_read_again(tmp_path: Path, write_lesson: Callable[..., Path]) -> None:
    folder = tmp_path / "lessons"
    path = write_lesson(folder=folder)
    cache = tmp_path / "lessons.marshal"
    assert load_library(folder, None, cache_file=cache).lessons["tiny"].title == "Tiny lesson"
    path.write_text(TINY_LESSON.replace("Tiny lesson", "Tiny lesson, edited"), encoding="utf-8")
    assert load_library(folder, None, cache_file=cache).lessons["tiny"].title == (
        "Tiny lesson, edited"
    )


def test_a_rejected_file_is_reported_the_same_from_the_cache(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    folder = tmp_path / "lessons"
    write_lesson(TINY_LESSON.replace('duration = "10s"', 'duration = "ten"'), folder=folder)
    cache = tmp_path / "lessons.marshal"
    fresh = load_library(folder, None).problems
    cached = [load_library(folder, None, cache_file=cache).problems for _ in range(2)]
    assert [str(p) for p in fresh] == [str(p) for p in cached[0]] == [str(p) for p in cached[1]]
    assert isinstance(cached[1][0], LessonError) and cached[1][0].line == 11


def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "lessons.marshal"
    cache.write_bytes(b"\x00not marshal at all")
    assert len(load_library(LESSONS_DIR, None, cache_file=cache)) == 3
    rebuilt = LessonCache(cache).get(LESSONS_DIR / "free-your-feet.toml", Origin.BUILT_IN)
    assert rebuilt is not None


def test_lessons_with_clips_are_never_cached(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    folder = tmp_path / "lessons"
    (folder / "clips").mkdir(parents=True)
    (folder / "clips" / "stand.wav").write_bytes(b"RIFF")
    path = write_lesson(
        TINY_LESSON.replace('duration = "10s"', 'duration = "10s"\nclip = "clips/stand.wav"', 1),
        folder=folder,
    )
    cache = tmp_path / "lessons.marshal"
    assert load_library(folder, None, cache_file=cache).lessons["tiny"].steps[0].clip is not None
    (folder / "clips" / "stand.wav").unlink()  # the clip goes; the lesson file is unchanged
    problems = load_library(folder, None, cache_file=cache).problems
    assert [p.path for p in problems] == [path]
    assert "was not found" in problems[0].message
