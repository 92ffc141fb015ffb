"""History: a month calendar heatmap, the pain trend, the habit figures and the log, paged.

The first screen needs only this year and last (``ProgressStore.recent``). The log list reads
years one at a time, newest first, through ``ProgressStore.iter_years`` and only as far as
the page shown, and the calendar reads an older year only when paged back to it, so ten
years of records open as fast as one. Left and right page the months, PgUp/PgDn the log;
``e`` opens the export form (``screens/export.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from freefeet_tui.core.durations import format_length
from freefeet_tui.core.progress import (
    CheckIn,
    History,
    ProgressFileError,
    ProgressStore,
    Session,
    SessionStatus,
    Skip,
    YearLog,
)
from freefeet_tui.core.stats import HabitSummary, pain_trend, summarize
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import pain_text
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.history_edit import EDIT_BINDINGS, RecordActions
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.calendar import MonthCalendar, day_marks, legend_content
from freefeet_tui.tui.widgets.pain_chart import PainChart
from freefeet_tui.tui.widgets.record_list import RecordList

NOTHING_LOGGED = "Nothing logged yet. Play a lesson or press c to check in."
PAGE_SIZE = 10
TREND_DAYS = 84
WEEKS = 8
NARROW_WIDTH = 80
LogItem = Session | CheckIn | Skip | ProgressFileError
_KIND_ORDER = {Session: 2, CheckIn: 1, Skip: 0}


def year_items(log: YearLog) -> list[LogItem]:
    """A year's records newest first; on one day sessions (latest first), then check-in, skip."""

    def key(item: Session | CheckIn | Skip) -> tuple[date, int, float]:
        started = item.start.timestamp() if isinstance(item, Session) else 0.0
        return (item.day, _KIND_ORDER[type(item)], started)

    records: list[Session | CheckIn | Skip] = [*log.sessions, *log.checkins, *log.skips]
    ordered = sorted(records, key=key, reverse=True)
    return list[LogItem](ordered)


class LogPager:
    """Pages of the log, newest first, reading year files only as far as the pages asked for."""

    def __init__(self, store: ProgressStore, page_size: int = PAGE_SIZE) -> None:
        self.page_size = page_size
        self._years: Iterator[YearLog | ProgressFileError] = store.iter_years()
        self._items: list[LogItem] = []
        self._exhausted = False
        self.years_read = 0

    def _fill(self, count: int) -> None:
        while len(self._items) < count and not self._exhausted:
            found = next(self._years, None)
            if found is None:
                self._exhausted = True
            elif isinstance(found, ProgressFileError):
                self.years_read += 1
                self._items.append(found)
            else:
                self.years_read += 1
                self._items.extend(year_items(found))

    def page(self, number: int) -> list[LogItem]:
        """Page ``number`` (0 is the newest); empty past the end."""
        start = number * self.page_size
        self._fill(start + self.page_size + 1)  # one more, to know whether a next page exists
        return self._items[start : start + self.page_size]

    def has_page(self, number: int) -> bool:
        return number >= 0 and bool(self.page(number))


def day_label(day: date) -> str:
    return f"{day:%a} {day.day:2d} {day:%b %Y}"


def session_status(session: Session) -> str:
    if session.status is SessionStatus.OPEN:
        return "unfinished"
    return session.status.value


def item_content(item: LogItem) -> Content:
    """One entry of the log; titles, reasons and notes stay literal."""
    if isinstance(item, ProgressFileError):
        return Content.styled(f"⚠ {item}", "$warning")
    when = Content.styled(day_label(item.day), "$text-muted")
    if isinstance(item, Session):
        figures = (
            f"  {session_status(item)} · {format_length(item.seconds)}"
            f" · {item.steps_done} of {item.steps_total} steps"
        )
        return Content.assemble(when, "  ", (visible(item.lesson_title), "bold"), figures)
    if isinstance(item, CheckIn):
        line = Content.assemble(when, "  ", ("Check-in", "$secondary"), f"  {pain_text(item)}")
        if item.note:
            note = Content.styled(
                "  " + visible(" ".join(item.note.splitlines())), "italic $text-muted"
            )
            return Content("\n").join([line, note])
        return line
    return Content.assemble(when, "  ", ("Skipped", "$primary"), "  ", visible(item.reason))


def trend_start(history: History, today: date) -> date:
    """The chart starts ``TREND_DAYS`` back, or at the first morning pain logged if later."""
    earliest = today - timedelta(days=TREND_DAYS - 1)
    logged = [c.day for c in history.checkins if c.morning_pain is not None and c.day >= earliest]
    return min(logged, default=earliest)


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{round(ratio * 100)}%"


def figures_lines(summary: HabitSummary) -> list[str]:
    """The habit figures, one per line, for the figures box."""
    streak = summary.streak
    since = f" (since {streak.current_since:%d %b})" if streak.current_since else ""
    ratios = [w.ratio for w in summary.weeks if w.ratio is not None]
    weeks = sum(ratios) / len(ratios) if ratios else None
    lines = [
        f"Streak          {days(streak.current)}{since}",
        f"Best streak     {days(streak.best)}",
        f"This week       {percent(summary.this_week.ratio)}",
        f"Last {len(summary.weeks)} weeks    {percent(weeks)}",
        f"Habit strength  {percent(summary.strength)}",
    ]
    pain = summary.pain
    if pain is None:
        lines.append("Pain trend      after two weeks of check-ins")
    else:
        direction = "down" if pain.change < 0 else "up" if pain.change > 0 else "no change"
        amount = f" {abs(pain.change):.1f}" if pain.change else ""
        lines.append(
            f"Pain            {pain.first_week:.1f} → {pain.last_week:.1f} ({direction}{amount})"
        )
    return lines


