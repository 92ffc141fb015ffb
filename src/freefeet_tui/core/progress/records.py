"""The runner's log as immutable records: sessions, check-ins and skips.

Every record is checked as it is built, by the same rules (``checks.py``) that check a
hand-edited year file, so a bad value is refused in code (``RecordError``) just as it is
reported in a file (``FILE:LINE: message``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from freefeet_tui.core.progress.checks import (
    check_instant,
    checkin_problems,
    raise_first,
    session_problems,
    skip_problems,
)


class SessionStatus(StrEnum):
    """How a session ended; ``open`` means it is still running or its process died."""

    COMPLETED = "completed"
    PARTIAL = "partial"
    OPEN = "open"


_STATUS_VALUES = frozenset(status.value for status in SessionStatus)


def _status(value: Any) -> Any:
    """A valid status as the enum; anything else unchanged, for the check to report."""
    return SessionStatus(value) if isinstance(value, str) and value in _STATUS_VALUES else value


def _number(value: Any, default: float) -> Any:
    if value is None:
        return default
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if is_number else value


def local_now() -> datetime:
    """Now, in the computer's time zone, to the second: what a new record is stamped with."""
    return datetime.now().astimezone().replace(microsecond=0)


def new_session_id(day: date) -> str:
    """A readable, practically unique id such as ``s-20261124-3f9a2c``."""
    return f"s-{day:%Y%m%d}-{os.urandom(3).hex()}"


@dataclass(frozen=True, slots=True)
class Session:
    """One playing of a lesson. ``day`` is the local calendar date of ``start``.

    ``end`` is when it ended or, while ``open``, its last checkpoint. ``stop_index`` and
    ``stop_step`` say which step it was on: the step a resume starts at.
    """

    id: str
    lesson_id: str
    lesson_title: str
    start: datetime
    end: datetime
    day: date
    seconds: int
    steps_done: int
    steps_total: int
    status: SessionStatus
    stop_index: int | None = None
    stop_step: str | None = None
    tempo: float = 1.0

    def __post_init__(self) -> None:
        raise_first(f"session {self.id!r}", session_problems(self.to_values()))
        object.__setattr__(self, "tempo", float(self.tempo))

    def to_values(self) -> dict[str, Any]:
        """The session as the keys of its file table (``None`` for keys left out)."""
        return {
            "id": self.id,
            "lesson": self.lesson_id,
            "title": self.lesson_title,
            "start": self.start,
            "end": self.end,
            "date": self.day,
            "seconds": self.seconds,
            "steps_done": self.steps_done,
            "steps_total": self.steps_total,
            "status": self.status,
            "stop_index": self.stop_index,
            "stop_step": self.stop_step,
            "tempo": self.tempo,
        }

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Session:
        """Build from file keys; raises :class:`RecordError` naming the first bad key."""
        get: Callable[[str], Any] = values.get
        return cls(
            id=get("id"),
            lesson_id=get("lesson"),
            lesson_title=get("title"),
            start=get("start"),
            end=get("end"),
            day=get("date"),
            seconds=get("seconds"),
            steps_done=get("steps_done"),
            steps_total=get("steps_total"),
            status=_status(get("status")),
            stop_index=get("stop_index"),
            stop_step=get("stop_step"),
            tempo=_number(get("tempo"), 1.0),
        )

    @property
    def finished(self) -> bool:
        """Completed or partial: the player closed it (an open one may have crashed)."""
        return self.status is not SessionStatus.OPEN

    @property
    def counts_as_practice(self) -> bool:
        """Completed or partial: what makes a day a routine day."""
        return self.finished

    @property
    def minutes(self) -> float:
        return self.seconds / 60

    def checkpoint(
        self,
        *,
        seconds: float,
        steps_done: int,
        stop_index: int | None,
        stop_step: str | None,
        now: datetime | None = None,
    ) -> Session:
        """The same open session further on: saved at each step change and every 10 s.

        ``seconds`` practised so far is rounded to whole seconds; ``now`` defaults to the
        local time and becomes ``end``.
        """
        return replace(
            self,
            end=now or local_now(),
            seconds=round(seconds),
            steps_done=steps_done,
            stop_index=stop_index,
            stop_step=stop_step,
        )

    def finish(
        self,
        *,
        completed: bool,
        seconds: float,
        steps_done: int,
        stop_index: int | None,
        stop_step: str | None,
        now: datetime | None = None,
    ) -> Session:
        """The session closed as completed or partial."""
        moved = self.checkpoint(
            seconds=seconds,
            steps_done=steps_done,
            stop_index=stop_index,
            stop_step=stop_step,
            now=now,
        )
        status = SessionStatus.COMPLETED if completed else SessionStatus.PARTIAL
        return replace(moved, status=status)


