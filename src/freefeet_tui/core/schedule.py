"""What the programme asks of each day, and whether the runner did it.

The programme (``program.py``) begins on the runner's first record. Walking forward day by day
from there, each day asks for: the morning check-in; the lessons its phase puts on that
weekday; a lesson that follows a completed one (Mobilizing Your Core to Run the day after Free
Your Feet); and on run days the pre-run routine and the run the run guide suggests. A rest day
asks only for the check-in. A lesson not done stays asked, overdue, until it is done or comes
round again. Each past day gets a verdict (kept, missed, rest, skipped) that the streak and the
habit figures count, so a day that asked nothing can never break a streak.

Everything works on the local calendar date recorded with each record, never on UTC instants.
Asking about a date treats it as today: records after it are ignored. Days after today are a
plan: each thing asked is assumed done on its day, and runs are assumed to go as suggested with
pain staying low. docs/schedule.md describes the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from freefeet_tui.core.program import Program, ProgramDay
from freefeet_tui.core.progress.history import History
from freefeet_tui.core.progress.records import SessionStatus
from freefeet_tui.core.run_guide import Decision, Run, RunAdvice, advise, no_run_today, off_day
from freefeet_tui.core.wording import plural

CHECKIN_ID = "check-in"
RUN_ID = "run"


class ItemKind:
    LESSON = "lesson"
    CHECKIN = "check-in"
    RUN = "run"


class State:
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


class Verdict:
    """How a day went, for the streak and the habit figures."""

    KEPT = "kept"  # everything asked was done
    MISSED = "missed"  # something asked was not done, and the day is over
    REST = "rest"  # a rest day whose check-in was not logged: neither kept nor missed
    SKIPPED = "skipped"  # a day off the runner declared (freefeet skip)
    OPEN = "open"  # today, not all done yet: it counts once it is
    AHEAD = "ahead"  # a day still to come


class DueItem(NamedTuple):
    """One thing asked on a day: a lesson (``id`` is its id), the check-in or the run."""

    kind: str
    id: str
    reason: str
    state: str = State.DUE
    overdue_days: int = 0

    @property
    def done(self) -> bool:
        return self.state == State.DONE

    @property
    def overdue_text(self) -> str:
        """``""``, ``"overdue by 1 day"`` or ``"overdue by N days"``."""
        if not self.overdue_days:
            return ""
        return f"overdue by {plural(self.overdue_days, 'day')}"


class PlanDay(NamedTuple):
    """One day: what it asks, the run guide's advice, and (up to today) how it went. A day
    before those a walk was asked to detail has its verdict only: no items, no advice."""

    day: date
    items: tuple[DueItem, ...]
    run: RunAdvice
    rest_day: bool
    where: ProgramDay | None
    verdict: str
    run_day: bool = False

    @property
    def nothing_due(self) -> bool:
        return all(item.done for item in self.items)


NOT_STARTED = RunAdvice(0, "your programme has not started yet", Decision.OFF)
NOT_A_RUN_DAY = RunAdvice(0, "today is not a run day", Decision.OFF)
NOT_WORKED_OUT = RunAdvice(0, "", Decision.OFF)  # a day before those asked about


class _Log:
    """The log up to ``today``, indexed by date for the walk."""

    def __init__(self, history: History, today: date) -> None:
        # History keeps sessions in session order (local date, then start): no sort needed.
        self.completions: dict[date, list[str]] = {}  # lessons completed, in order
        completed = SessionStatus.COMPLETED
        for session in history.sessions:
            if session.status is completed and session.day <= today:
                self.completions.setdefault(session.day, []).append(session.lesson_id)
        self.mornings: dict[date, int] = {}
        self.checked_in: set[date] = set()
        self.runs: dict[date, Run] = {}
        self.planned: set[date] = set()
        for checkin in history.checkins:
            if checkin.day > today:
                break
            pain = checkin.morning_pain
            if pain is not None:
                self.mornings[checkin.day] = pain
                self.checked_in.add(checkin.day)
            if checkin.ran:
                self.runs[checkin.day] = Run(
                    checkin.day, checkin.run_minutes or 0, checkin.run_pain
                )
            if checkin.planned_run:
                self.planned.add(checkin.day)
        self.skips = {skip.day for skip in history.skips if skip.day <= today}


def programme_start(history: History, today: date) -> date:
    """The day the programme began: the runner's first record up to ``today``, else today."""
    first = [
        records[0].day
        for records in (history.sessions, history.checkins, history.skips)
        if records and records[0].day <= today
    ]
    return min(first, default=today)


