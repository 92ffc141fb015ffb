"""The progress store: one TOML file per calendar year in the user's progress folder.

Every change is lock, re-read that year's file from disk, apply, atomic write, unlock, so two
freefeet processes never lose each other's records. A year file that fails to parse or
validate is never written (not even "repaired"); the other years stay readable and
:meth:`ProgressStore.problems` reports it for ``freefeet doctor``. Start-up needs only this
year and last (:meth:`ProgressStore.recent`); older years are read when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from freefeet_tui.core.progress.atomic import (
    DEFAULT_LOCK_TIMEOUT,
    folder_lock,
    remove_stale_temps,
    write_atomic,
)
from freefeet_tui.core.progress.errors import ProgressFileError
from freefeet_tui.core.progress.history import History, YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, Skip
from freefeet_tui.core.progress.snapshot import load_snapshot, save_snapshot, snapshot_path
from freefeet_tui.core.progress.yearfile import (
    dump_year,
    parse_year,
    year_of_file,
)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; the type variable is for annotations only
    from typing import TypeVar

    T = TypeVar("T")


class ProgressStore:
    """Reads and saves the runner's log in ``folder`` (``Locations.progress``).

    Nothing is created until the first save. Each read and each save reads the year's bytes
    from disk; they are parsed again only when they differ from the bytes last seen, so a
    change by another process is always picked up and an unchanged year costs no parsing.
    A new process loads unchanged years from their snapshot (see ``snapshot.py``).
    """

    def __init__(self, folder: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.folder = Path(folder)
        self.lock_timeout = lock_timeout
        self._cache: dict[int, tuple[bytes, YearLog]] = {}
        # The last History built from exactly these year logs: screens that read the same
        # years (Today, then History) share it, and with it its lookups by date.
        self._history: tuple[tuple[YearLog, ...], History] | None = None
        self._empty: dict[int, YearLog] = {}

    @classmethod
    def for_user(cls) -> ProgressStore:
        """The store in the user's data folder (``FREEFEET_HOME`` or the platform's)."""
        from freefeet_tui.core.locations import user_locations

        return cls(user_locations().progress)

    def path_for(self, year: int) -> Path:
        return self.folder / f"{year:04d}.toml"

    # reading

    def years(self) -> list[int]:
        """The years that have a file, oldest first."""
        if not self.folder.is_dir():
            return []
        found = (year_of_file(path) for path in self.folder.iterdir())
        return sorted(year for year in found if year is not None)

    def year(self, year: int) -> YearLog:
        """One year's records (empty if it has no file); raises :class:`ProgressFileError`."""
        return self._load(year, self.path_for(year))

    def _load(self, year: int, path: Path) -> YearLog:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self._cache.pop(year, None)
            return self._empty.setdefault(year, YearLog(year))  # the same object each time
        except OSError as exc:
            raise ProgressFileError(path, None, f"cannot read the file: {exc.strerror}") from None
        cached = self._cache.get(year)
        if cached is not None and cached[0] == raw:
            return cached[1]
        log = load_snapshot(path, raw)
        if log is None:
            log = parse_year(raw, path)
            save_snapshot(path, raw, log)
        self._cache[year] = (raw, log)
        return log

    def history(self, years: list[int]) -> History:
        """The given years together; a year that cannot be read is left out and reported."""
        logs: list[YearLog] = []
        problems: list[ProgressFileError] = []
        for year in sorted(set(years)):
            try:
                logs.append(self.year(year))
            except ProgressFileError as error:
                problems.append(error)
        if problems:
            return History.from_years(logs, problems)
        if self._history is not None and _same_logs(self._history[0], logs):
            return self._history[1]
        history = History.from_years(logs)
        self._history = (tuple(logs), history)
        return history

    def recent(self, today: date | None = None) -> History:
        """This year and last: all the first screen needs. Reads at most two files."""
        this_year = (today or date.today()).year
        return self.history([this_year - 1, this_year])

    def all_years(self) -> History:
        """The whole log, every year on disk (read now, on demand; cached afterwards)."""
        return self.history(self.years())

    def iter_years(self, newest_first: bool = True) -> Iterator[YearLog | ProgressFileError]:
        """Each year in turn, read only when reached: paging stops reading where it stops."""
        years = self.years()
        for year in reversed(years) if newest_first else years:
            try:
                yield self.year(year)
            except ProgressFileError as error:
                yield error

    def problems(self) -> list[ProgressFileError]:
        """Every year file that fails to parse or validate (for ``freefeet doctor``)."""
        return [item for item in self.iter_years(False) if isinstance(item, ProgressFileError)]

    def open_sessions(self, today: date | None = None) -> list[Session]:
        """Unfinished sessions of this year and last, newest first: candidates for resume."""
        sessions = self.recent(today).open_sessions()
        return sorted(sessions, key=lambda s: s.start.timestamp(), reverse=True)

    def session(self, session_id: str, day: date) -> Session | None:
        """The session with ``session_id`` recorded on local date ``day``."""
        return self.year(day.year).session(session_id)

    # saving

    def change_year(self, year: int, apply: Callable[[YearLog], tuple[YearLog, T]]) -> T:
        """Change one year's records in a single locked read-modify-write; return what
        ``apply`` returns.

        Under the folder lock the year is re-read from disk (so another process's records are
        seen), ``apply(log)`` returns the new log and a result, and the new log is written
        atomically (temporary file, fsync, rename, mode 0600) before the lock is released.
        ``apply`` returning the very same ``log`` object means "no change": the file is left
        alone. If ``apply`` raises, nothing is written and the exception propagates. A year
        file that cannot be read raises :class:`ProgressFileError` and is never written.
        ``apply`` runs with the lock held, so it must be quick and must not use the store.
        A new log with a record dated outside ``year`` raises ``ValueError`` and nothing is
        written (the file would no longer load).
        """
        path = self.path_for(year)
        with folder_lock(self.folder, self.lock_timeout):
            remove_stale_temps(path)
            remove_stale_temps(snapshot_path(path))
            log = self._load(year, path)
            changed, result = apply(log)
            if changed is log:
                return result  # nothing to change: leave the file alone
            days = [s.day for s in changed.sessions] + [c.day for c in changed.checkins]
            if changed.year != year or any(
                d.year != year for d in days + [k.day for k in changed.skips]
            ):
                raise ValueError(f"a change to {year} holds a record of another year")
            changed = changed.sorted()
            raw = dump_year(changed).encode("utf-8")
            write_atomic(path, raw)
            self._cache[year] = (raw, changed)
            save_snapshot(path, raw, changed)
        return result

    def add_session(self, session: Session) -> Session:
        """Record a new session (usually open, as the player starts)."""

        def apply(log: YearLog) -> tuple[YearLog, Session]:
            if log.session(session.id) is not None:
                raise ValueError(f"a session with id {session.id!r} is already recorded")
            return replace(log, sessions=(*log.sessions, session)), session

        return self.change_year(session.day.year, apply)

    def update_session(self, session: Session) -> Session:
        """Replace the recorded session with the same id: a checkpoint or the close."""

        def apply(log: YearLog) -> tuple[YearLog, Session]:
            old = log.session(session.id)
            if old is None:
                raise KeyError(f"no session {session.id!r} on {session.day.isoformat()}")
            if old.day != session.day:
                raise ValueError(f"session {session.id!r} cannot move to another date")
            kept = tuple(s for s in log.sessions if s.id != session.id)
            return replace(log, sessions=(*kept, session)), session

        return self.change_year(session.day.year, apply)

    def remove_session(self, session_id: str, day: date) -> Session | None:
        """Take the session with ``session_id`` off local date ``day``; the removed session, or
        ``None`` when there was none."""

        def apply(log: YearLog) -> tuple[YearLog, Session | None]:
            old = log.session(session_id)
            if old is None or old.day != day:
                return log, None
            kept = tuple(s for s in log.sessions if s.id != session_id)
            return replace(log, sessions=kept), old

        return self.change_year(day.year, apply)

    def add_checkin(self, checkin: CheckIn, *, merge: bool = True) -> CheckIn:
        """Record a check-in; there is one per date.

        With ``merge`` (the default) an existing check-in for the date is updated: what the
        new one reports replaces, what it leaves out is kept (pain in the morning, the run in
        the evening). With ``merge=False`` the new one replaces it whole. The stored check-in
        is returned; it keeps the existing id.
        """

        def apply(log: YearLog) -> tuple[YearLog, CheckIn]:
            old = next((c for c in log.checkins if c.day == checkin.day), None)
            if old is None:
                stored = checkin
            elif merge:
                stored = old.merged_with(checkin)
            else:
                stored = replace(checkin, id=old.id)
            kept = tuple(c for c in log.checkins if c.day != checkin.day)
            return replace(log, checkins=(*kept, stored)), stored

        return self.change_year(checkin.day.year, apply)

    def add_skip(self, skip: Skip) -> Skip:
        """Record a skipped day; a second skip for the same date replaces the reason."""

        def apply(log: YearLog) -> tuple[YearLog, Skip]:
            old = next((k for k in log.skips if k.day == skip.day), None)
            stored = skip if old is None else replace(skip, id=old.id)
            kept = tuple(k for k in log.skips if k.day != skip.day)
            return replace(log, skips=(*kept, stored)), stored

        return self.change_year(skip.day.year, apply)

    def remove_skip(self, day: date) -> bool:
        """Take back the skip for ``day``; ``False`` if there was none."""

        def apply(log: YearLog) -> tuple[YearLog, bool]:
            kept = tuple(k for k in log.skips if k.day != day)
            if len(kept) == len(log.skips):
                return log, False
            return replace(log, skips=kept), True

        return self.change_year(day.year, apply)


def _same_logs(kept: tuple[YearLog, ...], logs: list[YearLog]) -> bool:
    """The very same year logs (a year read again unchanged gives back the same object)."""
    return len(kept) == len(logs) and all(a is b for a, b in zip(kept, logs, strict=True))
