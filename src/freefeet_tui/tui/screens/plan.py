"""The plan ahead, one key from Today (``p``): the next days as ``freefeet plan`` prints them.

One dated line per day, made by ``core/day_report.plan_line`` as for the command: the lessons,
the run the run guide suggests if pain stays low, the morning check-in, and rest days. Today's
line is bold, rest days dimmed. The safety line stands under the runs, as everywhere a run is
suggested. ``+`` and ``-`` show a week more or less; Escape goes back to Today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from freefeet_tui.core.day_report import PLAN_NOTE, day_titles, plan_heading, plan_line
from freefeet_tui.core.lesson import SAFETY_LINE
from freefeet_tui.core.schedule import Verdict, agenda
from freefeet_tui.tui.screens.base import FreefeetScreen
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal

if TYPE_CHECKING:
    from freefeet_tui.core.schedule import PlanDay

PLAN_DAYS = 14
WEEK = 7
MAX_DAYS = 8 * WEEK


class PlanScreen(FreefeetScreen[None]):
    """The next days of the programme, from today."""

    CSS_PATH = "plan.tcss"
    HELP_NAME = "Plan"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "plus,equals_sign",
            "days(7)",
            "Week more",
            key_display="+",
            tooltip="Show a week more",
            id="plan.more",
        ),
        Binding(
            "minus",
            "days(-7)",
            "Week less",
            key_display="-",
            tooltip="Show a week less",
            id="plan.less",
        ),
        Binding("escape,p", "back", "Back", tooltip="Back to Today", id="plan.back"),
        Binding("q", "quit_app", "Quit", tooltip="Close freefeet", id="plan.quit"),
    ]

    def __init__(self, days: int = PLAN_DAYS) -> None:
        super().__init__()
        self.days = days

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="plan-body"):
            yield Static(id="plan-days")
            yield Literal(PLAN_NOTE, id="plan-note")
            yield Literal(SAFETY_LINE, id="plan-safety")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Plan"
        self.show_plan()

    def plan(self) -> list[PlanDay]:
        app = self.freefeet
        history = app.store.recent(app.today)
        self.titles = day_titles(history, app.library)
        return agenda(app.today, history, app.program, self.days, app.today)

    def show_plan(self) -> None:
        days = self.plan()
        box = self.query_one("#plan-days", Static)
        box.border_title = plan_heading(days, self.freefeet.program)
        box.update(Content("\n").join(self.line(day) for day in days))

    def line(self, day: PlanDay) -> Content:
        """The command's line for the day; today's in bold, a rest day dimmed (literal text)."""
        text = Content(plan_line(day, self.titles))
        if day.day == self.freefeet.today:
            return text.stylize("bold")
        if day.rest_day:
            return text.stylize("$text-muted")
        return text if day.verdict == Verdict.AHEAD else text.stylize("$success")

    def action_days(self, change: int) -> None:
        self.days = max(WEEK, min(MAX_DAYS, self.days + change))
        self.show_plan()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_quit_app(self) -> None:
        self.app.exit()
