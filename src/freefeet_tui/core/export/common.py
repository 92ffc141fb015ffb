"""What the exporters share: the records in a date range, in one order, and cell neutralising.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (CSV injection). Free-text cells that start so get a leading apostrophe,
which spreadsheets hide and treat as "this is text". So that the importer can take exactly
that apostrophe away again, a text that already starts with an apostrophe gets one more:
the importer removes one leading apostrophe from every free-text cell that has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from freefeet_tui.core.progress import CheckIn, History, Session, Skip

EXPORT_FORMAT = "freefeet-progress"
EXPORT_VERSION = 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
APOSTROPHE = "'"

Record = Session | CheckIn | Skip
KIND_SESSION, KIND_CHECKIN, KIND_SKIP = "session", "check-in", "skip"
KINDS = (KIND_SESSION, KIND_CHECKIN, KIND_SKIP)


def neutralise(text: str) -> str:
    """``=1+1`` -> ``'=1+1``, ``'quoted`` -> ``''quoted``; anything else unchanged."""
    if text.startswith((*FORMULA_STARTS, APOSTROPHE)):
        return APOSTROPHE + text
    return text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise`: one leading apostrophe, if any, is removed."""
    return text[1:] if text.startswith(APOSTROPHE) else text


def kind_of(record: Record) -> str:
    if isinstance(record, Session):
        return KIND_SESSION
    return KIND_CHECKIN if isinstance(record, CheckIn) else KIND_SKIP


def in_range(history: History, start: date | None, end: date | None) -> History:
    """The records whose local date lies in ``start``..``end`` (either end may be open)."""

    def keep(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    return History(
        sessions=tuple(s for s in history.sessions if keep(s.day)),
        checkins=tuple(c for c in history.checkins if keep(c.day)),
        skips=tuple(k for k in history.skips if keep(k.day)),
        years=history.years,
        problems=history.problems,
    )


def records_in_order(history: History) -> Iterator[Record]:
    """Every record by local date; on one date sessions (by start), then check-in, then skip."""
    by_day: dict[date, list[Record]] = {}
    for records in (history.sessions, history.checkins, history.skips):
        for record in records:
            by_day.setdefault(record.day, []).append(record)
    for day in sorted(by_day):
        yield from by_day[day]
