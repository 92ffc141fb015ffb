"""Habit figures from the log: streaks, adherence, habit strength, pain trend, lesson totals.

A *routine day* is a local date with a completed or partial session. A skipped day keeps a
streak alive without adding to it. "Today" only counts once it has a session or a skip, so a
streak or a week is not broken before the day is over. docs/schedule.md defines each figure.
Streaks live in ``streaks.py`` (re-exported here), so ``freefeet today`` need not load the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from freefeet_tui.core.progress.history import History
from freefeet_tui.core.progress.records import SessionStatus
from freefeet_tui.core.streaks import Streak as Streak
from freefeet_tui.core.streaks import last_counted_day
from freefeet_tui.core.streaks import streaks as streaks

HALF_LIFE_DAYS = 13.0  # Loop Habit Tracker: a daily habit's score halves in 13 missed days
PAIN_WINDOW_DAYS = 7


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass(frozen=True, slots=True)
class Adherence:
    """Routine days against the target over ``start``..``end`` (both counted days).

    ``target`` = days_per_week x (counted days - skipped days) / 7; ``ratio`` = routine days /
    target, at most 1.0, or ``None`` when nothing was due (every day skipped, or no days).
    """

    start: date
    end: date
    routine_days: int
    skipped_days: int
    target: float

    @property
    def ratio(self) -> float | None:
        if self.target <= 0:
            return None
        return min(1.0, self.routine_days / self.target)


def adherence(
    history: History, start: date, end: date, today: date, days_per_week: int = 7
) -> Adherence:
    """Adherence over ``start``..``end``, counting only days up to today (see ``Adherence``)."""
    last = min(end, last_counted_day(history, today))
    counted = _days(start, last) if last >= start else []
    practice = history.practice_days
    routine = sum(1 for d in counted if d in practice)
    skipped = sum(1 for d in counted if d in history.skip_by_day and d not in practice)
    target = days_per_week * (len(counted) - skipped) / 7
    return Adherence(start, end, routine, skipped, target)


def weekly_adherence(
    history: History, today: date, weeks: int = 8, days_per_week: int = 7
) -> list[Adherence]:
    """Adherence for the last ``weeks`` weeks (Monday to Sunday), oldest first, this week last.

    A week counts from the first day with any record, so a runner who starts on a Thursday is
    not marked down for Monday to Wednesday (that week's ``start`` is the Thursday); weeks
    before the log began have no target and a ``ratio`` of ``None``.
    """
    first = history.first_day
    this_monday = today - timedelta(days=today.weekday())
    result: list[Adherence] = []
    for back in range(weeks - 1, -1, -1):
        monday = this_monday - timedelta(weeks=back)
        sunday = monday + timedelta(days=6)
        if first is None or first > sunday:
            result.append(Adherence(monday, sunday, 0, 0, 0.0))  # before the log began
            continue
        start = max(monday, first)
        result.append(adherence(history, start, sunday, today, days_per_week))
    return result


def score_multiplier(days_per_week: int = 7) -> float:
    """Loop's decay per day: 0.5 ** (sqrt(frequency) / 13), frequency = days_per_week / 7."""
    return float(0.5 ** (math.sqrt(days_per_week / 7) / HALF_LIFE_DAYS))


def habit_strength_series(
    history: History, until: date, days_per_week: int = 7
) -> list[tuple[date, float]]:
    """Loop Habit Tracker's habit score for each day from the first routine day to ``until``.

    Each day: score = score x m + checkmark x (1 - m), m = :func:`score_multiplier`. The
    checkmark is routine days in a rolling window divided by the days the target asks for in
    it, at most 1 (for a daily target simply 1 or 0). Skipped days leave the score unchanged.
    The score runs 0..1 and starts at 0. "Today" is left out until it has a session or skip.
    """
    if not history.practice_days:
        return []
    first = min(history.practice_days)
    last = min(until, last_counted_day(history, until))
    common = math.gcd(days_per_week, 7)
    needed, window = days_per_week // common, 7 // common  # the target as a reduced fraction
    if needed < window:  # as Loop does, to smooth out irregular weekly patterns
        needed, window = needed * 2, window * 2
    multiplier = score_multiplier(days_per_week)
    practice, skips = history.practice_days, history.skip_by_day
    score, rolling = 0.0, 0
    series: list[tuple[date, float]] = []
    for day in _days(first, last) if last >= first else []:
        rolling += day in practice
        rolling -= (day - timedelta(days=window)) in practice
        if day in practice or day not in skips:
            checkmark = min(1.0, rolling / needed)
            score = score * multiplier + checkmark * (1 - multiplier)
        series.append((day, score))
    return series


def habit_strength(history: History, today: date, days_per_week: int = 7) -> float:
    """The habit score on ``today`` (0..1); 0 before the first routine day."""
    series = habit_strength_series(history, today, days_per_week)
    return series[-1][1] if series else 0.0


@dataclass(frozen=True, slots=True)
class PainPoint:
    """Morning pain on ``day`` (worse foot; ``None`` if not logged) and the 7-day average."""

    day: date
    pain: int | None
    average: float | None


def pain_trend(history: History, start: date, end: date) -> list[PainPoint]:
    """Each day's morning pain and its rolling average over that day and the six before."""
    pains = {c.day: pain for c in history.checkins if (pain := c.morning_pain) is not None}
    points: list[PainPoint] = []
    for day in _days(start, end) if end >= start else []:
        window = [
            pains[d]
            for d in (day - timedelta(days=n) for n in range(PAIN_WINDOW_DAYS))
            if d in pains
        ]
        average = sum(window) / len(window) if window else None
        points.append(PainPoint(day, pains.get(day), average))
    return points


@dataclass(frozen=True, slots=True)
class FootPainPoint:
    """Morning pain of each foot on ``day`` (``None``: not logged) and each foot's 7-day
    average over that day and the six before."""

    day: date
    left: int | None
    right: int | None
    left_average: float | None
    right_average: float | None


def _rolling(values: dict[date, int], day: date) -> float | None:
    window = [
        values[d] for d in (day - timedelta(days=n) for n in range(PAIN_WINDOW_DAYS)) if d in values
    ]
    return sum(window) / len(window) if window else None


def foot_pain_trend(history: History, start: date, end: date) -> list[FootPainPoint]:
    """Each day's morning pain per foot, so the feet are told apart (``pain_trend`` follows
    the worse foot). Days before ``start`` in ``history`` feed the first averages."""
    left = {c.day: c.pain_left for c in history.checkins if c.pain_left is not None}
    right = {c.day: c.pain_right for c in history.checkins if c.pain_right is not None}
    return [
        FootPainPoint(day, left.get(day), right.get(day), _rolling(left, day), _rolling(right, day))
        for day in (_days(start, end) if end >= start else [])
    ]


@dataclass(frozen=True, slots=True)
class RunPoint:
    """A run logged in a check-in: its minutes and the pain during it (``None``: not given)."""

    day: date
    minutes: int
    pain: int | None


def runs_between(history: History, start: date, end: date) -> list[RunPoint]:
    """The runs from ``start`` to ``end``, oldest first."""
    return [
        RunPoint(c.day, c.run_minutes or 0, c.run_pain)
        for c in history.checkins
        if c.ran and start <= c.day <= end
    ]


@dataclass(frozen=True, slots=True)
class PainChange:
    """Average morning pain in the first logged week against the last logged week."""

    first_week_start: date
    first_week: float
    last_week_start: date
    last_week: float

    @property
    def change(self) -> float:
        """Negative when the pain went down."""
        return self.last_week - self.first_week


def pain_change(history: History, since: date | None = None) -> PainChange | None:
    """The first week is the 7 days from the first morning-pain figure (on or after ``since``),
    the last week the 7 days up to the latest. ``None`` until they no longer overlap."""
    pains = sorted(
        (c.day, pain)
        for c in history.checkins
        if (pain := c.morning_pain) is not None and (since is None or c.day >= since)
    )
    if not pains:
        return None
    first, last = pains[0][0], pains[-1][0]
    week = timedelta(days=PAIN_WINDOW_DAYS - 1)
    if last - week <= first + week:
        return None
    early = [p for d, p in pains if d <= first + week]
    late = [p for d, p in pains if d >= last - week]
    return PainChange(first, sum(early) / len(early), last - week, sum(late) / len(late))


@dataclass(frozen=True, slots=True)
class LessonTotals:
    """Completed and partial sessions of one lesson and the time practised in them."""

    lesson_id: str
    title: str
    completed: int
    partial: int
    seconds: int

    @property
    def sessions(self) -> int:
        return self.completed + self.partial

    @property
    def minutes(self) -> float:
        return self.seconds / 60


def lesson_totals(history: History) -> list[LessonTotals]:
    """Per lesson, most practised first; open (unfinished) sessions are not counted."""
    # Counted in plain lists, one LessonTotals per lesson at the end: a record per session
    # would cost thousands of objects on a long log.
    counts: dict[str, list[int]] = {}  # lesson id -> [completed, partial, seconds]
    titles: dict[str, str] = {}
    for session in history.sessions:
        if not session.counts_as_practice:
            continue
        count = counts.setdefault(session.lesson_id, [0, 0, 0])
        count[0 if session.status is SessionStatus.COMPLETED else 1] += 1
        count[2] += session.seconds
        titles[session.lesson_id] = session.lesson_title  # the latest title it was played under
    totals = [
        LessonTotals(lesson_id, titles[lesson_id], completed, partial, seconds)
        for lesson_id, (completed, partial, seconds) in counts.items()
    ]
    return sorted(totals, key=lambda t: (-t.sessions, -t.seconds, t.lesson_id))


@dataclass(frozen=True, slots=True)
class HabitSummary:
    """Everything ``freefeet stats`` and the History screen show, computed once."""

    today: date
    streak: Streak
    strength: float
    this_week: Adherence
    weeks: tuple[Adherence, ...]
    pain: PainChange | None
    lessons: tuple[LessonTotals, ...]


def summarize(
    history: History, today: date, days_per_week: int = 7, weeks: int = 8
) -> HabitSummary:
    """All habit figures for ``today`` (pass ``Program.days_per_week``)."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    recent_weeks = weekly_adherence(history, today, weeks, days_per_week)
    return HabitSummary(
        today=today,
        streak=streaks(history, today),
        strength=habit_strength(history, today, days_per_week),
        this_week=recent_weeks[-1],
        weeks=tuple(recent_weeks),
        pain=pain_change(history),
        lessons=tuple(lesson_totals(history)),
    )
