"""Read freefeet's own JSON or CSV export back into records, checking the whole file first.

Every record goes through the same checks as a year file (``Session.from_values`` and
friends), so anything freefeet would refuse to save is refused here, before a single record
reaches the store. A problem is reported as ``FILE:LINE: message``: for JSON the line of the
offending key (or of the syntax error), for CSV the first line of the offending row.
"""

from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.export.common import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    KIND_CHECKIN,
    KIND_SESSION,
    KIND_SKIP,
    KINDS,
    Record,
    restore,
)
from freefeet_tui.core.export.csv_format import COLUMNS, HEADER, OLDER_HEADERS
from freefeet_tui.core.progress import CheckIn, RecordError, Session, Skip
from freefeet_tui.core.progress.checks import CHECKIN_KEYS, SESSION_KEYS, SKIP_KEYS, Keys

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


_WHOLE = re.compile(r"^-?[0-9]+$")


class ImportFileError(FileProblem, ValueError):
    """A file that cannot be imported: ``FILE:LINE: message``."""


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
        if key in ("start", "end"):
            return datetime.fromisoformat(value)
    except ValueError:
        pass
    return value


def context(kind: str, values: dict[str, Any], number: int) -> str:
    record_id = values.get("id")
    return f'{kind} "{record_id}": ' if isinstance(record_id, str) else f"{kind} {number}: "


def build(kind: str, values: dict[str, Any]) -> Record:
    """The record, or :class:`RecordError` for its first bad key."""
    if kind == KIND_CHECKIN and values.get("planned_run") is None:
        values = {**values, "planned_run": False}
    return BUILDERS[kind](values)


class _Collector:
    """Built records with the line each came from; refuses a second id or date per kind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        self.seen: dict[tuple[str, str, Any], int] = {}

    def add(self, kind: str, record: Record, line: int | None) -> None:
        keys: list[tuple[str, Any]] = [("id", record.id)]
        if kind != KIND_SESSION:
            keys.append(("date", record.day))
        for field, value in keys:
            first = self.seen.setdefault((kind, field, value), line or 0)
            if first != (line or 0):
                shown = value.isoformat() if isinstance(value, date) else value
                raise ImportFileError(
                    self.path,
                    line,
                    f'a second {kind} with {field} "{shown}" (the first is at line {first})',
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


def read_export(raw: bytes, path: Path) -> Imported:
    """Check a JSON or CSV export (told apart by a leading ``{``) and return its records."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(path, line, "the file is not UTF-8 text") from None
    if not text.strip():
        raise ImportFileError(path, None, "the file is empty")
    if text.lstrip().startswith("{"):
        return _JsonReader(path, text).read()
    return read_csv(text, path)


# ---- JSON ------------------------------------------------------------------------------------


class _PositionDecoder(json.JSONDecoder):
    """A decoder that remembers where each object starts and ends in the text."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: dict[int, tuple[int, int]] = {}
        self.parse_object = self._object
        make: Any = json.scanner.py_make_scanner  # type: ignore[attr-defined]
        self.scan_once = make(self)

    def _object(self, s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        obj, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        self.spans[id(obj)] = (s_and_end[1] - 1, end)
        return obj, end


class _JsonReader:
    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text
        self.decoder = _PositionDecoder()

    def line_at(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1

    def key_line(self, obj: Any, key: str | None) -> int | None:
        """The line of ``"key":`` inside ``obj``, else the line where ``obj`` starts."""
        span = self.decoder.spans.get(id(obj))
        if span is None:
            return None
        if key is not None:
            pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
            found = pattern.search(self.text, span[0], span[1])
            if found is not None:
                return self.line_at(found.start())
        return self.line_at(span[0])

    def fail(self, obj: Any, key: str | None, message: str) -> ImportFileError:
        return ImportFileError(self.path, self.key_line(obj, key), message)

    def read(self) -> Imported:
        try:
            data = self.decoder.decode(self.text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(self.path, exc.lineno, f"not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise ImportFileError(self.path, 1, "not a freefeet export: expected a JSON object")
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(
                    data, key, f'unknown key "{key}"; expected one of {", ".join(TOP_KEYS)}'
                )
        if data.get("format") != EXPORT_FORMAT:
            raise self.fail(
                data, "format", f'not a freefeet export: "format" must be "{EXPORT_FORMAT}"'
            )
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.fail(
                data, "version", f'"version" must be a whole number such as {EXPORT_VERSION}'
            )
        if version > EXPORT_VERSION:
            raise self.fail(
                data,
                "version",
                f"version {version} is newer than this freefeet reads ({EXPORT_VERSION}); "
                "update freefeet",
            )
        collector = _Collector(self.path)
        for section, (kind, keys) in SECTIONS.items():
            items = data.get(section, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise self.fail(data, section, f'"{section}" must be a list of objects')
            for number, item in enumerate(items, start=1):
                collector.add(
                    kind, self.record(kind, keys, item, number), self.key_line(item, None)
                )
        return collector.result("json")

    def record(self, kind: str, keys: Keys, item: dict[str, Any], number: int) -> Record:
        where = context(kind, item, number)
        for key in item:
            if key not in keys:
                raise self.fail(item, key, f'{where}unknown key "{key}"')
        try:
            return build(kind, {key: typed(key, value) for key, value in item.items()})
        except RecordError as error:
            raise self.fail(
                item, error.key if error.key in item else None, where + error.problem
            ) from None


# ---- CSV -------------------------------------------------------------------------------------


def csv_value(how: str, cell: str) -> Any:
    """A CSV cell as the type its column holds; text that does not fit is passed on as text
    so that the record checks name the problem."""
    if cell == "":
        return None
    if how == "free":
        return restore(cell)
    if how == "whole" and _WHOLE.match(cell):
        return int(cell)
    if how == "number":
        try:
            return float(cell)
        except ValueError:
            return cell
    if how == "flag" and cell in ("true", "false"):
        return cell == "true"
    if how in ("date", "instant"):
        return typed("date" if how == "date" else "start", cell)
    return cell


def read_csv(text: str, path: Path) -> Imported:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    collector = _Collector(path)
    line = 1
    try:
        header = tuple(next(reader))
        if header != HEADER and header not in OLDER_HEADERS:
            raise ImportFileError(
                path,
                1,
                "not a freefeet CSV export: the first row must be the header " + ",".join(HEADER),
            )
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not cells:
                continue
            collector.add(*csv_record(cells, start, path, header), start)
    except csv.Error as exc:
        raise ImportFileError(path, line, f"not valid CSV: {exc}") from None
    return collector.result("csv")


def csv_record(
    cells: list[str], line: int, path: Path, header: tuple[str, ...] = HEADER
) -> tuple[str, Record]:
    if len(cells) != len(header):
        raise ImportFileError(
            path, line, f"this row has {len(cells)} cells; the header has {len(header)}"
        )
    row = dict.fromkeys(HEADER, "") | dict(zip(header, cells, strict=True))
    kind = row["kind"]
    if kind not in KINDS:
        raise ImportFileError(path, line, f'kind "{kind}" must be one of {", ".join(KINDS)}')
    values: dict[str, Any] = {}
    for name, (kinds, how) in COLUMNS.items():
        if name == "kind":
            continue
        if kind not in kinds:
            if row[name]:
                raise ImportFileError(path, line, f"a {kind} has no {name}; leave that cell empty")
            continue
        values[name] = csv_value(how, row[name])
    try:
        return kind, build(kind, values)
    except RecordError as error:
        raise ImportFileError(path, line, context(kind, values, line) + error.problem) from None
