"""What a lesson file may hold: finite durations, safe clip paths, no control characters, and
only what the progress log can record (a lesson that validates can always be saved)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from freefeet_tui.core.lesson import LessonError
from freefeet_tui.core.library import load_library
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.progress import new_session
from tests.conftest import TINY_LESSON


def variant(old: str, new: str) -> str:
    assert old in TINY_LESSON, old
    return TINY_LESSON.replace(old, new, 1)


def problem(tmp_path: Path, text: str, name: str = "tiny.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    shown = str(caught.value)
    assert shown.isprintable() and len(shown.encode()) <= 260
    return shown.removeprefix(f"{path}:")


@pytest.mark.parametrize(
    ("duration", "message"),
    [
        ("9" * 400 + "s", 'duration "9999999999'),
        ("9" * 400 + "m", "is not a duration like 30s or 1m30s"),
        ("9" * 5000 + "m", "is not a duration like 30s or 1m30s"),
        ("1" * 10_000 + "s", '...", is not a duration'),
        ("61m", 'duration "61m" is longer than an hour'),
        ("99999m", "is longer than an hour"),
        ("0.0001s", "is not a duration"),
    ],
)
def test_durations_are_finite_and_within_an_hour(
    tmp_path: Path, duration: str, message: str
) -> None:
    shown = problem(tmp_path, variant('duration = "10s"', f'duration = "{duration}"'))
    assert shown.startswith('11: step "stand": duration ')
    assert message.replace('...", ', "") in shown
    assert len(shown) < 160


def test_a_lesson_longer_than_six_hours_is_refused(tmp_path: Path) -> None:
    text = variant("reps = 4", "reps = 500").replace('rep_time = "3s"', 'rep_time = "59m"')
    assert "lasts longer than 6 hours" in problem(tmp_path, text)


def test_more_steps_than_a_session_can_record_are_refused(tmp_path: Path) -> None:
    step = '[[steps]]\nid = "s{n}"\ntitle = "S"\ncue = "Go."\nduration = "1s"\n\n'
    head = TINY_LESSON[: TINY_LESSON.index("[[steps]]")]
    text = head + "".join(step.format(n=n) for n in range(1001))
    assert "a lesson may have at most 1000 steps" in problem(tmp_path, text)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('title = "Tiny lesson"', 'title = "' + "T" * 201 + '"', "title has 201 characters"),
        ('title = "Tiny lesson"', 'title = "Two\\nlines"', "title must fit on one line"),
        ('title = "Tiny lesson"', 'title = "\\u001b]0;pwned\\u0007"', "U+001B (^[)"),
        ('id = "tiny"', 'id = "' + "a" * 65 + '"', "(at most 64)"),
        ('cue = "Stand easy', 'cue = "\\u009b31m Stand easy', "U+009B (^[[)"),
        ('cue = "Stand easy', 'cue = "Two\\nlines. Stand easy', "cue must fit on one line"),
        ('title = "Stand and notice"', 'title = "\\u0008"', "U+0008 (^H)"),
        ('when = "Any time"', 'when = "Any\\rtime"', "U+000D (^M)"),
        ('when = "Any time"', 'when = "Any time"\nnotes = "\\u007f"', "U+007F (^?)"),
        ('when = "Any time"', 'when = "' + "w" * 1001 + '"', "when has 1001 characters"),
    ],
)
def test_texts_that_could_not_be_shown_or_recorded_are_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert message in problem(tmp_path, variant(old, new))


def test_prose_keeps_its_line_breaks_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(variant('when = "Any time"', 'when = "Any time"\nnotes = "One\\n\\tTwo"'))
    assert load_lesson(path).notes == "One\n\tTwo"


def test_a_lesson_that_validates_can_be_recorded(tmp_path: Path) -> None:
    title = "T" * 200
    path = tmp_path / "tiny.toml"
    path.write_text(variant('title = "Tiny lesson"', f'title = "  {title}  "'))
    lesson = load_lesson(path)
    now = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    session = new_session(lesson.id, lesson.title, len(lesson.steps), now=now)
    assert session.lesson_title == title


def with_clip(clip: str) -> str:
    return variant('rest = "5s"', f'rest = "5s"\nclip = "{clip}"')


def test_a_clip_in_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.wav").symlink_to(tmp_path / "b.wav")
    (tmp_path / "b.wav").symlink_to(tmp_path / "a.wav")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert problem(tmp_path, with_clip("a.wav")).endswith('clip "a.wav" is a link that loops')
    assert 'clip "loop/x.wav" is a link that loops' in problem(tmp_path, with_clip("loop/x.wav"))


def test_a_dangling_clip_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "gone.wav").symlink_to(tmp_path / "nowhere.wav")
    assert "is a link to a file that does not exist" in problem(tmp_path, with_clip("gone.wav"))


@pytest.mark.parametrize(
    ("clip", "message"),
    [
        ("a" * 256 + ".wav", "has a name longer than 255 bytes"),
        ("ü" * 128 + ".wav", "has a name longer than 255 bytes"),
        ("a/" * 600 + "x.wav", "is longer than 1024 characters"),
    ],
)
def test_clip_names_too_long_for_a_file_system_are_refused(
    tmp_path: Path, clip: str, message: str
) -> None:
    assert message in problem(tmp_path, with_clip(clip))


def test_an_unreadable_clip_folder_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert "cannot be read" in problem(tmp_path, with_clip("locked/x.wav"))
    finally:
        locked.chmod(0o700)


def test_a_bad_user_lesson_is_skipped_and_the_rest_load(tmp_path: Path) -> None:
    builtin, user = tmp_path / "builtin", tmp_path / "user"
    builtin.mkdir()
    user.mkdir()
    (builtin / "tiny.toml").write_text(TINY_LESSON)
    (user / "deep.toml").write_text(TINY_LESSON + "x = " + "[" * 3000 + "]" * 3000 + "\n")
    (user / "big.toml").write_text(variant("reps = 4", "reps = " + "9" * 5000))
    (user / "mine.toml").write_text(variant('id = "tiny"', 'id = "mine"'))
    library = load_library(builtin, user)
    assert sorted(library.lessons) == ["mine", "tiny"]
    assert sorted(p.path.name for p in library.problems) == ["big.toml", "deep.toml"]
