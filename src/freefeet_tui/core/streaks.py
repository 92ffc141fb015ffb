"""Streaks of routine days: the one habit figure that ``freefeet today`` and Today show.

Kept apart from the other figures in ``stats`` (which re-exports these names) so that the
quickest commands load only what they show: each result class costs start-up time to define.
A *routine day* is a local date with a completed or partial session; a skipped day keeps a
streak alive without adding to it; "today" counts once it has a session or a skip.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from freefeet_tui.core.progress.history import History


def last_counted_day(history: History, today: date) -> date:
    """Today once it has a session or a skip; until then, yesterday."""
    if today in history.practice_days or today in history.skip_by_day:
        return today
    return today - timedelta(days=1)


class Streak(NamedTuple):
    """Routine days in a row (skips bridge without counting); ``since`` is the first of them."""

    current: int
    best: int
    current_since: date | None = None
    best_since: date | None = None


def streaks(history: History, today: date) -> Streak:
    """The current streak (ending today or yesterday) and the best one up to ``today``."""
    practice = {d for d in history.practice_days if d <= today}
    alive = practice | {d for d in history.skip_by_day if d <= today}
    best, best_since, run, run_since = 0, None, 0, None
    previous: date | None = None
    for day in sorted(alive):
        if previous is None or day - previous > timedelta(days=1):
            run, run_since = 0, None
        if day in practice:
            run += 1
            run_since = run_since or day
            if run > best:
                best, best_since = run, run_since
        previous = day
    current, since = 0, None
    day = last_counted_day(history, today)
    while day in alive:
        if day in practice:
            current, since = current + 1, day
        day -= timedelta(days=1)
    return Streak(current, best, since, best_since)
