"""One entry point for every format: which years to read, then the bytes and a summary.

The command line (``cli.export``) and the TUI's export action both come here, so they read
the same years and produce the same files. Pure: the caller reads the store, the lesson
library and the programme and passes them in; nothing here touches files or the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from freefeet_tui.core.export.common import in_range
from freefeet_tui.core.export.csv_format import to_csv
from freefeet_tui.core.export.habitbull import to_habitbull
from freefeet_tui.core.export.icalendar_format import PlanLesson, to_ics
from freefeet_tui.core.export.json_format import to_json
from freefeet_tui.core.export.markdown import to_markdown
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress import History
from freefeet_tui.core.schedule import ItemKind, agenda, walk
from freefeet_tui.core.wording import plural

PLAN_DAYS = 28
MAX_PLAN_DAYS = 731
SUFFIXES = {
    "csv": ".csv",
    "json": ".json",
    "md": ".md",
    "html": ".html",
    "ics": ".ics",
    "habitbull": ".csv",
}
REPORTS = ("md", "html")  # their streaks look back before --from


class ExportRangeError(ValueError):
    """A date range that cannot be exported (ends before it starts, or too long a plan)."""


@dataclass(frozen=True, slots=True)
class Exported:
    """The file's bytes and what it holds, e.g. ``18 sessions, 10 check-ins and 2 skips``."""

    data: bytes
    summary: str


def counts(sessions: int, checkins: int, skips: int) -> str:
    """``3 sessions, 1 check-in and 0 skips``"""
    return (
        f"{plural(sessions, 'session')}, {plural(checkins, 'check-in')} and {plural(skips, 'skip')}"
    )


def plan_range(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The days an ics plan covers: ``start`` (default today) for 28 days, or to ``end``."""
    first = start or today
    last = end or first + timedelta(days=PLAN_DAYS - 1)
    if last < first:
        raise ExportRangeError(f"--from {first} is after --to {last}")
    days = (last - first).days + 1
    if days > MAX_PLAN_DAYS:
        raise ExportRangeError(f"{first} to {last} is {days} days; plan at most {MAX_PLAN_DAYS}")
    return first, last


def years_to_read(
    fmt: str, start: date | None, end: date | None, today: date
) -> tuple[int | None, int | None]:
    """First and last year of the log the format needs (``None``: no limit that way).

    The plan needs recent completions, as ``freefeet today`` reads them; the report's streaks
    may reach back before ``start``; the other formats need only the range.
    """
    if start is not None and end is not None and start > end:
        raise ExportRangeError(f"--from {start} is after --to {end}")
    if fmt == "ics":
        first, last = plan_range(start, end, today)
        return min(first, today).year - 1, max(last, today).year
    if fmt in REPORTS:
        return None, end.year if end else None
    return (start.year if start else None), (end.year if end else None)


def render(
    fmt: str,
    history: History,
    *,
    start: date | None,
    end: date | None,
    today: date,
    program: Program,
    titles: Mapping[str, str],
    lessons: Mapping[str, PlanLesson],
    now: datetime,
    reminder: time | None = None,
) -> Exported:
    """The export in ``fmt`` of ``history`` (read as :func:`years_to_read` says).

    ``titles`` maps lesson ids to titles (md, habitbull), ``lessons`` describes them for the
    plan (ics), ``now`` stamps the plan's events and ``reminder`` gives each an alarm.
    """
    if fmt == "ics":
        first, last = plan_range(start, end, today)
        plan = agenda(first, history, program, (last - first).days + 1, today)
        data = to_ics(plan, lessons, now, program, reminder)
        events = data.count(b"BEGIN:VEVENT")
        return Exported(
            data,
            f"the plan from {first} to {last} ({plural(events, 'event')})",
        )
    shown = in_range(history, start, end)
    what = counts(len(shown.sessions), len(shown.checkins), len(shown.skips))
    if fmt == "csv":
        return Exported(to_csv(shown), what)
    if fmt == "json":
        return Exported(to_json(shown, start, end), what)
    if fmt == "habitbull":
        return Exported(to_habitbull(shown, titles), what)
    if fmt not in REPORTS:
        raise ValueError(f"unknown export format {fmt!r}")
    first = start or history.first_day or today
    last = end or max(today, first)
    if fmt == "html":
        from freefeet_tui.core.export.html_report import to_html  # matplotlib: only for html

        rest, no_lesson = quiet_days(history, program, first, min(last, today))
        data = to_html(history, first, last, today, program, titles, rest, no_lesson)
    else:
        data = to_markdown(history, first, last, today, program, titles)
    return Exported(data, f"a report from {first} to {last}")


def quiet_days(
    history: History, program: Program, start: date, end: date
) -> tuple[frozenset[date], frozenset[date]]:
    """From ``start`` to ``end``: the rest days ``program.toml`` declares (only the morning
    check-in asked), and the other days that asked no lesson (a check-in, perhaps a run), so
    the report never calls a day without a lesson one where a lesson was missed."""
    walked = walk(history, program, end, end) if end >= start else []
    shown = [day for day in walked if day.day >= start]
    rest = frozenset(day.day for day in shown if day.rest_day)
    no_lesson = frozenset(
        day.day
        for day in shown
        if not day.rest_day and all(item.kind != ItemKind.LESSON for item in day.items)
    )
    return rest, no_lesson


def rest_days(history: History, program: Program, start: date, end: date) -> frozenset[date]:
    """The programme's declared rest days from ``start`` to ``end``."""
    return quiet_days(history, program, start, end)[0]
