"""Events the timing engine emits. The TUI, plain mode and sound all listen to the same stream."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from freefeet_tui.core.lesson import Lesson, Step


class SegmentKind(StrEnum):
    """What a stretch of lesson time is for."""

    WORK = "work"
    REST = "rest"
    SWITCH = "switch"


@dataclass(frozen=True, slots=True)
class Segment:
    """One timed stretch of a played lesson: a step on one side, a switch, or a rest.

    ``duration`` is in real seconds, already scaled by the tempo.
    """

    kind: SegmentKind
    step: Step
    step_index: int
    side: str | None
    duration: float

    @property
    def rep_time(self) -> float | None:
        """Real seconds per rep, for a rep-counted work segment."""
        if self.kind is not SegmentKind.WORK or self.step.reps is None:
            return None
        return self.duration / self.step.reps

    @property
    def title(self) -> str:
        if self.kind is SegmentKind.REST:
            return "Rest"
        if self.kind is SegmentKind.SWITCH:
            return f"Switch to the {self.side} side"
        return f"{self.step.title} ({self.side})" if self.side else self.step.title


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every engine event; ``elapsed`` is running time in seconds, pauses excluded."""

    elapsed: float


@dataclass(frozen=True, slots=True)
class LessonStarted(Event):
    lesson: Lesson
    total_seconds: float


@dataclass(frozen=True, slots=True)
class StepStarted(Event):
    segment: Segment
    index: int


@dataclass(frozen=True, slots=True)
class RestStarted(Event):
    """A rest begins; ``up_next`` is the next segment with movement in it (None: the end)."""

    segment: Segment
    index: int
    up_next: Segment | None = None


@dataclass(frozen=True, slots=True)
class SideSwitched(Event):
    step: Step
    side: str


@dataclass(frozen=True, slots=True)
class RepStarted(Event):
    step: Step
    rep: int
    reps: int


@dataclass(frozen=True, slots=True)
class CountdownTick(Event):
    remaining: int


@dataclass(frozen=True, slots=True)
class Halfway(Event):
    step: Step


@dataclass(frozen=True, slots=True)
class PromptDue(Event):
    """One of a step's prompts is due: ``number`` of ``count``, on the segment's side."""

    segment: Segment
    text: str
    number: int
    count: int


@dataclass(frozen=True, slots=True)
class GetReady(Event):
    """A get-ready count of ``seconds`` begins before ``segment``: at the start of the lesson
    (``after_pause`` False) or when a paused lesson carries on (True)."""

    segment: Segment
    seconds: float
    after_pause: bool


@dataclass(frozen=True, slots=True)
class ReadyCount(Event):
    """A whole second of the get-ready count: ``remaining`` seconds before the lesson goes on."""

    remaining: int


@dataclass(frozen=True, slots=True)
class CarryOn(Event):
    """The count after a pause has ended and ``segment`` runs again from where it stopped."""

    segment: Segment


@dataclass(frozen=True, slots=True)
class Paused(Event):
    pass


@dataclass(frozen=True, slots=True)
class Resumed(Event):
    pass


@dataclass(frozen=True, slots=True)
class LessonFinished(Event):
    """The lesson ran to its end (``completed``) or was stopped early by the user."""

    completed: bool
    steps_done: int
    steps_total: int


Listener = Callable[[Event], None]
