"""A yes-or-no question over the current screen: leave a form unsaved, delete a record.

``y`` answers yes, ``n`` or Escape no; Enter presses the focused button, which starts on the
safe answer, so a stray Enter never throws anything away. It takes its keys in order
(``key_order``), so Escape then ``y`` typed together reach it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

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
