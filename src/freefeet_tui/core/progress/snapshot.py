"""A quick-loading copy of a checked year file, so start-up need not parse TOML again.

Parsing and checking a busy year (730 sessions, 365 check-ins) with ``tomllib`` takes about
60 ms; ``freefeet today`` and the first screen need two years. After a year file has been read
and checked (or written), its records are also saved with ``marshal`` in ``.2026.snapshot``
next to it. The snapshot is a cache, never a source:

- It holds the exact TOML bytes it was made from and is used only while the file's bytes are
  the same (a byte-for-byte comparison: exact, and far cheaper at start-up than a hash from
  ``hashlib``, whose import alone loads OpenSSL, about 13 ms).
- A CRC-32 (``binascii``, in C) covers everything after it, the TOML bytes and the records
  together: a snapshot damaged or changed after it was made is not even unmarshalled.
- Every record is rebuilt through its normal constructor, so it passes the same checks as a
  record read from the TOML file, and the year as a whole is checked as the reader checks it
  (each record in its year, no id or date twice).
- The store never saves from a snapshot: a change re-reads and parses the TOML file
  (``ProgressStore.change_years``), so nothing from a snapshot can be written into a TOML file.

Any problem (missing, truncated, from another version, a bad value) just means the TOML is
parsed as before. Snapshots are written without fsync: they can always be rebuilt.
"""

from __future__ import annotations

import binascii
import contextlib
import marshal
import sys
from datetime import date, datetime
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from freefeet_tui.core.gc_policy import collection_paused
from freefeet_tui.core.progress.atomic import write_atomic
from freefeet_tui.core.progress.history import YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, SessionStatus, Skip
from freefeet_tui.core.version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TypeAlias, TypeVar

    R = TypeVar("R", Session, CheckIn, Skip)
    Record: TypeAlias = Session | CheckIn | Skip
    Codec: TypeAlias = tuple[Callable[[Any], Any], Callable[[Any], Any]]

FORMAT = 3  # 3: a CRC-32 over the TOML bytes and the records; records rebuilt and checked
MAGIC = b"freefeet-snapshot\n"
_CRC_SIZE, _LENGTH_SIZE = 4, 8
_STAMP = f"{FORMAT} {__version__} {sys.version_info[0]}.{sys.version_info[1]}\n".encode()
_HEAD = MAGIC + _STAMP

# How a record field is stored and restored, for the fields marshal cannot store as they are;
# every other field (str, int, float, bool, None) is stored as it is.
_STATUSES = {status.value: status for status in SessionStatus}
_INSTANT: Codec = (datetime.isoformat, datetime.fromisoformat)
_DAY: Codec = (date.toordinal, date.fromordinal)
_STATUS: Codec = (lambda status: status.value, _STATUSES.__getitem__)
_CODECS: dict[type, dict[str, Codec]] = {
    Session: {"start": _INSTANT, "end": _INSTANT, "day": _DAY, "status": _STATUS},
    CheckIn: {"day": _DAY},
    Skip: {"day": _DAY},
}


_DAY_OF, _ID_OF = attrgetter("day"), attrgetter("id")


def snapshot_path(year_path: Path) -> Path:
    """``progress/2026.toml`` -> ``progress/.2026.snapshot``."""
    return year_path.with_name(f".{year_path.stem}.snapshot")


def _fields(kind: type) -> tuple[str, ...]:
    return tuple(kind.__dataclass_fields__)  # type: ignore[attr-defined]


def _pack(records: tuple[Record, ...], kind: type) -> list[tuple[Any, ...]]:
    codecs = _CODECS[kind]
    coded = [(name, codecs.get(name)) for name in _fields(kind)]
    rows: list[tuple[Any, ...]] = []
    for record in records:
        values = [getattr(record, name) for name, _ in coded]
        rows.append(
            tuple(
                value if codec is None or value is None else codec[0](value)
                for (_, codec), value in zip(coded, values, strict=True)
            )
        )
    return rows


