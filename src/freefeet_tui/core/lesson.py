"""Immutable lesson data: what a lesson file says once it has been checked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from freefeet_tui.core.errors import FileProblem

SCHEMA_VERSION = 1
MAX_CUE_LENGTH = 120  # characters of a cue or an avoid reminder: heard once, followed by ear
MAX_PROSE_LENGTH = 1000  # characters of a summary, when or safety text
MAX_NOTES_LENGTH = 4000
MAX_PART_SECONDS = 3600  # a step's duration, rep time or rest, and the switch
MAX_LESSON_SECONDS = 6 * 3600
DEFAULT_SWITCH_SECONDS = 5.0
MIN_TEMPO, MAX_TEMPO = 0.25, 100.0  # tempo 2 plays twice as fast

SAFETY_LINE = (
    "freefeet is not medical advice. Stop any movement that hurts. Sharp or worsening pain, "
    "numbness, night pain or a suspected rupture: see a clinician."
)


class Origin(StrEnum):
    """Where a lesson came from, shown next to its title."""

    BUILT_IN = "built-in"
    USER = "user"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class Step:
    """One step as written: done once, or once per side (left, then right)."""

    id: str
    title: str
    cue: str
    avoid: str | None = None
    duration: float | None = None
    reps: int | None = None
    rep_time: float | None = None
    per_side: bool = False
    rest: float = 0.0
    clip: Path | None = None

    @property
    def work_seconds(self) -> float:
        """Time for one side of the step (a rep step lasts reps x rep_time)."""
        if self.duration is not None:
            return self.duration
        assert self.reps is not None and self.rep_time is not None
        return self.reps * self.rep_time

    @property
    def sides(self) -> tuple[str | None, ...]:
        return ("left", "right") if self.per_side else (None,)


@dataclass(frozen=True, slots=True)
class Lesson:
    """A whole lesson: its purpose, when to do it and the steps in order."""

    id: str
    title: str
    summary: str
    when: str
    steps: tuple[Step, ...]
    path: Path
    origin: Origin = Origin.BUILT_IN
    safety: str = SAFETY_LINE
    notes: str = ""
    switch: float = DEFAULT_SWITCH_SECONDS
    schema: int = SCHEMA_VERSION

    @property
    def total_seconds(self) -> float:
        """Computed length at normal tempo: work per side, switches and rests."""
        return sum(step_total_seconds(step, self.switch) for step in self.steps)


def step_total_seconds(step: Step, switch: float) -> float:
    """A step's full time: its work (twice when per side), the switch between, and its rest."""
    sides = len(step.sides)
    return step.work_seconds * sides + switch * (sides - 1) + step.rest


class LessonError(FileProblem):
    """A lesson file that cannot be used, with where and why."""
