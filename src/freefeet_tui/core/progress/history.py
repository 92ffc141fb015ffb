"""A year of the log and the log across years, indexed by local date for schedule and stats."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from freefeet_tui.core.progress.records import CheckIn, Session, SessionStatus, Skip

if TYPE_CHECKING:
    from freefeet_tui.core.progress.errors import ProgressFileError


def session_order(session: Session) -> tuple[date, float, str]:
    """Sessions sort by local date, then by the instant they started."""
    return (session.day, session.start.timestamp(), session.id)


@dataclass(frozen=True)
class YearLog:
    """Everything recorded in one calendar year (one file): records sorted by date."""

    year: int
    sessions: tuple[Session, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    skips: tuple[Skip, ...] = ()

    def sorted(self) -> YearLog:
        return YearLog(
            self.year,
            tuple(sorted(self.sessions, key=session_order)),
            tuple(sorted(self.checkins, key=lambda c: c.day)),
            tuple(sorted(self.skips, key=lambda s: s.day)),
        )

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    def __len__(self) -> int:
        return len(self.sessions) + len(self.checkins) + len(self.skips)


@dataclass(frozen=True)
class History:
    """The records of some years together, with lookups by local date.

    ``years`` lists the years that were read; ``problems`` the year files that could not be.
    """

    sessions: tuple[Session, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    skips: tuple[Skip, ...] = ()
    years: tuple[int, ...] = ()
    problems: tuple[ProgressFileError, ...] = field(default=())

    @classmethod
    def of(
        cls,
        sessions: Iterable[Session] = (),
        checkins: Iterable[CheckIn] = (),
        skips: Iterable[Skip] = (),
    ) -> History:
        """A history of loose records (tests, previews), sorted the way the store sorts them."""
        log = YearLog(0, tuple(sessions), tuple(checkins), tuple(skips)).sorted()
        return cls(log.sessions, log.checkins, log.skips)

    @classmethod
    def from_years(
        cls, logs: Iterable[YearLog], problems: Iterable[ProgressFileError] = ()
    ) -> History:
        ordered = sorted(logs, key=lambda log: log.year)
        return cls(
            sessions=tuple(s for log in ordered for s in log.sessions),
            checkins=tuple(c for log in ordered for c in log.checkins),
            skips=tuple(k for log in ordered for k in log.skips),
            years=tuple(log.year for log in ordered),
            problems=tuple(problems),
        )

    @cached_property
    def sessions_by_day(self) -> dict[date, tuple[Session, ...]]:
        found: dict[date, list[Session]] = {}
        for session in self.sessions:
            found.setdefault(session.day, []).append(session)
        return {day: tuple(items) for day, items in found.items()}

    @cached_property
    def checkin_by_day(self) -> dict[date, CheckIn]:
        return {checkin.day: checkin for checkin in self.checkins}

    @cached_property
    def skip_by_day(self) -> dict[date, Skip]:
        return {skip.day: skip for skip in self.skips}

    @cached_property
    def practice_days(self) -> frozenset[date]:
        """Local dates with a completed or partial session: the routine days."""
        return frozenset(s.day for s in self.sessions if s.counts_as_practice)

    def sessions_on(self, day: date) -> tuple[Session, ...]:
        return self.sessions_by_day.get(day, ())

    def checkin_on(self, day: date) -> CheckIn | None:
        return self.checkin_by_day.get(day)

    def skip_on(self, day: date) -> Skip | None:
        return self.skip_by_day.get(day)

    def open_sessions(self) -> tuple[Session, ...]:
        """Sessions still marked open: running now elsewhere, or left by a crash."""
        return tuple(s for s in self.sessions if s.status is SessionStatus.OPEN)

    def _ends(self, index: int) -> list[date]:
        days: list[date] = []
        for records in (self.sessions, self.checkins, self.skips):
            if records:
                days.append(records[index].day)
        return days

    @property
    def first_day(self) -> date | None:
        """The earliest local date with any record."""
        return min(self._ends(0), default=None)

    @property
    def last_day(self) -> date | None:
        return max(self._ends(-1), default=None)

    def __len__(self) -> int:
        return len(self.sessions) + len(self.checkins) + len(self.skips)
