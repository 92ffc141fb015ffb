"""The sound hook: which cue each engine event calls for, and what a cue output must offer.

The TUI's terminal bell, plain mode and the audio backends all implement :class:`CueOutput`;
:class:`CueRouter` subscribes to an engine and forwards events to one output, honouring mute.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from freefeet_tui.core.events import (
    CountdownTick,
    Event,
    Halfway,
    LessonFinished,
    RepStarted,
    RestStarted,
    SideSwitched,
    StepStarted,
)


class Cue(StrEnum):
    """The cue sounds; their names match the files in ``audio/``."""

    STEP_START = "step-start"
    COUNTDOWN_TICK = "countdown-tick"
    SIDE_SWITCH = "side-switch"
    REP = "rep"
    HALFWAY = "halfway"
    LESSON_FINISHED = "lesson-finished"


def cue_for(event: Event) -> Cue | None:
    """The cue an event should sound, or None for events that stay silent."""
    if isinstance(event, StepStarted | RestStarted):
        return Cue.STEP_START
    if isinstance(event, SideSwitched):
        return Cue.SIDE_SWITCH
    if isinstance(event, CountdownTick):
        return Cue.COUNTDOWN_TICK
    if isinstance(event, RepStarted):
        return Cue.REP if event.rep > 1 else None  # rep 1 starts with the step's own chime
    if isinstance(event, Halfway):
        return Cue.HALFWAY
    if isinstance(event, LessonFinished):
        return Cue.LESSON_FINISHED if event.completed else None
    return None


class CueOutput(Protocol):
    """Something that can sound a cue; it must return at once and never raise."""

    def play(self, cue: Cue, event: Event) -> None: ...


class CueRouter:
    """Forwards engine events to a cue output; ``muted`` silences it without unsubscribing."""

    def __init__(self, output: CueOutput, muted: bool = False) -> None:
        self.output = output
        self.muted = muted

    def __call__(self, event: Event) -> None:
        cue = cue_for(event)
        if cue is not None and not self.muted:
            self.output.play(cue, event)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted
