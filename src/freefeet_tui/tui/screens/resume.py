"""The resume prompt: a lesson was left unfinished (freefeet was closed or killed mid-lesson).

At start-up the app looks for the newest open session of this year and last whose lesson is
still in the library and asks whether to carry on at the step it stopped on: ``y`` opens the
player there (the same session goes on), ``n`` or Escape leaves it for now (it is offered
again next time), ``e`` ends it as a partial session as it stands, so it is not offered again.
"""

from __future__ import annotations

import typing
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.library import Library
from freefeet_tui.core.progress import ProgressError, ProgressStore, Session
from freefeet_tui.core.wording import day_word, practised_text, short_day
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal


def resumable(store: ProgressStore, library: Library, today: date) -> tuple[Lesson, Session] | None:
    """The newest unfinished session that can be resumed, with its lesson; ``None`` if none."""
    try:
        sessions = store.open_sessions(today)
    except (ProgressError, OSError):
        return None
    for session in sessions:
        lesson = library.get(session.lesson_id)
        if lesson is not None and lesson.steps:
            return lesson, session
    return None


def where_text(lesson: Lesson, session: Session) -> str:
    """``Step 2 of 3: Heel lift``: where the lesson will carry on."""
    from freefeet_tui.core.recorder import (
        resume_step,  # the recorder loads the engine: only if asked
    )

    index = resume_step(session, lesson)
    return f"Step {index + 1} of {len(lesson.steps)}: {lesson.steps[index].title}"


def when_text(session: Session, today: date) -> str:
    """``Started yesterday at 07:30; 4 min 10 s practised.``"""
    day = day_word(session.day, today) or f"on {short_day(session.day)}"
    practised = practised_text(session.seconds)
    return f"Started {day} at {session.start:%H:%M}; {practised} practised."


Answer = typing.Literal["resume", "later", "ended"]


def ended(session: Session) -> Session:
    """The unfinished session closed as partial, as far as it got, at its last checkpoint."""
    return session.finish(
        completed=False,
        seconds=session.seconds,
        steps_done=session.steps_done,
        stop_index=session.stop_index,
        stop_step=session.stop_step,
        now=session.end,
    )


class ResumePrompt(FreefeetModal[Answer]):
    """Asks whether to resume ``session`` of ``lesson``: dismisses with ``"resume"``,
    ``"later"``, or ``"ended"`` once the session is saved as partial (in a worker thread)."""

    CSS_PATH = "resume.tcss"
    HELP_NAME = "Resume"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "resume", "Resume", tooltip="Carry on at that step", id="resume.yes"),
        Binding("n,escape", "later", "Not now", tooltip="Ask again next time", id="resume.no"),
        Binding("e", "end", "End it", tooltip="Save it as stopped there", id="resume.end"),
    ]

    def __init__(
        self,
        lesson: Lesson,
        session: Session,
        store: ProgressStore,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.lesson = lesson
        self.session = session
        self.store = store
        self.today = today if today is not None else session.day

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-dialog") as dialog:
            dialog.border_title = "Carry on where you stopped?"
            yield Literal(self.lesson.title, id="resume-lesson")
            yield Literal(where_text(self.lesson, self.session), id="resume-step")
            yield Static(when_text(self.session, self.today), id="resume-when")
            yield Literal("", id="resume-message", classes="-hidden")
            with Horizontal(id="resume-buttons"):
                yield Button("End it  e", id="resume-end", compact=True)
                yield Button("Not now  n", id="resume-no", compact=True)
                yield Button("Resume  y", id="resume-yes", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#resume-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "resume-yes":
            self.action_resume()
        elif event.button.id == "resume-end":
            self.action_end()
        else:
            self.action_later()

    def action_resume(self) -> None:
        self.dismiss("resume")

    def action_later(self) -> None:
        self.dismiss("later")

    def action_end(self) -> None:
        closed = ended(self.session)
        store = self.store
        self.run_worker(
            lambda: store.update_session(closed),
            name="end-session",
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "end-session":
            return
        if event.state is WorkerState.SUCCESS:
            self.dismiss("ended")
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            message = self.query_one("#resume-message", Literal)
            message.update(f"Not saved: {event.worker.error}")
            message.remove_class("-hidden")
