"""History's calendar box: a month or, one key away, a year of the log, paged back and on.

The box holds both calendars and the colour legend and shows one calendar at a time. It reads
a year of the log only when a page shows it (``history_for``), so paging back through old
years costs nothing until they are looked at. Nothing here pages past today.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from freefeet_tui.core.progress import History
from freefeet_tui.core.wording import short_day
from freefeet_tui.tui.widgets.calendar import (
    MonthCalendar,
    YearCalendar,
    day_marks,
    legend_content,
    marks_between,
    year_span,
    year_weeks,
)

YEAR_STEP = timedelta(weeks=52)  # a year back or on, keeping the weekdays in their rows
FRAME = 4  # the box's border and padding, left and right


@dataclass
class MonthView:
    year: int
    month: int

    def moved(self, months: int) -> MonthView:
        index = self.year * 12 + self.month - 1 + months
        return MonthView(index // 12, index % 12 + 1)


class CalendarBox(Vertical):
    """A month calendar, or a year heat map after :meth:`toggle_year`; :meth:`move` pages."""

    DEFAULT_CSS = """
    CalendarBox YearCalendar { display: none; }
    CalendarBox.-year YearCalendar { display: block; }
    CalendarBox.-year MonthCalendar { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.month = MonthView(1, 1)
        self.year_end = date(1, 12, 31)  # the last day of the year shown
        self.today = date(1, 1, 1)
        self.history_for: Callable[[int], History] = lambda year: History()

    @property
    def year_view(self) -> bool:
        return self.has_class("-year")

    def compose(self) -> ComposeResult:
        yield MonthCalendar(id="calendar")
        yield YearCalendar(id="year-calendar")
        yield Static(legend_content(), id="calendar-legend")

    def start(self, history_for: Callable[[int], History], today: date) -> None:
        """Show this month; ``history_for(year)`` gives a year's log."""
        self.history_for, self.today = history_for, today
        self.month = MonthView(today.year, today.month)
        self.year_end = today
        self.show()

    def show(self) -> None:
        if self.year_view:
            weeks = year_weeks(self.room() - FRAME)
            first, last = year_span(self.year_end, weeks)
            marks = marks_between(self.history_for, first, min(last, self.today))
            self.query_one(YearCalendar).show(self.year_end, marks, self.today, weeks)
            shown_last = min(last, self.today)
            span = [short_day(day, weekday=False, year=True) for day in (first, shown_last)]
            self.border_title = " – ".join(span)
            return
        view = self.month
        marks = day_marks(self.history_for(view.year), view.year, view.month)
        self.border_title = f"{date(view.year, view.month, 1):%B %Y}"
        self.query_one(MonthCalendar).show(view.year, view.month, marks, self.today)

    def room(self) -> int:
        """The columns the box may take: its container's width once laid out."""
        width = self.parent.size.width if isinstance(self.parent, Widget) else 0
        return width or self.app.size.width

    def toggle_year(self) -> None:
        """Switch between the month and the year that holds it (or the month that ends the
        year shown)."""
        if self.year_view:
            self.month = MonthView(self.year_end.year, self.year_end.month)
        else:
            last_day = self.month.moved(1)
            end = date(last_day.year, last_day.month, 1) - timedelta(days=1)
            self.year_end = min(end, self.today)
        self.set_class(not self.year_view, "-year")
        self.show()

    def move(self, steps: int) -> bool:
        """Page ``steps`` months (or years, in the year view); ``False`` if that would go past
        today or before year 1."""
        if self.year_view:
            end = min(self.today, self.year_end + steps * YEAR_STEP)
            if end == self.year_end or end.year < 2:
                return False
            self.year_end = end
        else:
            moved = self.month.moved(steps)
            if (moved.year, moved.month) > (self.today.year, self.today.month) or moved.year < 1:
                return False
            self.month = moved
        self.show()
        return True
