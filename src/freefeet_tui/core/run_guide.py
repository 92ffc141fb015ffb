"""The run guide: how long to run today, or not at all, from the pain you have logged.

It follows the pain-monitoring model physiotherapists use for tendon and plantar fascia pain:
pain during a run of 0 to ``safe_pain`` (3) is safe, up to ``acceptable_pain`` (5) acceptable,
above that too much; the next morning's pain must not be higher than the morning before; and
morning pain must not rise week on week. Runs grow by ``step_minutes`` while pain stays safe,
hold when it is acceptable, step back after too much pain or a worse morning, and stop, with
advice to see a clinician, after a week of rising morning pain. The rules are in
``program.toml``; docs/schedule.md lists them in order. A guide, never a prescription.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple

from freefeet_tui.core.program import Intervals, RunGuideRules
from freefeet_tui.core.wording import long_day


class Decision:
    """What the guide decided, for tests and for the plan ahead."""

    FIRST = "first"  # a first run, or the first after a long break
    GROW = "grow"
    HOLD = "hold"
    STEP_BACK = "step-back"
    NO_RUN = "no-run"  # pain too high today: a rest from running
    STOP = "stop"  # a week of rising morning pain: no runs until a clinician has looked
    OFF = "off"  # not a run day


class Run(NamedTuple):
    """A logged run: its date, minutes and pain during it (``None``: not logged)."""

    day: date
    minutes: int
    pain: int | None


class RunAdvice(NamedTuple):
    """Today's run in minutes (0: no run), how to split it, why, and the decision behind it."""

    minutes: int
    reason: str
    decision: str
    intervals: Intervals | None = None


def morning_near(mornings: Mapping[date, int], day: date) -> int | None:
    """This morning's pain, or yesterday's when this morning is not logged yet."""
    found = mornings.get(day)
    return found if found is not None else mornings.get(day - timedelta(days=1))


