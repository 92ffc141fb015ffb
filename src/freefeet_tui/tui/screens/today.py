"""Today, the home screen: what the programme asks today and why, the run guide, the streak.

The rows are the lines ``freefeet today`` prints (``core/day_report.py`` makes both): the
morning check-in, the lessons (overdue first), and on run days the pre-run routine and the run.
Numbers 1 to 9 start the listed lessons, ``c`` opens the check-in form (pain and the run),
``p`` the plan ahead, ``h`` the history, ``l`` the lessons list. The run guide's word stands
with the safety line beside it. The screen reads only this year and last
(``ProgressStore.recent``) and reads again whenever it comes back on top, so a lesson just
played or a check-in just saved shows at once. Notes and titles are shown literally: no
markup, and control characters spelled out (``^[``), never sent to the terminal.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from freefeet_tui.core.day_report import (
    NOTHING_DUE,
    REST_DAY,
    DayReport,
    day_report,
    day_titles,
    due_lines,
    item_title,
    run_lines,
    where_text,
)
from freefeet_tui.core.library import Library
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress import CheckIn, History
from freefeet_tui.core.schedule import DueItem, ItemKind, State
from freefeet_tui.core.streaks import Streak
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import NO_FIGURES, checkin_figures, long_day, near_day, plural
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.base import FreefeetScreen
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.literal import Literal

if TYPE_CHECKING:
    from freefeet_tui.core.progress import ProgressFileError

MAX_KEYS = 9
NARROW_WIDTH = 80
SHORT_HEIGHT = 24  # below this many rows the figures are left to scrolling


class TodayEntry(NamedTuple):
    """One line of Today: its key (a digit starts a lesson; ``c`` opens the check-in form,
    where a run is logged too), the item, and the words ``freefeet today`` uses for it."""

    key: str
    item: DueItem
    title: str
    line: str
    in_library: bool = True

    @property
    def lesson_id(self) -> str:
        return self.item.id


def today_entries(
    report: DayReport, program: Program, library: Library, titles: dict[str, str]
) -> list[TodayEntry]:
    """Every item of the day in order; lessons numbered from 1, the check-in and run on ``c``."""
    plan = report.plan
    entries: list[TodayEntry] = []
    number = 0
    for item, line in zip(plan.items, due_lines(report, program, titles), strict=True):
        title = item_title(item, program, titles, plan.run)
        if item.kind == ItemKind.LESSON:
            number += 1
            key = str(number) if number <= MAX_KEYS else " "
            entries.append(TodayEntry(key, item, title, line, library.get(item.id) is not None))
        else:
            entries.append(TodayEntry("c", item, title, line))
    return entries


# Row colours by state, as theme variables: the rows are one Content, not widgets with classes.
OVERDUE_STYLE = "$warning"
DONE_STYLE = "$success"
MISSING_STYLE = "$foreground-muted"


def entry_content(entry: TodayEntry) -> Content:
    """``1  Free Your Feet: why it is asked (overdue by 1 day)``: the key, then the very line
    ``freefeet today`` prints, the title in bold; coloured by state. Titles stay literal."""
    rest = entry.line[len(entry.title) :]
    row = Content.assemble((f"{entry.key}  ", "bold"), (entry.title, "bold"), rest)
    if not entry.in_library:
        return (row + Content("  · not in your lessons")).stylize(MISSING_STYLE)
    if entry.item.state == State.DONE:
        return row.stylize(DONE_STYLE)
    if entry.item.state == State.OVERDUE:
        return row.stylize(OVERDUE_STYLE)
    return row


def due_content(report: DayReport, entries: list[TodayEntry]) -> Content:
    """Every row of the day under a line for a rest day or a finished day; one widget shows
    them all (the first screen is quicker to build with fewer widgets)."""
    rows = [entry_content(entry) for entry in entries]
    if report.plan.nothing_due:
        rows.insert(0, Content.styled(NOTHING_DUE, DONE_STYLE))
    elif report.plan.rest_day:
        rows.insert(0, Content.styled(REST_DAY, "italic"))
    return Content("\n").join(rows)


def run_content(report: DayReport, program: Program, titles: dict[str, str]) -> Content:
    """The run guide's word, and the safety line beside it (dimmed, as it is every day)."""
    *guide, safety = run_lines(report.plan.run)
    parts = [Content("\n".join(guide)), Content.styled(safety, "italic $text-muted")]
    pre_run = program.pre_run
    listed = {item.id for item in report.plan.items}
    if pre_run is not None and not report.plan.rest_day and pre_run.lesson not in listed:
        title = visible(titles.get(pre_run.lesson, pre_run.lesson))
        parts.insert(1, Content(f"Running anyway? Do {title} first: press l to find it."))
    return Content("\n").join(parts)


