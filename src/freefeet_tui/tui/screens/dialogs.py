"""The screens around the player: the quit confirmation and the calm finished view.

The finished view offers the check-in form (``c``): the moment a lesson ends is when the
runner is most likely to log how the feet feel. After a lesson with a closing scan it first
asks how walking feels compared with the start: one key, 1 (much worse) to 5 (much easier),
saved with the session as ``scan_change`` (-2 to 2); not answering skips it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from freefeet_tui.core.events import LessonFinished
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import CheckIn, ProgressError, Session
from freefeet_tui.core.wording import SCAN_ANSWERS, SCAN_QUESTION, practised_text, scan_change_words
from freefeet_tui.tui.screens.base import FreefeetModal, FreefeetScreen, PaletteCommand
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
SCAN_CHOICES = "  ".join(f"{key} {answer}" for key, answer in enumerate(SCAN_ANSWERS, start=1))
SCAN_SKIP = "Press a number, or leave it unanswered."


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
        *[
            Binding(
                str(n),
                f"scan({n})",
                "Walking",
                show=n == 1,
                key_display="1-5" if n == 1 else None,
                tooltip="How walking feels after the closing scan: 1 much worse to 5 much easier",
                id=f"finished.scan_{n}",
            )
            for n in range(1, 6)
        ],
    ]

    def __init__(
        self, lesson: Lesson, finished: LessonFinished, session: Session | None = None
    ) -> None:
        super().__init__()
        self.lesson = lesson
        self.finished = finished
        self.session = session
        """The session as saved when the lesson ended (None: not recorded)."""
        self.back_to = "lessons"
        """The screen Enter goes back to: ``lessons`` or ``today``."""

    @property
    def asks_scan(self) -> bool:
        """Whether to ask how walking feels: a lesson with a closing scan, played to its end
        and recorded."""
        return self.finished.completed and self.lesson.has_closing_scan and self.session is not None

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
            if self.asks_scan:
                with Vertical(id="finished-scan"):
                    yield Static(SCAN_QUESTION, id="scan-question")
                    yield Static(SCAN_CHOICES, id="scan-choices")
                    yield Literal(SCAN_SKIP, id="scan-answer")
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
        if action == "scan":
            return self.asks_scan
        return True

    def action_scan(self, key: int) -> None:
        """Save the answer with the session (a second key changes it)."""
        if self.session is None or not self.asks_scan:
            return
        change = key - 3
        answer = self.query_one("#scan-answer", Literal)
        try:
            self.session = self.freefeet.store.update_session(
                replace(self.session, scan_change=change)
            )
        except (ProgressError, OSError, KeyError, ValueError) as error:
            message = str(error.args[0]) if isinstance(error, KeyError) else str(error)
            answer.update(f"Not saved: {message}")
            return
        answer.update(f"Saved: compared with the start, walking feels {scan_change_words(change)}.")
        answer.add_class("-saved")

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """After a closing scan, the five answers (what keys 1 to 5 do) in the palette too."""
        if not self.asks_scan:
            return
        for key, answer in enumerate(SCAN_ANSWERS, start=1):
            yield PaletteCommand(
                f"Walking feels {answer} ({key})",
                "Compared with the start of the lesson; saved with the session",
                partial(self.action_scan, key),
            )

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
