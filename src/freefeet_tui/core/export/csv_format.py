"""The log as CSV: RFC 4180 (CRLF line ends, quotes doubled), UTF-8, one row per record.

The ``kind`` column says what a row is (``session``, ``check-in`` or ``skip``); the other
columns are the record's keys from docs/data-format.md, empty where a kind has no such key or
nothing was reported. Dates and times are ISO 8601; times keep their UTC offset. Every text
cell (the ids, the lesson and step ids, the status and the free text: ``title``, ``reason``,
``note``) is neutralised against spreadsheet formulas (see ``common.neutralise``), so no cell
of the file starts a formula. The importer reads these files back with the same column table
and takes the neutralising apostrophe off every text cell again.
"""

from __future__ import annotations

import csv
import io

from freefeet_tui.core.export.common import (
    KIND_CHECKIN,
    KIND_SESSION,
    KIND_SKIP,
    Record,
    neutralise,
    records_in_order,
)
from freefeet_tui.core.progress import CheckIn, History, Session, Skip

# column -> (the kinds that use it, how its cells are read back)
COLUMNS: dict[str, tuple[frozenset[str], str]] = {
    "kind": (frozenset(), "kind"),
    "id": (frozenset({KIND_SESSION, KIND_CHECKIN, KIND_SKIP}), "text"),
    "date": (frozenset({KIND_SESSION, KIND_CHECKIN, KIND_SKIP}), "date"),
    "lesson": (frozenset({KIND_SESSION}), "text"),
    "title": (frozenset({KIND_SESSION}), "free"),
    "status": (frozenset({KIND_SESSION}), "text"),
    "start": (frozenset({KIND_SESSION}), "instant"),
    "end": (frozenset({KIND_SESSION}), "instant"),
    "seconds": (frozenset({KIND_SESSION}), "whole"),
    "steps_done": (frozenset({KIND_SESSION}), "whole"),
    "steps_total": (frozenset({KIND_SESSION}), "whole"),
    "stop_index": (frozenset({KIND_SESSION}), "whole"),
    "stop_step": (frozenset({KIND_SESSION}), "text"),
    "tempo": (frozenset({KIND_SESSION}), "number"),
    "pain_left": (frozenset({KIND_CHECKIN}), "whole"),
    "pain_right": (frozenset({KIND_CHECKIN}), "whole"),
    "run_minutes": (frozenset({KIND_CHECKIN}), "whole"),
    "run_pain": (frozenset({KIND_CHECKIN}), "whole"),
    "planned_run": (frozenset({KIND_CHECKIN}), "flag"),
    "reason": (frozenset({KIND_SKIP}), "free"),
    "note": (frozenset({KIND_CHECKIN}), "free"),
}
HEADER = tuple(COLUMNS)
FREE_TEXT = frozenset(name for name, (_, how) in COLUMNS.items() if how == "free")
TEXT_COLUMNS = frozenset(name for name, (_, how) in COLUMNS.items() if how in ("free", "text"))


def _text(value: int | str | None) -> str:
    return "" if value is None else str(value)


def _cell(value: str | None) -> str:
    """A text cell: empty for nothing, else neutralised against formulas."""
    return "" if value is None else neutralise(value)


def session_row(s: Session) -> list[str]:
    """A session's cells in :data:`HEADER` order (``repr`` keeps the tempo exact)."""
    return [
        KIND_SESSION, _cell(s.id), s.day.isoformat(), _cell(s.lesson_id), _cell(s.lesson_title),
        _cell(s.status.value), s.start.isoformat(), s.end.isoformat(), str(s.seconds),
        str(s.steps_done), str(s.steps_total), _text(s.stop_index), _cell(s.stop_step),
        repr(s.tempo), *_CHECKIN_BLANKS, "", "",
    ]  # fmt: skip


def checkin_row(c: CheckIn) -> list[str]:
    return [
        KIND_CHECKIN, _cell(c.id), c.day.isoformat(), *_SESSION_BLANKS, _text(c.pain_left),
        _text(c.pain_right), _text(c.run_minutes), _text(c.run_pain),
        "true" if c.planned_run else "false", "", _cell(c.note),
    ]  # fmt: skip


def skip_row(k: Skip) -> list[str]:
    return [KIND_SKIP, _cell(k.id), k.day.isoformat(), *_SESSION_BLANKS, *_CHECKIN_BLANKS,
            _cell(k.reason), ""]  # fmt: skip


_SESSION_BLANKS = ("",) * sum(1 for kinds, _ in COLUMNS.values() if kinds == {KIND_SESSION})
_CHECKIN_BLANKS = ("",) * (sum(1 for kinds, _ in COLUMNS.values() if kinds == {KIND_CHECKIN}) - 1)


def row_of(record: Record) -> list[str]:
    """The cells of one record, in :data:`HEADER` order."""
    if isinstance(record, Session):
        return session_row(record)
    return checkin_row(record) if isinstance(record, CheckIn) else skip_row(record)


def to_csv(history: History) -> bytes:
    """The whole history as CSV bytes: a header row, then one row per record by date."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    writer.writerows(row_of(record) for record in records_in_order(history))
    return buffer.getvalue().encode("utf-8")
