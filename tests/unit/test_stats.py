"""Habit figures: streaks, adherence, Loop-style habit strength, pain trend, lesson totals.

Streaks, adherence and strength count what the programme asked; most tests use a programme
that asks only the morning check-in, so a kept day is simply a day with a check-in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.program_file import parse_program
from freefeet_tui.core.progress import CheckIn, History, Session, Skip, new_session
from freefeet_tui.core.schedule import walk
from freefeet_tui.core.stats import (
    adherence,
    habit_strength,
    habit_strength_series_of,
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


CHECK_INS = parse_program(
    'schema = 2\ntitle = "t"\n[[phases]]\nname = "every day"\nweeks = 1\n', Path("p.toml")
)
WITH_REST = parse_program(
    'schema = 2\ntitle = "t"\n[[phases]]\nname = "p"\nweeks = 1\nrest_days = [4]\n',
    Path("p.toml"),
)


def history(
    kept: list[int], skips: list[int] | None = None, *, lessons: list[int] | None = None
) -> History:
    """Check-ins (what the check-in-only programme asks) on ``kept`` days, offsets from MONDAY;
    skips; completed sessions on ``lessons`` days."""
    checkins = [CheckIn(day(n), pain_left=2) for n in kept]
    sessions = [session(day(n)) for n in lessons or []]
    return History.of(sessions, checkins, [Skip(day(n), "travel") for n in skips or []])


def test_streak_counts_kept_days_in_a_row() -> None:
    streak = streaks(history([0, 1, 2, 4, 5]), day(5), CHECK_INS)
    assert (streak.current, streak.best, streak.current_since, streak.best_since) == (
        2,
        3,
        day(4),
        day(0),
    )


def test_skips_bridge_a_streak_without_adding_to_it() -> None:
    streak = streaks(history([0, 1, 4], skips=[2, 3]), day(4), CHECK_INS)
    assert (streak.current, streak.best, streak.current_since) == (3, 3, day(0))


def test_a_rest_day_never_breaks_a_streak_and_counts_when_its_check_in_is_done() -> None:
    assert streaks(history([0, 1, 2, 4]), day(4), WITH_REST).current == 4  # day 3: rest day
    assert streaks(history([0, 1, 2, 3, 4]), day(4), WITH_REST).current == 5
    assert streaks(history([0, 1, 2, 4]), day(4), CHECK_INS).current == 1


def test_a_lesson_does_not_keep_a_day_that_asked_for_a_check_in() -> None:
    assert streaks(history([0], lessons=[1]), day(2), CHECK_INS).current == 0


def test_today_does_not_break_the_streak_before_it_is_over() -> None:
    kept = history([0, 1, 2])
    assert streaks(kept, day(3), CHECK_INS).current == 3
    assert streaks(kept, day(4), CHECK_INS).current == 0
    assert streaks(kept, day(4), CHECK_INS).best == 3


def test_streak_of_an_empty_log_and_future_records_ignored() -> None:
    assert streaks(History(), day(0), CHECK_INS).current == 0
    assert streaks(history([5, 6, 7]), day(2), CHECK_INS).best == 0


def test_adherence_is_kept_days_over_the_days_that_counted() -> None:
    log = history([0, 1, 2, 3, 5], skips=[4])
    week = adherence(log, day(0), day(6), day(6), CHECK_INS)
    assert (week.kept_days, week.missed_days, week.skipped_days) == (5, 0, 1)
    assert week.ratio == 1.0  # day 6 is today and still open
    later = adherence(log, day(0), day(6), day(8), CHECK_INS)
    assert later.ratio == pytest.approx(5 / 6)


def test_adherence_leaves_out_rest_days_and_a_week_with_nothing_counted() -> None:
    week = adherence(history([0, 1, 2, 4, 5, 6]), day(0), day(6), day(7), WITH_REST)
    assert (week.kept_days, week.rest_days, week.ratio) == (6, 1, 1.0)
    assert (
        adherence(history([0], skips=list(range(1, 7))), day(1), day(6), day(7), CHECK_INS).ratio
        is None
    )


def test_weekly_adherence_counts_from_the_first_record() -> None:
    log = history([3, 4, 5, 6, 7, 9])  # begins on a Thursday
    weeks = weekly_adherence(log, day(9), CHECK_INS, weeks=3)
    assert weeks[0].ratio is None  # before the log began
    assert (weeks[1].kept_days, weeks[1].missed_days, weeks[1].ratio) == (4, 0, 1.0)
    assert (weeks[2].kept_days, weeks[2].missed_days) == (2, 1)


def test_habit_strength_follows_loops_formula() -> None:
    m = score_multiplier()
    assert m == pytest.approx(0.5 ** (1 / 13))
    for n in (1, 2, 7, 13):
        log = history(list(range(n)))
        assert habit_strength(log, day(n - 1), CHECK_INS) == pytest.approx(1 - m**n)
    assert habit_strength(history(list(range(13))), day(12), CHECK_INS) == pytest.approx(0.5)


def test_missed_days_lower_the_score_and_skipped_days_keep_it() -> None:
    m = score_multiplier()
    base = 1 - m**10
    missed = habit_strength(history(list(range(10))), day(12), CHECK_INS)
    assert missed == pytest.approx(base * m * m)
    kept = habit_strength(history(list(range(10)), skips=[10, 11]), day(12), CHECK_INS)
    assert kept == pytest.approx(base)
    assert habit_strength(History(), day(0), CHECK_INS) == 0.0


@settings(max_examples=80, deadline=None)
@given(
    kept=st.sets(st.integers(min_value=0, max_value=120), max_size=80),
    skips=st.sets(st.integers(min_value=0, max_value=120), max_size=20),
)
def test_property_scores_stay_between_zero_and_one(kept: set[int], skips: set[int]) -> None:
    log = history(sorted(kept), sorted(skips - kept))
    series = habit_strength_series_of(walk(log, WITH_REST, day(121), day(121)))
    assert all(0.0 <= score <= 1.0 for _, score in series)
    streak = streaks(log, day(121), WITH_REST)
    assert streak.current <= streak.best <= 121


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
    log = history(list(range(10)), skips=[10], lessons=list(range(10)))
    summary = summarize(log, day(11), CHECK_INS, weeks=2)
    assert summary.streak.current == 10
    assert summary.strength == pytest.approx(1 - score_multiplier() ** 10)
    assert len(summary.weeks) == 2 and summary.this_week is summary.weeks[-1]
    assert summary.this_week.start == day(7)
    assert summary.lessons[0].completed == 10
    with pytest.raises(ValueError):
        summarize(log, day(11), CHECK_INS, weeks=0)
