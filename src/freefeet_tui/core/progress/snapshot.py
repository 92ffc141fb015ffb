"""A quick-loading copy of a checked year file, so start-up need not parse TOML again.

Parsing and checking a busy year (730 sessions, 365 check-ins) with ``tomllib`` takes about
60 ms; ``freefeet today`` and the first screen need two years. After a year file has been read
and checked (or written), its records are also saved with ``marshal`` in ``.2026.snapshot``
next to it, together with the exact TOML bytes they came from and the freefeet version. A
snapshot is used only when both still match (a byte-for-byte comparison: exact, and cheaper at
start-up than hashing, which would load OpenSSL), so an edited file is always read and checked
afresh, and a file with a mistake is never hidden by an old snapshot. The TOML file stays the
only record: snapshots are derived data, written without fsync, and any problem with one
(missing, truncated, from another version) just means the TOML is parsed as before.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
from collections import deque
from datetime import date, datetime
from itertools import repeat
from pathlib import Path

from freefeet_tui.core.progress.atomic import write_atomic
from freefeet_tui.core.progress.history import YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, SessionStatus, Skip
from freefeet_tui.core.version import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from collections.abc import Callable, Sequence
    from typing import Any, TypeAlias, TypeVar

    R = TypeVar("R", Session, CheckIn, Skip)
    Record: TypeAlias = Session | CheckIn | Skip
    Codec: TypeAlias = tuple[Callable[[Any], Any], Callable[[Any], Any]]

FORMAT = 2  # 2: the TOML bytes themselves are the stamp (1 had a hash of them)

# How a record field is stored and restored, for the fields marshal cannot store as they are;
# every other field (str, int, bool, None) is stored as it is.
_STATUSES = {status.value: status for status in SessionStatus}
_INSTANT: Codec = (datetime.isoformat, datetime.fromisoformat)
_DAY: Codec = (date.toordinal, date.fromordinal)
_STATUS: Codec = (lambda status: status.value, _STATUSES.__getitem__)
_CODECS: dict[type, dict[str, Codec]] = {
    Session: {"start": _INSTANT, "end": _INSTANT, "day": _DAY, "status": _STATUS},
    CheckIn: {"day": _DAY},
    Skip: {"day": _DAY},
}


def snapshot_path(year_path: Path) -> Path:
    """``progress/2026.toml`` -> ``progress/.2026.snapshot``."""
    return year_path.with_name(f".{year_path.stem}.snapshot")


def _stamp(raw: bytes) -> tuple[int, str, bytes]:
    return (FORMAT, __version__, raw)


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


def _unpack(rows: list[tuple[Any, ...]], kind: type[R]) -> tuple[R, ...]:
    """Rebuild records without checking them again: they were checked before being saved.

    This runs for every record of two years at each start, so it does the least per record,
    and that in C where it can: the rows are turned into columns, each coded column decoded in
    one pass, and the values set into each new record's slots.
    """
    names = _fields(kind)
    if any(len(row) != len(names) for row in rows):
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
    setter = object.__setattr__
    new = object.__new__
    sink: deque[None] = deque(maxlen=0)  # runs the map below in C, keeping nothing
    records: list[R] = []
    for values in zip(*columns, strict=True):
        record = new(kind)
        sink.extend(map(setter, repeat(record), names, values))
        records.append(record)
    return tuple(records)


def save_snapshot(year_path: Path, raw: bytes, log: YearLog) -> None:
    """Best effort: a snapshot that cannot be written is simply not there next time."""
    data = (
        _stamp(raw),
        log.year,
        _pack(log.sessions, Session),
        _pack(log.checkins, CheckIn),
        _pack(log.skips, Skip),
    )
    with contextlib.suppress(OSError, ValueError):
        write_atomic(snapshot_path(year_path), marshal.dumps(data), durable=False)


def load_snapshot(year_path: Path, raw: bytes) -> YearLog | None:
    """The records of ``raw`` if a snapshot of exactly these bytes exists, else ``None``."""
    # Thousands of new objects would set off the cyclic collector several times over (in the
    # TUI, over all of Textual's objects too) to find nothing: neither marshal's rows nor the
    # records hold reference cycles. So it waits until the year is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = marshal.loads(snapshot_path(year_path).read_bytes())
        stamp, year, sessions, checkins, skips = data
        if stamp != _stamp(raw):
            return None
        return YearLog(
            year,
            _unpack(sessions, Session),
            _unpack(checkins, CheckIn),
            _unpack(skips, Skip),
        )
    except (OSError, EOFError, ValueError, TypeError, AttributeError, KeyError, OverflowError):
        return None
    finally:
        if collecting:
            gc.enable()
