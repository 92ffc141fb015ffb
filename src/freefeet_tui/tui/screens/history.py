"""History: a calendar heatmap, the pain of each foot and the runs, the habit figures and the
log, paged.

The first screen needs only this year and last (``ProgressStore.recent``). The log list reads
years one at a time, newest first, through ``ProgressStore.iter_years`` and only as far as
the page shown, and the calendar reads an older year only when paged back to it, so ten
years of records open as fast as one. Left and right page the months (or years: ``y``
switches the calendar between a month and a year), PgUp/PgDn the log; ``e`` opens the export
form (``screens/export.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

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
from freefeet_tui.core.stats import HabitSummary, foot_pain_trend, runs_between, summarize
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import (
    length_text,
    one_line,
    pain_text,
    percent,
    plural,
    scan_change_words,
    short_day,
)
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.history_edit import EDIT_BINDINGS, NARROW_FORMS, RecordActions
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.calendar_box import CalendarBox
from freefeet_tui.tui.widgets.key_bar import KeyBar
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
                self._items.append(found)  # its year's sound records come next
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


def session_status(session: Session) -> str:
    if session.status is SessionStatus.OPEN:
        return "unfinished"
    return session.status.value


def item_content(item: LogItem) -> Content:
    """One entry of the log; titles, reasons and notes stay literal, control characters
    spelled out (``^[``)."""
    if isinstance(item, ProgressFileError):
        return Content.styled(f"⚠ {visible(str(item))}", "$warning")
    when = Content.styled(short_day(item.day, year=True, aligned=True), "$text-muted")
    if isinstance(item, Session):
        figures = (
            f"  {session_status(item)} · {length_text(item.seconds)}"
            f" · {item.steps_done} of {item.steps_total} steps"
        )
        title = (visible(item.lesson_title), "bold")
        if item.scan_change is None:
            return Content.assemble(when, "  ", title, figures)
        walking = f"  walking {scan_change_words(item.scan_change)} after"
        style = "$success" if item.scan_change > 0 else "$warning" if item.scan_change else ""
        return Content.assemble(when, "  ", title, figures, (walking, style))
    if isinstance(item, CheckIn):
        line = Content.assemble(when, "  ", ("Check-in", "$secondary"), f"  {pain_text(item)}")
        if item.note:
            note = Content.styled("  " + visible(one_line(item.note)), "italic $text-muted")
            return Content("\n").join([line, note])
        return line
    return Content.assemble(when, "  ", ("Skipped", "$primary"), "  ", visible(item.reason))


def trend_start(history: History, today: date) -> date:
    """The chart starts ``TREND_DAYS`` back, or at the first morning pain or run logged if
    later."""
    earliest = today - timedelta(days=TREND_DAYS - 1)
    logged = [
        c.day
        for c in history.checkins
        if (c.morning_pain is not None or c.ran) and c.day >= earliest
    ]
    return min(logged, default=earliest)


def figures_lines(summary: HabitSummary) -> list[str]:
    """The habit figures, one per line, for the figures box."""
    streak = summary.streak
    since = ""
    if streak.current_since:
        since = f" (since {short_day(streak.current_since, weekday=False)})"
    ratios = [w.ratio for w in summary.weeks if w.ratio is not None]
    weeks = sum(ratios) / len(ratios) if ratios else None
    lines = [
        f"Streak          {plural(streak.current, 'day')}{since}",
        f"Best streak     {plural(streak.best, 'day')}",
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


class HistoryScreen(OrderedKeys[None], RecordActions):
    """How it has been going: calendar, pain trend, figures and every record, paged; a record
    can be edited, deleted and the change undone (``history_edit.py``)."""

    CSS_PATH = "history.tcss"
    HELP_NAME = "History"

    BINDINGS: ClassVar[list[BindingType]] = [
        # One key-bar entry for both month keys, so the bar fits 60 columns; in the year view
        # the same keys page years (check_action keeps one pair active; each pair one id).
        Binding(
            "left",
            "month(-1)",
            "Month",
            show=False,
            tooltip="The month before",
            id="history.earlier",
            priority=True,
        ),
        Binding(
            "right",
            "month(1)",
            "Month",
            key_display="←→",
            tooltip="The month after",
            id="history.later",
            priority=True,
        ),
        Binding(
            "left",
            "year(-1)",
            "Year",
            show=False,
            tooltip="The year before",
            id="history.earlier",
            priority=True,
        ),
        Binding(
            "right",
            "year(1)",
            "Year",
            key_display="←→",
            tooltip="The year after",
            id="history.later",
            priority=True,
        ),
        # y switches the calendar between a month and a year: one id for its three forms.
        Binding(
            "y", "calendar('year')", "Year", tooltip="A year at a glance", id="history.calendar"
        ),
        Binding(
            "y", "calendar('month')", "Month", tooltip="Back to the month", id="history.calendar"
        ),
        # below 80 columns y still switches, without a key-bar entry, so the bar fits 60
        Binding(
            "y",
            "calendar('switch')",
            "Year",
            show=False,
            tooltip="A year or a month",
            id="history.calendar",
        ),
        # and one entry for both page keys, so it still fits with "? Help"
        Binding(
            "pageup",
            "page(-1)",
            "Page",
            show=False,
            tooltip="Newer records",
            id="history.newer",
            priority=True,
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page",
            key_display="pgup/dn",
            tooltip="Older records",
            id="history.older",
            priority=True,
        ),
        *EDIT_BINDINGS,
        Binding("e", "export", "Export", tooltip="Save your log to a file", id="history.export"),
        Binding("escape,h", "back", "Back", tooltip="Back to Today", id="history.back"),
        Binding("q", "quit_app", "Quit", tooltip="Close freefeet", id="history.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page_number = 0
        self.pager: LogPager | None = None
        self._years: dict[int, History] = {}

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="history-body"):
            with Horizontal(id="history-top"):
                yield CalendarBox(id="calendar-box")
                yield Static(id="figures")
            yield PainChart(id="pain-chart")
            yield RecordList(id="log")
        yield KeyBar()

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
        summary = summarize(recent, today, app.program, WEEKS)
        figures = self.query_one("#figures", Static)
        figures.border_title = "Habit"
        figures.update(Content("\n".join(figures_lines(summary))))
        chart = self.query_one(PainChart)
        chart.border_title = "Morning pain, left and right foot · 7-day average"
        start = trend_start(recent, today)
        chart.set_data(foot_pain_trend(recent, start, today), runs_between(recent, start, today))
        self.pager = LogPager(app.store)
        self.query_one(CalendarBox).start(self.history_for, today)
        self.show_page(keep)

    def on_resize(self, event: events.Resize) -> None:
        if self.has_class("-narrow") != (event.size.width < NARROW_WIDTH):
            self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
            self.refresh_bindings()
        self.query_one(KeyBar).compact = event.size.width < NARROW_WIDTH
        calendar = self.query_one(CalendarBox)
        if calendar.year_view:  # as many weeks as the new width holds
            self.call_after_refresh(calendar.show)

    def history_for(self, year: int) -> History:
        """The log of ``year``: from the first read for this year and last, else read now."""
        if year not in self._years:
            self._years[year] = self.freefeet.store.history([year])
        return self._years[year]

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The month keys in the month view, the year keys in the year view; ``y`` names the
        view it switches to."""
        if action in NARROW_FORMS:
            return NARROW_FORMS[action] == self.has_class("-narrow")
        boxes = self.query(CalendarBox)  # none yet while the screen is being built
        year_view = bool(boxes) and boxes.first().year_view
        if action in ("month", "year"):
            return (action == "year") == year_view
        if action == "calendar":
            if parameters == ("switch",) or self.has_class("-narrow"):
                return parameters == ("switch",) and self.has_class("-narrow")
            return (parameters == ("year",)) != year_view
        return True

    def action_month(self, months: int) -> None:
        if self.query_one(CalendarBox).move(months):
            self.query_one("#history-body", VerticalScroll).scroll_home(animate=False)

    def action_year(self, years: int) -> None:
        self.action_month(years)

    def action_calendar(self, view: str) -> None:
        """Show the calendar of a month or of a year (``y`` switches)."""
        calendar = self.query_one(CalendarBox)
        if view == "switch" or calendar.year_view != (view == "year"):
            calendar.toggle_year()
        self.set_class(self.query_one(CalendarBox).year_view, "-year")
        self.refresh_bindings()
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
