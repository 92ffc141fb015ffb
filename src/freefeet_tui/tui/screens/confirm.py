"""Yes-or-no questions over the current screen: leave a form unsaved, delete a record, save
a day more than a year before the log.

``y`` answers yes, ``n`` or Escape no; Enter presses the focused button, which starts on the
safe answer, so a stray Enter never throws anything away. :class:`Confirm` takes its keys in
order (``key_order``), so Escape then ``y`` typed together reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from freefeet_tui.core.progress import ProgressError
from freefeet_tui.core.progress.checks import FAR_BEFORE, far_before
from freefeet_tui.core.wording import long_day
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal


class Confirm(OrderedKeys[bool], FreefeetModal[bool]):
    """Dismisses with True for yes. ``question`` and ``detail`` are shown literally."""

    CSS_PATH = "confirm.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", tooltip="Yes, do it", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", tooltip="No, leave it", id="confirm.no"),
    ]

    def __init__(self, title: str, question: str, yes: str, no: str, detail: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.title_text
            yield Literal(self.question, id="confirm-question")
            if self.detail:
                yield Literal(self.detail, id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label}  y", id="confirm-yes", variant="error")
                yield Button(f"{self.no_label}  n", id="confirm-no", variant="primary")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.set_focus(self.query_one("#confirm-no", Button))  # now: keys may be waiting
        await self.keys_ready()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
        self.pass_keys_on()


def first_day_if_far(day: date, today: date, first_day: Callable[[], date | None]) -> date | None:
    """The log's first day when ``day`` is more than a year before it, else ``None``; only a
    day over a year back can be, so only then is ``first_day`` (the oldest year) read."""
    if day >= today - FAR_BEFORE:
        return None
    try:
        first = first_day()
    except ProgressError:
        return None  # the save itself says what is wrong with the log
    return first if far_before(day, first) else None


class FarDayConfirm(FreefeetModal[bool]):
    """Asks before saving a record (a check-in, a day off) for a day more than a year before
    the log's first record: ``y`` saves, ``n`` or Escape goes back to the form. "Go back" has
    the focus, so a stray Enter saves nothing."""

    DEFAULT_CSS = """
    FarDayConfirm { align: center middle; }
    #far-dialog { width: 60; max-width: 100%; height: auto; border: round $warning;
        padding: 0 1; background: $surface; }
    #far-buttons { height: auto; align-horizontal: right; }
    #far-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Save it", tooltip="Save it all the same", id="far_day.yes"),
        Binding(
            "n,escape", "answer(False)", "Go back", tooltip="Back to the form", id="far_day.no"
        ),
    ]

    def __init__(self, day: date, first: date) -> None:
        super().__init__()
        self.day = day
        self.first = first

    def compose(self) -> ComposeResult:
        with Vertical(id="far-dialog") as dialog:
            dialog.border_title = "Check the date"
            yield Static(
                f"{long_day(self.day)} is more than a year before "
                f"your log's first record ({self.first.isoformat()}). Save it anyway?",
                id="far-question",
            )
            with Horizontal(id="far-buttons"):
                yield Button("Save it  y", id="far-yes", variant="warning", compact=True)
                yield Button("Go back  n", id="far-no", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#far-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "far-yes")

    def action_answer(self, save: bool) -> None:
        self.dismiss(save)
