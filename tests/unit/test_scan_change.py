"""The closing scan's answer, ``scan_change``: kept with the session in the year file, checked
like every key, read back from every export (an older CSV without the column included), and
summed up in ``freefeet stats`` and ``freefeet history``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.core.export.csv_format import HEADER, OLDER_HEADERS, to_csv
from freefeet_tui.core.export.importer import ImportFileError, read_export
from freefeet_tui.core.export.json_format import to_json
from freefeet_tui.core.progress import (
    History,
    ProgressStore,
    RecordError,
    Session,
    SessionStatus,
)
from freefeet_tui.core.progress.errors import ProgressFileError
from freefeet_tui.core.progress.snapshot import load_snapshot
from freefeet_tui.core.progress.yearfile import read_year
from freefeet_tui.core.stats import ScanChanges, scan_changes
from freefeet_tui.core.wording import SCAN_ANSWERS, scan_change_words, scan_changes_text
from tests.helpers.exports import sample_history, session

DAY = date(2026, 11, 2)


def answered(change: int | None, number: int = 7) -> Session:
    return replace(session("free-your-feet", DAY, hour=number), scan_change=change)


def test_a_session_keeps_its_answer_from_minus_two_to_two() -> None:
    for change in range(-2, 3):
        assert answered(change).scan_change == change
        assert answered(change).to_values()["scan_change"] == change
    assert answered(None).to_values()["scan_change"] is None
    for bad in (3, -3, 1.0, True, "1"):
        with pytest.raises(RecordError, match="scan_change must be a whole number from -2 to 2"):
            answered(bad)  # type: ignore[arg-type]


def test_the_year_file_writes_and_reads_it(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.add_session(answered(1))
    store.add_session(answered(None, number=9))
    text = store.path_for(2026).read_text()
    assert text.count("scan_change = 1\n") == 1 and "scan_change = 0" not in text
    again = ProgressStore(tmp_path).year(2026)  # read from the snapshot written with it
    assert sorted(s.scan_change or 0 for s in again.sessions) == [0, 1]
    raw = store.path_for(2026).read_bytes()
    from_snapshot = load_snapshot(store.path_for(2026), raw, 2026)
    assert from_snapshot is not None and from_snapshot == read_year(store.path_for(2026))


def test_a_bad_answer_in_the_year_file_is_one_line(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.add_session(answered(1))
    path = store.path_for(2026)
    path.write_text(path.read_text().replace("scan_change = 1", "scan_change = 5"))
    with pytest.raises(ProgressFileError) as caught:
        read_year(path)
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "scan_change" in text
    )
    assert str(caught.value) == (
        f'{path}:{line}: session "s-20261102-fre007": scan_change must be a whole number '
        "from -2 to 2"
    )


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_exports_carry_it_and_the_importer_reads_it_back(tmp_path: Path, kind: str) -> None:
    history = sample_history()
    data = to_csv(history) if kind == "csv" else to_json(history)
    back = read_export(data, tmp_path / f"log.{kind}")
    changes = {s.id: s.scan_change for s in back.sessions}
    assert changes == {s.id: s.scan_change for s in history.sessions}
    assert sorted(c for c in changes.values() if c is not None) == [0, 1, 2]


def test_an_older_csv_without_the_column_still_imports(tmp_path: Path) -> None:
    (older,) = OLDER_HEADERS
    assert "scan_change" not in older and len(older) == len(HEADER) - 1
    rows = to_csv(sample_history()).decode().split("\r\n")
    position = HEADER.index("scan_change")
    cut = [",".join(older)] + [
        ",".join(cells[:position] + cells[position + 1 :])
        for cells in (row.split(",") for row in rows[1:3])
    ]  # two simple rows: a session and a check-in, no quoted commas in them
    back = read_export(("\r\n".join(cut) + "\r\n").encode(), tmp_path / "old.csv")
    assert len(back.sessions) == 1 and back.sessions[0].scan_change is None
    with pytest.raises(ImportFileError, match="this row has"):
        read_export((cut[0] + "\r\n" + rows[1] + "\r\n").encode(), tmp_path / "mixed.csv")


def test_scan_changes_count_easier_same_and_worse_per_lesson() -> None:
    sessions = [answered(c, n) for n, c in enumerate([2, 1, 1, 0, -1, None, 1], start=1)]
    sessions.append(session("pre-run-hip-extension", DAY, scan_change=0))
    found = scan_changes(History.of(sessions, [], []))
    assert found == [
        ScanChanges("free-your-feet", "Free Your Feet", easier=4, same=1, worse=1),
        ScanChanges("pre-run-hip-extension", "Pre-run Hip Extension", easier=0, same=1, worse=0),
    ]
    assert scan_changes_text(found[0]) == (
        "Free Your Feet: walking felt easier after 4 of 6 sessions (the same after 1, worse "
        "after 1)"
    )
    easy = ScanChanges("free-your-feet", "Free Your Feet", 7, 2, 0)
    assert scan_changes_text(easy) == (
        "Free Your Feet: walking felt easier after 7 of 9 sessions (the same after 2)"
    )
    assert [scan_change_words(c) for c in range(-2, 3)] == list(SCAN_ANSWERS)


def test_stats_and_history_show_it(capsys: pytest.CaptureFixture[str]) -> None:
    store = ProgressStore.for_user()
    today = date.today()
    for number, change in enumerate([1, 2, 0], start=1):
        store.add_session(session("free-your-feet", today, hour=number, scan_change=change))
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Walking after the closing scan, compared with the start:\n" in out
    assert "  Free Your Feet: walking felt easier after 2 of 3 sessions (the same after 1)\n" in out
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert out.count("walking much easier after it") == 1
    assert out.count("walking the same after it") == 1


def test_an_unanswered_log_says_nothing_of_it(capsys: pytest.CaptureFixture[str]) -> None:
    store = ProgressStore.for_user()
    store.add_session(replace(session("free-your-feet", date.today()), status=SessionStatus.OPEN))
    assert main(["stats"]) == 0
    assert "closing scan" not in capsys.readouterr().out


def test_the_html_reports_lessons_read_the_answers() -> None:
    from freefeet_tui.core.export.html_report import lessons_table
    from freefeet_tui.core.export.report_data import report_data

    history = sample_history()
    data = report_data(
        history, date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 1), {}, frozenset()
    )
    rated = {row.totals.lesson_id: dict(row.scans) for row in data.lessons if row.rated}
    assert rated == {"free-your-feet": {1: 1, 2: 1}, "mobilizing-your-core-to-run": {0: 1}}
    assert "<th>Walking after vs before</th>" in lessons_table(data.lessons)
