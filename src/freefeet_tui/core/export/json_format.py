"""The log as JSON: ``{"format": "freefeet-progress", "version": 1, ...}``.

One array per kind of record (``sessions``, ``checkins``, ``skips``), each record with every
key of docs/data-format.md (``null`` where nothing was reported) and its id. ``from`` and
``to`` are the date range asked for (``null`` when open). The JSON Schema (draft 2020-12) is
``schema.json`` next to this module and docs/export.schema.json. Output is UTF-8 with one
record per line (easy to read and to diff, and an error found on import names that line).
Every control character in a string is written as a ``\\u`` escape: JSON itself escapes those
below U+0020; DEL and the C1 range (U+007F to U+009F, where a terminal may find CSI) are
escaped here too, so the file never carries one as itself.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from enum import Enum
from importlib import resources
from typing import Any

from freefeet_tui.core.export.common import EXPORT_FORMAT, EXPORT_VERSION, Record
from freefeet_tui.core.progress import CheckIn, History

SCHEMA_FILE = "schema.json"
SECTIONS = ("sessions", "checkins", "skips")


def plain(value: Any) -> Any:
    """A record value as JSON: dates and times as ISO 8601 text, enums as their value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def record_object(record: Record) -> dict[str, Any]:
    """Every key of the record; a check-in's ``planned_run`` is always true or false."""
    values = record.to_values()
    if isinstance(record, CheckIn):
        values["planned_run"] = record.planned_run
    return {key: plain(value) for key, value in values.items()}


def export_document(
    history: History, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    """The export as a JSON-ready dict (records in the store's order)."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "sessions": [record_object(s) for s in history.sessions],
        "checkins": [record_object(c) for c in history.checkins],
        "skips": [record_object(k) for k in history.skips],
    }


def to_json(history: History, start: date | None = None, end: date | None = None) -> bytes:
    """The document with the top keys one per line and each record on a line of its own."""
    document = export_document(history, start, end)

    def dump(value: Any) -> str:
        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        return re.sub("[\x7f-\x9f]", lambda found: f"\\u{ord(found.group()):04x}", text)

    lines = ["{"]
    for key, value in document.items():
        last = key == SECTIONS[-1]
        if key in SECTIONS and value:
            records = ",\n".join(f"    {dump(record)}" for record in value)
            lines.append(f"  {dump(key)}: [\n{records}\n  ]" + ("" if last else ","))
        else:
            lines.append(f"  {dump(key)}: {dump(value)}" + ("" if last else ","))
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def schema_text() -> str:
    """The JSON Schema shipped in the package."""
    return (
        resources.files(__package__ or "freefeet_tui.core.export")
        .joinpath(SCHEMA_FILE)
        .read_text(encoding="utf-8")
    )


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
