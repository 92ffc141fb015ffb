"""Correcting the log: log, skip, edit, delete and undo through the journal, in a real store.

The journal lives on disk (``undo.toml``, private, written atomically), so an undo works from
a new process; a record changed since the change it would take back is never overwritten.
"""

from __future__ import annotations

import errno
import stat
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from freefeet_tui.core.progress import CheckIn, ProgressStore, Skip, new_session
from freefeet_tui.core.progress import atomic as atomic_module
from freefeet_tui.core.progress.corrections import CorrectionError, Corrections, record_label
from freefeet_tui.core.progress.errors import ProgressWriteError
from freefeet_tui.core.progress.journal import JOURNAL_FILE, KEEP, Journal

D = date(2026, 11, 24)
CET = timezone(timedelta(hours=1))


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress")


def fresh(store: ProgressStore) -> Corrections:
    """Corrections as a new process sees them: a new store object, the journal read anew."""
    return Corrections(ProgressStore(store.folder))


def test_log_merges_by_default_and_undo_restores_the_day_as_it_was(store: ProgressStore) -> None:
    fixes = Corrections(store)
    fixes.log_checkin(CheckIn(D, 3, 3))
    fixes.log_checkin(CheckIn(D, run_minutes=20, run_pain=2))
    assert store.year(2026).checkins == (CheckIn(D, 3, 3, 20, 2),)
    assert fresh(store).undo().said == f"logged the check-in of {D}"
    assert store.year(2026).checkins == (CheckIn(D, 3, 3),)
    fresh(store).undo()
    assert store.year(2026).checkins == ()
    with pytest.raises(CorrectionError, match="nothing to undo"):
        fresh(store).undo()


def test_a_replacing_log_clears_what_it_leaves_out(store: ProgressStore) -> None:
    fixes = Corrections(store)
    fixes.log_checkin(CheckIn(D, 3, 3, note="stiff"))
    fixes.log_checkin(CheckIn(D, 2, 2), merge=False)
    assert store.year(2026).checkins == (CheckIn(D, 2, 2),)


def test_edit_moves_a_check_in_to_a_free_day_with_that_days_id(store: ProgressStore) -> None:
    fixes = Corrections(store)
    fixes.log_checkin(CheckIn(D, 3, 3))
    moved = fixes.edit(f"c-{D:%Y%m%d}", lambda old: replace(old, day=D - timedelta(days=1)))
    assert moved.id == f"c-{D - timedelta(days=1):%Y%m%d}"
    assert [c.day for c in store.year(2026).checkins] == [D - timedelta(days=1)]
    fixes.log_checkin(CheckIn(D, 1, 1))
    with pytest.raises(CorrectionError, match=r"has the check-in of .* already"):
        fixes.edit(moved.id, lambda old: replace(old, day=D))
    fixes.undo()  # the log of D
    fixes.undo()  # the move
    assert [(c.day, c.id) for c in store.year(2026).checkins] == [(D, f"c-{D:%Y%m%d}")]


def test_a_move_across_new_year_is_two_changes_in_two_files(store: ProgressStore) -> None:
    fixes = Corrections(store)
    first = date(2027, 1, 1)
    fixes.log_checkin(CheckIn(first, 4))
    fixes.edit(f"c-{first:%Y%m%d}", lambda old: replace(old, day=date(2026, 12, 31)))
    assert store.year(2027).checkins == () and len(store.year(2026).checkins) == 1
    fresh(store).undo()
    assert store.year(2026).checkins == () and len(store.year(2027).checkins) == 1


