"""Reading a hand-edited year file: every mistake gets one exact ``FILE:LINE: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from freefeet_tui.core.progress import ProgressFileError, read_year

GOOD = """\
schema = 1
year = 2026

[[sessions]]
id = "s-20261124-3f9a2c"
lesson = "free-your-feet"
title = "Free Your Feet"
start = 2026-11-24T07:30:12+01:00
end = 2026-11-24T07:52:40+01:00
date = 2026-11-24
seconds = 1260
steps_done = 17
steps_total = 17
status = "completed"
stop_index = 16
stop_step = "rescan-walk"
tempo = 1.0

[[checkins]]
id = "c-20261124"
date = 2026-11-24
pain_left = 3
pain_right = 2
run_minutes = 30
run_pain = 1
note = "stiff first steps"

[[skips]]
id = "k-20261123"
date = 2026-11-23
reason = "travel"
"""


def write(tmp_path: Path, text: str, name: str = "2026.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ProgressFileError) as caught:
        read_year(path)
    return str(caught.value)


def test_the_documented_example_reads(tmp_path: Path) -> None:
    log = read_year(write(tmp_path, GOOD))
    assert [s.id for s in log.sessions] == ["s-20261124-3f9a2c"]
    assert log.checkins[0].pain_left == 3 and log.skips[0].reason == "travel"
    assert log.sessions[0].start.utcoffset() is not None


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "pain_left = 3",
            "pain_left = 11",
            22,
            'check-in "c-20261124": pain_left must be a whole number from 0 to 10',
        ),
        (
            "pain_left = 3",
            'pain_left = "3"',
            22,
            'check-in "c-20261124": pain_left must be a whole number from 0 to 10',
        ),
        (
            "pain_left = 3",
            "pain_lft = 3",
            22,
            'check-in "c-20261124": unknown key "pain_lft"; did you mean "pain_left"?',
        ),
        (
            "run_pain = 1",
            "run_pain = -1",
            25,
            'check-in "c-20261124": run_pain must be a whole number from 0 to 10',
        ),
        (
            "start = 2026-11-24T07:30:12+01:00",
            "start = 2026-11-24T07:30:12",
            8,
            'session "s-20261124-3f9a2c": start needs a UTC offset, such as '
            "2026-11-24T07:30:00+01:00",
        ),
        (
            "end = 2026-11-24T07:52:40+01:00",
            "end = 2026-11-24T07:00:00+01:00",
            9,
            'session "s-20261124-3f9a2c": end 2026-11-24T07:00:00+01:00 is before the start '
            "2026-11-24T07:30:12+01:00",
        ),
        (
            "steps_done = 17",
            "steps_done = 18",
            12,
            'session "s-20261124-3f9a2c": steps_done 18 is more than steps_total 17',
        ),
        (
            'status = "completed"',
            'status = "done"',
            14,
            'session "s-20261124-3f9a2c": status must be "completed", "partial" or "open"',
        ),
        (
            'status = "completed"',
            "status = []",
            14,
            'session "s-20261124-3f9a2c": status must be "completed", "partial" or "open"',
        ),
        (
            "date = 2026-11-23",
            'date = "2026-11-23"',
            30,
            'skip "k-20261123": date must be a date such as 2026-11-24',
        ),
        (
            "tempo = 1.0",
            "tempo = 0",
            17,
            'session "s-20261124-3f9a2c": tempo must be a number from 0.25 to 100',
        ),
        (
            'lesson = "free-your-feet"\n',
            "",
            4,
            'session "s-20261124-3f9a2c": missing required key "lesson"',
        ),
        (
            "date = 2026-11-24\nseconds",
            "date = 2026-11-24T07:30:00+01:00\nseconds",
            10,
            'session "s-20261124-3f9a2c": date must be a date such as 2026-11-24',
        ),
        (
            'id = "s-20261124-3f9a2c"',
            "id = 7",
            5,
            "session 1: id must be 1 to 64 letters, digits, dots, dashes or underscores in quotes",
        ),
        (
            "date = 2026-11-23",
            "date = 2025-12-31",
            30,
            'skip "k-20261123": date 2025-12-31 is not in 2026; it belongs in 2025.toml',
        ),
        ('reason = "travel"', 'reason = ""', 31, 'skip "k-20261123": reason is empty'),
        (
            "seconds = 1260",
            "seconds = 12.5",
            11,
            'session "s-20261124-3f9a2c": seconds must be a whole number from 0 to 86400',
        ),
        (
            "schema = 1",
            "schema = 2",
            1,
            "schema 2 is newer than this freefeet understands (1); update freefeet",
        ),
        ("schema = 1\n", "", None, 'missing required key "schema" (use schema = 1)'),
        ("year = 2026", "year = 2025", 2, "year 2025 does not match the file name 2026.toml"),
        (
            "year = 2026",
            "years = 2026",
            2,
            'unknown key "years"; did you mean "year"? (and 1 more problem)',
        ),
        ("[[skips]]", "[skips]", 28, "skips must be written as [[skips]] tables"),
        (
            "pain_right = 2",
            "pain_right = 2\npain_right = 3",
            24,
            "not valid TOML: Cannot overwrite a value",
        ),
        (
            'note = "stiff first steps"',
            'note = "stiff first steps',
            26,
            "not valid TOML: Illegal character '\\n'",
        ),
    ],
)
def test_mistakes_are_reported_at_their_line(
    tmp_path: Path, old: str, new: str, line: int | None, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    where = f"{path}:{line}" if line else f"{path}"
    assert error_for(path) == f"{where}: {message}"


def test_a_second_checkin_for_a_date_names_both_lines(tmp_path: Path) -> None:
    extra = '\n[[checkins]]\nid = "c-again"\ndate = 2026-11-24\npain_left = 1\n'
    path = write(tmp_path, GOOD + extra)
    assert error_for(path) == (
        f'{path}:35: a second check-in with date "2026-11-24" (the first is at line 21)'
    )


def test_a_repeated_session_id_is_refused(tmp_path: Path) -> None:
    block = GOOD[GOOD.index("[[sessions]]") : GOOD.index("[[checkins]]")]
    path = write(tmp_path, GOOD + "\n" + block)
    assert error_for(path) == (
        f'{path}:34: a second session with id "s-20261124-3f9a2c" (the first is at line 5)'
    )


def test_an_empty_checkin_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "schema = 1\nyear = 2026\n\n[[checkins]]\ndate = 2026-11-24\n")
    assert error_for(path) == (
        f"{path}:5: check-in 1: a check-in must report a pain, a run, a planned run or a note"
    )


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "2026.toml"
    path.write_bytes(b"schema = 1\nyear = 2026\n# caf\xe9\n")
    assert error_for(path) == f"{path}:3: the file is not UTF-8 text"


def test_a_missing_year_key_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "schema = 1\n")
    assert error_for(path) == (
        f'{path}: missing required key "year" (the year this file holds, e.g. 2026)'
    )


def test_an_empty_year_file_with_schema_and_year_is_fine(tmp_path: Path) -> None:
    log = read_year(write(tmp_path, "schema = 1\nyear = 2026\n"))
    assert len(log) == 0 and log.year == 2026


def test_check_in_and_skip_ids_are_optional_when_written_by_hand(tmp_path: Path) -> None:
    text = (
        "schema = 1\nyear = 2026\n\n[[checkins]]\ndate = 2026-03-02\npain_right = 5\n"
        'planned_run = true\n\n[[skips]]\ndate = 2026-03-03\nreason = "ill"\n'
    )
    log = read_year(write(tmp_path, text))
    assert log.checkins[0].id == "c-20260302" and log.checkins[0].planned_run
    assert log.skips[0].id == "k-20260303"


def test_planned_run_must_be_true_or_false(tmp_path: Path) -> None:
    text = "schema = 1\nyear = 2026\n\n[[checkins]]\ndate = 2026-03-02\nplanned_run = 0\n"
    path = write(tmp_path, text)
    assert error_for(path) == (f"{path}:6: check-in 1: planned_run must be true or false")


def test_the_example_in_the_docs_is_a_real_file_freefeet_would_write(tmp_path: Path) -> None:
    from freefeet_tui.core.progress import dump_year
    from tests.conftest import REPO

    doc = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    log = read_year(write(tmp_path, example))
    assert (len(log.sessions), len(log.checkins), len(log.skips)) == (2, 2, 1)
    assert dump_year(log) == example
