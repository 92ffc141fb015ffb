"""What the voice says for each engine event, and every line a lesson can say.

One place for the words, so the player speaks exactly the lines the clip cache has rendered:
:func:`spoken_lines` for an event as it happens, :func:`lesson_lines` for every line of a
lesson ahead of time (``freefeet voice render`` and the player's background preparation).
"""

from __future__ import annotations

from freefeet_tui.core.engine import build_plan
from freefeet_tui.core.events import (
    Event,
    GetReady,
    PromptDue,
    ReadyCount,
    RestStarted,
    Segment,
    SegmentKind,
    StepStarted,
)
from freefeet_tui.core.lesson import Lesson

GET_READY = "Get ready."
GET_READY_AGAIN = "Get ready to carry on."
LAST_REST = "Rest. The lesson ends after this rest."
SPOKEN_COUNT = 5
"""Only the last seconds of a get-ready count are said aloud: a longer count would chatter."""
NUMBER_WORDS = ("One.", "Two.", "Three.", "Four.", "Five.")


def work_title(segment: Segment) -> str:
    """A work segment's title with its side spelled out: ``Bridge, left side``."""
    if segment.side:
        return f"{segment.step.title}, {segment.side} side"
    return segment.step.title


def rest_line(up_next: Segment | None) -> str:
    """What a rest says: ``Rest. Next: Bridge, left side.``"""
    if up_next is None:
        return LAST_REST
    title = work_title(up_next)
    return f"Rest. Next: {title}" + ("" if title.endswith((".", "!", "?")) else ".")


def count_word(remaining: int) -> str | None:
    """The word for a second of the get-ready count, or None when it is not said aloud."""
    return NUMBER_WORDS[remaining - 1] if 1 <= remaining <= SPOKEN_COUNT else None


def spoken_lines(event: Event) -> tuple[str, ...]:
    """The lines the voice says for ``event``, in order; empty for events it leaves alone.

    A step's cue is among them even when the step has a recorded clip: the sound layer plays
    the clip in its place.
    """
    if isinstance(event, StepStarted) and event.segment.kind is SegmentKind.WORK:
        step = event.segment.step
        return (step.cue, step.avoid) if step.avoid else (step.cue,)
    if isinstance(event, RestStarted):
        return (rest_line(event.up_next),)
    if isinstance(event, PromptDue):
        return (event.text,)
    if isinstance(event, GetReady):
        return (GET_READY_AGAIN if event.after_pause else GET_READY,)
    if isinstance(event, ReadyCount):
        word = count_word(event.remaining)
        return (word,) if word else ()
    return ()


def lesson_lines(lesson: Lesson) -> list[str]:
    """Every line ``lesson`` can say, in playing order, each once: cues (except where a clip
    speaks instead), avoid reminders, prompts, what each rest says comes next, and the
    get-ready words."""
    lines: list[str] = [GET_READY, *reversed(NUMBER_WORDS), GET_READY_AGAIN]
    plan = build_plan(lesson)
    for index, segment in enumerate(plan):
        step = segment.step
        if segment.kind is SegmentKind.WORK:
            texts = [None if step.clip else step.cue, step.avoid]
            texts += [prompt.text for prompt in step.prompts]
        elif segment.kind is SegmentKind.REST:
            later = (s for s in plan[index + 1 :] if s.kind is SegmentKind.WORK)
            texts = [rest_line(next(later, None))]
        else:
            continue
        lines += [text for text in texts if text]
    return list(dict.fromkeys(lines))