def checkin_content(checkin: CheckIn | None, today: date) -> Content:
    """The last check-in's day and figures, one figure a line so none is cut in two on a
    narrow box, then its note (literal, in italics)."""
    if checkin is None:
        return Content("None yet. Press c after your first steps of the morning.")
    lines = checkin_figures(checkin) or [NO_FIGURES]
    figures = Content(f"{near_day(checkin.day, today, capital=True)}: " + "\n".join(lines))
    if not checkin.note:
        return figures
    note = Content.styled(visible(checkin.note, keep_newlines=True), f"italic {MISSING_STYLE}")
    return Content("\n").join([figures, note])


def streak_text(streak: Streak) -> str:
    return f"{plural(streak.current, 'day')} in a row · best {streak.best}"


def last_checkin(history: History, today: date) -> CheckIn | None:
    """The newest check-in on or before ``today``."""
    return next((c for c in reversed(history.checkins) if c.day <= today), None)


class TodayScreen(OrderedKeys[None], FreefeetScreen[None]):
    """What to do today, and how it has been going. Keys are taken in order (``key_order``),
    so ``c`` then a burst of figures lands in the check-in form, not on Today."""

    HELP_NAME = "Today"

    # Its styles (today.tcss) load with the app's, as the first screen's must.

    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(
                str(n),
                f"start({n})",
                "Start",
                show=n == 1,
                key_display="1-9" if n == 1 else None,
                tooltip="The lesson with that number",
                id=f"today.start_{n}",
            )
            for n in range(1, MAX_KEYS + 1)
        ],
        Binding("c", "checkin", "Check in", tooltip="Log how your feet feel", id="today.checkin"),
        Binding("p", "plan", "Plan", tooltip="The next two weeks, a line a day", id="today.plan"),
        Binding(
            "h", "history", "History", tooltip="Calendar, pain and records", id="today.history"
        ),
        Binding(
            "l", "lessons", "Lessons", tooltip="Every lesson, with details", id="today.lessons"
        ),
        Binding("q", "quit_app", "Quit", tooltip="Close freefeet", id="today.quit"),
        # On a short terminal the screen itself scrolls (no scrolling container to focus);
        # the usual scrolling keys, so left out of the help (system) as a list's keys are.
        *[
            Binding(
                key,
                f"scroll_{where}",
                "Scroll",
                show=False,
                system=True,
                id=f"today.scroll_{where}",
            )
            for key, where in (
                ("up", "up"),
                ("down", "down"),
                ("pageup", "page_up"),
                ("pagedown", "page_down"),
                ("home", "home"),
                ("end", "end"),
            )
        ],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[TodayEntry] = []
        self.report: DayReport | None = None
        self._fresh = True  # composed with fresh data: the first resume need not reload
        self._first_history: History | None = None
        self._problems: tuple[ProgressFileError, ...] = ()
        self._sound_notice: str | None = None

    def compose(self) -> ComposeResult:
        # The first screen is built with its data in place: filling it after mounting would
        # cost a second layout pass before anything useful shows.
        self._first_history = self.read_log()
        # Few widgets, each showing a whole part of the screen: every widget adds to the time
        # the first screen takes.
        yield AppHeader()
        with Vertical(id="today-body"):
            yield Literal(id="today-problems")  # a year file's mistakes, above all it could read
            yield Static(id="due")
            yield Static(id="run-guide")
            with Horizontal(id="today-figures"):
                yield Literal(id="streak")
                yield Static(id="last-checkin")
            yield Literal(id="today-notices")
        # The key bar's row, kept for the KeyBar that add_footer puts there.
        yield Static(id="footer-space")

    async def on_mount(self) -> None:
        self.call_after_refresh(self.add_footer)
        self.sub_title = "Today"
        today = self.freefeet.today
        self.query_one("#due").border_title = f"Due today · {long_day(today, year=False)}"
        self.query_one("#run-guide").border_title = "Run guide"
        self.query_one("#streak").border_title = "Streak"
        self.query_one("#last-checkin").border_title = "Last check-in"
        self._sound_notice = self.freefeet.sound_notice
        if self._first_history is not None:
            self.fill_figures(self._first_history)  # shows the notices too
        else:
            self.show_notices()
        await self.keys_ready()

    async def add_footer(self) -> None:
        """Put the key bar in its row once the first screen is up.

        Textual's Footer shows its keys only from the frame after it is mounted, so the first
        frame has an empty bar either way; making it later (its module and its styles above
        all) takes that work off the time to the first screen. The row is kept for it, so
        nothing moves when it comes.
        """
        from textual.widget import MountError

        from freefeet_tui.tui.widgets.key_bar import KeyBar

        space = self.query_one("#footer-space")
        try:
            await self.mount(KeyBar(compact=self.size.width < NARROW_WIDTH), before=space)
        except MountError:  # the app is closing already (quit at once): no bar needed
            return
        await space.remove()
        self.refresh_bindings()  # the footer missed the first update of the keys: show them

    def show_sound_notice(self, notice: str | None) -> None:
        """Say, for as long as Today shows, where cues go when sound fell back."""
        self._sound_notice = notice
        self.show_notices()

    def show_notices(self) -> None:
        """A year file's problems on top (what could be read is shown below them, and that
        year is not written until the file is fixed); the sound fallback and how to get a voice
        under the figures. Each is hidden when there is nothing to say."""
        problems = self.query_one("#today-problems", Literal)
        problems.update("\n".join(f"⚠ {problem}" for problem in self._problems))
        problems.display = bool(self._problems)
        lines = [f"♪ {self._sound_notice}"] if self._sound_notice else []
        if self.freefeet.voice_hint:
            lines.append(f"♪ {self.freefeet.voice_hint}")
        notices = self.query_one("#today-notices", Literal)
        notices.update("\n".join(lines))
        notices.display = bool(lines)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        for footer in self.query("Footer"):
            footer.compact = event.size.width < NARROW_WIDTH  # type: ignore[attr-defined]

    async def on_screen_resume(self) -> None:
        """Each time Today comes back on top, read the log again (compose read it first)."""
        self.show_sound_notice(self.freefeet.sound_notice)
        if self._fresh:
            self._fresh = False
            return
        await self.reload()

    def read_log(self) -> History:
        """Read the recent log and work out what is due: the same report as ``freefeet
        today``, from one walk through the programme's days."""
        app = self.freefeet
        history = app.store.recent(app.today)
        self.titles = day_titles(history, app.library)
        self.report = day_report(app.today, history, app.program)
        self.entries = today_entries(self.report, app.program, app.library, self.titles)
        return history

    async def reload(self) -> None:
        """Read the recent log again and refill every part of the screen."""
        history = self.read_log()
        self.fill_figures(history)

    def fill_figures(self, history: History) -> None:
        """What is due, the run guide, the streak, the last check-in, any broken year file."""
        today = self.freefeet.today
        report = self.report
        assert report is not None, "read_log works the report out first"
        program = self.freefeet.program
        due = self.query_one("#due", Static)
        due.update(due_content(report, self.entries))
        due.border_subtitle = where_text(report.plan, program)
        self.query_one("#run-guide", Static).update(run_content(report, program, self.titles))
        streak = report.streak
        self.query_one("#streak", Literal).update(streak_text(streak))
        checkin = checkin_content(last_checkin(history, today), today)
        self.query_one("#last-checkin", Static).update(checkin)
        self._problems = history.problems
        self.show_notices()

    def action_start(self, key: int) -> None:
        entry = next((e for e in self.entries if e.key == str(key)), None)
        lesson = self.freefeet.library.get(entry.lesson_id) if entry else None
        if entry is None:
            return
        if lesson is None:
            self.notify(
                visible(f"{entry.lesson_id} is not in your lessons."),
                severity="warning",
                markup=False,
            )
            return
        self.freefeet.start_lesson(lesson)

    def action_checkin(self) -> None:
        from freefeet_tui.tui.screens.checkin import CheckInForm

        self.app.push_screen(CheckInForm())

    def action_plan(self) -> None:
        from freefeet_tui.tui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen())

    def action_history(self) -> None:
        from freefeet_tui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_lessons(self) -> None:
        from freefeet_tui.tui.screens.lessons import LessonsFromToday  # loaded when asked for

        self.app.push_screen(LessonsFromToday())

    def action_quit_app(self) -> None:
        self.app.exit()
