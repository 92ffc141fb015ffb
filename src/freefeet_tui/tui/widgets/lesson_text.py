"""Lesson text for the screen: shown literally, never read as Rich or Textual markup.

Lesson files are written by users; a cue like ``[@click=app.quit]`` must appear as typed and
run nothing, and a control character in one is shown (``^[``), never sent to the terminal.
Everything here turns file text into :class:`Content`/:class:`Text` objects or
``Static(markup=False)`` widgets; step timing is worded by ``core.wording`` ("8 reps of 4 s").
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from freefeet_tui.core.lesson import Lesson, Origin, Step
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import length_text, step_time

NO_REST = "—"


def literal(text: str) -> Content:
    """File or user text as Textual content: no markup parsing, no control characters."""
    return Content(visible(text, keep_newlines=True))


def rest_time(step: Step) -> str:
    return length_text(step.rest) if step.rest > 0 else NO_REST


def origin_marker(lesson: Lesson, builtin_ids: frozenset[str]) -> str:
    """``yours`` for a user lesson, noting when it replaces a built-in one of the same id."""
    if lesson.origin is Origin.USER:
        return "yours, replaces built-in" if lesson.id in builtin_ids else "yours"
    if lesson.origin is Origin.FILE:
        return "file"
    return ""


def steps_table(lesson: Lesson) -> Table:
    """A Rich table of the steps: number, title, time and rest; cells are literal Text."""
    table = Table(
        expand=True,
        box=None,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        padding=(0, 1),
    )
    table.add_column("#", justify="right", width=2, no_wrap=True)
    table.add_column("Step", ratio=1)
    table.add_column("Time")
    table.add_column("Rest", justify="right", no_wrap=True)
    for number, step in enumerate(lesson.steps, start=1):
        table.add_row(
            Text(str(number), style="dim"),
            Text(visible(step.title)),
            Text(step_time(step)),
            Text(rest_time(step), style="dim"),
        )
    return table


class StepTable(Static):
    """The steps of a lesson as a table that wraps to the width it is given."""

    def __init__(self, lesson: Lesson, *, id: str | None = None) -> None:
        super().__init__(steps_table(lesson), id=id)
        self.lesson = lesson

    def step_rows(self) -> list[tuple[str, str, str]]:
        """The title, time and rest of each row, as displayed (handy for tests)."""
        return [(s.title, step_time(s), rest_time(s)) for s in self.lesson.steps]
