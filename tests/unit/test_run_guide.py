"""The run guide: each rule of the pain-monitoring model, one decision at a time.

Pain during a run of 0-3 is safe (runs grow), 4-5 acceptable (they hold), above 5 too much
(a step back, or no run the day after); a worse morning steps back; a week of rising morning
pain stops runs and says to see a clinician. The rules are the shipped ``[run_guide]``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.program import Intervals, RunGuideRules
from freefeet_tui.core.program_file import default_program
from freefeet_tui.core.run_guide import (
    Decision,
    Run,
    RunAdvice,
    advise,
    no_run_today,
    off_day,
    rising_week,
    split,
)

RULES = default_program().guide
D = date(2026, 11, 10)


def days_ago(n: int) -> date:
    return D - timedelta(days=n)


def mornings(*pains: int, ending: date = D) -> dict[date, int]:
    """Morning pain on consecutive days ending ``ending``."""
    return {ending - timedelta(days=len(pains) - 1 - n): p for n, p in enumerate(pains)}


def test_the_shipped_rules_follow_the_model() -> None:
    assert (RULES.safe_pain, RULES.acceptable_pain) == (3, 5)
    assert RULES.rising_days == 7 and RULES.min_minutes <= RULES.first_minutes


def test_the_first_run_is_short_and_split_into_walk_and_run() -> None:
    advice = advise(D, mornings(2, 2), None, RULES, Intervals(2, 1))
    assert (advice.minutes, advice.decision) == (RULES.first_minutes, Decision.FIRST)
    assert advice.intervals == Intervals(2, 1, RULES.first_minutes // 3)
    assert advice.reason == "your first run: short and easy"


def test_runs_grow_while_pain_stays_safe_and_the_morning_after_is_no_worse() -> None:
    last = Run(days_ago(2), 14, 2)
    advice = advise(D, mornings(2, 2, 2), last, RULES)
    assert (advice.minutes, advice.decision) == (14 + RULES.step_minutes, Decision.GROW)
    assert "stayed at 2/10" in advice.reason and advice.intervals is None


def test_acceptable_pain_holds_the_run() -> None:
    advice = advise(D, mornings(2, 2, 2), Run(days_ago(2), 20, 5), RULES)
    assert (advice.minutes, advice.decision) == (20, Decision.HOLD)
    assert advice.reason == "your last run hurt 5/10, acceptable: the same again"


def test_the_day_after_a_run_above_five_is_a_rest_from_running() -> None:
    advice = advise(D, mornings(2, 2), Run(days_ago(1), 20, 7), RULES)
    assert (advice.minutes, advice.decision) == (0, Decision.NO_RUN)
    assert advice.reason == (
        "yesterday's run hurt 7/10: today a rest from running, do the pre-run routine and walk"
    )


def test_the_run_after_that_steps_back() -> None:
    advice = advise(D, mornings(2, 2, 2), Run(days_ago(2), 20, 7), RULES)
    assert (advice.minutes, advice.decision) == (20 - RULES.step_back_minutes, Decision.STEP_BACK)
    assert "hurt 7/10, more than 5" in advice.reason


def test_a_worse_morning_after_a_run_steps_back() -> None:
    last = Run(days_ago(2), 20, 2)
    advice = advise(D, {days_ago(2): 2, days_ago(1): 4, D: 3}, last, RULES)
    assert advice.decision == Decision.STEP_BACK and advice.minutes == 15
    assert "4/10, more than the 2/10 before it" in advice.reason


def test_a_painful_morning_means_no_run_today() -> None:
    advice = advise(D, {D: 6}, Run(days_ago(2), 20, 1), RULES)
    assert (advice.minutes, advice.decision) == (0, Decision.NO_RUN)
    assert advice.reason.startswith("your feet hurt 6/10 this morning")


def test_morning_pain_up_on_last_week_holds() -> None:
    week = {days_ago(n): 1 for n in range(7, 14)} | {days_ago(n): 2 for n in range(3, 7)}
    week |= {days_ago(2): 2, days_ago(1): 2, D: 2}
    advice = advise(D, week, Run(days_ago(2), 20, 1), RULES)
    assert (advice.minutes, advice.decision) == (20, Decision.HOLD)
    assert "higher this week than last" in advice.reason


def test_a_week_of_rising_morning_pain_stops_runs_and_says_see_a_clinician() -> None:
    rising = mornings(1, 2, 2, 3, 3, 3, 4, 4)  # up through a whole week
    assert rising_week(rising, D, RULES)
    assert not rising_week(mornings(1, 2, 2, 3, 4), D, RULES)  # four days: not yet
    advice = advise(D, rising, Run(days_ago(2), 20, 2), RULES)
    assert (advice.minutes, advice.decision) == (0, Decision.STOP)
    assert "See a clinician" in advice.reason
    assert off_day(advice, D).decision == Decision.STOP  # said on days without a run too


@pytest.mark.parametrize(
    "figures",
    [
        (1, 1, 2, 2, 3, 2, 3, 3, 4),  # it fell once: the rise began again after it
        (1, 1, 1, 1, 1, 1, 1, 2, 3),  # up for two days only
        (2, 2, 2, 2, 2, 2, 2, 2, 3),  # up by one only
        (3, 2, 2, 2, 2, 2, 2, 2, 2),  # falling, then level
        (2, 4, 4, 4, 4, 4, 4, 4),  # one jump, then level: higher, but not rising
    ],
)
def test_what_is_not_a_week_of_rising_pain(figures: tuple[int, ...]) -> None:
    assert not rising_week(mornings(*figures), D, RULES)


def test_unknown_run_pain_holds_and_asks_for_it() -> None:
    advice = advise(D, mornings(2, 2), Run(days_ago(2), 20, None), RULES)
    assert advice.decision == Decision.HOLD and "log the pain of your last run" in advice.reason


def test_a_long_break_starts_again_short() -> None:
    advice = advise(D, {}, Run(days_ago(30), 35, 1), RULES)
    assert (advice.minutes, advice.decision) == (RULES.first_minutes, Decision.FIRST)
    assert advice.reason == "no run for 30 days: start again short and easy"


def test_runs_stay_within_the_shortest_and_longest() -> None:
    rules = RunGuideRules(min_minutes=8, max_minutes=30)
    assert advise(D, {}, Run(days_ago(2), 30, 1), rules).minutes == 30
    assert advise(D, {}, Run(days_ago(2), 9, 8), rules).minutes == 8


def test_intervals_fill_the_minutes_with_whole_blocks() -> None:
    assert split(10, Intervals(2, 1)) == Intervals(2, 1, 3)
    assert split(2, Intervals(2, 1)) is None and split(10, None) is None


def test_a_day_without_a_run_says_when_the_next_one_is() -> None:
    off = off_day(RunAdvice(12, "x", Decision.GROW), D + timedelta(days=2))
    assert off == RunAdvice(
        0, "today is not a run day; your next run is on Thursday 12 November", Decision.OFF
    )


@settings(max_examples=300, deadline=None)
@given(
    pains=st.lists(st.none() | st.integers(0, 10), min_size=1, max_size=16),
    last=st.none()
    | st.tuples(st.integers(1, 20), st.integers(1, 60), st.none() | st.integers(0, 10)),
)
def test_property_the_quick_no_run_check_agrees_with_the_guide(
    pains: list[int | None], last: tuple[int, int, int | None] | None
) -> None:
    mornings = {D - timedelta(days=n): p for n, p in enumerate(reversed(pains)) if p is not None}
    run = None if last is None else Run(days_ago(last[0]), last[1], last[2])
    advice = advise(D, mornings, run, RULES)
    blocked = no_run_today(D, mornings, run, RULES)
    assert (advice.minutes == 0) == (blocked is not None)
    assert (advice.decision == Decision.STOP) == (blocked == Decision.STOP)