def walk(
    history: History,
    program: Program,
    today: date,
    until: date,
    detail_from: date | None = None,
) -> list[PlanDay]:
    """Every day from the programme's start to ``until``, with ``today`` as today.

    Days from ``detail_from`` (default ``today``) on also get the run guide's word on days
    that are not run days; earlier days need only what they asked, for their verdict.
    """
    walker = _Walk(history, program, today, today if detail_from is None else detail_from)
    days: list[PlanDay] = []
    day = walker.start
    light = min(walker.detail_from, today)
    while day < light and day <= until:
        days.append(walker.past_day(day))
        day += timedelta(days=1)
    while day <= until:
        days.append(walker.step(day))
        day += timedelta(days=1)
    return days


class _Walk:
    """The state carried from one day to the next: what waits to be done, the last run, the
    mornings (with the plan's assumptions added for the days ahead)."""

    def __init__(self, history: History, program: Program, today: date, detail_from: date):
        self.log = _Log(history, today)
        self.program = program
        self.today = today
        self.detail_from = detail_from
        self.start = programme_start(history, today)
        self.follow_from: list[date | None] = [None] * len(program.follow)  # awaiting follow
        self.scheduled: dict[str, tuple[date, str]] = {}  # lesson -> (due since, reason)
        self.mornings = dict(self.log.mornings)
        self.latest_morning: int | None = None
        self.last_run: Run | None = None
        self.phase_of_week = [phase for phase in program.phases for _ in range(phase.weeks)]

    def past_day(self, day: date) -> PlanDay:
        """A day before the ones asked about: only its verdict is worked out (with what it
        leaves for the next day), which is all the streak and the figures need. The same rules
        as :meth:`step`, without building the day's items or its place in the programme
        (``where`` is ``None``): ten years of days stay quick."""
        program, log = self.program, self.log
        week, weekday = divmod((day - self.start).days, 7)
        weekday += 1
        weeks = self.phase_of_week
        phase = weeks[min(week, len(weeks) - 1)] if weeks else None
        rest = phase is not None and weekday in phase.rest_days
        run_day = phase is not None and weekday in phase.run_days
        done_today = log.completions.get(day, ())
        if phase is not None:
            for item in phase.lessons_on(weekday):
                self.scheduled[item.lesson] = (day, item.reason)
        kept = day in log.checked_in
        if kept and not rest:
            asked = set(self.scheduled)
            for rule, after in zip(program.follow, self.follow_from, strict=True):
                if after is not None and after + timedelta(days=rule.days) <= day:
                    asked.add(rule.lesson)
            # the run guide decides whether a run and the pre-run routine were asked
            blocked = (
                no_run_today(day, self.mornings, self.last_run, program.guide) if run_day else None
            )
            pre_run = program.pre_run
            if pre_run is not None and (
                (run_day and blocked != Decision.STOP) or day in log.planned
            ):
                asked.add(pre_run.lesson)
            ran = not run_day or blocked is not None or day in log.runs
            kept = ran and asked.issubset(done_today)
        if kept:
            verdict = Verdict.KEPT
        elif rest:
            verdict = Verdict.REST
        else:
            verdict = Verdict.SKIPPED if day in log.skips else Verdict.MISSED
        self.carry_done(day, done_today)
        ran_then = log.runs.get(day)
        if ran_then is not None:
            self.last_run = ran_then
        latest = self.mornings.get(day)
        if latest is not None:
            self.latest_morning = latest
        return PlanDay(day, (), NOT_WORKED_OUT, rest, None, verdict, run_day and not rest)

    def step(self, day: date) -> PlanDay:
        """Work out ``day``, then carry what it leaves to the next day."""
        program, log = self.program, self.log
        where = program.day(self.start, day)
        phase = where.phase if where is not None else None
        rest = phase is not None and where is not None and where.weekday in phase.rest_days
        run_day = phase is not None and where is not None and where.weekday in phase.run_days
        ahead = day > self.today
        if ahead and self.latest_morning is not None:
            self.mornings[day] = self.latest_morning  # a plan assumes mornings stay as they are
        self.latest_morning = self.mornings.get(day, self.latest_morning)
        done_today = log.completions.get(day, []) if not ahead else []
        if phase is not None and where is not None:
            for item in phase.lessons_on(where.weekday):
                self.scheduled[item.lesson] = (day, item.reason)
        advice: RunAdvice | None = None
        if run_day or day >= self.detail_from:
            intervals = phase.intervals if phase is not None else None
            advice = advise(day, self.mornings, self.last_run, program.guide, intervals)
            if not run_day or rest:
                advice = off_day(advice, _next_run_day(program, self.start, day))
        checked = State.DONE if day in log.checked_in else State.DUE
        items = [DueItem(ItemKind.CHECKIN, CHECKIN_ID, program.checkin_reason, checked)]
        if not rest:
            items += self.lessons(day, done_today, run_day, advice)
            if run_day and advice is not None and advice.minutes > 0:
                ran = State.DONE if day in log.runs else State.DUE
                items.append(DueItem(ItemKind.RUN, RUN_ID, advice.reason, ran))
        plan = PlanDay(
            day,
            tuple(items),
            advice if advice is not None else NOT_A_RUN_DAY,
            rest,
            where,
            self.verdict(day, items, rest),
            run_day and not rest,
        )
        self.carry(plan, done_today)
        return plan

    def lessons(
        self, day: date, done_today: list[str], run_day: bool, advice: RunAdvice | None
    ) -> list[DueItem]:
        """The lessons asked on a day that is not a rest day: those waiting since the longest
        first, then the pre-run routine; each lesson once."""
        pending = sorted(
            [(since, lesson, reason) for lesson, (since, reason) in self.scheduled.items()]
            + [
                (after + timedelta(days=rule.days), rule.lesson, rule.reason)
                for rule, after in zip(self.program.follow, self.follow_from, strict=True)
                if after is not None and after + timedelta(days=rule.days) <= day
            ]
        )
        pre_run = self.program.pre_run
        wants_pre_run = run_day and advice is not None and advice.decision != Decision.STOP
        if pre_run is not None and (wants_pre_run or day in self.log.planned):
            pending.append((day, pre_run.lesson, pre_run.reason))
        items: list[DueItem] = []
        listed: set[str] = set()
        for since, lesson, reason in pending:
            if lesson in listed:
                continue
            listed.add(lesson)
            late = (day - since).days
            state = State.DONE if lesson in done_today else State.OVERDUE if late else State.DUE
            items.append(DueItem(ItemKind.LESSON, lesson, reason, state, late))
        return items

    def verdict(self, day: date, items: list[DueItem], rest: bool) -> str:
        if day > self.today:
            return Verdict.AHEAD
        if all(item.state == State.DONE for item in items):
            return Verdict.KEPT
        if rest:
            return Verdict.REST
        if day in self.log.skips:
            return Verdict.SKIPPED
        return Verdict.OPEN if day == self.today else Verdict.MISSED

    def carry(self, plan: PlanDay, done_today: list[str]) -> None:
        """What the day leaves for the next: the lessons done (from today on, every lesson
        asked is assumed done), and the run (from today on, the suggested one, pain low)."""
        day = plan.day
        if day >= self.today:
            done_today = done_today + [
                item.id for item in plan.items if item.kind == ItemKind.LESSON and not item.done
            ]
        self.carry_done(day, done_today)
        ran = self.log.runs.get(day) if day <= self.today else None
        if ran is not None:
            self.last_run = ran
        elif day >= self.today and plan.run_day and plan.run.minutes > 0:
            last = self.last_run
            assumed_pain = min(last.pain or 0, self.program.guide.safe_pain) if last else 0
            self.last_run = Run(day, plan.run.minutes, assumed_pain)

    def carry_done(self, day: date, done_today: Sequence[str]) -> None:
        """The lessons done on ``day``, in order: they leave the waiting list, and a lesson
        another follows starts its wait."""
        for lesson in done_today:
            self.scheduled.pop(lesson, None)
            for index, rule in enumerate(self.program.follow):
                if lesson == rule.after:
                    self.follow_from[index] = day
                elif lesson == rule.lesson:
                    self.follow_from[index] = None


