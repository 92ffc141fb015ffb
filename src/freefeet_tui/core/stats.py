"""Habit figures from the log: streaks, adherence, habit strength, pain trend, lesson totals.

Streaks, adherence and habit strength count what the programme asked: each day's verdict
(kept, missed, rest, skipped, open) comes from ``schedule.walk``. So a rest day or a day off
never counts against the runner, and today counts once everything asked of it is done.
docs/schedule.md defines each figure. Streaks live in ``streaks.py`` (re-exported here), so
``freefeet today`` need not load the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from freefeet_tui.core.program import Program
from freefeet_tui.core.progress.history import History
from freefeet_tui.core.progress.records import SessionStatus
from freefeet_tui.core.schedule import PlanDay, Verdict, walk
from freefeet_tui.core.streaks import Streak as Streak
from freefeet_tui.core.streaks import streak_of
from freefeet_tui.core.streaks import streaks as streaks

HALF_LIFE_DAYS = 13.0  # Loop Habit Tracker: a daily habit's score halves in 13 missed days
PAIN_WINDOW_DAYS = 7


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass(frozen=True, slots=True)
class Adherence:
    """Kept days against the days that asked something and were not declared off, over
    ``start``..``end``: ``ratio`` = kept / (kept + missed), or ``None`` when no day counted
    (all rest days, skipped days, still open or ahead, or before the programme began)."""

    start: date
    end: date
    kept_days: int
    missed_days: int
    skipped_days: int = 0
    rest_days: int = 0

    @property
    def counted(self) -> int:
        return self.kept_days + self.missed_days

    @property
    def ratio(self) -> float | None:
        return self.kept_days / self.counted if self.counted else None


def adherence_of(days: Sequence[PlanDay], start: date, end: date) -> Adherence:
    """Adherence over ``start``..``end`` from the programme's days (``schedule.walk``)."""
    found = Counter(plan.verdict for plan in days if start <= plan.day <= end)
    return Adherence(
        start,
        end,
        found[Verdict.KEPT],
        found[Verdict.MISSED],
        found[Verdict.SKIPPED],
        found[Verdict.REST],
    )


def adherence(history: History, start: date, end: date, today: date, program: Program) -> Adherence:
    """Adherence over ``start``..``end`` as it stands on ``today``."""
    return adherence_of(walk(history, program, today, min(end, today)), start, end)


def weekly_adherence_of(days: Sequence[PlanDay], today: date, weeks: int = 8) -> list[Adherence]:
    """Adherence for the last ``weeks`` weeks (Monday to Sunday), oldest first, this week last;
    a week before the programme began has no days, so no ``ratio``."""
    this_monday = today - timedelta(days=today.weekday())
    result: list[Adherence] = []
    for back in range(weeks - 1, -1, -1):
        monday = this_monday - timedelta(weeks=back)
        result.append(adherence_of(days, monday, monday + timedelta(days=6)))
    return result


def weekly_adherence(
    history: History, today: date, program: Program, weeks: int = 8
) -> list[Adherence]:
    return weekly_adherence_of(walk(history, program, today, today), today, weeks)


def score_multiplier() -> float:
    """Loop's decay per day for a daily habit: 0.5 ** (1 / 13). The programme asks something
    every day (at least the check-in), so its habit is a daily one."""
    return float(0.5 ** (1 / HALF_LIFE_DAYS))


def habit_strength_series_of(days: Sequence[PlanDay]) -> list[tuple[date, float]]:
    """Loop Habit Tracker's habit score on each day from the first kept day.

    Each day: score = score x m + checkmark x (1 - m), m = :func:`score_multiplier`; the
    checkmark is 1 on a kept day and 0 on a missed one. Rest days, skipped days and today while
    it is open leave the score unchanged. The score runs 0..1 and starts at 0.
    """
    multiplier = score_multiplier()
    score, started = 0.0, False
    series: list[tuple[date, float]] = []
    for plan in days:
        verdict = plan.verdict
        if verdict == Verdict.AHEAD:
            break
        started = started or verdict == Verdict.KEPT
        if not started:
            continue
        if verdict == Verdict.KEPT:
            score = score * multiplier + (1 - multiplier)
        elif verdict == Verdict.MISSED:
            score *= multiplier
        series.append((plan.day, score))
    return series


def habit_strength(history: History, today: date, program: Program) -> float:
    """The habit score on ``today`` (0..1); 0 before the first kept day."""
    series = habit_strength_series_of(walk(history, program, today, today))
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
class ScanChanges:
    """How walking felt after one lesson's closing scan, over the sessions that answered."""

    lesson_id: str
    title: str
    easier: int
    same: int
    worse: int

    @property
    def answered(self) -> int:
        return self.easier + self.same + self.worse


def scan_changes(history: History) -> list[ScanChanges]:
    """Per lesson with answers, most answered first: how often walking felt easier, the same
    or worse after the closing scan than before it (``Session.scan_change``)."""
    counts: dict[str, list[int]] = {}  # lesson id -> [easier, same, worse]
    titles: dict[str, str] = {}
    for session in history.sessions:
        change = session.scan_change
        if change is None:
            continue
        count = counts.setdefault(session.lesson_id, [0, 0, 0])
        count[0 if change > 0 else 1 if change == 0 else 2] += 1
        titles[session.lesson_id] = session.lesson_title
    found = [
        ScanChanges(lesson_id, titles[lesson_id], *count) for lesson_id, count in counts.items()
    ]
    return sorted(found, key=lambda s: (-s.answered, s.lesson_id))


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
    scans: tuple[ScanChanges, ...] = ()


def summarize(history: History, today: date, program: Program, weeks: int = 8) -> HabitSummary:
    """All habit figures for ``today`` under ``program``, from one walk through the days."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    days = walk(history, program, today, today)
    recent_weeks = weekly_adherence_of(days, today, weeks)
    series = habit_strength_series_of(days)
    return HabitSummary(
        today=today,
        streak=streak_of(days),
        strength=series[-1][1] if series else 0.0,
        this_week=recent_weeks[-1],
        weeks=tuple(recent_weeks),
        pain=pain_change(history),
        lessons=tuple(lesson_totals(history)),
        scans=tuple(scan_changes(history)),
    )
