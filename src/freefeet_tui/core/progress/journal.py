"""The undo journal: the last few changes made to the log, kept on disk so ``freefeet undo``
works from any new process.

Each change made by ``log``, ``skip``, ``edit``, ``delete`` or ``import`` (from the command line
or the app) is one entry: what was done, in words, and every record it touched as it was
before and after. ``undo.toml`` sits next to the year files, is written atomically under the
folder lock and is private to the user (0600), like them. Only the last :data:`KEEP` entries
are kept. A journal that cannot be read is treated as empty: it never stops a change.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from freefeet_tui.core.progress.atomic import folder_lock, write_atomic
from freefeet_tui.core.progress.records import CheckIn, Session, Skip, local_now
from freefeet_tui.core.toml_bounds import TomlLimits

JOURNAL_FILE = "undo.toml"
KEEP = 10
JOURNAL_LIMITS = TomlLimits("the undo journal", max_bytes=16 << 20)  # an import of many years
SCHEMA = 1
HEADER = """\
# freefeet's undo journal: your last changes to the log, newest last, so `freefeet undo` can
# take them back. freefeet rewrites this file; editing it by hand is not needed.
"""

Record = Session | CheckIn | Skip


def kind_of(record: Record) -> str:
    if isinstance(record, Session):
        return "session"
    return "check-in" if isinstance(record, CheckIn) else "skip"


class Change(NamedTuple):
    """One record as it was before a change and as the change left it (``None``: absent)."""

    before: Record | None
    after: Record | None

    @property
    def record(self) -> Record:
        found = self.after if self.after is not None else self.before
        assert found is not None, "a change has a record on one side at least"
        return found


class Entry(NamedTuple):
    """One change to the log: ``action`` (log, skip, edit, delete, import), what it did in
    words (``said``), when, and the records it touched."""

    action: str
    said: str
    at: datetime
    changes: tuple[Change, ...]


class Journal:
    """``undo.toml`` in the progress folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / JOURNAL_FILE

    def entries(self) -> list[Entry]:
        """The entries, oldest first; none when the file is missing or cannot be read. It is
        read by the one TOML reader, within its limits (``JOURNAL_LIMITS``)."""
        from freefeet_tui.core.errors import FileProblem
        from freefeet_tui.core.toml_reader import parse_toml, read_bounded

        try:
            raw = read_bounded(self.path, JOURNAL_LIMITS, FileProblem)
            data = parse_toml(raw, self.path, JOURNAL_LIMITS, FileProblem).data
            return [_entry(raw) for raw in data.get("changes", [])]
        except FileNotFoundError:
            return []
        except (FileProblem, OSError, ValueError, TypeError, KeyError, AttributeError):
            return []  # damaged: nothing to undo, and the next change starts it afresh

    def add(self, action: str, said: str, changes: list[Change]) -> None:
        """Record a change (nothing when it touched no record), keeping the last ``KEEP``."""
        if not changes:
            return
        entry = Entry(action, said, local_now(), tuple(changes))
        with folder_lock(self.folder):
            self._write([*self.entries(), entry][-KEEP:])

    def drop_last(self, expected: Entry) -> None:
        """Take off the newest entry once it has been undone (if it is still the newest)."""
        with folder_lock(self.folder):
            entries = self.entries()
            if entries and entries[-1] == expected:
                self._write(entries[:-1])

    def _write(self, entries: list[Entry]) -> None:
        import tomli_w

        data = {"schema": SCHEMA, "changes": [_raw(entry) for entry in entries]}
        with contextlib.suppress(OSError):
            write_atomic(self.path, (HEADER + tomli_w.dumps(data)).encode("utf-8"))


def _values(record: Record) -> dict[str, Any]:
    values = record.to_values()
    kept = {key: value for key, value in values.items() if value is not None}
    if "status" in kept:
        kept["status"] = str(kept["status"])
    return kept


def _raw(entry: Entry) -> dict[str, Any]:
    records = []
    for change in entry.changes:
        raw: dict[str, Any] = {"kind": kind_of(change.record)}
        if change.before is not None:
            raw["before"] = _values(change.before)
        if change.after is not None:
            raw["after"] = _values(change.after)
        records.append(raw)
    return {"action": entry.action, "said": entry.said, "at": entry.at, "records": records}


def _record(kind: str, values: dict[str, Any] | None) -> Record | None:
    if values is None:
        return None
    built: Record
    if kind == "session":
        built = Session.from_values(values)
    elif kind == "check-in":
        built = CheckIn.from_values({"planned_run": False, **values})
    else:
        built = Skip.from_values(values)
    return built


def _entry(raw: dict[str, Any]) -> Entry:
    changes = tuple(
        Change(_record(r["kind"], r.get("before")), _record(r["kind"], r.get("after")))
        for r in raw["records"]
    )
    if not isinstance(raw["at"], datetime):
        raise TypeError("at")
    return Entry(str(raw["action"]), str(raw["said"]), raw["at"], changes)