def _unpack(rows: Sequence[Sequence[Any]], kind: type[R]) -> tuple[R, ...]:
    """Rebuild the records through their constructors, which check every value.

    The rows are turned into columns and each coded column decoded in one pass (in C where it
    can be); then each record is built from its values as any other record is.
    """
    names = _fields(kind)
    if type(rows) is not list or any(len(row) != len(names) for row in rows):
        raise ValueError("a snapshot row does not fit the record")
    if not rows:
        return ()
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for index, name in enumerate(names):
        codec = _CODECS[kind].get(name)
        if codec is not None:
            decode, column = codec[1], columns[index]
            columns[index] = (
                [None if value is None else decode(value) for value in column]
                if None in column
                else list(map(decode, column))
            )
    return tuple(starmap(kind, zip(*columns, strict=True)))


def _checked_year(log: YearLog, year: int) -> YearLog:
    """The year as the reader checks it: every record dated in it, no id or date twice.
    (Its order is the order it was saved in: sorted, as every year log the store keeps.)"""
    records: tuple[Record, ...] = (*log.sessions, *log.checkins, *log.skips)
    days = set(map(_DAY_OF, records))
    if log.year != year or (days and (min(days).year != year or max(days).year != year)):
        raise ValueError("a snapshot record is not of its year")
    for group in (log.sessions, log.checkins, log.skips):
        if len(set(map(_ID_OF, group))) != len(group):
            raise ValueError("a snapshot holds an id twice")
    for dated in (log.checkins, log.skips):
        if len(set(map(_DAY_OF, dated))) != len(dated):
            raise ValueError("a snapshot holds a date twice")
    return log


def _encode(raw: bytes, log: YearLog) -> bytes:
    payload = marshal.dumps(
        (
            log.year,
            _pack(log.sessions, Session),
            _pack(log.checkins, CheckIn),
            _pack(log.skips, Skip),
        )
    )
    body = len(raw).to_bytes(_LENGTH_SIZE, "big") + raw + payload
    return _HEAD + binascii.crc32(body).to_bytes(_CRC_SIZE, "big") + body


def _decode(data: bytes, raw: bytes, year: int) -> YearLog | None:
    """The checked records of ``data`` if it is a sound snapshot of exactly ``raw``."""
    if not data.startswith(_HEAD):
        return None
    start = len(_HEAD) + _CRC_SIZE
    view = memoryview(data)  # for the CRC and marshal: no copies (comparing one is slow)
    if int.from_bytes(data[len(_HEAD) : start], "big") != binascii.crc32(view[start:]):
        return None
    size = int.from_bytes(data[start : start + _LENGTH_SIZE], "big")
    begin = start + _LENGTH_SIZE
    if size != len(raw) or data[begin : begin + size] != raw:
        return None  # made from other bytes: the file has changed since
    stored_year, sessions, checkins, skips = marshal.loads(view[begin + size :])
    log = YearLog(
        stored_year,
        _unpack(sessions, Session),
        _unpack(checkins, CheckIn),
        _unpack(skips, Skip),
    )
    return _checked_year(log, year)


def save_snapshot(year_path: Path, raw: bytes, log: YearLog) -> None:
    """Best effort: a snapshot that cannot be written is simply not there next time."""
    with contextlib.suppress(OSError, ValueError):
        write_atomic(snapshot_path(year_path), _encode(raw, log), durable=False)


def load_snapshot(year_path: Path, raw: bytes, year: int) -> YearLog | None:
    """The records of ``raw`` (the bytes of ``year``'s file) if a sound snapshot of exactly
    these bytes exists, else ``None``."""
    # Thousands of new objects would set off the cyclic collector several times over (in the
    # TUI, over all of Textual's objects too) to find nothing: neither marshal's rows nor the
    # records hold reference cycles. So it waits until the year is built.
    with collection_paused():
        return _read_snapshot(year_path, raw, year)


def _read_snapshot(year_path: Path, raw: bytes, year: int) -> YearLog | None:
    try:
        return _decode(snapshot_path(year_path).read_bytes(), raw, year)
    except (
        OSError,
        EOFError,
        ValueError,  # RecordError included: a value the records' checks refuse
        TypeError,
        AttributeError,
        KeyError,
        IndexError,
        OverflowError,
        RecursionError,
    ):
        return None
