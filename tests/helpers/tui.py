"""Shared pieces for the TUI tests: fixed lesson files, a recording cue output, clock helpers.

The lessons here are fixed text (not the built-in lessons, which change as they are written),
so Pilot tests and SVG snapshots stay deterministic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Digits, OptionList, Static

from freefeet_tui.core.cues import Cue
from freefeet_tui.core.engine import Status
from freefeet_tui.core.events import Event
from freefeet_tui.core.library import Library, load_library
from freefeet_tui.tui.app import FreefeetApp, create_app
from freefeet_tui.tui.screens.player import PlayerScreen

FEET_LESSON = """\
schema = 1
id = "steady-feet"
title = "Steady Feet"
summary = "Small, slow foot movements that let the heel lift and the arch shorten again."
when = "Before a run. Do it on a quiet day first."
notes = "Keep every range small; you are exploring, not training."

[[steps]]
id = "scan"
title = "Scan: how you stand"
cue = "Stand easy and notice where your weight rests."
duration = "20s"

[[steps]]
id = "heel-lift"
title = "Heel lift"
cue = "Lift this heel a little and set it down slowly."
avoid = "Keep it small: no pushing into strain."
per_side = true
reps = 4
rep_time = "3s"
rest = "10s"

[[steps]]
id = "bridge"
title = "Bridge"
cue = "Squeeze your buttocks to lift your hips a hand's width."
avoid = "Belly soft: do not tighten your abs."
duration = "30s"
"""

USER_LESSON = """\
schema = 1
id = "my-warm-up"
title = "My warm-up"
summary = "The short routine my coach gave me."
when = "Right before each run."

[[steps]]
id = "march"
title = "March on the spot"
cue = "March slowly, letting each heel lift first."
duration = "45s"
"""

MARKUP_CUE = "Press [bold]here[/bold] [@click=app.quit]now[/]"

MARKUP_LESSON = f"""\
schema = 1
id = "markup"
title = "Title [b]not bold[/b]"
summary = "Summary [@click=app.quit]click[/]"
when = "When [red]red[/red]"
notes = "Notes [i]plain[/i]"

[[steps]]
id = "press"
title = "Step [u]one[/u]"
cue = "{MARKUP_CUE}"
avoid = "Avoid [blink]this[/blink]"
duration = "20s"
"""


class ClockLike(Protocol):
    """The conftest ``clock`` fixture: a callable clock the test moves by hand."""

    def __call__(self) -> float: ...

    def advance(self, seconds: float) -> None: ...


class WriteLesson(Protocol):
    def __call__(self, text: str = ..., name: str = ..., folder: Path | None = ...) -> Path: ...


class RecordingOutput:
    """A cue output that remembers every cue it was asked to play."""

    def __init__(self) -> None:
        self.played: list[tuple[Cue, Event]] = []

    def play(self, cue: Cue, event: Event) -> None:
        self.played.append((cue, event))

    @property
    def cues(self) -> list[Cue]:
        return [cue for cue, _ in self.played]


def fixed_library(folder: Path, write_lesson: WriteLesson) -> Library:
    """The two fixed lessons as built-ins plus one user lesson, loaded like the real library."""
    builtin, user = folder / "builtin", folder / "user"
    write_lesson(FEET_LESSON, "steady-feet.toml", builtin)
    write_lesson(USER_LESSON, "my-warm-up.toml", user)
    return load_library(builtin, user)


def fixed_app(
    folder: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    *,
    play: str | None = None,
    output: RecordingOutput | None = None,
) -> FreefeetApp:
    """An app on the fixed library; ``play`` opens the player on that lesson id directly."""
    library = fixed_library(folder, write_lesson)
    lesson = library.get(play) if play else None
    return create_app(
        library=library, lesson=lesson, clock=clock, cue_output=output or RecordingOutput()
    )


def player(app: FreefeetApp) -> PlayerScreen:
    screen = app.screen
    assert isinstance(screen, PlayerScreen), f"expected the player, found {type(screen).__name__}"
    return screen


async def let_timer_tick(pilot: Pilot[None], ticks: int = 2, limit: float = 10.0) -> None:
    """Wait until the player's own 0.1 s timer has ticked ``ticks`` more times (or it left)."""
    screen = pilot.app.screen
    if not isinstance(screen, PlayerScreen):
        await pilot.pause()
        return
    target = screen.ticks + ticks
    waited = 0.0
    while screen.ticks < target and screen.is_current and waited < limit:
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()


def top_screen(app: App[None]) -> Screen[object]:
    """The screen on top now (a function, so type checkers do not keep an earlier narrowing)."""
    return app.screen


def status(screen: PlayerScreen) -> Status:
    return screen.running_engine.status


async def advance(pilot: Pilot[None], clock: ClockLike, seconds: float) -> None:
    """Move the fake clock on, then let the player's timer notice it."""
    clock.advance(seconds)
    await let_timer_tick(pilot)


def shown(screen: Screen[Any], selector: str) -> str:
    """The plain text a Static-like widget on ``screen`` displays, markup and all."""
    visual = screen.query_one(selector, Static).visual
    assert isinstance(visual, Content), f"{selector} shows {type(visual).__name__}, not text"
    return visual.plain


def countdown(screen: PlayerScreen) -> str:
    return screen.query_one("#countdown", Digits).value


def prompts(screen: Screen[Any]) -> list[str]:
    """The text of each entry in the screen's option list (separators left out)."""
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
