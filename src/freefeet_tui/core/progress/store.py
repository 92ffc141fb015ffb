"""The progress store: one TOML file per calendar year in the user's progress folder.

Every change is lock, re-read that year's file from disk, apply, atomic write, unlock, so two
freefeet processes never lose each other's records. A change re-reads the TOML file itself,
never its snapshot, so a snapshot can never be written into a year file. A change to several
years (an import) checks and encodes every year first and then writes them all or none. A
year file that fails to parse or validate is never written (not even "repaired"); its sound
records and the other years stay readable, and :meth:`ProgressStore.problems` reports it for
``freefeet doctor``. Start-up needs only this year and last (:meth:`ProgressStore.recent`);
older years are read when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from freefeet_tui.core.progress.atomic import (
    DEFAULT_LOCK_TIMEOUT,
    folder_lock,
    remove_stale_temps,
    write_all_atomic,
)
from freefeet_tui.core.progress.errors import ProgressFileError, ProgressWriteError
from freefeet_tui.core.progress.history import History, YearLog
from freefeet_tui.core.progress.records import CheckIn, Session, Skip
from freefeet_tui.core.progress.snapshot import load_snapshot, save_snapshot
from freefeet_tui.core.progress.yearfile import (
    dump_year,
    parse_year_records,
    year_of_file,
)
from freefeet_tui.core.toml_bounds import YEAR_LIMITS, read_bounded

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
        # year -> (the file's bytes, their sound records, the file's problem if any, whether
        # the records are known to be exactly what the file holds: parsed from it, or
        # written out as its very bytes; only such records are ever changed and saved)
        self._cache: dict[int, tuple[bytes, YearLog, ProgressFileError | None, bool]] = {}
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
        """One year's records (empty if it has no file); raises :class:`ProgressFileError`
        when the file has any problem (for saving, and for looking one record up)."""
        log, problem = self._read(year, self.path_for(year))
        if problem is not None:
            raise problem
        return log

    def year_records(self, year: int) -> tuple[YearLog, ProgressFileError | None]:
        """One year's sound records and the file's problem, if it has one: a bad record
        hides only itself (see ``yearfile.parse_year_records``)."""
        return self._read(year, self.path_for(year))

    def _read(
        self, year: int, path: Path, *, exact: bool = False
    ) -> tuple[YearLog, ProgressFileError | None]:
        """The sound records of ``year``'s file and its problem: from its snapshot when that
        was made from these very bytes, else parsed. With ``exact`` (what a change needs)
        records taken from a snapshot are used only if they write out as exactly the file's
        bytes, else the file is parsed: a snapshot can never put anything into a year file."""
        try:
            raw = read_bounded(path, YEAR_LIMITS, ProgressFileError)
        except FileNotFoundError:
            self._cache.pop(year, None)
            return self._empty.setdefault(year, YearLog(year)), None  # the same object each time
        except ProgressFileError as error:
            self._cache.pop(year, None)
            return self._empty.setdefault(year, YearLog(year)), error
        cached = self._cache.get(year)
        if cached is not None and cached[0] == raw:
            # a file with a problem, too, is parsed only once
            log, problem, known_exact = cached[1], cached[2], cached[3]
        else:
            snapshot = load_snapshot(path, raw, year)
            problem, known_exact = None, snapshot is None
            if snapshot is None:
                log, problem = parse_year_records(raw, path)
                if problem is None:
                    save_snapshot(path, raw, log)
            else:
                log = snapshot
        if exact and not known_exact:
            # Writing the records out is what the save does next anyway (each record's text
            # is cached), so this check costs little, and it is exact: the same bytes back
            # means the file holds exactly these records.
            if not _writes_out_as(log, raw):
                log, problem = parse_year_records(raw, path)
            known_exact = True
        self._cache[year] = (raw, log, problem, known_exact)
        return log, problem

    def history(self, years: list[int]) -> History:
        """The given years together; a year file's problem is reported with its sound records."""
        logs: list[YearLog] = []
        problems: list[ProgressFileError] = []
        for year in sorted(set(years)):
            log, problem = self.year_records(year)
            logs.append(log)
            if problem is not None:
                problems.append(problem)
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
        """Each year in turn, read only when reached: paging stops reading where it stops.

        A year file with a problem gives the problem first, then its sound records.
        """
        years = self.years()
        for year in reversed(years) if newest_first else years:
            log, problem = self.year_records(year)
            if problem is not None:
                yield problem
            yield log

    def first_day(self) -> date | None:
        """The date of the log's first record (``None`` for an empty log); reads the oldest
        year files only as far as the first that holds a record (a file's sound records
        count; its problem is for the save to report)."""
        for item in self.iter_years(newest_first=False):
            if isinstance(item, ProgressFileError):
                continue
            kinds = (item.sessions, item.checkins, item.skips)
            days = [records[0].day for records in kinds if records]
            if days:
                return min(days)
        return None

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

        Under the folder lock the year's TOML file is re-read (so another process's records
        are seen; records from its snapshot only if they write out as exactly the file's
        bytes, so a snapshot never stands in for the file), ``apply(log)`` returns the new
        log and a result, and the new log is written atomically (temporary file, fsync,
        rename, mode 0600) before the lock is released. ``apply`` returning the very same
        ``log`` object means "no change": the file is left alone. If ``apply`` raises,
        nothing is written and the exception propagates. A year file that cannot be read (or
        has any problem) raises :class:`ProgressFileError` and is never written. ``apply``
        runs with the lock held, so it must be quick and must not use the store. A new log
        with a record dated outside ``year``, or too big for a year file, raises
        ``ValueError`` and nothing is written (the file would no longer load).
        """
        results: list[T] = []

        def change(log: YearLog) -> YearLog:
            changed, result = apply(log)
            results.append(result)
            return changed

        self.change_years({year: change})
        return results[0]

    def change_years(self, changes: Mapping[int, Callable[[YearLog], YearLog]]) -> list[int]:
        """Change several years together: all their files are written, or none.

        Under the folder lock each year's TOML file is re-read (as in :meth:`change_year`),
        its function returns the new log (the same object for "no change"), and every changed
        year is checked and encoded before the first byte is written; then all of them are
        written with :func:`write_all_atomic`. A year file with a problem, a function that
        raises, a record of another year, a year too big or text that cannot be saved stop it
        with nothing written. Returns the years written, oldest first.
        """
        with folder_lock(self.folder, self.lock_timeout):
            remove_stale_temps(self.folder)
            planned: dict[int, tuple[bytes, YearLog]] = {}
            for year in sorted(changes):
                path = self.path_for(year)
                log, problem = self._read(year, path, exact=True)
                if problem is not None:
                    raise problem  # a year with any problem is never written
                changed = changes[year](log)
                if changed is log:
                    continue  # nothing to change: leave the file alone
                changed = _of_year(changed, year)
                raw = _encoded(changed, path)
                if len(raw) > YEAR_LIMITS.max_bytes:  # never write a year it could not read
                    raise ValueError(f"{year} would be larger than a year file may be")
                planned[year] = (raw, changed)
            write_all_atomic({self.path_for(year): raw for year, (raw, _) in planned.items()})
            for year, (raw, changed) in planned.items():
                self._cache[year] = (raw, changed, None, True)
                save_snapshot(self.path_for(year), raw, changed)
        return list(planned)

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


def _of_year(log: YearLog, year: int) -> YearLog:
    """``log`` sorted, or ``ValueError`` if it holds a record of another year."""
    records: tuple[Session | CheckIn | Skip, ...] = (*log.sessions, *log.checkins, *log.skips)
    if log.year != year or any(record.day.year != year for record in records):
        raise ValueError(f"a change to {year} holds a record of another year")
    return log.sorted()


def _writes_out_as(log: YearLog, raw: bytes) -> bool:
    """True when ``log`` written out is exactly ``raw``: then ``raw`` holds these records."""
    try:
        return dump_year(log).encode("utf-8") == raw
    except ValueError:  # a lone surrogate: not what any file holds
        return False


def _encoded(log: YearLog, path: Path) -> bytes:
    """The year file's bytes; text that UTF-8 cannot hold (a lone surrogate) stops the save
    before anything is written."""
    try:
        return dump_year(log).encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(error.object[error.start])
        raise ProgressWriteError(
            f"{path}: a record holds U+{code:04X}, which no file can hold; nothing was written"
        ) from None


def _same_logs(kept: tuple[YearLog, ...], logs: list[YearLog]) -> bool:
    """The very same year logs (a year read again unchanged gives back the same object)."""
    return len(kept) == len(logs) and all(a is b for a, b in zip(kept, logs, strict=True))
