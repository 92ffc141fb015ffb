"""The calendar heatmaps: a month, and a year at a glance as Loop Habit Tracker shows it.

Completed (a completed session that day), partial (only partial sessions), skipped (a skip
and no session); a day with only a check-in is underlined and today is in reverse. The
marks come from :func:`day_marks` and :func:`marks_between`, pure functions of the history,
so tests check the data and snapshots check the look. The year is 53 weeks ending with the
week of its last day: a column a week, a row a weekday, one square a day.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum

from textual.content import Content
from textual.widgets import Static

from freefeet_tui.core.progress import History, SessionStatus


class DayMark(StrEnum):
    COMPLETED = "completed"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    CHECKIN = "check-in"


MARK_STYLES: dict[DayMark, str] = {
    DayMark.COMPLETED: "bold $background on $success",
    DayMark.PARTIAL: "bold $background on $warning",
    DayMark.SKIPPED: "$background on $primary",
    DayMark.CHECKIN: "underline",
}
WEEKDAY_HEADER = "Mo Tu We Th Fr Sa Su"
WIDTH = len(WEEKDAY_HEADER)
YEAR_WEEKS = 53
MIN_WEEKS = 13
YEAR_LABEL = 3  # "Mo " before each row
YEAR_SQUARE, YEAR_SMALL, YEAR_EMPTY = "■", "▪", "·"  # practice, a check-in only, nothing
YEAR_MARK_STYLES: dict[DayMark, str] = {
    DayMark.COMPLETED: "bold $success",
    DayMark.PARTIAL: "$warning",
    DayMark.SKIPPED: "$primary",
    DayMark.CHECKIN: "$text-muted",
}


def mark_for(history: History, day: date) -> DayMark | None:
    """What one day of the log amounts to (open sessions do not count)."""
    statuses = {s.status for s in history.sessions_on(day)}
    if SessionStatus.COMPLETED in statuses:
        return DayMark.COMPLETED
    if SessionStatus.PARTIAL in statuses:
        return DayMark.PARTIAL
    if history.skip_on(day) is not None:
        return DayMark.SKIPPED
    if history.checkin_on(day) is not None:
        return DayMark.CHECKIN
    return None


def day_marks(history: History, year: int, month: int) -> dict[date, DayMark]:
    """The marked days of one month."""
    days = calendar.monthrange(year, month)[1]
    found = {}
    for number in range(1, days + 1):
        day = date(year, month, number)
        mark = mark_for(history, day)
        if mark is not None:
            found[day] = mark
    return found


def marks_between(
    history_for: Callable[[int], History], first: date, last: date
) -> dict[date, DayMark]:
    """The marked days from ``first`` to ``last``, reading each year's log from
    ``history_for(year)``."""
    found = {}
    day = first
    while day <= last:
        mark = mark_for(history_for(day.year), day)
        if mark is not None:
            found[day] = mark
        day += timedelta(days=1)
    return found


def year_weeks(width: int) -> int:
    """How many weeks a year view ``width`` columns wide shows: 53, fewer when narrow."""
    return max(MIN_WEEKS, min(YEAR_WEEKS, width - YEAR_LABEL))


def year_span(last: date, weeks: int = YEAR_WEEKS) -> tuple[date, date]:
    """The first and last day of the ``weeks`` weeks (Monday to Sunday) that end with
    ``last``'s."""
    sunday = last + timedelta(days=6 - last.weekday())
    return sunday - timedelta(days=7 * weeks - 1), sunday


def year_content(
    last: date, marks: dict[date, DayMark], today: date | None = None, weeks: int = YEAR_WEEKS
) -> Content:
    """Month names, then a row per weekday and a column per week; days after ``today``
    are left blank."""
    first, _ = year_span(last, weeks)
    lines = [Content.styled(" " * YEAR_LABEL + month_header(first, weeks), "bold $text-muted")]
    for weekday in range(7):
        name = WEEKDAY_HEADER.split()[weekday]
        parts = [Content.styled(f"{name} ", "$text-muted")]
        for week in range(weeks):
            day = first + timedelta(days=7 * week + weekday)
            if today is not None and day > today:
                parts.append(Content(" "))
                continue
            mark = marks.get(day)
            style = YEAR_MARK_STYLES[mark] if mark is not None else "$text-muted 40%"
            if day == today:
                style += " reverse"
            glyph = YEAR_EMPTY if mark is None else YEAR_SQUARE
            parts.append(Content.styled(YEAR_SMALL if mark is DayMark.CHECKIN else glyph, style))
        lines.append(Content("").join(parts))
    return Content("\n").join(lines)


def month_header(first: date, weeks: int = YEAR_WEEKS) -> str:
    """Three-letter month names over the first week whose Monday is in that month; the
    partial month at the start is named only when its name fits before the next."""
    mondays = [first + timedelta(days=7 * week) for week in range(weeks)]
    starts = [w for w in range(weeks) if w == 0 or mondays[w].month != mondays[w - 1].month]
    header = [" "] * weeks
    for index, week in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else weeks + 1
        if week + 4 <= following and week + 3 <= weeks:
            header[week : week + 3] = f"{mondays[week]:%b}"
    return "".join(header).rstrip()


def month_grid(year: int, month: int) -> list[list[date | None]]:
    """Weeks Monday to Sunday; days outside the month are ``None``."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[d if d.month == month else None for d in week] for week in weeks]


def month_content(
    year: int, month: int, marks: dict[date, DayMark], today: date | None = None
) -> Content:
    """The weekday header and the weeks, each day a two-column cell styled by its mark."""
    lines = [Content.styled(WEEKDAY_HEADER, "bold $text-muted")]
    for week in month_grid(year, month):
        parts: list[Content] = []
        for index, day in enumerate(week):
            if index:
                parts.append(Content(" "))
            if day is None:
                parts.append(Content("  "))
                continue
            style = MARK_STYLES.get(marks[day], "") if day in marks else ""
            if day == today:
                style = f"{style} reverse".strip()
            parts.append(
                Content.styled(f"{day.day:2d}", style) if style else Content(f"{day.day:2d}")
            )
        lines.append(Content("").join(parts))
    while len(lines) < 7:  # every month takes the same height, so paging does not jump
        lines.append(Content(""))
    return Content("\n").join(lines)


def legend_content() -> Content:
    """One line naming the colours."""
    parts: list[Content] = []
    for mark in (DayMark.COMPLETED, DayMark.PARTIAL, DayMark.SKIPPED):
        if parts:
            parts.append(Content(" "))
        parts.append(Content.assemble(("  ", MARK_STYLES[mark]), f" {mark.value}"))
    return Content("").join(parts)


class MonthCalendar(Static):
    """One month of the log; :meth:`show` moves it to another month."""

    DEFAULT_CSS = """
    MonthCalendar {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.year = 0
        self.month = 0
        self.marks: dict[date, DayMark] = {}

    def show(
        self, year: int, month: int, marks: dict[date, DayMark], today: date | None = None
    ) -> None:
        self.year, self.month, self.marks = year, month, marks
        self.update(month_content(year, month, marks, today))


class YearCalendar(Static):
    """A year of the log, Loop Habit Tracker style; :meth:`show` moves it."""

    DEFAULT_CSS = """
    YearCalendar {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.last: date | None = None
        self.marks: dict[date, DayMark] = {}

    def show(
        self,
        last: date,
        marks: dict[date, DayMark],
        today: date | None = None,
        weeks: int = YEAR_WEEKS,
    ) -> None:
        self.last, self.marks = last, marks
        self.update(year_content(last, marks, today, weeks))