def _next_run_day(program: Program, start: date, day: date) -> date | None:
    """The first run day after ``day`` in the programme's weeks (within two weeks)."""
    for offset in range(1, 15):
        later = day + timedelta(days=offset)
        where = program.day(start, later)
        if where is not None and where.weekday in where.phase.run_days:
            return later
    return None


def plan_day(day: date, history: History, program: Program) -> PlanDay:
    """``day`` as if it were today: what it asks, the run advice and the verdict so far."""
    days = walk(history, program, day, day)
    if days:
        return days[-1]
    return PlanDay(day, (), NOT_STARTED, False, None, Verdict.OPEN)


def due_on(day: date, history: History, program: Program) -> list[DueItem]:
    """What is asked on ``day`` (treated as today): the check-in first, then lessons, overdue
    ones first, then the pre-run routine and the run."""
    return list(plan_day(day, history, program).items)


def agenda(
    start: date,
    history: History,
    program: Program,
    days: int = 14,
    today: date | None = None,
) -> list[PlanDay]:
    """``days`` days from ``start``: up to ``today`` (default ``start``) what the log says,
    after it the plan (each thing asked assumed done on its day)."""
    today = start if today is None else today
    end = start + timedelta(days=days - 1)
    walked = walk(history, program, today, end, detail_from=start)
    by_day = {plan.day: plan for plan in walked}
    return [
        by_day.get(d, PlanDay(d, (), NOT_STARTED, False, None, Verdict.AHEAD))
        for d in (start + timedelta(days=n) for n in range(days))
    ]
