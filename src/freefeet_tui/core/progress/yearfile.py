"""Read and write one year file (``progress/2026.toml``) of the progress log.

Reading (through the one TOML reader, ``core/toml_reader.py``) checks every key and value;
a bad record is left out and reported as ``FILE:LINE: message`` while the others are kept.
Line numbers are only worked out when something is wrong, so a good file parses fast.
Writing produces plain TOML in a fixed key order, with a short header pointing at the docs.
The store's error types live here too, next to the reader that raises most of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from freefeet_tui.core.progress.checks import (
    CHECKIN_KEYS,
    SESSION_KEYS,
    SKIP_KEYS,
    Keys,
    RecordError,
    check_id,
)
from freefeet_tui.core.progress.errors import ProgressFileError
from freefeet_tui.core.progress.history import YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, Skip
from freefeet_tui.core.toml_bounds import YEAR_LIMITS, read_bounded
from freefeet_tui.core.wording import plural

if TYPE_CHECKING:
    from freefeet_tui.core.toml_lines import KeyPath
    from freefeet_tui.core.toml_reader import TomlDocument

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
    """How a message names a record: by its id when it is a sound one, else by its position."""
    if isinstance(record_id, str) and check_id(record_id) is None:
        return f'{kind} "{record_id}": '
    return f"{kind} {index + 1}: "


def year_of_file(path: Path) -> int | None:
    """The year a file such as ``2026.toml`` holds, or ``None`` for other names."""
    match = re.match(_YEAR_NAME, path.name)
    return int(match.group(1)) if match else None


def read_year(path: Path) -> YearLog:
    """Read and check ``path``; raise :class:`ProgressFileError` on the first problem."""
    try:
        raw = read_bounded(path, YEAR_LIMITS, ProgressFileError)
    except FileNotFoundError:
        missing = "cannot read the file: No such file or directory"
        raise ProgressFileError(path, None, missing) from None
    return parse_year(raw, path)


def parse_year(raw: bytes, path: Path) -> YearLog:
    """Check the bytes of a year file read from ``path``; raise its first problem, if any.

    Saving uses this: a year with any problem is never written.
    """
    log, problem = parse_year_records(raw, path)
    if problem is not None:
        raise problem
    return log


def parse_year_records(raw: bytes, path: Path) -> tuple[YearLog, ProgressFileError | None]:
    """Every sound record of a year file, and its problem, if it has one.

    One bad record does not hide the others: a record with a bad value (or a second record
    with the same id or date) is left out, and the problem says where the first one is and how
    many more there are. A file that cannot be read as a whole (not TOML, a wrong schema or
    year) gives no records.
    """
    from freefeet_tui.core.toml_reader import parse_toml  # only when there is TOML to parse

    try:
        document = parse_toml(raw, path, YEAR_LIMITS, ProgressFileError)
    except ProgressFileError as error:
        return YearLog(year_of_file(path) or 0), error
    checker = _YearChecker(document)
    try:
        log = checker.year()
    except ProgressFileError as error:  # the file as a whole is wrong: no records
        log = YearLog(year_of_file(path) or 0)
        checker.problems.append(error)
    problems = checker.problems
    if not problems:
        return log, None
    first = problems[0]
    more = len(problems) - 1
    if more:
        first = ProgressFileError(
            first.path, first.line, f"{first.message} (and {plural(more, 'more problem')})"
        )
    return log, first


class _YearChecker:
    """Validates one parsed year file: the file as a whole fails at once; each bad record is
    noted in :attr:`problems` and left out."""

    def __init__(self, document: TomlDocument) -> None:
        self.document = document
        self.path = document.path
        self.fail = document.fail
        self.problems: list[ProgressFileError] = []

    def note(self, where: KeyPath, message: str) -> None:
        self.problems.append(ProgressFileError(self.path, self.document.line_of(where), message))

    def year(self) -> YearLog:
        data = self.document.data
        unknown = self.document.unknown_key(data, TOP_KEYS)
        if unknown is not None:
            self.note((unknown[0],), unknown[1])
        self.document.schema(SCHEMA_VERSION)
        year = data.get("year")
        if year is None:
            self.fail((), 'missing required key "year" (the year this file holds, e.g. 2026)')
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 9999:
            from freefeet_tui.core.terminal_text import quoted

            self.fail(("year",), f"year must be a whole number such as 2026, not {quoted(year)}")
        named = year_of_file(self.path)
        if named is not None and named != year:
            self.fail(("year",), f"year {year} does not match the file name {self.path.name}")
        sessions = self.records("sessions", "session", SESSION_KEYS, Session.from_values, year)
        checkins = self.records("checkins", "check-in", CHECKIN_KEYS, CheckIn.from_values, year)
        skips = self.records("skips", "skip", SKIP_KEYS, Skip.from_values, year)
        sessions = self.unique(sessions, "sessions", "session", lambda s: s.id, "id")
        checkins = self.unique(checkins, "checkins", "check-in", lambda c: c.id, "id")
        skips = self.unique(skips, "skips", "skip", lambda k: k.id, "id")
        checkins = self.unique(checkins, "checkins", "check-in", lambda c: c.day, "date")
        skips = self.unique(skips, "skips", "skip", lambda k: k.day, "date")
        kept = (tuple(r for _, r in sessions), tuple(r for _, r in checkins))
        return YearLog(year, *kept, tuple(r for _, r in skips)).sorted()

    def records(
        self, key: str, kind: str, keys: Keys, build: Callable[[dict[str, Any]], R], year: int
    ) -> list[tuple[int, R]]:
        """The sound records of one kind, each with its index in the file."""
        raw = self.document.data.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.fail((key,), f"{key} must be written as [[{key}]] tables")
        built: list[tuple[int, R]] = []
        for index, table in enumerate(raw):
            where: KeyPath = (key, index)
            ctx = _context(kind, table.get("id"), index)
            unknown = self.document.unknown_key(table, keys, ctx)
            if unknown is not None:
                self.note((*where, unknown[0]), unknown[1])
                continue
            try:
                record = build(table)
            except RecordError as error:
                self.note((*where, error.key) if error.key in table else where, ctx + error.problem)
                continue
            if record.day.year != year:
                self.note(
                    (*where, "date"),
                    f"{ctx}date {record.day.isoformat()} is not in {year}; "
                    f"it belongs in {record.day.year:04d}.toml",
                )
                continue
            built.append((index, record))
        return built

    def unique(
        self, items: list[tuple[int, R]], key: str, kind: str, get: Any, field: str
    ) -> list[tuple[int, R]]:
        """``items`` without a second record of the same ``field``, each such noted."""
        seen: dict[Any, int] = {}
        kept: list[tuple[int, R]] = []
        for index, item in items:
            value = get(item)
            if value in seen:
                first = self.document.line_of((key, seen[value], field))
                at = f" (the first is at line {first})" if first else ""
                shown = value.isoformat() if isinstance(value, date) else value
                self.note((key, index, field), f'a second {kind} with {field} "{shown}"{at}')
                continue
            seen[value] = index
            kept.append((index, item))
        return kept


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
