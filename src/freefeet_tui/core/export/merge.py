"""Add imported records to the store by record id: new ones are added, the rest are kept.

A record whose id is already in the log is skipped: as "already there" when it is the same,
as a difference when it is not (the log's version is kept; freefeet never overwrites a record
on import). Check-ins and skips are one per date, so one for a date the log already has is a
difference too. All years are merged, checked and encoded under one lock before anything is
written, then written together or not at all (``ProgressStore.change_years``): an import never
leaves one year imported and the next not. Importing the same file twice changes nothing the
second time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from freefeet_tui.core.export.common import KIND_CHECKIN, KIND_SESSION, KIND_SKIP, Record
from freefeet_tui.core.export.importer import Imported
from freefeet_tui.core.progress import CheckIn, ProgressStore, Session, Skip, YearLog


@dataclass
class ImportReport:
    """What an import did: records added per kind, records already there, differences kept."""

    added: dict[str, int] = field(
        default_factory=lambda: {KIND_SESSION: 0, KIND_CHECKIN: 0, KIND_SKIP: 0}
    )
    unchanged: int = 0
    differing: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    """The records added, for the undo journal."""

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _describe(kind: str, record: Record) -> str:
    return f'{kind} "{record.id}" ({record.day.isoformat()})'


def _merge_dated(
    kind: str, old: Sequence[CheckIn | Skip], new: Sequence[CheckIn | Skip], report: ImportReport
) -> list[CheckIn | Skip]:
    """The records of ``new`` to add: those whose date and id the log does not have yet."""
    by_day = {record.day: record for record in old}
    ids = {record.id for record in old}
    added: list[CheckIn | Skip] = []
    for record in new:
        there = by_day.get(record.day)
        if there == record:
            report.unchanged += 1
        elif there is not None or record.id in ids:
            report.differing.append(_describe(kind, record))
        else:
            added.append(record)
            report.added[kind] += 1
            report.records.append(record)
    return added


def _merge_year(log: YearLog, records: Imported, report: ImportReport) -> YearLog:
    sessions = {session.id: session for session in log.sessions}
    new_sessions: list[Session] = []
    for session in records.sessions:
        there = sessions.get(session.id)
        if there is None:
            new_sessions.append(session)
            report.added[KIND_SESSION] += 1
            report.records.append(session)
        elif there == session:
            report.unchanged += 1
        else:
            report.differing.append(_describe(KIND_SESSION, session))
    checkins = _merge_dated(KIND_CHECKIN, log.checkins, records.checkins, report)
    skips = _merge_dated(KIND_SKIP, log.skips, records.skips, report)
    if not (new_sessions or checkins or skips):
        return log  # nothing new: the store leaves the file alone
    return replace(
        log,
        sessions=(*log.sessions, *new_sessions),
        checkins=(*log.checkins, *(c for c in checkins if isinstance(c, CheckIn))),
        skips=(*log.skips, *(k for k in skips if isinstance(k, Skip))),
    )


def years_of(records: Imported) -> list[int]:
    all_records: list[Record] = [*records.sessions, *records.checkins, *records.skips]
    return sorted({record.day.year for record in all_records})


def merge_into(store: ProgressStore, records: Imported) -> ImportReport:
    """Add ``records`` to ``store``, every year or none; raises ``ProgressFileError`` when a
    year file it would change cannot be read, ``ProgressWriteError`` when the files cannot be
    written, both before any file has changed."""
    years = years_of(records)
    history = store.history(years)
    if history.problems:
        raise history.problems[0]
    report = ImportReport()
    changes: dict[int, Callable[[YearLog], YearLog]] = {}
    for year in years:
        part = Imported(
            records.format,
            tuple(s for s in records.sessions if s.day.year == year),
            tuple(c for c in records.checkins if c.day.year == year),
            tuple(k for k in records.skips if k.day.year == year),
        )
        changes[year] = partial(_merge_year, records=part, report=report)
    store.change_years(changes)
    return report
