"""Reading exports back: round trips through the store, merging by id, and refusing bad files.

The property test draws random logs (odd notes, titles, time zones, tempos), exports them to
JSON and to CSV, imports each into an empty store and expects exactly the same records back.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from freefeet_tui.core.export.csv_format import to_csv
from freefeet_tui.core.export.importer import Imported, ImportFileError, read_export
from freefeet_tui.core.export.json_format import to_json
from freefeet_tui.core.export.merge import merge_into
from freefeet_tui.core.progress import (
    CheckIn,
    History,
    ProgressFileError,
    ProgressStore,
    Session,
    SessionStatus,
    Skip,
)
from tests.helpers.exports import NOTES, sample_history

EXPORTERS = {"json": to_json, "csv": to_csv}


def same_records(a: History, b: History) -> None:
    assert sorted(a.sessions, key=lambda s: s.id) == sorted(b.sessions, key=lambda s: s.id)
    assert sorted(a.checkins, key=lambda c: c.day) == sorted(b.checkins, key=lambda c: c.day)
    assert sorted(a.skips, key=lambda k: k.day) == sorted(b.skips, key=lambda k: k.day)


# ---- random logs -----------------------------------------------------------------------------

TEXT = st.text(
    # no lone surrogates (not encodable text) and no control characters but tab and line
    # breaks: an import refuses those
    st.characters(codec="utf-8", exclude_categories=["Cc"]) | st.sampled_from("\t\n\r"),
    min_size=1,
    max_size=60,
).filter(lambda t: bool(t.strip()))
ONE_LINE = TEXT.filter(lambda t: "\n" not in t and "\r" not in t)
NOTE = st.one_of(
    TEXT,
    st.sampled_from(list(NOTES.values())),
    st.builds(lambda lead, rest: lead + rest, st.sampled_from("=+-@\t\r'"), TEXT),
)
DAYS = st.dates(date(2024, 12, 25), date(2026, 1, 6))  # across two New Years
ZONES = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@st.composite
def sessions(draw: st.DrawFn, index: int) -> Session:
    day = draw(DAYS)
    start = datetime.combine(day, draw(st.times()), tzinfo=draw(ZONES)).replace(microsecond=0)
    total = draw(st.integers(1, 1000))
    done = draw(st.integers(0, total))
    status = draw(st.sampled_from(list(SessionStatus)))
    stop = draw(st.none() | st.integers(0, total - 1))
    return Session(
        id=f"s-{day:%Y%m%d}-{index:06x}",
        lesson_id=draw(st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")),
        lesson_title=draw(ONE_LINE),
        start=start,
        end=start + timedelta(seconds=draw(st.integers(0, 90000))),
        day=day,
        seconds=draw(st.integers(0, 86400)),
        steps_done=done,
        steps_total=total,
        status=status,
        stop_index=stop,
        stop_step=draw(st.none() | st.from_regex(r"\A[a-z]{1,10}\Z")),
        tempo=draw(st.floats(0.25, 100, allow_nan=False)),
    )


@st.composite
def checkins(draw: st.DrawFn, day: date) -> CheckIn:
    pain = st.none() | st.integers(0, 10)
    note = draw(st.none() | NOTE)
    planned = draw(st.booleans())
    left = draw(pain)
    if note is None and left is None and not planned:
        left = 0  # a check-in must report something
    return CheckIn(
        day,
        left,
        draw(pain),
        run_minutes=draw(st.none() | st.integers(0, 1440)),
        run_pain=draw(pain),
        planned_run=planned,
        note=note,
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    count = draw(st.integers(0, 6))
    played = [draw(sessions(index)) for index in range(count)]
    checkin_days = draw(st.lists(DAYS, max_size=6, unique=True))
    skip_days = draw(st.lists(DAYS, max_size=4, unique=True))
    return History.of(
        played,
        [draw(checkins(day)) for day in checkin_days],
        [Skip(day, draw(ONE_LINE.filter(lambda t: len(t) <= 200))) for day in skip_days],
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(histories())
def test_random_logs_survive_json_and_csv_through_an_empty_store(history: History) -> None:
    for name, export in EXPORTERS.items():
        with tempfile.TemporaryDirectory() as folder:
            store = ProgressStore(Path(folder) / "progress")
            records = read_export(export(history), Path(f"log.{name}"))
            report = merge_into(store, records)
            assert report.total_added == len(history), name
            same_records(store.all_years(), history)


# ---- the sample log ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_reimporting_gives_the_same_export_back(name: str, tmp_path: Path) -> None:
    export = EXPORTERS[name]
    first = export(sample_history())
    store = ProgressStore(tmp_path / "progress")
    merge_into(store, read_export(first, tmp_path / f"log.{name}"))
    assert export(store.all_years()) == first


def test_import_is_idempotent_and_writes_nothing_the_second_time(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress")
    records = read_export(to_json(sample_history()), tmp_path / "log.json")
    first = merge_into(store, records)
    files = {p: p.read_bytes() for p in store.folder.glob("*.toml")}
    stamps = {p: p.stat().st_mtime_ns for p in files}
    second = merge_into(store, records)
    assert first.total_added == len(records) and second.total_added == 0
    assert second.unchanged == len(records) and not second.differing
    assert {p: p.read_bytes() for p in files} == files
    assert {p: p.stat().st_mtime_ns for p in files} == stamps


def test_records_that_differ_are_skipped_and_yours_kept(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress")
    mine = CheckIn(date(2026, 11, 2), 1, 1, note="my own words")
    store.add_checkin(mine)
    report = merge_into(store, read_export(to_csv(sample_history()), tmp_path / "x.csv"))
    assert report.differing == ['check-in "c-20261102" (2026-11-02)']
    assert store.all_years().checkin_on(date(2026, 11, 2)) == mine
    assert report.total_added == len(sample_history()) - 1


def test_a_broken_year_file_stops_the_import_before_any_write(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress")
    store.add_skip(Skip(date(2025, 3, 1), "ill"))
    store.path_for(2026).write_text("schema = 1\nyear = 2026\n[[sessions]]\nid = 5\n")
    before = store.path_for(2025).read_bytes()
    history = sample_history()
    early = Skip(date(2025, 3, 2), "travel")
    records = Imported("json", history.sessions, history.checkins, (early, *history.skips))
    with pytest.raises(ProgressFileError):
        merge_into(store, records)
    assert store.path_for(2025).read_bytes() == before


# ---- refusing bad files ------------------------------------------------------------------------


def refusal(data: bytes, name: str = "bad.json") -> str:
    with pytest.raises(ImportFileError) as caught:
        read_export(data, Path(name))
    return str(caught.value)


def sample_json() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(to_json(sample_history()))
    return loaded


def json_bytes(document: object) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


def test_json_syntax_error_names_its_line() -> None:
    lines = json_bytes(sample_json()).decode().splitlines()
    lines[9] = lines[9].rstrip(",")  # drop a comma inside the first session
    assert refusal("\n".join(lines).encode()).startswith("bad.json:11: not valid JSON")
    lines = to_json(sample_history()).decode().splitlines()
    lines[7] = lines[7].replace(', "title"', ' "title"')  # the second session's line
    assert refusal("\n".join(lines).encode()).startswith("bad.json:8: not valid JSON")


def test_json_errors_in_freefeets_own_layout_name_the_records_line() -> None:
    lines = to_json(sample_history()).decode().splitlines()
    assert lines[8].startswith('    {"id": "s-20261104-pre018"')
    lines[8] = lines[8].replace('"steps_done": 6', '"steps_done": 7')
    assert refusal("\n".join(lines).encode()) == (
        'bad.json:9: session "s-20261104-pre018": steps_done 7 is more than steps_total 6'
    )


def test_json_bad_value_names_the_line_of_its_key() -> None:
    document = sample_json()
    document["checkins"][3]["pain_right"] = 11  # type: ignore[index]
    data = json_bytes(document)
    line = next(
        n for n, text in enumerate(data.decode().splitlines(), 1) if '"pain_right": 11' in text
    )
    assert refusal(data) == (
        f'bad.json:{line}: check-in "c-20261109": pain_right must be a whole number from 0 to 10'
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), 'not a freefeet export: "format"'),
        (lambda d: d.update(version=2), "version 2 is newer than this freefeet reads"),
        (lambda d: d.update(extra=1), 'unknown key "extra"'),
        (lambda d: d["skips"].append(dict(d["skips"][0])), 'a second skip with id "k-20261106"'),
        (lambda d: d["sessions"][0].update(mood="good"), 'unknown key "mood"'),
        (lambda d: d["sessions"][0].update(start="2026-11-02T07:30:00"), "needs a UTC offset"),
        (lambda d: d["sessions"][0].update(date="2-11-2026"), "date must be a date such as"),
        (lambda d: d["checkins"][0].update(note="   "), "note is empty"),
        (lambda d: d.update(sessions={}), '"sessions" must be a list of objects'),
    ],
)
def test_json_refusals(change: object, message: str) -> None:
    document = sample_json()
    change(document)  # type: ignore[operator]
    text = refusal(json_bytes(document))
    assert text.startswith("bad.json:") and message in text, text


def test_csv_errors_name_the_first_line_of_the_row() -> None:
    text = to_csv(sample_history()).decode()
    lines = text.split("\r\n")
    # the row after the two-line note of 2026-11-02 starts on file line 5 (header is line 1)
    assert lines[3].startswith("session,s-20261103")
    lines[3] = lines[3].replace(",1150,", ",-5,")
    message = refusal("\r\n".join(lines).encode(), "bad.csv")
    assert message == (
        'bad.csv:5: session "s-20261103-mob007": seconds must be a whole number from 0 to 86400'
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rows: ["kind,id", *rows[1:]], "bad.csv:1: not a freefeet CSV export"),
        (lambda rows: [rows[0], "walk" + rows[1][7:], *rows[2:]], 'kind "walk" must be one of'),
        (lambda rows: [rows[0], rows[1] + ",extra", *rows[2:]], "this row has 22 cells"),
        (lambda rows: [rows[0], rows[1].replace(",,,,,,,", ",,,,,3,,", 1), *rows[2:]], "has no"),
        (lambda rows: [rows[0], rows[1].replace("completed", "done"), *rows[2:]], "status must"),
        (lambda rows: [*rows[:-1], rows[1], rows[-1]], 'a second session with id "s-20261102'),
    ],
)
def test_csv_refusals(edit: object, message: str) -> None:
    rows = to_csv(sample_history()).decode().split("\r\n")
    text = refusal("\r\n".join(edit(rows)).encode(), "bad.csv")  # type: ignore[operator]
    assert text.startswith("bad.csv:") and message in text, text


def test_files_that_are_not_exports_are_refused() -> None:
    assert refusal(b"\xff\xfe junk", "x.csv") == "x.csv:1: the file is not UTF-8 text"
    assert refusal(b"  \n", "x.csv") == "x.csv: the file is empty"
    assert refusal(b"[1, 2]", "x.json").startswith("x.json:1: not a freefeet CSV export")
    assert refusal(b'{"format": "freefeet-progress"}').startswith('bad.json:1: "version"')


def test_a_bom_and_a_note_starting_with_an_apostrophe_survive() -> None:
    history = History.of([], [CheckIn(date(2026, 1, 5), note="'tis fine")], [])
    back = read_export(b"\xef\xbb\xbf" + to_csv(history), Path("x.csv"))
    assert back.checkins == history.checkins


def test_times_keep_their_instant_and_offset() -> None:
    start = datetime.combine(
        date(2026, 3, 29), time(1, 59, 30), tzinfo=timezone(timedelta(hours=1))
    )
    played = Session(
        "s-1", "free-your-feet", "Free Your Feet", start, start + timedelta(hours=1),
        start.date(), 600, 3, 16, SessionStatus.PARTIAL, 3, "heel-lifts", 1.5,
    )  # fmt: skip
    for export in EXPORTERS.values():
        back = read_export(export(History.of([played])), Path("x")).sessions[0]
        assert back == played
        assert back.start.utcoffset() == timedelta(hours=1)
        assert back.end.astimezone(UTC) == played.end.astimezone(UTC)
