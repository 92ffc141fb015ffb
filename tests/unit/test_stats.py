"""Habit figures: streaks, adherence, Loop-style habit strength, pain trend, lesson totals."""

from __future__ import annotations

import itertools
import math
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.progress import CheckIn, History, Session, Skip, new_session
from freefeet_tui.core.stats import (
    adherence,
    habit_strength,
    habit_strength_series,
    lesson_totals,
    pain_change,
    pain_trend,
    score_multiplier,
    streaks,
    summarize,
    weekly_adherence,
)

CET = timezone(timedelta(hours=1))
MONDAY = date(2026, 11, 2)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def session(
    on: date, lesson: str = "free-your-feet", *, status: str = "completed", minutes: int = 20
) -> Session:
    start = datetime(on.year, on.month, on.day, 7, tzinfo=CET)
    opened = new_session(lesson, lesson.replace("-", " ").title(), 10, now=start)
    if status == "open":
        return opened
    return opened.finish(
        completed=status == "completed",
        seconds=minutes * 60,
        steps_done=10 if status == "completed" else 3,
        stop_index=9,
        stop_step="end",
        now=start + timedelta(minutes=minutes),
    )


def history(
    practice: list[int],
    skips: list[int] | None = None,
    *,
    partial: list[int] | None = None,
    open: list[int] | None = None,
) -> History:
    """Completed sessions on ``practice`` days (offsets from MONDAY), skips and the rest."""
    sessions = [session(day(n)) for n in practice]
    sessions += [session(day(n), status="partial") for n in partial or []]
    sessions += [session(day(n), status="open") for n in open or []]
    return History.of(sessions, (), [Skip(day(n), "travel") for n in skips or []])


def test_streak_counts_routine_days_in_a_row() -> None:
    streak = streaks(history([0, 1, 2, 4, 5]), day(5))
    assert (streak.current, streak.best, streak.current_since, streak.best_since) == (
        2,
        3,
        day(4),
        day(0),
    )


def test_skips_bridge_a_streak_without_adding_to_it() -> None:
    streak = streaks(history([0, 1, 4], skips=[2, 3]), day(4))
    assert (streak.current, streak.best, streak.current_since) == (3, 3, day(0))


def test_partial_sessions_count_and_open_ones_do_not() -> None:
    assert streaks(history([0], partial=[1]), day(1)).current == 2
    assert streaks(history([0], open=[1]), day(1)).current == 1  # today not counted yet
    assert streaks(history([0], open=[1]), day(2)).current == 0


def test_today_does_not_break_the_streak_before_it_is_over() -> None:
    practised = history([0, 1, 2])
    assert streaks(practised, day(3)).current == 3
    assert streaks(practised, day(4)).current == 0
    assert streaks(practised, day(4)).best == 3
    assert streaks(history([0, 1, 2], skips=[3]), day(3)).current == 3


def test_streak_of_an_empty_log_and_future_records_ignored() -> None:
    assert streaks(History(), day(0)).current == 0
    assert streaks(history([5, 6, 7]), day(2)).best == 0


def test_adherence_is_routine_days_over_days_not_skipped() -> None:
    log = history([0, 1, 3], skips=[2], partial=[5])
    week = adherence(log, day(0), day(6), today=day(6))
    assert (week.routine_days, week.skipped_days, week.target) == (4, 1, 5.0)
    assert week.ratio == pytest.approx(4 / 5)
    half = adherence(log, day(0), day(6), today=day(3))
    assert (half.routine_days, half.target, half.ratio) == (3, 3.0, 1.0)


def test_adherence_with_a_lower_weekly_target() -> None:
    week = adherence(history([0, 2, 4]), day(0), day(6), today=day(7), days_per_week=3)
    assert week.target == pytest.approx(3.0) and week.ratio == 1.0
    half = adherence(history([0]), day(0), day(6), today=day(7), days_per_week=2)
    assert half.ratio == pytest.approx(0.5)
    so_far = adherence(history([0, 2, 4]), day(0), day(6), today=day(6), days_per_week=3)
    assert so_far.target == pytest.approx(3 * 6 / 7)  # Sunday not over: six days counted


def test_a_fully_skipped_week_has_no_ratio() -> None:
    assert adherence(history([], skips=list(range(7))), day(0), day(6), day(6)).ratio is None


def test_weekly_adherence_counts_from_the_first_record() -> None:
    log = history([3, 4, 5, 6, 7, 9])  # starts on a Thursday
    weeks = weekly_adherence(log, today=day(9), weeks=3)
    assert [w.start for w in weeks] == [day(-7), day(3), day(7)]
    assert weeks[0].ratio is None
    assert weeks[1].ratio == 1.0 and weeks[1].target == 4.0
    assert (weeks[2].routine_days, weeks[2].target) == (2, 3.0)