def new_session(
    lesson_id: str,
    lesson_title: str,
    steps_total: int,
    *,
    tempo: float = 1.0,
    start_index: int = 0,
    start_step: str | None = None,
    now: datetime | None = None,
) -> Session:
    """An open session beginning ``now`` (local time): what the player saves as it starts."""
    start = now or local_now()
    problem = check_instant(start)
    if problem is not None:
        raise ValueError(f"start {problem}")
    return Session(
        id=new_session_id(start.date()),
        lesson_id=lesson_id,
        lesson_title=lesson_title,
        start=start,
        end=start,
        day=start.date(),
        seconds=0,
        steps_done=0,
        steps_total=steps_total,
        status=SessionStatus.OPEN,
        stop_index=start_index,
        stop_step=start_step,
        tempo=tempo,
    )


@dataclass(frozen=True, slots=True)
class CheckIn:
    """How the feet felt on ``day``: morning first-steps pain per foot, the run and a note.

    There is at most one check-in per date; ``None`` means "not reported". The id defaults to
    ``c-YYYYMMDD``.
    """

    day: date
    pain_left: int | None = None
    pain_right: int | None = None
    run_minutes: int | None = None
    run_pain: int | None = None
    planned_run: bool = False
    note: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id and isinstance(self.day, date):
            object.__setattr__(self, "id", f"c-{self.day:%Y%m%d}")
        raise_first("check-in", checkin_problems(self.to_values()))

    def to_values(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day,
            "pain_left": self.pain_left,
            "pain_right": self.pain_right,
            "run_minutes": self.run_minutes,
            "run_pain": self.run_pain,
            "planned_run": None if self.planned_run is False else self.planned_run,
            "note": self.note,
        }

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> CheckIn:
        get: Callable[[str], Any] = values.get
        return cls(
            day=get("date"),
            pain_left=get("pain_left"),
            pain_right=get("pain_right"),
            run_minutes=get("run_minutes"),
            run_pain=get("run_pain"),
            planned_run=values.get("planned_run", False),
            note=get("note"),
            id=get("id") or "",
        )

    @property
    def morning_pain(self) -> int | None:
        """The worse foot's morning pain: the figure the pain trend follows."""
        left, right = self.pain_left, self.pain_right
        if left is None or right is None:
            return right if left is None else left
        return max(left, right)

    @property
    def ran(self) -> bool:
        return bool(self.run_minutes)

    def merged_with(self, newer: CheckIn) -> CheckIn:
        """This check-in updated by ``newer``: what it reports wins, what it leaves out stays."""

        def pick(new: Any, old: Any) -> Any:
            return old if new is None else new

        return replace(
            self,
            pain_left=pick(newer.pain_left, self.pain_left),
            pain_right=pick(newer.pain_right, self.pain_right),
            run_minutes=pick(newer.run_minutes, self.run_minutes),
            run_pain=pick(newer.run_pain, self.run_pain),
            planned_run=newer.planned_run or self.planned_run,
            note=pick(newer.note, self.note),
        )


@dataclass(frozen=True, slots=True)
class Skip:
    """A day the runner chose not to practise; it keeps a streak alive. Id: ``k-YYYYMMDD``."""

    day: date
    reason: str
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id and isinstance(self.day, date):
            object.__setattr__(self, "id", f"k-{self.day:%Y%m%d}")
        raise_first("skip", skip_problems(self.to_values()))

    def to_values(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.day, "reason": self.reason}

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Skip:
        get: Callable[[str], Any] = values.get
        return cls(day=get("date"), reason=get("reason"), id=get("id") or "")
