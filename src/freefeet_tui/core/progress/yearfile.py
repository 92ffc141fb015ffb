"""Read and write one year file (``progress/2026.toml``) of the progress log.

Reading checks every key and value and stops at the first problem with ``FILE:LINE: message``;
line numbers are only worked out when something is wrong, so a good file parses fast.
Writing produces plain TOML in a fixed key order, with a short header pointing at the docs.
The store's error types live here too, next to the reader that raises most of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from freefeet_tui.core.progress.checks import (
    CHECKIN_KEYS,
    SESSION_KEYS,
    SKIP_KEYS,
    Keys,
    RecordError,
)
from freefeet_tui.core.progress.errors import ProgressFileError
from freefeet_tui.core.progress.history import YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, Skip
from freefeet_tui.core.toml_check import TomlChecker
from freefeet_tui.core.toml_lines import KeyPath, decode_error_line, line_for

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import Any, TypeVar

    R = TypeVar("R", Session, CheckIn, Skip)

SCHEMA_VERSION = 1
TOP_KEYS = ("schema", "year", "sessions", "checkins", "skips")
_YEAR_NAME = r"^(\d{4})\.toml$"  # compiled by ``re`` on first use, not at import

HEADER = """\
# freefeet progress log for {year}: practice sessions, check-ins and skipped days.
# Plain TOML you may read and edit; docs/data-format.md explains every key.
# freefeet rewrites this file when it saves, so comments added here are not kept.
"""


def _context(kind: str, record_id: Any, index: int) -> str:
    """How a message names a record: by its id when it has one, else by its position."""
    return f'{kind} "{record_id}": ' if isinstance(record_id, str) else f"{kind} {index + 1}: "


def year_of_file(path: Path) -> int | None:
    """The year a file such as ``2026.toml`` holds, or ``None`` for other names."""
    match = re.match(_YEAR_NAME, path.name)
    return int(match.group(1)) if match else None


def read_year(path: Path) -> YearLog:
    """Read and check ``path``; raise :class:`ProgressFileError` on the first problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProgressFileError(
            path, None, f"cannot read the file: {exc.strerror or exc}"
        ) from None
    return parse_year(raw, path)


