"""The sound hook: which cue each engine event calls for, and what a cue output must offer.

The TUI's terminal bell, plain mode and the audio backends all implement :class:`CueOutput`;
:class:`CueRouter` subscribes to an engine and forwards events to one output, honouring mute.
Events that are only spoken (a prompt, the get-ready count) have no cue sound: the router
hands them to the output's ``speak`` when it has one (a :class:`SpeakingOutput`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from freefeet_tui.core.events import (
    CarryOn,
    CountdownTick,
    Event,
    GetReady,
    Halfway,
    LessonFinished,
    PromptDue,
    ReadyCount,
    RepStarted,
    RestStarted,
    SideSwitched,
    StepStarted,
)

SPOKEN_ONLY = (PromptDue, GetReady, ReadyCount)
"""Events with words but no cue sound of their own."""


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
    if isinstance(event, StepStarted | RestStarted | CarryOn):
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


class SpeakingOutput(CueOutput, Protocol):
    """A cue output with a voice: ``speak`` says an event that has no cue sound (a prompt, a
    second of the get-ready count). Like ``play`` it returns at once and never raises."""

    def speak(self, event: Event) -> None: ...


class CueRouter:
    """Forwards engine events to a cue output; ``muted`` silences it without unsubscribing."""

    def __init__(self, output: CueOutput, muted: bool = False) -> None:
        self.output = output
        self.muted = muted

    def __call__(self, event: Event) -> None:
        if self.muted:
            return
        cue = cue_for(event)
        if cue is not None:
            self.output.play(cue, event)
        elif isinstance(event, SPOKEN_ONLY):
            speak = getattr(self.output, "speak", None)
            if speak is not None:
                speak(event)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted
