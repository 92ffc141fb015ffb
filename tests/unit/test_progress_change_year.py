"""``ProgressStore.change_year``: the public locked read-modify-write of one year file.

``merge.merge_into`` (import) uses it; the store's own saves go through it too. These tests
pin what it promises: it re-reads the year from disk under the lock, writes atomically and
privately, leaves the file alone when nothing changes or ``apply`` fails, and refuses a record
of another year (which would make the file unreadable).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from freefeet_tui.core.progress import CheckIn, ProgressStore, Skip, YearLog


def test_change_year_applies_writes_and_returns_the_result(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)

    def add(log: YearLog) -> tuple[YearLog, int]:
        return replace(log, skips=(*log.skips, Skip(date(2026, 3, 2), "ill"))), len(log)

    assert store.change_year(2026, add) == 0
    path = store.path_for(2026)
    assert path.stat().st_mode & 0o777 == 0o600
    assert ProgressStore(tmp_path).year(2026).skips == (Skip(date(2026, 3, 2), "ill"),)
    assert store.change_year(2026, add) == 1  # re-read: sees the first change


def test_change_year_sees_what_another_process_wrote(tmp_path: Path) -> None:
    mine, theirs = ProgressStore(tmp_path), ProgressStore(tmp_path)
    mine.add_checkin(CheckIn(date(2026, 1, 5), 2))
    theirs.add_skip(Skip(date(2026, 1, 6), "travel"))
    seen = mine.change_year(2026, lambda log: (log, len(log)))
    assert seen == 2
    assert len(ProgressStore(tmp_path).year(2026)) == 2


def test_no_change_and_a_failing_apply_leave_the_file_alone(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    assert store.change_year(2026, lambda log: (log, "same")) == "same"
    assert not store.path_for(2026).exists()  # nothing to change: no file made
    store.add_checkin(CheckIn(date(2026, 1, 5), 2))
    before = store.path_for(2026).read_bytes()

    def fail(log: YearLog) -> tuple[YearLog, None]:
        raise KeyError("no such record")

    with pytest.raises(KeyError):
        store.change_year(2026, fail)
    assert store.path_for(2026).read_bytes() == before


def test_a_record_of_another_year_is_refused(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.add_checkin(CheckIn(date(2026, 1, 5), 2))
    before = store.path_for(2026).read_bytes()

    def stray(log: YearLog) -> tuple[YearLog, None]:
        return replace(log, checkins=(*log.checkins, CheckIn(date(2025, 12, 31), 1))), None

    with pytest.raises(ValueError, match="another year"):
        store.change_year(2026, stray)
    assert store.path_for(2026).read_bytes() == before
    assert store.year(2026).checkins == (CheckIn(date(2026, 1, 5), 2),)
