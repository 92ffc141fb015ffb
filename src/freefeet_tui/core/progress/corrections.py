"""Changes the runner makes to the log, each one undoable: log, skip, edit, delete and undo.

Every change is a list of :class:`~freefeet_tui.core.progress.journal.Change` (a record before
and after), applied by one locked read-modify-write of every year file it touches, all written
or none (``ProgressStore.change_years``); under the lock, each record must still be as the
change expects, so a change made meanwhile by another freefeet is never overwritten
(:class:`ChangedMeanwhile`) and nothing is written. Each change is then written to the undo
journal, and :meth:`Corrections.undo` applies the newest entry backwards. The command line and
the app both change the log through here, so ``freefeet undo`` takes back a check-in saved in
the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from freefeet_tui.core.progress.history import YearLog
from freefeet_tui.core.progress.journal import Change, Entry, Journal, Record
from freefeet_tui.core.progress.records import CheckIn, Session, Skip
from freefeet_tui.core.progress.store import ProgressStore
from freefeet_tui.core.wording import plural

RETRIES = 3


def record_label(record: Record) -> str:
    """``the check-in of 2026-11-24``, ``the session of Free Your Feet on 2026-11-24``."""
    if isinstance(record, Session):
        return f"the session of {record.lesson_title} on {record.day}"
    kind = "check-in" if isinstance(record, CheckIn) else "skip"
    return f"the {kind} of {record.day}"


class CorrectionError(ValueError):
    """A change that cannot be made, said in words for the runner."""


class ChangedMeanwhile(CorrectionError):
    """A record was changed by something else between reading it and changing it."""

    def __init__(self, record: Record) -> None:
        self.label = record_label(record)
        super().__init__(f"{self.label} changed meanwhile; nothing was changed")


def _day_in_id(record_id: str) -> date | None:
    """The date an id such as ``c-20261124`` or ``s-20261124-3f9a2c`` was made for."""
    parts = record_id.split("-")
    if len(parts) >= 2 and len(parts[1]) == 8 and parts[1].isdigit():
        try:
            return date(int(parts[1][:4]), int(parts[1][4:6]), int(parts[1][6:]))
        except ValueError:
            return None
    return None


def _records(log: YearLog) -> list[Record]:
    return [*log.sessions, *log.checkins, *log.skips]


def _current(log: YearLog, record: Record) -> Record | None:
    """The record in ``log`` that ``record`` would replace: same id, or (check-ins and skips,
    one per date) same kind and date."""
    for found in _records(log):
        if found.id == record.id and type(found) is type(record):
            return found
    if not isinstance(record, Session):
        return next(
            (r for r in _records(log) if type(r) is type(record) and r.day == record.day), None
        )
    return None


def _changed(log: YearLog, changes: list[Change]) -> YearLog:
    """``log`` with each change made; raises :class:`ChangedMeanwhile` if a record is not as
    the change expects (under the store's lock: nothing of any year is written then)."""
    records = _records(log)
    for change in changes:
        current = _current(replace_records(log, records), change.record)
        if current != change.before:
            raise ChangedMeanwhile(change.record)
        if current is not None:
            records = [r for r in records if r is not current]
        if change.after is not None:
            records.append(change.after)
    return replace_records(log, records)


def replace_records(log: YearLog, records: list[Record]) -> YearLog:
    return replace(
        log,
        sessions=tuple(r for r in records if isinstance(r, Session)),
        checkins=tuple(r for r in records if isinstance(r, CheckIn)),
        skips=tuple(r for r in records if isinstance(r, Skip)),
    )


def _year(change: Change) -> int:
    return change.record.day.year


class Corrections:
    """The runner's changes to ``store``, each written to its undo journal."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        self.journal = Journal(store.folder)

    # applying -------------------------------------------------------------------------------

    def apply(self, changes: list[Change]) -> None:
        """Make ``changes`` in one locked write of every year they touch, all or none
        (``ProgressStore.change_years``): a record that moves to another year is two changes,
        gone from one and new in the other, and either both happen or neither."""
        years = sorted({_year(change) for change in changes})
        self.store.change_years(
            {
                year: partial(_changed, changes=[c for c in changes if _year(c) == year])
                for year in years
            }
        )

    def _retried(self, work: Callable[[], tuple[list[Change], str, str]]) -> list[Change]:
        """Work out a change from what is on disk and make it; if the log changed in between,
        work it out again."""
        for attempt in range(RETRIES):
            changes, action, said = work()
            try:
                self.apply(changes)
            except ChangedMeanwhile:
                if attempt == RETRIES - 1:
                    raise
                continue
            self.journal.add(action, said, changes)
            return changes
        raise AssertionError("unreachable")

    # the changes ---------------------------------------------------------------------------

    def log_checkin(self, checkin: CheckIn, *, merge: bool = True) -> CheckIn:
        """Log a check-in: with ``merge``, what it gives updates the day's check-in and what it
        leaves out is kept; without, it replaces the day's check-in whole (keeping its id)."""

        def work() -> tuple[list[Change], str, str]:
            log = self.store.year(checkin.day.year)
            old = next((c for c in log.checkins if c.day == checkin.day), None)
            if old is None:
                new = checkin
            else:
                new = old.merged_with(checkin) if merge else replace(checkin, id=old.id)
            return [Change(old, new)], "log", f"logged the check-in of {checkin.day}"

        stored = self._retried(work)[0].after
        assert isinstance(stored, CheckIn)
        return stored

    def add_skip(self, skip: Skip) -> Skip:
        """Mark a day off; a second skip for the same date replaces the reason."""

        def work() -> tuple[list[Change], str, str]:
            log = self.store.year(skip.day.year)
            old = next((k for k in log.skips if k.day == skip.day), None)
            new = skip if old is None else replace(skip, id=old.id)
            return [Change(old, new)], "skip", f"skipped {skip.day} ({skip.reason})"

        stored = self._retried(work)[0].after
        assert isinstance(stored, Skip)
        return stored

    def find(self, record_id: str) -> Record | None:
        """The record with ``record_id``: in the year its id names first, then in any year."""
        day = _day_in_id(record_id)
        years = self.store.years()
        if day is not None and day.year in years:
            years = [day.year, *(y for y in reversed(years) if y != day.year)]
        for year in years:
            found = next((r for r in _records(self.store.year(year)) if r.id == record_id), None)
            if found is not None:
                return found
        return None

    def found(self, record_id: str) -> Record:
        record = self.find(record_id)
        if record is None:
            raise CorrectionError(f'no record "{record_id}"; freefeet history shows the ids')
        return record

    def edit(self, record_id: str, change: Callable[[Record], Record]) -> Record:
        """Replace the record with ``change(record)``. A check-in or skip may move to another
        date (it gets that date's id) if that date has none of its kind yet."""
        old = self.found(record_id)
        new = change(old)
        if new == old:
            raise CorrectionError(f"nothing to change: {record_label(old)} already says so")
        if isinstance(old, Session):
            raise CorrectionError("sessions are recorded by the player and cannot be edited")
        changes = [Change(old, new)]
        if new.day != old.day:
            new = replace(new, id="")  # the id of its new date
            there = _records(self.store.year(new.day.year))
            taken = next((r for r in there if type(r) is type(new) and r.day == new.day), None)
            if taken is not None:
                raise CorrectionError(
                    f"{new.day} has {record_label(taken)} already; edit or delete that one"
                )
            changes = [Change(old, None), Change(None, new)]
        self.apply(changes)
        self.journal.add("edit", f"edited {record_label(old)}", changes)
        return new

    def delete(self, record_id: str) -> Record:
        old = self.found(record_id)
        changes = [Change(old, None)]
        self.apply(changes)
        self.journal.add("delete", f"deleted {record_label(old)}", changes)
        return old

    def note_import(self, added: list[Record], source: str) -> None:
        """Journal an import (already written by ``merge_into``) so it can be undone."""
        count = len(added)
        said = f"imported {plural(count, 'record')} from {source}"
        self.journal.add("import", said, [Change(None, record) for record in added])

    def undo(self) -> Entry:
        """Take back the newest change in the journal; raises :class:`CorrectionError` when
        there is none, or when a record it touched has changed since."""
        entries = self.journal.entries()
        if not entries:
            raise CorrectionError("nothing to undo")
        entry = entries[-1]
        backwards = [Change(c.after, c.before) for c in reversed(entry.changes)]
        years = sorted({_year(change) for change in backwards})
        history = self.store.history(years)
        if history.problems:
            raise CorrectionError(str(history.problems[0]))
        try:  # every year checked under the lock before any is written: undone whole or not
            self.apply(backwards)
        except ChangedMeanwhile as error:
            raise CorrectionError(
                f"cannot undo ({entry.said}): {error.label} has changed since"
            ) from None
        self.journal.drop_last(entry)
        return entry