def test_habit_strength_follows_loops_formula() -> None:
    m = score_multiplier(7)
    assert m == pytest.approx(0.5 ** (1 / 13))
    assert score_multiplier(3) == pytest.approx(0.5 ** (math.sqrt(3 / 7) / 13))
    for n in (1, 5, 13, 40):
        log = history(list(range(n)))
        assert habit_strength(log, day(n - 1)) == pytest.approx(1 - m**n)
    assert habit_strength(history(list(range(13))), day(12)) == pytest.approx(0.5)


def test_a_missed_day_decays_the_score_and_a_skip_keeps_it() -> None:
    m = score_multiplier(7)
    full = 1 - m**10
    missed = habit_strength(history(list(range(10))), day(11))
    assert missed == pytest.approx(full * m)
    kept = habit_strength(history(list(range(10)), skips=[10, 11]), day(11))
    assert kept == pytest.approx(full)
    assert habit_strength(History(), day(0)) == 0.0


def test_habit_strength_for_three_days_a_week_uses_a_rolling_window() -> None:
    log = history([d for d in range(70) if d % 7 in (0, 2, 4)])
    series = habit_strength_series(log, day(69), days_per_week=3)
    assert series[0][0] == day(0) and series[-1][0] == day(68)  # day 69 is not over yet
    scores = [score for _, score in series]
    # Once the 14-day window is full, keeping to the target rises every day, even on rest days.
    assert all(later > earlier for earlier, later in itertools.pairwise(scores[13:]))
    m = score_multiplier(3)
    assert scores[20] == pytest.approx(scores[19] * m + (1 - m))
    assert habit_strength(log, day(69), days_per_week=7) < scores[-1] - 0.2


@settings(max_examples=80, deadline=None)
@given(
    practice=st.sets(st.integers(min_value=0, max_value=120), max_size=80),
    skips=st.sets(st.integers(min_value=0, max_value=120), max_size=20),
    per_week=st.integers(min_value=1, max_value=7),
)
def test_property_scores_stay_between_zero_and_one(
    practice: set[int], skips: set[int], per_week: int
) -> None:
    log = history(sorted(practice), sorted(skips - practice))
    series = habit_strength_series(log, day(121), per_week)
    assert all(0.0 <= score <= 1.0 for _, score in series)
    streak = streaks(log, day(121))
    assert streak.current <= streak.best <= len(practice)


def test_pain_trend_is_the_worse_foot_averaged_over_seven_days() -> None:
    checkins = [
        CheckIn(day(0), pain_left=6, pain_right=2),
        CheckIn(day(1), pain_right=4),
        CheckIn(day(3), run_minutes=30),
        CheckIn(day(7), pain_left=2),
    ]
    points = pain_trend(History.of((), checkins), day(0), day(8))
    assert [p.pain for p in points] == [6, 4, None, None, None, None, None, 2, None]
    assert points[1].average == pytest.approx(5.0)
    assert points[6].average == pytest.approx(5.0)
    assert points[7].average == pytest.approx(3.0)  # days 1..7: 4 and 2
    assert points[8].average == pytest.approx(2.0)


def test_pain_change_compares_the_first_week_with_the_last() -> None:
    checkins = [CheckIn(day(n), pain_left=p) for n, p in enumerate([7, 6, 6, 5, 5, 5, 4])]
    checkins += [CheckIn(day(20 + n), pain_left=p) for n, p in enumerate([3, 2, 2, 1])]
    change = pain_change(History.of((), checkins))
    assert change is not None
    assert change.first_week == pytest.approx(38 / 7)
    assert change.last_week == pytest.approx(2.0)
    assert change.last_week_start == day(17)
    assert change.change == pytest.approx(2.0 - 38 / 7)
    assert pain_change(History.of((), checkins[:7])) is None
    assert pain_change(History()) is None


def test_lesson_totals_count_finished_sessions_and_minutes() -> None:
    sessions = [
        session(day(0), minutes=20),
        session(day(1), minutes=10, status="partial"),
        session(day(2), "pre-run-hip-extension", minutes=6),
        session(day(3), "pre-run-hip-extension", minutes=6),
        session(day(4), "pre-run-hip-extension", minutes=6),
        session(day(5), status="open"),
    ]
    totals = lesson_totals(History.of(sessions))
    assert [(t.lesson_id, t.completed, t.partial, t.minutes) for t in totals] == [
        ("pre-run-hip-extension", 3, 0, 18.0),
        ("free-your-feet", 1, 1, 30.0),
    ]
    assert totals[1].sessions == 2


def test_summary_puts_the_figures_together() -> None:
    log = history(list(range(10)), skips=[10])
    summary = summarize(log, day(11), weeks=2)
    assert summary.streak.current == 10
    assert summary.strength == pytest.approx(1 - score_multiplier(7) ** 10)
    assert len(summary.weeks) == 2 and summary.this_week is summary.weeks[-1]
    assert summary.this_week.start == day(7)
    assert summary.lessons[0].completed == 10
    with pytest.raises(ValueError):
        summarize(log, day(11), weeks=0)