def test_a_move_across_new_year_and_its_undo_write_both_years_or_neither(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixes = Corrections(store)
    first = date(2027, 1, 1)
    fixes.log_checkin(CheckIn(first, 4))
    fixes.log_checkin(CheckIn(date(2026, 12, 30), 2))
    files = {path.name: path.read_bytes() for path in store.folder.glob("*.toml")}
    real_stage = atomic_module._stage
    staged: list[str] = []

    def full_on_second(path: Path, data: bytes) -> Path:
        staged.append(path.name)
        if len(staged) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(atomic_module, "_stage", full_on_second)
    with pytest.raises(ProgressWriteError, match="nothing was written"):
        fixes.edit(f"c-{first:%Y%m%d}", lambda old: replace(old, day=date(2026, 12, 31)))
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in store.folder.glob("*.toml")} == files
    assert fresh(store).journal.entries()[-1].said == "logged the check-in of 2026-12-30"
    fixes.edit(f"c-{first:%Y%m%d}", lambda old: replace(old, day=date(2026, 12, 31)))
    moved = {path.name: path.read_bytes() for path in store.folder.glob("*.toml")}
    staged.clear()
    monkeypatch.setattr(atomic_module, "_stage", full_on_second)
    with pytest.raises(ProgressWriteError, match="nothing was written"):
        fresh(store).undo()  # the undo of the move: again both years or neither
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in store.folder.glob("*.toml")} == moved
    assert fresh(store).undo().said == f"edited the check-in of {first}"  # still there to undo
    assert {path.name: path.read_bytes() for path in store.folder.glob("*.toml")} == files


def test_sessions_can_be_deleted_not_edited(store: ProgressStore) -> None:
    start = datetime(2026, 11, 24, 7, tzinfo=CET)
    session = store.add_session(new_session("free-your-feet", "Free Your Feet", 8, now=start))
    fixes = Corrections(store)
    with pytest.raises(CorrectionError, match="cannot be edited"):
        fixes.edit(session.id, lambda old: replace(session, seconds=99))
    assert record_label(fixes.delete(session.id)) == "the session of Free Your Feet on 2026-11-24"
    assert store.year(2026).sessions == ()
    fresh(store).undo()
    assert store.year(2026).sessions == (session,)


def test_an_unknown_id_says_where_ids_are(store: ProgressStore) -> None:
    with pytest.raises(CorrectionError, match='no record "c-20260101"; freefeet history'):
        Corrections(store).delete("c-20260101")


def test_undo_refuses_a_record_changed_since(store: ProgressStore) -> None:
    fixes = Corrections(store)
    fixes.log_checkin(CheckIn(D, 3, 3))
    store.add_checkin(CheckIn(D, 6, 6))  # changed without the journal (a hand edit, say)
    with pytest.raises(CorrectionError, match="the check-in of 2026-11-24 has changed since"):
        fixes.undo()
    assert store.year(2026).checkins == (CheckIn(D, 6, 6),)
    assert len(fixes.journal.entries()) == 1  # still there, not thrown away


def test_skips_replace_the_reason_and_undo_brings_back_the_old_one(store: ProgressStore) -> None:
    fixes = Corrections(store)
    fixes.add_skip(Skip(D, "travel"))
    fixes.add_skip(Skip(D, "ill"))
    assert store.year(2026).skips == (Skip(D, "ill"),)
    assert fixes.undo().said == f"skipped {D} (ill)"
    assert store.year(2026).skips == (Skip(D, "travel"),)


def test_the_journal_keeps_the_last_changes_privately(store: ProgressStore) -> None:
    fixes = Corrections(store)
    for n in range(KEEP + 3):
        fixes.log_checkin(CheckIn(D - timedelta(days=n), n % 11))
    journal = store.folder / JOURNAL_FILE
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert len(fixes.journal.entries()) == KEEP
    assert not list(store.folder.glob(".*.tmp"))
    for _ in range(KEEP):
        fresh(store).undo()
    assert len(store.year(2026).checkins) == 3  # the oldest three are past undoing


def test_a_damaged_journal_is_ignored_and_started_afresh(store: ProgressStore) -> None:
    store.folder.mkdir(parents=True)
    (store.folder / JOURNAL_FILE).write_text("changes = [[[ not toml", encoding="utf-8")
    fixes = Corrections(store)
    assert fixes.journal.entries() == []
    fixes.log_checkin(CheckIn(D, 1))
    assert [e.action for e in Journal(store.folder).entries()] == ["log"]


def test_notes_with_control_characters_round_trip_through_the_journal(
    store: ProgressStore,
) -> None:
    fixes = Corrections(store)
    note = 'calf "tight"\n=HYPERLINK("x") [b]y[/b]'
    fixes.log_checkin(CheckIn(D, 2, note=note))
    fixes.log_checkin(CheckIn(D, 5), merge=False)
    fresh(store).undo()
    assert store.year(2026).checkins == (CheckIn(D, 2, note=note),)
