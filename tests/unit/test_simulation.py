"""Eight simulated weeks of the shipped programme, day by day, as three runners live them.

Each day the runner asks what is due (``day_report``, as ``freefeet today`` does, with that
day as today) and does some of it: one does everything, one misses days, one whose pain rises.
The tests check the plan, the run guide's decisions, the streak and the ics plan; property
tests check that "nothing is due" and a broken streak are never shown together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.day_report import DayReport, day_report
from freefeet_tui.core.export.icalendar_format import PlanLesson, to_ics
from freefeet_tui.core.program_file import default_program
from freefeet_tui.core.progress import CheckIn, History, Session, Skip, new_session
from freefeet_tui.core.run_guide import Decision
from freefeet_tui.core.schedule import ItemKind, State, Verdict, agenda, walk
from freefeet_tui.core.streaks import streak_of

PROGRAM = default_program()
START = date(2026, 9, 7)
DAYS = 8 * 7
ZONE = timezone(timedelta(hours=2))
FYF, MYC, PRE = "free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension"


def done_session(lesson: str, day: date, hour: int = 7) -> Session:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)
    opened = new_session(lesson, lesson, 5, now=start)
    return opened.finish(
        completed=True,
        seconds=600,
        steps_done=5,
        stop_index=None,
        stop_step=None,
        now=start + timedelta(minutes=10),
    )


@dataclass
class Runner:
    """A runner's log, and what each day's report said to them."""

    sessions: list[Session] = field(default_factory=list)
    checkins: dict[date, CheckIn] = field(default_factory=dict)
    skips: list[Skip] = field(default_factory=list)
    reports: dict[date, DayReport] = field(default_factory=dict)

    def history(self) -> History:
        return History.of(self.sessions, self.checkins.values(), self.skips)

    def log(self, checkin: CheckIn) -> None:
        old = self.checkins.get(checkin.day)
        self.checkins[checkin.day] = old.merged_with(checkin) if old else checkin

    def live(self, day: date, morning: int, run_pain: int, *, everything: bool = True) -> None:
        """Read the day's report, then (with ``everything``) do all it asks."""
        if everything:
            self.log(CheckIn(day, morning, morning))  # the morning check-in comes first
        report = day_report(day, self.history(), PROGRAM)
        self.reports[day] = report
        if not everything:
            return
        for hour, item in enumerate(report.plan.items, 8):
            if item.kind == ItemKind.LESSON and item.state != State.DONE:
                self.sessions.append(done_session(item.id, day, hour))
            elif item.kind == ItemKind.RUN:
                self.log(CheckIn(day, run_minutes=report.plan.run.minutes, run_pain=run_pain))


def simulate(
    runner: Runner,
    morning: Callable[[int], int] = lambda n: 2,
    run_pain: Callable[[int], int] = lambda n: 2,
    skip_day: Callable[[int], bool] = lambda n: False,
) -> Runner:
    for n in range(DAYS):
        runner.live(START + timedelta(days=n), morning(n), run_pain(n), everything=not skip_day(n))
    return runner


def test_a_runner_who_does_everything_keeps_a_streak_of_every_day() -> None:
    runner = simulate(Runner())
    last = START + timedelta(days=DAYS - 1)
    days = walk(runner.history(), PROGRAM, last, last)
    assert [d.verdict for d in days] == [Verdict.KEPT] * DAYS
    final = day_report(last, runner.history(), PROGRAM)
    assert final.streak.current == DAYS and final.plan.nothing_due
    # the plan: every day asked something; Free Your Feet twice a week, then weekly
    asked = [r.plan for r in runner.reports.values()]
    assert all(plan.items for plan in asked)
    feet = [plan.day for plan in asked if FYF in {i.id for i in plan.items}]
    assert len(feet) == 2 * 2 + 6
    cores = {plan.day for plan in asked if MYC in {i.id for i in plan.items}}
    assert cores == {day + timedelta(days=1) for day in feet}
    # the run guide: runs grow while pain stays at 2/10, never shrink, up to the longest
    runs = [plan.run.minutes for plan in asked if plan.run.minutes]
    assert runs[0] == PROGRAM.guide.first_minutes and runs == sorted(runs)
    assert runs[-1] == PROGRAM.guide.max_minutes and len(runs) == 6 + 6 * 3
    calm = (Decision.FIRST, Decision.GROW, Decision.HOLD, Decision.OFF)
    assert all(plan.run.decision in calm for plan in asked)
    walked = [plan.run.intervals is not None for plan in asked if plan.run.minutes]
    assert walked[:6] == [True] * 6 and walked[-6:] == [False] * 6  # walk breaks early on


def test_a_runner_who_misses_days_loses_the_streak_only_on_missed_days() -> None:
    missed = {10, 11, 30}
    runner = simulate(Runner(), skip_day=lambda n: n in missed)
    last = START + timedelta(days=DAYS - 1)
    days = walk(runner.history(), PROGRAM, last, last)
    verdicts = {d.day: d.verdict for d in days}
    for n in range(DAYS):
        day = START + timedelta(days=n)
        if n in missed:
            assert verdicts[day] in (Verdict.MISSED, Verdict.REST), day
    streak = streak_of(days)
    since_miss = sum(1 for d in days if d.day > START + timedelta(days=30))
    assert streak.current == since_miss  # everything done since the last missed day
    assert streak.best == since_miss == DAYS - 31
    before = [d for d in days if d.day < START + timedelta(days=30)]
    assert streak_of(before).current == 30 - 12  # days 12 to 29 kept, after two missed days
    # Free Your Feet, missed on day 10, is asked again, overdue, until it is done on day 12
    back = runner.reports[START + timedelta(days=12)].plan
    feet = next(item for item in back.items if item.id == FYF)
    assert (feet.state, feet.overdue_days) == (State.OVERDUE, 2)
    assert MYC not in {item.id for item in back.items}  # it follows a Free Your Feet done


