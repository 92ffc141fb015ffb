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

from freefeet_tui.core.progress.checks import (
    EARLIEST_DAY,
    MAX_NOTE_LENGTH,
    MAX_PAIN,
    MAX_REASON_LENGTH,
    MAX_RUN_MINUTES,
    MAX_SESSION_SECONDS,
    MAX_STEPS,
    MAX_TEMPO,
    MAX_TITLE_LENGTH,
    MIN_TEMPO,
    check_id,
    check_instant,
    check_lesson_id,
    check_step_id,
    checkin_problems,
    raise_first,
    session_problems,
    skip_problems,
)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import Any


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
        if not _sound_session(self):  # the usual case passes in one quick look
            raise_first(f"session {self.id!r}", session_problems(self.to_values()))
        if type(self.tempo) is not float:
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
        if not _sound_checkin(self):  # the usual case passes in one quick look
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
        if not _sound_skip(self):  # the usual case passes in one quick look
            raise_first("skip", skip_problems(self.to_values()))

    def to_values(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.day, "reason": self.reason}

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Skip:
        get: Callable[[str], Any] = values.get
        return cls(day=get("date"), reason=get("reason"), id=get("id") or "")


# ---- the quick look ---------------------------------------------------------------------------
# Every record is checked as it is built, also when thousands are rebuilt from a snapshot at
# start-up. These functions accept only what the full checks in ``checks.py`` accept (they may
# be stricter, never looser: exact types, no subclasses), in one expression each; a record
# they do not accept goes through the full checks, which accept it or name the bad key.


def _text(value: object, limit: int, one_line: bool) -> bool:
    return (
        type(value) is str
        and len(value) <= limit
        and not value.isspace()
        and value != ""
        and not (one_line and ("\n" in value or "\r" in value))
    )


def _day(value: object) -> bool:
    return type(value) is date and value >= EARLIEST_DAY


def _count(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _sound_session(s: Session) -> bool:
    start, end, total, stop = s.start, s.end, s.steps_total, s.stop_index
    return (
        type(start) is datetime
        and type(end) is datetime
        and start.utcoffset() is not None
        and end.utcoffset() is not None
        and end >= start
        and _day(s.day)
        and _count(s.seconds, 0, MAX_SESSION_SECONDS)
        and _count(total, 1, MAX_STEPS)
        and _count(s.steps_done, 0, total)
        and type(s.status) is SessionStatus
        and (stop is None or _count(stop, 0, total - 1))
        and type(s.tempo) in (float, int)
        and MIN_TEMPO <= s.tempo <= MAX_TEMPO
        and _text(s.lesson_title, MAX_TITLE_LENGTH, True)
        and check_id(s.id) is None
        and check_lesson_id(s.lesson_id) is None
        and (s.stop_step is None or check_step_id(s.stop_step) is None)
    )


def _pain(value: object) -> bool:
    return value is None or _count(value, 0, MAX_PAIN)


def _sound_checkin(c: CheckIn) -> bool:
    run = c.run_minutes
    return (
        _day(c.day)
        and _pain(c.pain_left)
        and _pain(c.pain_right)
        and _pain(c.run_pain)
        and (run is None or _count(run, 0, MAX_RUN_MINUTES))
        and type(c.planned_run) is bool
        and (c.note is None or _text(c.note, MAX_NOTE_LENGTH, False))
        and (
            c.planned_run
            or c.note is not None
            or not (c.pain_left is c.pain_right is run is c.run_pain is None)
        )
        and check_id(c.id) is None
    )


def _sound_skip(k: Skip) -> bool:
    return _day(k.day) and _text(k.reason, MAX_REASON_LENGTH, True) and check_id(k.id) is None
