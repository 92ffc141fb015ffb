"""The lesson library: built-in lessons plus the user's folder, user lessons winning on a shared
id, bad files reported and skipped so one typo never hides the other lessons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.core.lesson import Origin
from freefeet_tui.core.library import (
    Library,
    default_library,
    lesson_files,
    load_library,
    resolve_lesson,
)
from freefeet_tui.core.loader import LessonError

WriteLesson = Callable[..., Path]

TEMPLATE = """\
schema = 1
id = "{id}"
title = "{title}"
summary = "A lesson for library tests."
when = "Any time"

[[steps]]
id = "stand"
title = "Stand"
cue = "Stand easy and notice your feet."
duration = "{duration}"
"""


def lesson_text(lesson_id: str, title: str, duration: str = "10s") -> str:
    return TEMPLATE.format(id=lesson_id, title=title, duration=duration)


@pytest.fixture
def builtin(tmp_path: Path, write_lesson: WriteLesson) -> Path:
    """A stand-in for freefeet's own lessons folder: two good lessons."""
    folder = tmp_path / "builtin"
    write_lesson(lesson_text("alpha", "Alpha"), name="alpha.toml", folder=folder)
    write_lesson(lesson_text("beta", "Beta"), name="beta.toml", folder=folder)
    return folder


def test_builtin_and_user_lessons_load_in_order(
    builtin: Path, tmp_path: Path, write_lesson: WriteLesson
) -> None:
    user = tmp_path / "user"
    write_lesson(lesson_text("gamma", "Gamma"), name="gamma.toml", folder=user)
    library = load_library(builtin, user)
    assert list(library.lessons) == ["alpha", "beta", "gamma"]
    assert [lesson.origin for lesson in library] == [Origin.BUILT_IN, Origin.BUILT_IN, Origin.USER]
    assert len(library) == 3
    assert library.problems == ()
    assert library.get("gamma") is library.lessons["gamma"]
    assert library.get("delta") is None


def test_user_lesson_with_a_builtin_id_replaces_it(
    builtin: Path, tmp_path: Path, write_lesson: WriteLesson
) -> None:
    user = tmp_path / "user"
    mine = write_lesson(lesson_text("alpha", "My Alpha", "20s"), name="my-alpha.toml", folder=user)
    library = load_library(builtin, user)
    alpha = library.lessons["alpha"]
    assert (alpha.title, alpha.origin, alpha.path) == ("My Alpha", Origin.USER, mine)
    assert alpha.total_seconds == 20
    # The replacement keeps the built-in's place in the list.
    assert list(library.lessons) == ["alpha", "beta"]
    assert library.problems == ()


def test_a_bad_file_is_reported_and_skipped(
    builtin: Path, tmp_path: Path, write_lesson: WriteLesson
) -> None:
    user = tmp_path / "user"
    write_lesson(lesson_text("good", "Good"), name="good.toml", folder=user)
    bad = write_lesson(lesson_text("broken", "Broken", "ten"), name="broken.toml", folder=user)
    library = load_library(builtin, user)
    assert list(library.lessons) == ["alpha", "beta", "good"]
    assert [str(problem) for problem in library.problems] == [
        f'{bad}:11: step "stand": duration "ten" is not a duration like 30s or 1m30s'
    ]


def test_a_bad_builtin_is_reported_too(builtin: Path, write_lesson: WriteLesson) -> None:
    bad = write_lesson("schema = 1\nid = [", name="aaa.toml", folder=builtin)
    library = load_library(builtin, None)
    assert list(library.lessons) == ["alpha", "beta"]
    assert len(library.problems) == 1
    assert library.problems[0].path == bad
    assert str(library.problems[0]).startswith(f"{bad}:2: not valid TOML: ")


def test_duplicate_ids_in_one_folder_keep_the_first_file(
    tmp_path: Path, write_lesson: WriteLesson
) -> None:
    user = tmp_path / "user"
    write_lesson(lesson_text("same", "First"), name="a.toml", folder=user)
    second = write_lesson(lesson_text("same", "Second"), name="b.toml", folder=user)
    library = load_library(tmp_path / "no-builtins", user)
    assert library.lessons["same"].title == "First"
    assert [str(problem) for problem in library.problems] == [
        f'{second}: lesson id "same" is already used by a.toml'
    ]


def test_program_toml_and_other_files_are_not_lessons(
    builtin: Path, write_lesson: WriteLesson
) -> None:
    write_lesson("[schedule]\nnot = 'a lesson'\n", name="program.toml", folder=builtin)
    (builtin / "README.md").write_text("# notes\n", encoding="utf-8")
    (builtin / "voice.wav").write_bytes(b"RIFF")
    assert [path.name for path in lesson_files(builtin)] == ["alpha.toml", "beta.toml"]
    library = load_library(builtin, None)
    assert list(library.lessons) == ["alpha", "beta"]
    assert library.problems == ()


def test_missing_folders_give_an_empty_library(tmp_path: Path) -> None:
    library = load_library(tmp_path / "absent", tmp_path / "also-absent")
    assert library == Library({}, ())
    assert lesson_files(tmp_path / "absent") == []


def test_default_library_reads_the_user_lessons_folder(
    freefeet_home: Path, write_lesson: WriteLesson
) -> None:
    user = freefeet_home / "data" / "lessons"
    write_lesson(lesson_text("my-own", "My Own"), name="my-own.toml", folder=user)
    library = default_library()
    assert library.problems == ()
    assert library.lessons["my-own"].origin is Origin.USER
    assert {"free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension"} <= set(
        library.lessons
    )
    assert library.lessons["free-your-feet"].origin is Origin.BUILT_IN


def test_resolve_lesson_by_id(builtin: Path) -> None:
    library = load_library(builtin, None)
    assert resolve_lesson("beta", library) is library.lessons["beta"]


def test_resolve_lesson_by_path(builtin: Path, tmp_path: Path, write_lesson: WriteLesson) -> None:
    library = load_library(builtin, None)
    path = write_lesson(lesson_text("trial", "Trial"), name="trial.toml", folder=tmp_path / "try")
    lesson = resolve_lesson(str(path), library)
    assert (lesson.id, lesson.origin, lesson.path) == ("trial", Origin.FILE, path)
    assert "trial" not in library.lessons


def test_resolve_lesson_unknown_id(builtin: Path) -> None:
    library = load_library(builtin, None)
    with pytest.raises(KeyError):
        resolve_lesson("no-such-lesson", library)


def test_resolve_lesson_bad_or_missing_file(
    builtin: Path, tmp_path: Path, write_lesson: WriteLesson
) -> None:
    library = load_library(builtin, None)
    bad = write_lesson(lesson_text("Bad Id", "Bad"), name="bad.toml", folder=tmp_path / "try")
    with pytest.raises(LessonError) as caught:
        resolve_lesson(str(bad), library)
    assert str(caught.value) == (
        f'{bad}:2: id "Bad Id" must use lowercase letters, digits and dashes (at most 64)'
    )
    absent = tmp_path / "try" / "absent.toml"
    with pytest.raises(LessonError) as caught:
        resolve_lesson(str(absent), library)
    assert str(caught.value) == f"{absent}: cannot read the file: No such file or directory"
