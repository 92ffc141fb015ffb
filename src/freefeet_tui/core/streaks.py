"""Streaks of kept days: the one habit figure that ``freefeet today`` and Today show.

A day is *kept* when everything the programme asked of it was done (``schedule.Verdict``). A
missed day ends a streak; a rest day, a skipped day and today while it is still open neither
add to it nor end it. So a day that asked nothing can never break a streak, and a day with
nothing left to do always counts. Kept apart from the other figures in ``stats`` so that the
quickest commands load only what they show.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from freefeet_tui.core.program import Program
from freefeet_tui.core.progress.history import History
from freefeet_tui.core.schedule import PlanDay, Verdict, walk


def last_counted_day(history: History, today: date) -> date:
    """Today once it has a session or a skip; until then, yesterday (the html report's days)."""
    if today in history.practice_days or today in history.skip_by_day:
        return today
    return date.fromordinal(today.toordinal() - 1)


class Streak(NamedTuple):
    """Kept days in a row (rest and skipped days bridge without counting); ``since`` is the
    first of them."""

    current: int
    best: int
    current_since: date | None = None
    best_since: date | None = None


def streak_of(days: Sequence[PlanDay]) -> Streak:
    """The current streak (up to the last day given) and the best one, from days in order."""
    best, best_since, run, run_since = 0, None, 0, None
    for plan in days:
        verdict = plan.verdict
        if verdict == Verdict.MISSED:
            run, run_since = 0, None
        elif verdict == Verdict.KEPT:
            run += 1
            run_since = run_since or plan.day
            if run > best:
                best, best_since = run, run_since
    return Streak(run, best, run_since, best_since)


def streaks(history: History, today: date, program: Program) -> Streak:
    """The current and best streak on ``today`` under ``program``."""
    return streak_of(walk(history, program, today, today))
