"""The one TOML reader: the same rules for lessons, year files, the programme and config.toml.

Issue 9 found the four old readers drifting apart; each drift has its test here, then the
limits every kind of file keeps before it is parsed, and the shape of every error line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from freefeet_tui.core.config import ConfigError, load_config
from freefeet_tui.core.errors import MAX_PROBLEM_BYTES, FileProblem
from freefeet_tui.core.lesson import LessonError
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.program_file import ProgramError, load_program
from freefeet_tui.core.progress import CheckIn, ProgressFileError, ProgressStore, read_year
from freefeet_tui.core.toml_bounds import TomlLimits
from freefeet_tui.core.toml_reader import (
    CONFIG_LIMITS,
    LESSON_LIMITS,
    PROGRAM_LIMITS,
    YEAR_LIMITS,
    read_toml,
)
from tests.conftest import REPO, TINY_LESSON

PROGRAM = (REPO / "lessons" / "program.toml").read_text(encoding="utf-8")
YEAR = "schema = 1\nyear = 2026\n\n[[checkins]]\ndate = 2026-11-24\npain_left = 3\n"
CONFIG = '[sound]\nvolume = 0.5\n\n[ui]\ntheme = "nord"\n'

# Each kind: a good file's text, its name, the error type and how freefeet reads it.
KINDS: dict[str, tuple[str, str, type[FileProblem], Callable[[Path], object]]] = {
    "lesson": (TINY_LESSON, "tiny.toml", LessonError, load_lesson),
    "year": (YEAR, "2026.toml", ProgressFileError, read_year),
    "programme": (PROGRAM, "program.toml", ProgramError, load_program),
    "config": (CONFIG, "config.toml", ConfigError, load_config),
}


def problem_for(tmp_path: Path, kind: str, data: bytes) -> FileProblem:
    _, name, error, read = KINDS[kind]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read(path)
    shown = str(caught.value)
    assert "\n" not in shown and len(shown.encode()) <= MAX_PROBLEM_BYTES
    assert path.read_bytes() == data
    return caught.value


# ---- the three drifts --------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_byte_order_mark_is_accepted_by_every_kind(tmp_path: Path, kind: str) -> None:
    text, name, _, read = KINDS[kind]
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    read(path)  # no error: a year file with a BOM used to be "not valid TOML" at line 1


def test_a_year_file_with_a_bom_is_read_by_the_store(tmp_path: Path) -> None:
    (tmp_path / "2026.toml").write_bytes(b"\xef\xbb\xbf" + YEAR.encode())
    history = ProgressStore(tmp_path).recent(date(2026, 11, 24))
    assert not history.problems and [c.pain_left for c in history.checkins] == [3]


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_file_cut_short_names_its_last_line(tmp_path: Path, kind: str) -> None:
    text = KINDS[kind][0]
    cut = text[: text.rindex("=") + 1]  # the file ends where its last value should be
    problem = problem_for(tmp_path, kind, cut.encode())
    assert problem.line == cut.count("\n") + 1  # the programme used to give no line at all
    assert "not valid TOML" in problem.message


def test_an_unknown_config_table_or_key_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    problem = problem_for(tmp_path, "config", b"[sond]\nvolume = 0.5\n")
    assert str(problem).endswith("config.toml:1: unknown table [sond]; did you mean [sound]?")
    problem = problem_for(tmp_path, "config", b"[sound]\n\nvolme = 0.5\n")
    assert str(problem).endswith(
        'config.toml:3: [sound] unknown key "volme"; did you mean "volume"?'
    )


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("lesson", TINY_LESSON + "[[stepz]]\n", "unknown table [[stepz]]; did you mean [[steps]]?"),
        ("year", YEAR + "[[chekins]]\n", "unknown table [[chekins]]; did you mean [[checkins]]?"),
        ("programme", PROGRAM + "[checkn]\n", "unknown table [checkn]; did you mean [checkin]?"),
    ],
)
def test_every_kind_names_an_unknown_table_the_same_way(
    tmp_path: Path, kind: str, text: str, message: str
) -> None:
    problem = problem_for(tmp_path, kind, text.encode())
    assert problem.message.startswith(message)
    assert problem.line == text.count("\n")


# ---- limits before parsing ---------------------------------------------------------------


def hostile(text: str, what: str) -> bytes:
    """``text`` with one hostile value added at its end, at the top level."""
    values = {
        "deep": "x = " + "[" * 3000 + "]" * 3000,
        "inline-deep": "x = " + "{a = " * 50 + "1" + "}" * 50,
        "long-number": "x = " + "9" * 5000,
        "long-hex": "x = 0x" + "f" * 5000,
        "dotted": ".".join(["a"] * 30_000) + " = 1",
        "dotted-header": "[" + ".".join(["a"] * 30_000) + "]",
    }
    return (text + "\n" + values[what] + "\n").encode()


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("deep", "values are nested more than 8 deep"),
        ("inline-deep", "values are nested more than 8 deep"),
        ("long-number", "a number has more than 40 digits"),
        ("long-hex", "a number has more than 40 digits"),
        ("dotted", "a dotted key has more than 8 parts"),
        ("dotted-header", "a dotted key has more than 8 parts"),
    ],
)
def test_hostile_values_are_refused_quickly_at_their_line(
    tmp_path: Path, kind: str, what: str, message: str
) -> None:
    data = hostile(KINDS[kind][0], what)
    started = time.perf_counter()
    problem = problem_for(tmp_path, kind, data)
    assert time.perf_counter() - started < 5  # 40,000 dotted parts took 26 s before
    assert problem.message == message
    assert problem.line == data.count(b"\n")


@pytest.mark.parametrize(
    ("kind", "limits"),
    [
        ("lesson", LESSON_LIMITS),
        ("year", YEAR_LIMITS),
        ("programme", PROGRAM_LIMITS),
        ("config", CONFIG_LIMITS),
    ],
)
def test_a_file_over_its_size_is_refused_unparsed(
    tmp_path: Path, kind: str, limits: TomlLimits
) -> None:
    text = KINDS[kind][0]
    size = limits.max_bytes + 1
    data = (text + "#" + "x" * (size - len(text)) + "\n").encode()
    problem = problem_for(tmp_path, kind, data)
    assert problem.line is None and problem.message.startswith("the file is ")
    assert "may be at most" in problem.message


def test_values_inside_strings_and_comments_are_not_counted(tmp_path: Path) -> None:
    text = TINY_LESSON.replace(
        'summary = "A short lesson for tests."',
        'summary = "[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j 12345678901234567890123456789012345678901"'
        "  # [[[[[[[[[[ 99999999999999999999999999999999999999999999",
    )
    path = tmp_path / "ok.toml"
    path.write_text(text)
    assert load_lesson(path).summary.startswith("[[[[")


def test_a_folder_or_an_endless_file_is_reported_not_read(tmp_path: Path) -> None:
    with pytest.raises(LessonError, match="cannot read the file"):
        read_toml(tmp_path, LESSON_LIMITS, LessonError)
    with pytest.raises(LessonError, match="may be at most 256 KB"):
        read_toml(Path("/dev/zero"), LESSON_LIMITS, LessonError)


# ---- error lines ---------------------------------------------------------------------------


def test_an_error_line_is_one_bounded_line_whatever_the_file_held() -> None:
    path = Path("/home/me/" + "folder-\x1b]0;title\x07/" * 30 + "lesson.toml")
    problem = FileProblem(path, 12, "value " + "\n\x1b[31m" * 100_000)
    shown = str(problem)
    assert len(shown.encode()) <= MAX_PROBLEM_BYTES
    assert shown.isprintable()
    assert shown.startswith("...") and "lesson.toml:12: value ^J^[[31m" in shown
    assert shown.endswith("^J^[[31m") and "..." in shown[3:]
    long = str(FileProblem("short.toml", None, "ünïcödé " * 100 + "is wrong"))
    assert len(long.encode()) <= MAX_PROBLEM_BYTES
    assert long.startswith("short.toml: ünïcödé") and long.endswith("ünïcödé is wrong")


def test_today_parses_a_broken_year_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from freefeet_tui.core.progress import store as store_module
    from freefeet_tui.core.progress import yearfile

    store = ProgressStore(tmp_path)
    store.add_checkin(CheckIn(date(2026, 11, 23), 2))
    path = store.path_for(2026)
    path.write_text(path.read_text() + "\n[[checkins]]\ndate = 2026-11-24\npain_left = 11\n")
    calls: list[Path] = []

    def counted(raw: bytes, where: Path) -> object:
        calls.append(where)
        return yearfile.parse_year_records(raw, where)

    monkeypatch.setattr(store_module, "parse_year_records", counted)
    fresh = ProgressStore(tmp_path)
    history = fresh.history([2025, 2026])
    assert [c.pain_left for c in history.checkins] == [2] and len(history.problems) == 1
    assert fresh.open_sessions(date(2026, 11, 24)) == []
    assert fresh.problems() == list(history.problems)
    assert calls == [path]


@pytest.mark.parametrize("kind", ["lesson", "year"])
def test_the_forty_thousand_part_key_of_issue_10_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    data = (KINDS[kind][0] + ".".join(["a"] * 40_000) + " = 1\n").encode()
    started = time.perf_counter()
    assert problem_for(tmp_path, kind, data).message == "a dotted key has more than 8 parts"
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("kind", ["lesson", "year"])
@pytest.mark.parametrize("quote", ['"', "'", '"""', "'''"])
def test_one_text_longer_than_a_file_needs_is_refused_before_parsing(
    tmp_path: Path, kind: str, quote: str
) -> None:
    data = (KINDS[kind][0] + f"long = {quote}" + "\\n" * 40_000 + f"{quote}\n").encode()
    problem = problem_for(tmp_path, kind, data)
    assert problem.message == "a text in quotes is longer than 65,536 characters"
    assert problem.line == data.count(b"\n")