def rising_week(mornings: Mapping[date, int], day: date, rules: RunGuideRules) -> bool:
    """Morning pain rising through a week up to ``day``: over the ``rising_days`` days to the
    latest figure it was logged on more than half the mornings, from the week's first two days
    on; it never fell from one figure to the next; it rose in both halves of the week (first
    figure below the middle one, the middle one below the last); and it ended ``rising_by`` or
    more above where it began. A jump that then stays level is not a week of rising."""
    last = day if day in mornings else day - timedelta(days=1)
    top = mornings.get(last)
    first_day = last - timedelta(days=rules.rising_days)
    start = mornings.get(first_day)
    if start is None:
        start = mornings.get(first_day + timedelta(days=1))
    if top is None or start is None or top - start < rules.rising_by:
        return False  # most days: not even risen enough, so no need to look at the week
    figures = [
        (d, mornings[d])
        for d in (first_day + timedelta(days=n) for n in range(rules.rising_days + 1))
        if d in mornings
    ]
    if len(figures) <= rules.rising_days // 2 + 1 or figures[-1][0] != last:
        return False
    if figures[0][0] > first_day + timedelta(days=1):
        return False
    values = [pain for _, pain in figures]
    if any(later < earlier for earlier, later in pairwise(values)):
        return False
    middle = first_day + timedelta(days=rules.rising_days // 2)
    mid = min(figures, key=lambda figure: abs((figure[0] - middle).days))[1]
    return values[0] < mid < values[-1] and values[-1] - values[0] >= rules.rising_by


def week_mean(mornings: Mapping[date, int], last: date) -> float | None:
    """The mean morning pain of the seven days ending ``last``, with at least three figures."""
    found = [pain for n in range(7) if (pain := mornings.get(last - timedelta(days=n))) is not None]
    return sum(found) / len(found) if len(found) >= 3 else None


def rising_on_last_week(mornings: Mapping[date, int], day: date) -> bool:
    """This week's mean morning pain at least a point above the week before's."""
    this_week = week_mean(mornings, day)
    last_week = week_mean(mornings, day - timedelta(days=7))
    return this_week is not None and last_week is not None and this_week >= last_week + 1


def split(minutes: int, intervals: Intervals | None) -> Intervals | None:
    """As many whole walk/run blocks as fit in ``minutes`` (the rest is run at the end), or
    ``None`` for a continuous run."""
    if intervals is None or minutes <= 0:
        return None
    repeats = minutes // (intervals.run + intervals.walk)
    return Intervals(intervals.run, intervals.walk, repeats) if repeats else None


def no_run_today(
    day: date, mornings: Mapping[date, int], last_run: Run | None, rules: RunGuideRules
) -> str | None:
    """``Decision.STOP`` or ``Decision.NO_RUN`` when :func:`advise` says not to run on
    ``day``, else ``None``: the same rules, without working out minutes or words (the
    schedule asks this of every past run day)."""
    if rising_week(mornings, day, rules):
        return Decision.STOP
    this_morning = morning_near(mornings, day)
    if this_morning is not None and this_morning > rules.acceptable_pain:
        return Decision.NO_RUN
    yesterday = day - timedelta(days=1)
    if last_run is not None and last_run.day == yesterday:
        pain = last_run.pain
        if pain is not None and pain > rules.acceptable_pain:
            return Decision.NO_RUN
    return None


def advise(
    day: date,
    mornings: Mapping[date, int],
    last_run: Run | None,
    rules: RunGuideRules,
    intervals: Intervals | None = None,
) -> RunAdvice:
    """The run to suggest on ``day``: ``mornings`` maps dates to morning pain (worse foot),
    ``last_run`` is the latest run logged before ``day``; ``intervals`` are the phase's."""

    def run(minutes: int, decision: str, reason: str) -> RunAdvice:
        minutes = max(rules.min_minutes, min(rules.max_minutes, minutes))
        return RunAdvice(minutes, reason, decision, split(minutes, intervals))

    def no_run(decision: str, reason: str) -> RunAdvice:
        return RunAdvice(0, reason, decision)

    too_much = rules.acceptable_pain
    if rising_week(mornings, day, rules):
        return no_run(
            Decision.STOP,
            "your morning pain has gone up for a week without easing: no runs for now. "
            "See a clinician before you run again",
        )
    this_morning = morning_near(mornings, day)
    if this_morning is not None and this_morning > too_much:
        return no_run(
            Decision.NO_RUN,
            f"your feet hurt {this_morning}/10 this morning: today a rest from running, "
            "do the pre-run routine and walk",
        )
    if last_run is None:
        return run(rules.first_minutes, Decision.FIRST, "your first run: short and easy")
    gap = (day - last_run.day).days
    if gap > rules.restart_after_days:
        return run(
            rules.first_minutes,
            Decision.FIRST,
            f"no run for {gap} days: start again short and easy",
        )
    last = max(rules.min_minutes, min(rules.max_minutes, last_run.minutes))
    pain = last_run.pain
    if pain is not None and pain > too_much:
        when = "yesterday's run" if gap == 1 else "your last run"
        if gap == 1:
            return no_run(
                Decision.NO_RUN,
                f"{when} hurt {pain}/10: today a rest from running, "
                "do the pre-run routine and walk",
            )
        return run(
            last - rules.step_back_minutes,
            Decision.STEP_BACK,
            f"{when} hurt {pain}/10, more than {too_much}: a shorter run",
        )
    after = mornings.get(last_run.day + timedelta(days=1))
    before = morning_near(mornings, last_run.day)  # the run day's morning
    if after is not None and before is not None and after > before:
        return run(
            last - rules.step_back_minutes,
            Decision.STEP_BACK,
            f"the morning after your last run your feet hurt {after}/10, "
            f"more than the {before}/10 before it: a shorter run",
        )
    if rising_on_last_week(mornings, day):
        return run(
            last,
            Decision.HOLD,
            "your morning pain is higher this week than last: the same run as last time",
        )
    if pain is None:
        return run(
            last,
            Decision.HOLD,
            "log the pain of your last run (0 to 10) so the guide can lengthen your runs: "
            "the same run as last time",
        )
    if pain > rules.safe_pain:
        return run(last, Decision.HOLD, f"your last run hurt {pain}/10, acceptable: the same again")
    if last >= rules.max_minutes:
        return run(last, Decision.HOLD, "your runs are as long as this programme goes: keep it so")
    return run(
        last + rules.step_minutes,
        Decision.GROW,
        f"your last run stayed at {pain}/10 and the morning after was no worse: a little longer",
    )


def off_day(advice: RunAdvice, next_run: date | None) -> RunAdvice:
    """The advice for a day that is not a run day: no run, and why; a pain warning the run
    guide would give today is kept, so it is said on every day it applies."""
    if advice.decision in (Decision.STOP, Decision.NO_RUN):
        return RunAdvice(0, advice.reason, advice.decision)
    when = f"; your next run is on {long_day(next_run, year=False)}" if next_run else ""
    return RunAdvice(0, f"today is not a run day{when}", Decision.OFF)
