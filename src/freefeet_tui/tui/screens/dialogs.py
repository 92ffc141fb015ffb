"""The screens around the player: the quit confirmation and the calm finished view."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Static

from freefeet_tui.core.durations import format_length
from freefeet_tui.core.events import LessonFinished
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.tui.widgets.lesson_text import Literal

if TYPE_CHECKING:
    from freefeet_tui.tui.app import FreefeetApp


class QuitConfirm(ModalScreen[bool]):
    """Asks before stopping a lesson: ``y`` or a second ``q`` stops, ``n`` or Escape carries on.

    Dismisses with True to stop. Enter presses the focused button, which starts on
    "Keep going" so a stray Enter never ends a lesson.
    """

    CSS_PATH = "quit.tcss"  # parsed when the screen first opens, not at start-up

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Stop", id="quit_confirm.yes"),
        Binding("q", "confirm", "Stop", show=False, id="quit_confirm.again"),
        Binding("n", "cancel", "Keep going", id="quit_confirm.no"),
        Binding("escape", "cancel", "Keep going", show=False, id="quit_confirm.escape"),
    ]

    def __init__(self, lesson_title: str) -> None:
        super().__init__()
        self.lesson_title = lesson_title

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-dialog") as dialog:
            dialog.border_title = "Stop the lesson?"
            yield Literal(self.lesson_title, id="quit-lesson")
            yield Static("The lesson is paused. Stop it and leave the player?", id="quit-question")
            with Horizontal(id="quit-buttons"):
                yield Button("Stop  y", id="quit-yes", variant="error")
                yield Button("Keep going  n", id="quit-no", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit-yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def practised_text(finished: LessonFinished) -> str:
    return format_length(finished.elapsed) if finished.elapsed >= 1 else "under a second"


class FinishedScreen(Screen[None]):
    """Shown when a lesson ends: well done, time practised and how many steps were done."""

    CSS_PATH = "finished.tcss"  # parsed when the screen first opens, not at start-up

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "leave", "Back to lessons", id="finished.back"),
        Binding("enter", "close", "Close", id="finished.close"),
        Binding("escape", "back", "Back", show=False, id="finished.escape"),
        Binding("q", "quit_app", "Quit", id="finished.quit"),
    ]

    def __init__(self, lesson: Lesson, finished: LessonFinished) -> None:
        super().__init__()
        self.lesson = lesson
        self.finished = finished

    @property
    def freefeet(self) -> FreefeetApp:
        from freefeet_tui.tui.app import FreefeetApp

        assert isinstance(self.app, FreefeetApp)
        return self.app

    def compose(self) -> ComposeResult:
        done = self.finished
        headline = "Well done." if done.completed else "Lesson ended."
        yield Header()
        with Vertical(id="finished-center"), Vertical(id="finished-panel") as panel:
            panel.border_title = "Lesson finished" if done.completed else "Lesson stopped"
            yield Static(headline, id="finished-headline")
            yield Literal(self.lesson.title, id="finished-lesson")
            yield Static(f"Time practised   {practised_text(done)}", id="finished-time")
            yield Static(
                f"Steps done       {done.steps_done} of {done.steps_total}", id="finished-steps"
            )
            yield Static(self.hint(), id="finished-hint")
        yield Footer()

    def hint(self) -> str:
        where = "close freefeet" if self.freefeet.play_only else "go back to the lessons"
        return f"Press Enter to {where}."

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter says "Back to lessons", or "Close" when the app only plays this lesson."""
        if action == "leave":
            return not self.freefeet.play_only
        if action == "close":
            return self.freefeet.play_only
        return True

    def action_leave(self) -> None:
        self.freefeet.leave_lesson()

    def action_close(self) -> None:
        self.freefeet.leave_lesson()

    def action_back(self) -> None:
        self.freefeet.leave_lesson()

    def action_quit_app(self) -> None:
        self.app.exit()