def test_a_runner_whose_pain_rises_is_held_back_then_stopped() -> None:
    # morning pain 2 for three weeks, then up one point every other day; runs hurt more too
    def morning(n: int) -> int:
        return 2 if n < 21 else min(10, 2 + (n - 20) // 2)

    def run_pain(n: int) -> int:
        return 2 if n < 21 else 7

    runner = simulate(Runner(), morning=morning, run_pain=run_pain)
    plans = {day: r.plan for day, r in runner.reports.items()}
    painful_runs = [
        day for day, plan in plans.items() if plan.run.minutes and day >= START + timedelta(21)
    ]
    assert painful_runs, "runs went on into the painful weeks"
    first = painful_runs[0]
    before = max(p.run.minutes for d, p in plans.items() if d < first and p.run.minutes)
    # the day after a run that hurt 7/10: no run, or a shorter one
    next_day = plans[first + timedelta(days=1)]
    assert next_day.run.minutes == 0 or next_day.run.minutes < plans[first].run.minutes
    assert "hurt 7/10" in next_day.run.reason or next_day.run.decision != Decision.GROW
    later_runs = [p.run.minutes for d, p in plans.items() if d > first and p.run.minutes]
    assert all(minutes < before for minutes in later_runs)  # stepped back, never grown again
    stopped = [d for d, p in plans.items() if p.run.decision == Decision.STOP]
    assert stopped, "a week of rising morning pain stops the runs"
    assert "See a clinician" in plans[stopped[0]].run.reason
    assert all(plans[d].run.minutes == 0 for d in stopped)


def test_the_ics_plan_after_eight_weeks_carries_on_with_alarms() -> None:
    runner = simulate(Runner())
    today = START + timedelta(days=DAYS)
    plan = agenda(today, runner.history(), PROGRAM, 14, today)
    lessons = {FYF: PlanLesson("Free Your Feet", 900)}
    now = datetime(2026, 11, 2, tzinfo=ZONE)
    data = to_ics(plan, lessons, now, PROGRAM, time(7, 30))
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries.count("Morning check-in") == 14 and summaries.count("Rest day") == 2
    assert summaries.count("Free Your Feet") == 2
    runs = [s for s in summaries if s.startswith("Run ")]
    assert runs == [f"Run {PROGRAM.guide.max_minutes} min"] * 6
    assert all(len(e.walk("VALARM")) == 1 for e in events)


# ---- properties: "nothing is due" and a broken streak never show together -------------------

day_offsets = st.integers(min_value=0, max_value=34)


@st.composite
def logs(draw: st.DrawFn) -> History:
    """A random log over five weeks: sessions of the programme's lessons, check-ins with and
    without pain and runs, and skips, on random days."""
    lessons = draw(st.lists(st.tuples(day_offsets, st.sampled_from([FYF, MYC, PRE])), max_size=40))
    sessions = [
        done_session(lesson, START + timedelta(days=n), 6 + index % 12)
        for index, (n, lesson) in enumerate(lessons)
    ]
    checkins: dict[date, CheckIn] = {}
    for n in draw(st.lists(day_offsets, max_size=35, unique=True)):
        pain = draw(st.none() | st.integers(0, 10))
        ran = draw(st.none() | st.integers(1, 60))
        if pain is None and ran is None:
            continue
        day = START + timedelta(days=n)
        checkins[day] = CheckIn(day, pain, pain, ran, draw(st.none() | st.integers(0, 10)))
    skips = [
        Skip(START + timedelta(days=n), "travel")
        for n in draw(st.lists(day_offsets, max_size=6, unique=True))
    ]
    return History.of(sessions, checkins.values(), skips)


@settings(max_examples=120, deadline=None)
@given(log=logs(), offset=day_offsets)
def test_property_nothing_due_always_comes_with_a_streak(log: History, offset: int) -> None:
    today = START + timedelta(days=offset)
    report = day_report(today, log, PROGRAM)
    if report.plan.nothing_due:
        assert report.streak.current >= 1


@settings(max_examples=120, deadline=None)
@given(log=logs(), offset=day_offsets)
def test_property_only_a_day_that_asked_and_was_not_done_breaks_a_streak(
    log: History, offset: int
) -> None:
    today = START + timedelta(days=offset)
    days = walk(log, PROGRAM, today, today, detail_from=START - timedelta(days=1))
    quick = walk(log, PROGRAM, today, today)  # the days before today: verdicts only
    assert [(d.day, d.verdict) for d in quick] == [(d.day, d.verdict) for d in days]
    running = 0
    for plan in days:
        before = running
        if plan.verdict == Verdict.KEPT:
            running += 1
            assert plan.nothing_due  # kept means nothing left undone
        elif plan.verdict == Verdict.MISSED:
            running = 0
            assert not plan.nothing_due and not plan.rest_day  # it asked, and it was not done
            assert plan.day < today  # today never counts as missed while it is still on
        else:
            assert running == before  # rest, skipped and open days neither add nor break
    assert streak_of(days).current == running
