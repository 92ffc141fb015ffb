"""The five export formats: golden files, and each read back by the tool it is made for.

The sample log spans three weeks with notes that hold commas, quotes, line breaks, emoji and
leading ``=``, ``-``, ``+``, ``@``, tab and apostrophe. Set ``FREEFEET_UPDATE_GOLDEN=1`` to
rewrite the golden files after a deliberate change (then read the diff).
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import jsonschema  # type: ignore[import-untyped]
import pytest

from freefeet_tui.core.export.common import FORMULA_STARTS, neutralise, restore
from freefeet_tui.core.export.csv_format import HEADER, to_csv
from freefeet_tui.core.export.habitbull import to_habitbull
from freefeet_tui.core.export.icalendar_format import PlanLesson, escape_text, fold, to_ics
from freefeet_tui.core.export.json_format import schema, to_json
from freefeet_tui.core.export.markdown import escape, to_markdown
from freefeet_tui.core.program_file import default_program
from freefeet_tui.core.progress import History
from freefeet_tui.core.schedule import agenda
from tests.conftest import REPO
from tests.helpers.exports import (
    FYF,
    MYC,
    NOTES,
    NOW,
    PLAN_LESSONS,
    PRE,
    TITLES,
    TODAY,
    event_day,
    sample_history,
    session,
)

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("FREEFEET_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs from tests/unit/golden/{name}"


def sample_plan(history: History | None = None, reminder: time | None = None) -> bytes:
    """The 28-day plan from TODAY; by default for a runner who has not started yet."""
    program = default_program()
    plan = agenda(TODAY, history or History(), program, 28, TODAY)
    return to_ics(plan, PLAN_LESSONS, NOW, program, reminder)


# ---- golden files ---------------------------------------------------------------------------


def test_csv_golden() -> None:
    check_golden("export.csv", to_csv(sample_history()))


def test_json_golden() -> None:
    check_golden("export.json", to_json(sample_history()))


def test_markdown_golden() -> None:
    report = to_markdown(
        sample_history(), date(2026, 11, 2), TODAY, TODAY, default_program(), TITLES
    )
    check_golden("report.md", report)


def test_ics_golden() -> None:
    check_golden("plan.ics", sample_plan())


def test_habitbull_golden() -> None:
    check_golden("habitbull.csv", to_habitbull(sample_history(), TITLES))


# ---- CSV ------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_is_rfc4180_with_every_note_intact_and_no_live_formula() -> None:
    data = to_csv(sample_history())
    assert data.count(b"\r\n") >= len(sample_history()) + 1
    assert b"\n" not in data.replace(b"\r\n", b"") or b'"' in data  # bare LF only inside quotes
    rows = read_csv(data)
    assert tuple(rows[0]) == HEADER
    notes = {row["date"]: row["note"] for row in rows if row["kind"] == "check-in" and row["note"]}
    for day, note in NOTES.items():
        cell = notes[day.isoformat()]
        assert restore(cell) == note
        assert not cell.startswith(FORMULA_STARTS), cell
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), row
    assert [row["kind"] for row in rows].count("skip") == 2


def test_csv_rows_come_in_date_order_with_iso_times() -> None:
    rows = read_csv(to_csv(sample_history()))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    away = next(r for r in rows if r["start"].endswith("-05:00"))
    assert datetime.fromisoformat(away["start"]).utcoffset() == timedelta(hours=-5)
    assert rows[0]["planned_run"] == "" and rows[0]["kind"] == "session"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'already", "''already"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_neutralise_and_restore(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert restore(cell) == text


# ---- JSON -----------------------------------------------------------------------------------


def test_json_validates_against_the_packaged_schema() -> None:
    document = json.loads(to_json(sample_history()))
    jsonschema.Draft202012Validator.check_schema(schema())
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(document)
    assert document["format"] == "freefeet-progress" and document["version"] == 1
    assert all(
        record["id"] for key in ("sessions", "checkins", "skips") for record in document[key]
    )


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("version",), 2),
        (("sessions", 0, "seconds"), 1.5),
        (("checkins", 0, "pain_left"), 11),
        (("skips", 0, "reason"), "two\nlines"),
        (("sessions", 0, "start"), "2026-11-02T07:30:00"),
        (("checkins", 0, "mood"), "fine"),
        (("sessions", 0, "scan_change"), 3),
        (("sessions", 0, "scan_change"), 0.5),
    ],
)
def test_the_schema_refuses_bad_documents(path: tuple[Any, ...], bad: object) -> None:
    """Negative control: the schema is not so loose that anything passes."""
    document = json.loads(to_json(sample_history()))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)


def test_docs_schema_is_a_copy_of_the_packaged_one() -> None:
    docs = REPO / "docs" / "export.schema.json"
    assert json.loads(docs.read_text(encoding="utf-8")) == schema()


# ---- Markdown -------------------------------------------------------------------------------


def test_markdown_escapes_user_text_and_keeps_it_readable() -> None:
    assert escape("=SUM(A1)") == "\\=SUM(A1)"
    assert escape("*bold* [x](y) <b> | a_b") == "\\*bold\\* \\[x\\](y) \\<b\\> \\| a\\_b"
    assert escape("# not a heading\n1. not a list") == "\\# not a heading\n  1\\. not a list"
    assert escape("Plain words, commas, and emoji 🦶.") == "Plain words, commas, and emoji 🦶."


def test_markdown_report_has_every_section() -> None:
    text = to_markdown(
        sample_history(), date(2026, 11, 2), TODAY, TODAY, default_program(), TITLES
    ).decode()
    for heading in ("## Summary", "## Week by week", "## Pain trend", "## Lessons", "## Notes"):
        assert heading in text
    assert "From 2026-11-02 to 2026-11-24" in text
    assert "| 2026-11-16 |" in text
    assert "\\<b\\>" in text and "<b>" not in text.replace("\\<b\\>", "")
    assert "Change: -" in text and "(less pain)" in text


# ---- iCalendar ------------------------------------------------------------------------------


def test_ics_is_read_by_icalendar_with_core_the_day_after_feet() -> None:
    calendar = icalendar.Calendar.from_ical(sample_plan())
    events = [(str(e["SUMMARY"]), event_day(e)) for e in calendar.walk("VEVENT")]
    feet = [day for summary, day in events if summary == "Free Your Feet"]
    core = [day for summary, day in events if summary == "Mobilizing Your Core to Run"]
    assert all(type(day) is date for _, day in events)  # all-day events
    assert len(feet) >= 4 and core == [day + timedelta(days=1) for day in feet]
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert f"{FYF}-{feet[0]:%Y%m%d}@freefeet" in uids


def test_ics_is_the_plan_with_runs_check_ins_and_rest_days() -> None:
    calendar = icalendar.Calendar.from_ical(sample_plan())
    events = list(calendar.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries.count("Morning check-in") == 28
    assert summaries.count("Rest day") == 4
    runs = [e for e in events if str(e["SUMMARY"]).startswith("Run ")]
    assert str(runs[0]["SUMMARY"]) == "Run 10 min" and event_day(runs[0]) == TODAY + timedelta(1)
    assert "freefeet is not medical advice" in str(runs[0]["DESCRIPTION"])
    assert not any(e.walk("VALARM") for e in events)


def test_ics_with_a_reminder_time_has_an_alarm_on_every_event() -> None:
    calendar = icalendar.Calendar.from_ical(sample_plan(reminder=time(7, 30)))
    events = list(calendar.walk("VEVENT"))
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=7, minutes=30)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_ics_plan_follows_the_log() -> None:
    """Free Your Feet done today (a day late): it is marked done, and the core lesson is
    planned for tomorrow."""
    history = sample_history()
    early = session(FYF, TODAY, hour=9)
    plan = sample_plan(History.of([*history.sessions, early], history.checkins, history.skips))
    events = list(icalendar.Calendar.from_ical(plan).walk("VEVENT"))
    lessons = [e for e in events if str(e["UID"]).startswith(("free", "mob"))]
    assert [(str(e["SUMMARY"]), event_day(e)) for e in lessons[:2]] == [
        ("Free Your Feet", TODAY),
        ("Mobilizing Your Core to Run", TODAY + timedelta(days=1)),
    ]
    assert "Done." in str(lessons[0]["DESCRIPTION"])
    assert str(lessons[1]["UID"]) == f"{MYC}-20261125@freefeet"


def test_ics_uids_are_stable_between_exports() -> None:
    later = to_ics(
        agenda(TODAY, History(), default_program(), 28, TODAY),
        PLAN_LESSONS,
        datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        default_program(),
    )
    uids = [e["UID"] for e in icalendar.Calendar.from_ical(later).walk("VEVENT")]
    first = [e["UID"] for e in icalendar.Calendar.from_ical(sample_plan()).walk("VEVENT")]
    assert uids == first


def test_ics_lines_are_crlf_and_folded_at_75_octets() -> None:
    lesson = PlanLesson("Füße frei 🦶, ganz langsam; Schritt für Schritt " * 3, 600)
    plan = agenda(TODAY, History(), default_program(), 3, TODAY)
    data = to_ics(plan, {FYF: lesson}, datetime(2026, 11, 24, tzinfo=UTC), default_program())
    assert data.endswith(b"\r\n")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never a split character
        assert b"\n" not in line and b"\r" not in line
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    event = next(e for e in events if str(e["UID"]).startswith(FYF))
    assert str(event["SUMMARY"]) == lesson.title


def test_fold_keeps_multibyte_characters_whole() -> None:
    line = "SUMMARY:" + "é🦶" * 40
    folded = fold(line)
    parts = folded.encode().split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in parts)
    assert "".join(p.decode()[1:] if i else p.decode() for i, p in enumerate(parts)) == line


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# ---- HabitBull (Loop Habit Tracker) ---------------------------------------------------------


def opencsv_rows(text: str) -> list[list[str]]:
    """Split CSV as opencsv's default CSVParser does: quote ", escape \\, "" inside quotes."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell, quoted, i = "", False, 0
    while i < len(text):
        c = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c == "\\" and nxt in ('"', "\\"):
            cell, i = cell + nxt, i + 2
            continue
        if c == '"':
            if quoted and nxt == '"':
                cell, i = cell + '"', i + 2
                continue
            quoted = not quoted
        elif c == "," and not quoted:
            row.append(cell)
            cell = ""
        elif c in "\r\n" and not quoted:
            if c == "\r" and nxt == "\n":
                i += 1
            row.append(cell)
            rows.append(row)
            row, cell = [], ""
        else:
            cell += c
        i += 1
    if cell or row:
        rows.append([*row, cell])
    return rows