@dataclass
class MonthView:
    year: int
    month: int

    def moved(self, months: int) -> MonthView:
        index = self.year * 12 + self.month - 1 + months
        return MonthView(index // 12, index % 12 + 1)


class HistoryScreen(OrderedKeys[None], RecordActions):
    """How it has been going: calendar, pain trend, figures and every record, paged; a record
    can be edited, deleted and the change undone (``history_edit.py``)."""

    CSS_PATH = "history.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # one footer entry for both month keys, so the footer fits 60 columns
        Binding("left", "month(-1)", "Month", show=False, id="history.month_back", priority=True),
        Binding(
            "right", "month(1)", "Month", key_display="←→", id="history.month_on", priority=True
        ),
        Binding("pagedown", "page(1)", "Older", id="history.older", priority=True),
        Binding("pageup", "page(-1)", "Newer", id="history.newer", priority=True),
        *EDIT_BINDINGS,
        Binding("e", "export", "Export", id="history.export"),
        Binding("escape", "back", "Back", id="history.back"),
        Binding("h", "back", "Back", show=False, id="history.back_h"),
        Binding("q", "quit_app", "Quit", id="history.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.month = MonthView(1, 1)
        self.page_number = 0
        self.pager: LogPager | None = None
        self._years: dict[int, History] = {}

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="history-body"):
            with Horizontal(id="history-top"):
                with Vertical(id="calendar-box"):
                    yield MonthCalendar(id="calendar")
                    yield Static(legend_content(), id="calendar-legend")
                yield Static(id="figures")
            yield PainChart(id="pain-chart")
            yield RecordList(id="log")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = "History"
        self.reload()
        self.set_focus(self.query_one(RecordList))
        await self.keys_ready()

    def reload(self, keep: str | None = None) -> None:
        """Read the log and fill every part (again after a change, keeping the row ``keep``)."""
        app = self.freefeet
        today = app.today
        recent = app.store.recent(today)
        self._years = {year: recent for year in (today.year - 1, today.year)}
        self.month = MonthView(today.year, today.month)
        summary = summarize(recent, today, app.program, WEEKS)
        figures = self.query_one("#figures", Static)
        figures.border_title = "Habit"
        figures.update(Content("\n".join(figures_lines(summary))))
        chart = self.query_one(PainChart)
        chart.border_title = "Morning pain · 7-day average"
        chart.set_points(pain_trend(recent, trend_start(recent, today), today))
        self.pager = LogPager(app.store)
        self.show_month()
        self.show_page(keep)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.query_one(Footer).compact = event.size.width < NARROW_WIDTH

    def history_for(self, year: int) -> History:
        """The log of ``year``: from the first read for this year and last, else read now."""
        if year not in self._years:
            self._years[year] = self.freefeet.store.history([year])
        return self._years[year]

    def show_month(self) -> None:
        view = self.month
        marks = day_marks(self.history_for(view.year), view.year, view.month)
        self.query_one("#calendar-box").border_title = f"{date(view.year, view.month, 1):%B %Y}"
        self.query_one(MonthCalendar).show(view.year, view.month, marks, self.freefeet.today)

    def show_page(self, keep: str | None = None) -> None:
        assert self.pager is not None
        if self.page_number and not self.pager.has_page(self.page_number):
            self.page_number -= 1  # the last record of the last page went
        items = self.pager.page(self.page_number)
        log = self.query_one(RecordList)
        more = " · PgDn for older" if self.pager.has_page(self.page_number + 1) else ""
        log.border_title = f"Sessions and check-ins · page {self.page_number + 1}{more}"
        if not items:
            log.show([], [], None)
            log.add_option(Option(NOTHING_LOGGED, disabled=True))
            return
        log.show(items, [item_content(item) for item in items], keep)

    def action_month(self, months: int) -> None:
        moved = self.month.moved(months)
        today = self.freefeet.today
        if (moved.year, moved.month) > (today.year, today.month) or moved.year < 1:
            return
        self.month = moved
        self.show_month()
        self.query_one("#history-body", VerticalScroll).scroll_home(animate=False)

    def action_page(self, pages: int) -> None:
        assert self.pager is not None
        number = self.page_number + pages
        if number < 0 or not self.pager.has_page(number):
            return
        self.page_number = number
        self.show_page()
        self.query_one("#history-body", VerticalScroll).scroll_end(animate=False)

    def action_export(self) -> None:
        """The export form: a format, dates and a path; writes in a worker thread."""
        from freefeet_tui.tui.screens.export import ExportForm

        self.app.push_screen(ExportForm())

    def action_back(self) -> None:
        self.app.pop_screen()
        self.pass_keys_on()

    def action_quit_app(self) -> None:
        self.app.exit()
