"""A quick-loading copy of a checked year file, so start-up need not parse TOML again.

Parsing and checking a busy year (730 sessions, 365 check-ins) with ``tomllib`` takes about
60 ms; ``freefeet today`` and the first screen need two years. After a year file has been read
and checked (or written), its records are also saved with ``marshal`` in ``.2026.snapshot``
next to it, stamped with a hash of the exact TOML bytes and the freefeet version. A snapshot is
used only when both still match, so an edited file is always read and checked afresh, and a
file with a mistake is never hidden by an old snapshot. The TOML file stays the only record:
snapshots are derived data, written without fsync, and any problem with one (missing,
truncated, from another version) just means the TOML is parsed as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from freefeet_tui import __version__
from freefeet_tui.core.progress.atomic import write_atomic
from freefeet_tui.core.progress.history import YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, SessionStatus, Skip

FORMAT = 1
R = TypeVar("R", Session, CheckIn, Skip)

# Each field of a record in dataclass order, and how it is stored and restored.
_PLAIN: tuple[Callable[[Any], Any], Callable[[Any], Any]] = (lambda v: v, lambda v: v)
_INSTANT: tuple[Callable[[Any], Any], Callable[[Any], Any]] = (
    lambda v: v.isoformat(),
    datetime.fromisoformat,
)
_DAY: tuple[Callable[[Any], Any], Callable[[Any], Any]] = (
    lambda v: v.toordinal(),
    date.fromordinal,
)
_STATUS: tuple[Callable[[Any], Any], Callable[[Any], Any]] = (lambda v: v.value, SessionStatus)
_CODECS: dict[type, dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]]] = {
    Session: {"start": _INSTANT, "end": _INSTANT, "day": _DAY, "status": _STATUS},
    CheckIn: {"day": _DAY},
    Skip: {"day": _DAY},
}


def snapshot_path(year_path: Path) -> Path:
    """``progress/2026.toml`` -> ``progress/.2026.snapshot``."""
    return year_path.with_name(f".{year_path.stem}.snapshot")


def _stamp(raw: bytes) -> tuple[int, str, bytes]:
    return (FORMAT, __version__, hashlib.blake2b(raw, digest_size=20).digest())


def _fields(kind: type) -> tuple[str, ...]:
    return tuple(kind.__dataclass_fields__)  # type: ignore[attr-defined]


def _pack(records: tuple[R, ...], kind: type[R]) -> list[tuple[Any, ...]]:
    codecs = _CODECS[kind]
    names = _fields(kind)
    return [
        tuple(codecs.get(name, _PLAIN)[0](getattr(record, name)) for name in names)
        for record in records
    ]


def _unpack(rows: list[tuple[Any, ...]], kind: type[R]) -> tuple[R, ...]:
    """Rebuild records without checking them again: they were checked before being saved."""
    codecs = _CODECS[kind]
    restore = [(name, codecs.get(name, _PLAIN)[1]) for name in _fields(kind)]
    records: list[R] = []
    for row in rows:
        record = object.__new__(kind)
        for (name, decode), value in zip(restore, row, strict=True):
            object.__setattr__(record, name, None if value is None else decode(value))
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
    try:
        data = marshal.loads(snapshot_path(year_path).read_bytes())
        stamp, year, sessions, checkins, skips = data
        if tuple(stamp) != _stamp(raw):
            return None
        return YearLog(
            year,
            _unpack(sessions, Session),
            _unpack(checkins, CheckIn),
            _unpack(skips, Skip),
        )
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        return None