def parse_year(raw: bytes, path: Path) -> YearLog:
    """Check the bytes of a year file read from ``path``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise ProgressFileError(path, bad_line, "the file is not UTF-8 text") from None
    import tomllib  # here, not at the top: a start-up that finds snapshots never parses TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise ProgressFileError(path, line, f"not valid TOML: {message}") from None
    return _YearChecker(path, text).year(data)


class _YearChecker(TomlChecker):
    """Validates one parsed year file; every failure raises with file, line and key path."""

    error = ProgressFileError

    def year(self, data: dict[str, Any]) -> YearLog:
        self.unknown_keys(data, TOP_KEYS, (), "")
        self.schema(data, SCHEMA_VERSION)
        year = data.get("year")
        if year is None:
            self.fail((), 'missing required key "year" (the year this file holds, e.g. 2026)')
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 9999:
            self.fail(("year",), "year must be a whole number such as 2026")
        named = year_of_file(self.path)
        if named is not None and named != year:
            self.fail(("year",), f"year {year} does not match the file name {self.path.name}")
        sessions = self.records(data, "sessions", "session", SESSION_KEYS, Session.from_values)
        checkins = self.records(data, "checkins", "check-in", CHECKIN_KEYS, CheckIn.from_values)
        skips = self.records(data, "skips", "skip", SKIP_KEYS, Skip.from_values)
        kinds: tuple[tuple[str, str, Sequence[Session | CheckIn | Skip]], ...] = (
            ("sessions", "session", sessions),
            ("checkins", "check-in", checkins),
            ("skips", "skip", skips),
        )
        for key, kind, records in kinds:
            for index, record in enumerate(records):
                if record.day.year != year:
                    self.fail(
                        (key, index, "date"),
                        f"{_context(kind, record.id, index)}date {record.day.isoformat()} is "
                        f"not in {year}; it belongs in {record.day.year}.toml",
                    )
        self.unique(sessions, "sessions", "session", lambda s: s.id, "id")
        self.unique(checkins, "checkins", "check-in", lambda c: c.id, "id")
        self.unique(skips, "skips", "skip", lambda k: k.id, "id")
        self.unique(checkins, "checkins", "check-in", lambda c: c.day, "date")
        self.unique(skips, "skips", "skip", lambda k: k.day, "date")
        return YearLog(year, tuple(sessions), tuple(checkins), tuple(skips)).sorted()

    def records(
        self,
        data: dict[str, Any],
        key: str,
        kind: str,
        keys: Keys,
        build: Callable[[dict[str, Any]], R],
    ) -> list[R]:
        raw = data.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.fail((key,), f"{key} must be written as [[{key}]] tables")
        built: list[R] = []
        for index, table in enumerate(raw):
            where: KeyPath = (key, index)
            ctx = _context(kind, table.get("id"), index)
            self.unknown_keys(table, keys, where, ctx)
            try:
                built.append(build(table))
            except RecordError as error:
                target = (*where, error.key) if error.key in table else where
                self.fail(target, ctx + error.problem)
        return built

    def unique(self, items: list[Any], key: str, kind: str, get: Any, field: str) -> None:
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            value = get(item)
            if value in seen:
                first = line_for(self.lines(), (key, seen[value], field))
                at = f" (the first is at line {first})" if first else ""
                shown = value.isoformat() if isinstance(value, date) else value
                self.fail((key, index, field), f'a second {kind} with {field} "{shown}"{at}')
            seen[value] = index


def _table(values: dict[str, Any], keys: Keys) -> dict[str, Any]:
    """The keys of one record in file order, leaving out those not given."""
    table: dict[str, Any] = {}
    for key in keys:
        value = values.get(key)
        if value is None:
            continue
        table[key] = str(value) if key == "status" else value
    return table


def _record_text(record: Session | CheckIn | Skip) -> str:
    """One ``[[kind]]`` table. Records are immutable, so a save re-renders only new ones.

    The UTC offsets join the cache key: aware datetimes compare equal across offsets.
    """
    offsets = (
        (record.start.utcoffset(), record.end.utcoffset()) if isinstance(record, Session) else ()
    )
    return _rendered(record, offsets)


@functools.lru_cache(maxsize=32768)
def _rendered(record: Session | CheckIn | Skip, offsets: tuple[object, ...]) -> str:
    import tomli_w  # only needed to save

    name, keys = _KINDS[type(record)]
    text = tomli_w.dumps(_table(record.to_values(), keys))
    if offsets:  # tomli-w writes "2026-11-24 07:30:00+01:00"; ISO 8601 puts a T there
        text = re.sub(_SPACED_INSTANT, r"\1T", text)
    return f"\n[[{name}]]\n" + text


_SPACED_INSTANT = r"(?m)^((?:start|end) = \d{4}-\d\d-\d\d) (?=\d\d:)"


_KINDS: dict[type, tuple[str, Keys]] = {
    Session: ("sessions", SESSION_KEYS),
    CheckIn: ("checkins", CHECKIN_KEYS),
    Skip: ("skips", SKIP_KEYS),
}


def dump_year(log: YearLog) -> str:
    """The text of a year file: header comment, schema and year, then each kind of record.

    Each record is its own ``[[sessions]]``/``[[checkins]]``/``[[skips]]`` table (never an
    inline array), one key per line, so the file is easy to read and edit.
    """
    import tomli_w

    log = log.sorted()
    head = HEADER.format(year=log.year) + tomli_w.dumps(
        {"schema": SCHEMA_VERSION, "year": log.year}
    )
    records: tuple[Session | CheckIn | Skip, ...] = (*log.sessions, *log.checkins, *log.skips)
    return head + "".join(_record_text(record) for record in records)