def loop_import(data: bytes) -> dict[str, tuple[str, set[date]]]:
    """Loop's HabitBullCSVImporter: header check, skip the header row, keep value 1, one daily
    habit per name with the first description seen; an int() failure would crash Loop."""
    text = data.decode("utf-8")
    first_line = text.split("\n", 1)[0]
    assert first_line.startswith("HabitName,HabitDescription,HabitCategory")
    habits: dict[str, tuple[str, set[date]]] = {}
    for line in opencsv_rows(text):
        name = line[0]
        if name == "HabitName":
            continue
        year, month, day = (int(part) for part in line[3].split("-"))
        if int(line[4]) != 1:
            continue
        habits.setdefault(name, (line[1], set()))[1].add(date(year, month, day))
    return habits


def test_habitbull_is_read_by_loops_rules() -> None:
    history = sample_history()
    habits = loop_import(to_habitbull(history, TITLES))
    assert set(habits) == {
        "Free Your Feet",
        "Mobilizing Your Core to Run",
        "Pre-run Hip Extension",
        "Ran",
    }
    assert habits["Ran"][1] == {c.day for c in history.checkins if c.ran}
    pre_days = {s.day for s in history.sessions if s.lesson_id == PRE and s.counts_as_practice}
    assert habits["Pre-run Hip Extension"][1] == pre_days
    assert date(2026, 11, 24) not in habits["Free Your Feet"][1]  # still open: not done
    assert habits["Free Your Feet"][0] == f"freefeet lesson {FYF}"


def test_habitbull_names_never_carry_backslashes_or_line_breaks() -> None:
    odd = replace(session(FYF, date(2026, 11, 2)), lesson_title='a\\b "c", d')
    data = to_habitbull(History.of([odd]), {})
    habits = loop_import(data)
    assert list(habits) == ['a/b "c", d']
    assert len(data.decode().split("\r\n")) == 3  # header, one row, final line end
