"""What the player shows at one instant, worked out from the engine without touching widgets.

Keeping this a plain value lets the screen compare it with what is on display and repaint only
the parts that changed, and lets tests check the wording without running an app.
"""

from __future__ import annotations

from dataclasses import dataclass

from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.events import Segment, SegmentKind
from freefeet_tui.core.wording import countdown_text


@dataclass(frozen=True, slots=True)
class PlayerView:
    """Every value the player screen displays; ``None``/empty hides that part."""

    heading: str
    title: str
    cue: str
    avoid: str | None
    detail: str
    clock: str
    next_line: str
    position: int
    total: float
    time_left: str
    paused: bool
    kind: SegmentKind


def side_text(side: str | None) -> str:
    return f"{side.capitalize()} side" if side else ""


def work_title(segment: Segment) -> str:
    """A work segment's title with its side spelled out: ``Bridge, left side``."""
    if segment.side:
        return f"{segment.step.title}, {segment.side} side"
    return segment.step.title


def detail_text(engine: Engine) -> str:
    """The rep and side line: ``Rep 3 of 8 · Left side``, or just one part, or nothing."""
    segment = engine.segment
    parts: list[str] = []
    if segment.kind is SegmentKind.SWITCH:
        return f"{side_text(segment.side)} next"
    rep = engine.current_rep()
    if segment.kind is SegmentKind.WORK and segment.step.reps and rep:
        parts.append(f"Rep {rep} of {segment.step.reps}")
    if segment.kind is SegmentKind.WORK and segment.side:
        parts.append(side_text(segment.side))
    return " · ".join(parts)


def next_text(engine: Engine) -> str:
    upcoming = engine.next_work()
    return f"Next: {work_title(upcoming)}" if upcoming else "Next: the end of the lesson"


def player_view(engine: Engine) -> PlayerView:
    """The display values for the engine's current segment and clock."""
    segment = engine.segment
    steps = len(engine.lesson.steps)
    heading = f"Step {segment.step_index + 1} of {steps}"
    avoid: str | None = None
    next_line = next_text(engine)
    if segment.kind is SegmentKind.REST:
        upcoming = engine.next_work()
        title = "Rest"
        cue = f"Up next: {work_title(upcoming)}" if upcoming else "Last rest: the lesson ends here"
        heading = f"Rest after step {segment.step_index + 1} of {steps}"
        next_line = ""
    elif segment.kind is SegmentKind.SWITCH:
        title = segment.step.title
        cue = segment.title
    else:
        title = segment.step.title
        cue = segment.step.cue
        avoid = segment.step.avoid or None
    return PlayerView(
        heading=heading,
        title=title,
        cue=cue,
        avoid=avoid,
        detail=detail_text(engine),
        clock=countdown_text(engine.remaining()),
        next_line=next_line,
        position=int(engine.position()),
        total=engine.total,
        time_left=f"{countdown_text(engine.time_left())} left",
        paused=engine.status is Status.PAUSED,
        kind=segment.kind,
    )
