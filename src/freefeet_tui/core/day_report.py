"""One day as the runner sees it: what is due, the run, the streak; as text lines and as JSON.

``freefeet today``, ``freefeet today --json``, ``freefeet plan``, the ics plan and the Today and
Plan screens all make their words here, so the command line and the app say exactly the same
thing about what is due. Pure: titles come in as a mapping of lesson id to title.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from freefeet_tui.core.lesson import SAFETY_LINE
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress.history import History
from freefeet_tui.core.run_guide import Decision, RunAdvice
from freefeet_tui.core.schedule import DueItem, ItemKind, PlanDay, State, walk
from freefeet_tui.core.streaks import Streak, streak_of
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import plural, short_day

if TYPE_CHECKING:
    from freefeet_tui.core.library import Library

NOTHING_DUE = "Nothing is due: everything asked of today is done."
PLAN_NOTE = (
    "Runs ahead assume your pain stays low: each morning, freefeet today gives that day's run "
    "from your latest figures."
)
REST_DAY = "A rest day: only the morning check-in is asked."


class DayReport(NamedTuple):
    """``plan`` is the day (``schedule.PlanDay``); ``streak`` counts up to it."""

    plan: PlanDay
    streak: Streak

    @property
    def day(self) -> date:
        return self.plan.day


def day_report(day: date, history: History, program: Program) -> DayReport:
    """``day`` as if it were today, with the streak up to it: one walk through the log."""
    days = walk(history, program, day, day)
    return DayReport(days[-1], streak_of(days))


def day_titles(history: History, library: Library) -> dict[str, str]:
    """Lesson id -> title, from the library, else as recorded with the sessions."""
    titles = {s.lesson_id: s.lesson_title for s in history.sessions}
    titles.update({lesson.id: lesson.title for lesson in library})
    return titles


def planned_report(day: date, history: History, program: Program, today: date) -> DayReport:
    """A day after ``today``, as the plan sees it (what is asked until then assumed done);
    the streak is the one standing today."""
    days = walk(history, program, today, day, detail_from=day)
    return DayReport(days[-1], streak_of(days))


def item_title(item: DueItem, program: Program, titles: Mapping[str, str], run: RunAdvice) -> str:
    if item.kind == ItemKind.CHECKIN:
        return program.checkin_title
    if item.kind == ItemKind.RUN:
        return f"Run {run.minutes} min"
    return visible(titles.get(item.id, item.id))


def state_text(item: DueItem) -> str:
    """``done``, ``overdue by 2 days`` or nothing for an item simply due."""
    return "done" if item.state == State.DONE else item.overdue_text


def item_line(item: DueItem, program: Program, titles: Mapping[str, str], run: RunAdvice) -> str:
    """``Free Your Feet: why it is asked (overdue by 1 day)``: the words both Today and
    ``freefeet today`` show for one item."""
    state = state_text(item)
    suffix = f" ({state})" if state else ""
    return f"{item_title(item, program, titles, run)}: {item.reason}{suffix}"


def due_lines(report: DayReport, program: Program, titles: Mapping[str, str]) -> list[str]:
    """Every item of the day, in order, one line each (``item_line``)."""
    plan = report.plan
    return [item_line(item, program, titles, plan.run) for item in plan.items]


def intervals_text(run: RunAdvice) -> str:
    """``run 2 min then walk 1 min, 3 times, then run 1 min`` (adding up to the run's
    minutes), or nothing for a continuous run."""
    split = run.intervals
    if split is None:
        return ""
    times = "once" if split.repeats == 1 else f"{split.repeats} times"
    rest = run.minutes - split.repeats * (split.run + split.walk)
    last = f", then run {rest} min" if rest > 0 else ""
    return f"run {split.run} min then walk {split.walk} min, {times}{last}"


def run_lines(run: RunAdvice) -> list[str]:
    """The run guide's word for the day, then the safety line that always stands beside it."""
    if run.minutes > 0:
        how = intervals_text(run)
        first = f"Run today: {run.minutes} min" + (f", as {how}" if how else "") + "."
        lines = [first, f"Why: {run.reason}."]
    else:
        lines = [f"No run today: {run.reason}."]
    return [*lines, SAFETY_LINE]


def where_text(plan: PlanDay, program: Program) -> str:
    """``Week 2 of 8, day 3 · Free the feet``; after the last week, that the last phase goes on."""
    where = plan.where
    if where is None:
        return "Your programme begins with your first check-in or lesson."
    if where.week <= program.weeks:
        return f"Week {where.week} of {program.weeks}, day {where.weekday} · {where.phase.name}"
    return f"Week {where.week}, day {where.weekday} · {where.phase.name}, carrying on"


def streak_text(streak: Streak) -> str:
    return f"Streak: {plural(streak.current, 'day')} (best {streak.best})"


def report_json(report: DayReport, program: Program, titles: Mapping[str, str]) -> dict[str, Any]:
    """The documented ``freefeet today --json`` shape (docs/schedule.md): stable keys only."""
    plan = report.plan
    run = plan.run
    split = run.intervals
    return {
        "date": plan.day.isoformat(),
        "due": [
            {
                "kind": item.kind,
                "id": item.id,
                "title": item_title(item, program, titles, run),
                "state": item.state,
                "reason": item.reason,
            }
            for item in plan.items
        ],
        "run": {
            "minutes": run.minutes,
            "intervals": None
            if split is None
            else {"run": split.run, "walk": split.walk, "repeats": split.repeats},
            "reason": run.reason,
        },
        "streak": {"current": report.streak.current, "best": report.streak.best},
        "rest_day": plan.rest_day,
    }


def plan_line(plan: PlanDay, titles: Mapping[str, str]) -> str:
    """One dated line of the plan: ``Wed 02 Dec  Mobilizing Your Core to Run, Pre-run Hip
    Extension, run 12 min, check-in``; a ✓ marks what is already done."""
    parts: list[str] = []
    if plan.rest_day:
        parts.append("rest day")
    for item in plan.items:
        tick = " ✓" if item.done else ""
        if item.kind == ItemKind.LESSON:
            parts.append(visible(titles.get(item.id, item.id)) + tick)
        elif item.kind == ItemKind.RUN:
            split = plan.run.intervals
            how = f" (run {split.run}, walk {split.walk})" if split is not None else ""
            parts.append(f"run {plan.run.minutes} min{how}{tick}")
    if plan.run_day and plan.run.minutes == 0 and plan.run.decision != Decision.OFF:
        parts.append("no run (pain)")
    checkin = next((item for item in plan.items if item.kind == ItemKind.CHECKIN), None)
    if checkin is not None:
        parts.append("check-in" + (" ✓" if checkin.done else ""))
    return f"{short_day(plan.day, aligned=True)}  " + ", ".join(parts or ["nothing asked"])


def plan_heading(days: list[PlanDay], program: Program) -> str:
    """``Your plan for the next 14 days, from week 1 of 8, day 1 · Free the feet``."""
    count = len(days)
    where = where_text(days[0], program) if days else ""
    return f"Your plan for the next {plural(count, 'day')}. From: {where}"
