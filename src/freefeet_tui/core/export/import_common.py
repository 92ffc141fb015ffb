"""What the JSON and CSV import readers share: the records found, and how each one is checked.

Every record goes through the same checks as a year file (``Session.from_values`` and
friends), and through the import's own: no text holding a control character or a lone
surrogate (a terminal would obey the one, no file can hold the other), and a date from
2000-01-01 to today (``checks.day_problem``). A value is echoed in a message only through
:func:`~freefeet_tui.core.terminal_text.quoted`: one short line, whatever the file holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.export.common import KIND_CHECKIN, KIND_SESSION, KIND_SKIP, KINDS, Record
from freefeet_tui.core.progress import CheckIn, RecordError, Session, Skip
from freefeet_tui.core.progress.checks import CHECKIN_KEYS, SESSION_KEYS, SKIP_KEYS, Keys
from freefeet_tui.core.terminal_text import control_problem, quoted

SECTIONS: dict[str, tuple[str, Keys]] = {
    "sessions": (KIND_SESSION, SESSION_KEYS),
    "checkins": (KIND_CHECKIN, CHECKIN_KEYS),
    "skips": (KIND_SKIP, SKIP_KEYS),
}
TOP_KEYS = ("format", "version", "from", "to", *SECTIONS)
BUILDERS: dict[str, Callable[[dict[str, Any]], Record]] = {
    KIND_SESSION: Session.from_values,
    KIND_CHECKIN: CheckIn.from_values,
    KIND_SKIP: Skip.from_values,
}
MAX_IMPORT_BYTES = 64 * 2**20  # ten years of a busy log export to about 5 MB

DayCheck = Callable[[Record], str | None]


class ImportFileError(FileProblem, ValueError):
    """A file that cannot be imported: ``FILE:LINE: message``."""


class Oversized:
    """A number too long to be any value of an export; every record check refuses it."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {self.digits} digits"


@dataclass(frozen=True)
class Imported:
    """The records of an export file, checked; ``format`` is ``json`` or ``csv``."""

    format: str
    sessions: tuple[Session, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    skips: tuple[Skip, ...] = ()

    def __len__(self) -> int:
        return len(self.sessions) + len(self.checkins) + len(self.skips)


def typed(key: str, value: Any) -> Any:
    """Text dates and times as date and datetime objects; anything else as given, for the
    record checks to accept or name."""
    if not isinstance(value, str):
        return value
    try:
        if key == "date" and len(value) == 10:
            return date.fromisoformat(value)
        if key in ("start", "end") and len(value) <= 40:
            return datetime.fromisoformat(value)
    except ValueError:
        pass
    return value


def context(kind: str, values: dict[str, Any], number: int) -> str:
    """How a message names a record: ``session "s-1": `` or ``check-in 3: ``."""
    record_id = values.get("id")
    return f"{kind} {quoted(record_id)}: " if isinstance(record_id, str) else f"{kind} {number}: "


def text_problem(values: dict[str, Any]) -> tuple[str, str] | None:
    """The first text value holding a control character or a lone surrogate, and why."""
    for key, value in values.items():
        if isinstance(value, str):
            problem = control_problem(value)
            if problem is not None:
                return key, f"{key} {problem}"
    return None


def build_checked(
    kind: str, values: dict[str, Any], check_day: DayCheck
) -> tuple[Record | None, str, str]:
    """``(record, "", "")``, or ``(None, key, problem)`` for the first thing wrong with it."""
    refused = text_problem(values)
    if refused is not None:
        return None, *refused
    if kind == KIND_CHECKIN and values.get("planned_run") is None:
        values = {**values, "planned_run": False}
    try:
        record = BUILDERS[kind](values)
    except RecordError as error:
        return None, error.key, error.problem
    problem = check_day(record)
    if problem is not None:
        return None, "date", f"date {problem}"
    return record, "", ""


Where = Callable[[], int | None]  # the line a record starts on, worked out only when needed


class Collector:
    """Built records, each with a way to find its line; refuses a second id or date per kind.

    A line is worked out only for a message (counting line breaks up to every record of a
    big file would cost time quadratic in its size)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        self.seen: dict[tuple[str, str, Any], Where] = {}

    def add(self, kind: str, record: Record, where: Where) -> None:
        keys: list[tuple[str, Any]] = [("id", record.id)]
        if kind != KIND_SESSION:
            keys.append(("date", record.day))
        for field, value in keys:
            first = self.seen.setdefault((kind, field, value), where)
            if first is not where:
                shown = value.isoformat() if isinstance(value, date) else value
                raise ImportFileError(
                    self.path,
                    where(),
                    f"a second {kind} with {field} {quoted(shown)} "
                    f"(the first is at line {first()})",
                )
        self.records[kind].append(record)

    def result(self, format_name: str) -> Imported:
        found = self.records
        return Imported(
            format_name,
            tuple(r for r in found[KIND_SESSION] if isinstance(r, Session)),
            tuple(r for r in found[KIND_CHECKIN] if isinstance(r, CheckIn)),
            tuple(r for r in found[KIND_SKIP] if isinstance(r, Skip)),
        )
