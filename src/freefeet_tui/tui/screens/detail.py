"""One lesson in full before starting it: purpose, when, safety, notes and the steps with times.

``s`` or Enter starts the player in place of this screen (quitting the player goes back to
the lessons list); Escape goes back. Everything from the lesson file is shown literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.wording import tempo_length_text
from freefeet_tui.tui.screens.base import FreefeetScreen
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.lesson_text import StepTable, origin_marker
from freefeet_tui.tui.widgets.literal import Literal


def fact_row(label: str, value: str, *, id: str | None = None) -> Horizontal:
    """A label and a literal value side by side, like ``When   Before a run``."""
    return Horizontal(
        Static(label, classes="fact-label"),
        Literal(value, classes="fact-value"),
        classes="fact",
        id=id,
    )


class LessonDetailScreen(FreefeetScreen[None]):
    """What a lesson is for, when to do it and how its time is spent."""

    CSS_PATH = "detail.tcss"  # parsed when the screen first opens, not at start-up
    HELP_NAME = "Lesson details"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "start", "Start", tooltip="Play this lesson", id="detail.start"),
        Binding("escape", "back", "Back", tooltip="Back to the lessons", id="detail.back"),
        Binding("q", "quit_app", "Quit", tooltip="Close freefeet", id="detail.quit"),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        lesson = self.lesson
        app = self.freefeet
        yield AppHeader()
        with VerticalScroll(id="detail-body"):
            yield Literal(lesson.title, id="detail-title")
            yield Literal(lesson.summary, id="detail-summary")
            yield fact_row("When", lesson.when, id="detail-when")
            yield fact_row(
                "Length", tempo_length_text(lesson.total_seconds, app.tempo), id="detail-length"
            )
            marker = origin_marker(lesson, app.builtin_ids)
            if marker:
                yield fact_row("Source", f"{marker}: {lesson.path.name}", id="detail-source")
            steps = StepTable(lesson, id="detail-steps")
            steps.border_title = f"Steps ({len(lesson.steps)})"
            yield steps
            if lesson.notes:
                notes = Literal(lesson.notes, id="detail-notes")
                notes.border_title = "Notes"
                yield notes
            yield Literal(lesson.safety, id="detail-safety")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self.query_one("#detail-body").focus()

    def action_start(self) -> None:
        self.freefeet.start_lesson(self.lesson, replace=True)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_quit_app(self) -> None:
        self.app.exit()
