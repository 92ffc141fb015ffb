"""The screens around the player: the quit confirmation and the calm finished view.

The finished view offers the check-in form (``c``): the moment a lesson ends is when the
runner is most likely to log how the feet feel.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from freefeet_tui.core.events import LessonFinished
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import CheckIn
from freefeet_tui.core.wording import practised_text
from freefeet_tui.tui.screens.base import FreefeetModal, FreefeetScreen
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal


class QuitConfirm(FreefeetModal[bool]):
    """Asks before stopping a lesson: ``y`` or a second ``q`` stops, ``n`` or Escape carries on.

    Dismisses with True to stop. Enter presses the focused button, which starts on
    "Keep going" so a stray Enter never ends a lesson.
    """

    CSS_PATH = "quit.tcss"  # parsed when the screen first opens, not at start-up
    HELP_NAME = "Stop the lesson?"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,q", "confirm", "Stop", tooltip="Stop the lesson", id="quit_confirm.yes"),
        Binding("n,escape", "cancel", "Keep going", tooltip="Back to it", id="quit_confirm.no"),
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
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit-yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


CHECKIN_OFFER = "Press c to log how your feet feel today."
CHECKIN_SAVED = "Check-in saved."


class FinishedScreen(FreefeetScreen[None]):
    """Shown when a lesson ends: well done, time practised, how many steps were done, and
    the offer of a check-in. Enter goes back to the screen the lesson was started from."""

    CSS_PATH = "finished.tcss"  # parsed when the screen first opens, not at start-up
    HELP_NAME = "Lesson finished"
    NAVIGATES = False  # Enter goes back to where the lesson was started

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c", "checkin", "Check in", tooltip="Log how your feet feel", id="finished.checkin"
        ),
        # Enter (or Escape) goes back; one of the three applies (check_action), one id for all.
        Binding("enter,escape", "leave", "Back to lessons", id="finished.back"),
        Binding("enter,escape", "leave_today", "Back to today", id="finished.back"),
        Binding("enter,escape", "close", "Close", tooltip="Close freefeet", id="finished.back"),
        Binding("q", "quit_app", "Quit", tooltip="Close freefeet", id="finished.quit"),
    ]

    def __init__(self, lesson: Lesson, finished: LessonFinished) -> None:
        super().__init__()
        self.lesson = lesson
        self.finished = finished
        self.back_to = "lessons"
        """The screen Enter goes back to: ``lessons`` or ``today``."""

    def compose(self) -> ComposeResult:
        done = self.finished
        headline = "Well done." if done.completed else "Lesson ended."
        yield AppHeader()
        with Vertical(id="finished-center"), Vertical(id="finished-panel") as panel:
            panel.border_title = "Lesson finished" if done.completed else "Lesson stopped"
            yield Static(headline, id="finished-headline")
            yield Literal(self.lesson.title, id="finished-lesson")
            yield Static(f"Time practised   {practised_text(done.elapsed)}", id="finished-time")
            yield Static(
                f"Steps done       {done.steps_done} of {done.steps_total}", id="finished-steps"
            )
            yield Static(CHECKIN_OFFER, id="finished-checkin")
            yield Static("", id="finished-hint")
        yield KeyBar()

    def hint(self) -> str:
        if self.freefeet.play_only:
            where = "close freefeet"
        else:
            where = "go back to today" if self.back_to == "today" else "go back to the lessons"
        return f"Press Enter to {where}."

    def on_mount(self) -> None:
        from freefeet_tui.tui.screens.today import TodayScreen

        self.sub_title = self.lesson.title
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        self.back_to = "today" if isinstance(below, TodayScreen) else "lessons"
        self.query_one("#finished-hint", Static).update(self.hint())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter says "Back to lessons", or "Close" when the app only plays this lesson."""
        if action == "leave":
            return not self.freefeet.play_only and self.back_to == "lessons"
        if action == "leave_today":
            return not self.freefeet.play_only and self.back_to == "today"
        if action == "close":
            return self.freefeet.play_only
        return True

    def action_leave(self) -> None:
        self.freefeet.leave_lesson()

    def action_leave_today(self) -> None:
        self.freefeet.leave_lesson()

    def action_checkin(self) -> None:
        from freefeet_tui.tui.screens.checkin import CheckInForm

        self.app.push_screen(CheckInForm(), self._after_checkin)

    def _after_checkin(self, saved: CheckIn | None) -> None:
        if saved is not None:
            self.query_one("#finished-checkin", Static).update(CHECKIN_SAVED)

    def action_close(self) -> None:
        self.freefeet.leave_lesson()

    def action_quit_app(self) -> None:
        self.app.exit()
