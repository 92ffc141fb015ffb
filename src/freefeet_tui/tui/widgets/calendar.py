"""A month calendar heatmap: each day coloured by what the log holds for it.

Completed (a completed session that day), partial (only partial sessions), skipped (a skip
and no session); a day with only a check-in is underlined and today is in reverse. The
marks come from :func:`day_marks`, a pure function of the history, so tests check the
data and snapshots check the look.
"""

from __future__ import annotations

import calendar
from datetime import date
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
