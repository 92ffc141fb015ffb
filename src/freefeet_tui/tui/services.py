"""What the screens need from the app, as a protocol: the user's data, the lessons, sound.

Screens reach the app through :attr:`FreefeetScreen.freefeet <freefeet_tui.tui.screens.base>`
typed as :class:`FreefeetServices`, so no screen imports the app module: the app imports its
screens, never the other way round (``lint-imports`` checks there is no cycle).
:class:`~freefeet_tui.tui.app.FreefeetApp` is checked against this protocol by mypy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from freefeet_tui.core.cues import CueRouter
    from freefeet_tui.core.events import LessonFinished
    from freefeet_tui.core.lesson import Lesson
    from freefeet_tui.core.library import Library
    from freefeet_tui.core.program import Program
    from freefeet_tui.core.progress import ProgressStore, Session
    from freefeet_tui.core.settings import Settings
    from freefeet_tui.tui.sound import AppSound


class FreefeetServices(Protocol):
    """The app as its screens see it."""

    library: Library
    store: ProgressStore
    program: Program
    settings: Settings
    tempo: float
    clock: Callable[[], float]
    builtin_ids: frozenset[str]
    sound: AppSound
    sound_notice: str | None
    voice_hint: str | None
    get_ready: float
    summaries: list[str]

    @property
    def today(self) -> date:
        """The date the screens work on (fixed in tests)."""

    @property
    def play_only(self) -> bool:
        """True when started on one lesson: leaving the player leaves the app."""

    @property
    def cue_router(self) -> CueRouter:
        """Routes engine events to the cue output, shared by every lesson."""

    def start_lesson(
        self,
        lesson: Lesson,
        *,
        replace: bool = False,
        resume: Session | None = None,
        tempo: float | None = None,
    ) -> None:
        """Open the player on ``lesson``."""

    def leave_lesson(self) -> None:
        """Back to the screen below the player, or exit in play mode."""

    def record_session(self, lesson: Lesson, finished: LessonFinished) -> None:
        """Remember how a lesson played in this run ended."""

    def session_not_saved(self, message: str) -> None:
        """A lesson's session could not be saved: ``freefeet`` then exits with code 1."""

    def action_show_keys(self) -> None:
        """Open (or close) the help listing the keys of the screen on top."""
