"""Text for ``freefeet lessons list`` and ``lessons show``: aligned columns and wrapped prose.

Kept apart from the plain player so listing lessons never imports the timing engine.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from freefeet_tui.core.durations import format_clock, format_length
from freefeet_tui.core.lesson import Lesson, Step, step_total_seconds

PROSE_WIDTH = 100  # lessons show wraps prose here, or narrower on a narrow terminal


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (the list stays narrow; ``lessons show`` has the rest)."""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def lesson_table(lessons: Sequence[Lesson]) -> list[str]:
    """Aligned columns: id, title, length, where it came from, when to do it."""
    rows = [("ID", "TITLE", "LENGTH", "FROM", "WHEN")]
    rows += [
        (
            lesson.id,
            lesson.title,
            format_length(lesson.total_seconds),
            str(lesson.origin),
            first_sentence(lesson.when),
        )
        for lesson in lessons
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return ["  ".join([*(row[i].ljust(widths[i]) for i in range(4)), row[4]]) for row in rows]


def _prose_width() -> int:
    if sys.stdout.isatty():
        import shutil  # only ``lessons show`` wraps prose; ``lessons list`` stays lean

        return min(PROSE_WIDTH, shutil.get_terminal_size((PROSE_WIDTH, 24)).columns)
    return PROSE_WIDTH


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap prose to the screen, keeping the author's own line breaks and every word as is."""
    import textwrap

    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lead = indent if lines or first is None else first
        lines += textwrap.wrap(
            paragraph,
            width=_prose_width(),
            initial_indent=lead,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return lines


def step_length(step: Step) -> str:
    """How a step is timed, such as ``40 s``, ``8 reps of 3 s`` or ``1 min, each side``."""
    if step.reps is not None and step.rep_time is not None:
        text = f"{step.reps} rep{'s' if step.reps != 1 else ''} of {format_length(step.rep_time)}"
    else:
        text = format_length(step.work_seconds)
    return f"{text}, each side" if step.per_side else text


def lesson_details(lesson: Lesson) -> list[str]:
    """Everything ``lessons show`` prints: the lesson's texts, then each step from its start."""
    lines = [lesson.title, f"id {lesson.id}, {lesson.origin}, {lesson.path}", ""]
    lines += _wrap(lesson.summary)
    lines.append("")
    lines += _wrap(lesson.when, " " * 8, "When:   ")
    count = len(lesson.steps)
    lines.append(
        f"Length: {format_length(lesson.total_seconds)}, {count} step{'s' if count != 1 else ''}"
    )
    lines += _wrap(lesson.safety, " " * 8, "Safety: ")
    if lesson.notes:
        lines += ["", "Notes:", *_wrap(lesson.notes, "  ")]
    lines += ["", "Steps:"]
    start = 0.0
    pad = " " * 8
    for number, step in enumerate(lesson.steps, 1):
        lines.append(f"{format_clock(start):>6}  {number}. {step.title} ({step_length(step)})")
        lines += _wrap(step.cue, pad + "   ", pad + "   ")
        if step.avoid:
            lines += _wrap(step.avoid, pad + "   ", pad + "   Avoid: ")
        if step.per_side and lesson.switch > 0:
            lines.append(f"{pad}   Switch sides: {format_length(lesson.switch)}")
        if step.rest > 0:
            lines.append(f"{pad}   Rest {format_length(step.rest)}")
        start += step_total_seconds(step, lesson.switch)
    lines += ["", f"Total: {format_length(lesson.total_seconds)} ({format_clock(start)})"]
    return lines
