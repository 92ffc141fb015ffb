"""The runner's log as immutable records: sessions, check-ins and skips.

Every record is checked as it is built, by the same rules (``checks.py``) that check a
hand-edited year file, so a bad value is refused in code (``RecordError``) just as it is
reported in a file (``FILE:LINE: message``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from enum import StrEnum
from typing import Any

from freefeet_tui.core.progress.checks import (
    EARLIEST_DAY,
    ID_PATTERN,
    MAX_NOTE_LENGTH,
    MAX_PAIN,
    MAX_REASON_LENGTH,
    MAX_RUN_MINUTES,
    MAX_SESSION_SECONDS,
    MAX_SLUG_LENGTH,
    MAX_STEPS,
    MAX_TEMPO,
    MAX_TITLE_LENGTH,
    MIN_TEMPO,
    SLUG_PATTERN,
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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self,
        id: str,
        lesson_id: str,
        lesson_title: str,
        start: datetime,
        end: datetime,
        day: date,
        seconds: int,
        steps_done: int,
        steps_total: int,
        status: SessionStatus,
        stop_index: int | None = None,
        stop_step: str | None = None,
        tempo: float = 1.0,
    ) -> None:
        put = _PUT_SESSION  # see _slot_setters: the dataclass's own __init__, minus look-ups
        put[0](self, id)
        put[1](self, lesson_id)
        put[2](self, lesson_title)
        put[3](self, start)
        put[4](self, end)
        put[5](self, day)
        put[6](self, seconds)
        put[7](self, steps_done)
        put[8](self, steps_total)
        put[9](self, status)
        put[10](self, stop_index)
        put[11](self, stop_step)
        put[12](self, tempo)
        # The usual case passes this one quick look (see "the quick look" below); anything
        # else gets the full checks, which accept it or name the bad key.
        if not (
            datetime is type(start) is type(end)
            and timezone is type(start.tzinfo) is type(end.tzinfo)  # fixed offsets, never None
            and end >= start
            and type(day) is date
            and day >= EARLIEST_DAY
            and int is type(seconds) is type(steps_total) is type(steps_done)
            and 0 <= seconds <= MAX_SESSION_SECONDS
            and 0 <= steps_done <= steps_total <= MAX_STEPS
            and steps_total >= 1
            and type(status) is SessionStatus
            and (stop_index is None or (type(stop_index) is int and 0 <= stop_index < steps_total))
            and (type(tempo) is float or type(tempo) is int)
            and MIN_TEMPO <= tempo <= MAX_TEMPO
            and type(lesson_title) is str
            and (lesson_title in _PASSED_TITLES or _title_ok(lesson_title))
            and type(lesson_id) is str
            and (lesson_id in _PASSED_SLUGS or _slug_ok(lesson_id))
            and (stop_step is None or _known_slug(stop_step))
            and type(id) is str
            and _ID_MATCH(id) is not None
        ):
            raise_first(f"session {id!r}", session_problems(self.to_values()))
        if type(tempo) is not float:
            put[12](self, float(tempo))

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


def _slot_setters(kind: type) -> list[Callable[[Any, Any], None]]:
    """The setter of each field's slot, in field order, for a frozen record's ``__init__``.

    A frozen dataclass's generated ``__init__`` sets each field through
    ``object.__setattr__(self, name, value)``, looking the slot up anew every time; the
    records' own ``__init__`` calls these setters directly, then checks the record as the
    generated one would (``__post_init__``). Same result, about half the cost: start-up
    rebuilds every record of two busy years from their snapshots through these constructors.
    """
    names = kind.__dataclass_fields__  # type: ignore[attr-defined]
    return [kind.__dict__[name].__set__ for name in names]


_PUT_SESSION = _slot_setters(Session)


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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self,
        day: date,
        pain_left: int | None = None,
        pain_right: int | None = None,
        run_minutes: int | None = None,
        run_pain: int | None = None,
        planned_run: bool = False,
        note: str | None = None,
        id: str = "",
    ) -> None:
        put = _PUT_CHECKIN  # see _slot_setters
        put[0](self, day)
        put[1](self, pain_left)
        put[2](self, pain_right)
        put[3](self, run_minutes)
        put[4](self, run_pain)
        put[5](self, planned_run)
        put[6](self, note)
        if not id and isinstance(day, date):
            id = f"c-{day:%Y%m%d}"
        put[7](self, id)
        # The usual case passes this one quick look (see "the quick look" below).
        if not (
            type(day) is date
            and day >= EARLIEST_DAY
            and (pain_left is None or (type(pain_left) is int and 0 <= pain_left <= MAX_PAIN))
            and (pain_right is None or (type(pain_right) is int and 0 <= pain_right <= MAX_PAIN))
            and (run_pain is None or (type(run_pain) is int and 0 <= run_pain <= MAX_PAIN))
            and (
                run_minutes is None
                or (type(run_minutes) is int and 0 <= run_minutes <= MAX_RUN_MINUTES)
            )
            and type(planned_run) is bool
            and (
                note is None
                or (type(note) is str and 0 < len(note) <= MAX_NOTE_LENGTH and not note.isspace())
            )
            and (
                planned_run
                or note is not None
                or not (
                    pain_left is None
                    and pain_right is None
                    and run_minutes is None
                    and run_pain is None
                )
            )
            and type(id) is str
            and _ID_MATCH(id) is not None
        ):
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


_PUT_CHECKIN = _slot_setters(CheckIn)


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
# start-up. Each constructor first takes one quick look, an expression over its arguments that
# accepts only what the full checks in ``checks.py`` accept (it may be stricter, never looser:
# exact types, no subclasses); a record it does not accept goes through the full checks,
# which accept it or name the bad key. The same few lesson ids, step ids and titles come back
# in every session, so a text that passed once is remembered (a text never changes) and the
# next one costs a set look-up. ``tests/unit/test_progress_records.py`` holds the quick look
# to the full checks.

_ID_MATCH = re.compile(ID_PATTERN).match  # the patterns of ``checks.py``, compiled once here
_SLUG_MATCH = re.compile(SLUG_PATTERN).match
_PASSED_SLUGS: set[str] = set()
_PASSED_TITLES: set[str] = set()
_REMEMBERED = 4096  # texts remembered per kind; past that, the sets start again


def _remember(passed: set[str], value: str) -> bool:
    if len(passed) >= _REMEMBERED:
        passed.clear()
    passed.add(value)
    return True


def _slug_ok(value: str) -> bool:
    """``check_lesson_id``'s and ``check_step_id``'s rule, for a text not seen before."""
    return (
        len(value) <= MAX_SLUG_LENGTH
        and _SLUG_MATCH(value) is not None
        and _remember(_PASSED_SLUGS, value)
    )


def _known_slug(value: object) -> bool:
    return type(value) is str and (value in _PASSED_SLUGS or _slug_ok(value))


def _title_ok(value: str) -> bool:
    """``check_title``'s rule (one line, 1 to 200 characters), for a text not seen before."""
    return (
        0 < len(value) <= MAX_TITLE_LENGTH
        and not value.isspace()
        and "\n" not in value
        and "\r" not in value
        and _remember(_PASSED_TITLES, value)
    )


def _sound_skip(k: Skip) -> bool:
    day, reason = k.day, k.reason
    return (
        type(day) is date
        and day >= EARLIEST_DAY
        and type(reason) is str
        and 0 < len(reason) <= MAX_REASON_LENGTH
        and not reason.isspace()
        and "\n" not in reason
        and "\r" not in reason
        and type(k.id) is str
        and _ID_MATCH(k.id) is not None
    )
