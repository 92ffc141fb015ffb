"""Exports keep the data but carry nothing that acts: no formula cells, no terminal escapes.

CSV and habitbull neutralise a formula in every text cell (ids and lesson titles too); md and
ics spell control characters out; JSON writes them as ``\\u`` escapes (C1 and DEL included);
an md table stays one row per lesson whatever its title holds. The importer uses only the
documented ``json`` API and stays bounded on whatever it is given.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from freefeet_tui.core.export import import_json, importer
from freefeet_tui.core.export.common import FORMULA_STARTS
from freefeet_tui.core.export.csv_format import TEXT_COLUMNS, to_csv
from freefeet_tui.core.export.habitbull import to_habitbull
from freefeet_tui.core.export.icalendar_format import PlanLesson, escape_text
from freefeet_tui.core.export.importer import ImportFileError, read_export
from freefeet_tui.core.export.json_format import to_json
from freefeet_tui.core.export.markdown import to_markdown
from freefeet_tui.core.program_file import default_program
from freefeet_tui.core.progress import CheckIn, History, Session, SessionStatus, Skip
from tests.helpers.hostile import HOSTILE, HOSTILE_NOTE, dangerous_in

DAY = date(2026, 11, 10)
ZONE = timezone(timedelta(hours=1))
FORMULA_TITLE = '=HYPERLINK("http://x.invalid","click")'


def session(title: str, lesson_id: str = "free-your-feet") -> Session:
    start = datetime.combine(DAY, time(7), tzinfo=ZONE)
    return Session(
        "s-1", lesson_id, title, start, start + timedelta(minutes=9), DAY, 540, 3, 3,
        SessionStatus.COMPLETED,
    )  # fmt: skip


def hostile_history(title: str = HOSTILE) -> History:
    return History.of(
        [session(title)],
        [CheckIn(DAY, 2, 2, note=HOSTILE_NOTE)],
        [Skip(DAY + timedelta(days=1), HOSTILE)],
    )


def test_no_csv_cell_starts_a_formula() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(hostile_history(FORMULA_TITLE)).decode())))
    header = rows[0]
    for row in rows[1:]:
        for name, cell in zip(header, row, strict=True):
            if name in TEXT_COLUMNS:
                assert not cell.startswith(FORMULA_STARTS), (name, cell)
    assert "'" + FORMULA_TITLE in rows[1]


def test_csv_still_reads_back_exactly() -> None:
    history = hostile_history(FORMULA_TITLE)
    clean = History.of(history.sessions, [CheckIn(DAY, 2, 2, note="=1+1")], [])
    back = read_export(to_csv(clean), Path("x.csv"), today=DAY + timedelta(days=2))
    assert back.sessions == clean.sessions and back.checkins == clean.checkins


def test_habitbull_neutralises_titles_and_shows_no_control_characters() -> None:
    data = to_habitbull(
        hostile_history(FORMULA_TITLE), {"free-your-feet": FORMULA_TITLE + "\x1b]0;x\x07"}
    )
    rows = list(csv.reader(io.StringIO(data.decode())))
    for row in rows[1:]:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
    assert dangerous_in(data) == [] and b"^[]0;x^G" in data


def test_md_shows_escapes_spelled_out_and_keeps_a_table_row_per_lesson() -> None:
    title = "Two\nlines | and \x1b[31m red"  # a lesson file's title, as the library has it
    end = DAY + timedelta(days=1)
    report = to_markdown(
        hostile_history(), DAY, end, end, default_program(), titles={"free-your-feet": title}
    )
    assert dangerous_in(report) == []
    text = report.decode()
    assert "^\\[\\]0;pwned^G" in text  # the note, escaped for Markdown too
    lessons = text.split("## Lessons")[1].split("##")[0]
    rows = [line for line in lessons.splitlines() if line.startswith("|")]
    assert len(rows) == 3 and "Two lines \\| and ^\\[\\[31m red" in rows[2]


def test_ics_text_shows_escapes_spelled_out() -> None:
    escaped = escape_text("a\x1b]0;x\x07b\nc\r\nd\x08")
    assert escaped == "a^[]0\\;x^Gb\\nc\\nd^H"
    assert PlanLesson(HOSTILE).title == HOSTILE  # the plan keeps it; the escaping shows it


def test_json_escapes_every_control_character() -> None:
    history = History.of([], [CheckIn(DAY, 1, note="a\x1b\x07\x08\x7f\x85\x9bz")], [])
    data = to_json(history)
    assert dangerous_in(data) == [] and b"\xc2\x9b" not in data and b"\x7f" not in data
    assert json.loads(data)["checkins"][0]["note"] == "a\x1b\x07\x08\x7f\x85\x9bz"


def test_the_importer_uses_only_the_documented_json_api() -> None:
    for module in (importer, import_json):
        source = Path(module.__file__ or "").read_text()
        assert "json.scanner" not in source and "json.decoder" not in source
        assert "py_make_scanner" not in source and "JSONObject" not in source


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b'{"format": "freefeet-progress", "version": ' + b"9" * 5000 + b"}", '"version" must'),
        (b"[" * 100_000 + b"]" * 100_000, "not valid CSV: field larger than field limit"),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply"),
        (b'{"format": "freefeet-progress", "format": "x"}', 'the key "format" is given twice'),
    ],
    ids=["5000 digits", "deep brackets", "deep objects", "a key twice"],
)
def test_the_importer_stays_bounded(data: bytes, said: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_export(data, Path("x.json"))
    assert said in str(caught.value) and len(str(caught.value)) < 300


def test_a_huge_number_in_a_record_is_refused_without_a_traceback() -> None:
    document = json.loads(to_json(hostile_history("T")))
    text = json.dumps(document).replace('"seconds": 540', '"seconds": ' + "7" * 5000)
    with pytest.raises(ImportFileError, match="seconds must be a whole number from 0 to 86400"):
        read_export(text.encode(), Path("x.json"), today=DAY + timedelta(days=2))
    now = datetime.now(UTC)
    assert now.year >= 2026
