"""A Static for text from files and users: shown exactly as typed, never read as markup.

A cue like ``[@click=app.quit]`` or a note with ``[b]`` must appear as typed and run nothing.
Kept in its own small module so that screens which only need it (Today, first of all) do not
load the lesson-text helpers and Rich's tables at start-up.
"""

from __future__ import annotations

from textual.widgets import Static


class Literal(Static):
    """A Static that never parses markup: ``update("[b]x")`` shows ``[b]x``."""

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(text, markup=False, id=id, classes=classes)
