"""A Static for text from files and users: shown exactly as typed, never read as markup.

A cue like ``[@click=app.quit]`` or a note with ``[b]`` must appear as typed and run nothing,
and a note holding ``\\e]0;title\\a`` must not retitle the terminal: the text goes through the
one sanitiser (``core.terminal_text.visible``), which shows every control character in caret
notation (``^[``) and keeps only line breaks and tabs. Kept in its own small module so that
screens which only need it (Today, first of all) do not load the lesson-text helpers and
Rich's tables at start-up.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static

from freefeet_tui.core.terminal_text import visible


class Literal(Static):
    """A Static that never parses markup and never passes a control character on:
    ``update("[b]x")`` shows ``[b]x``, ``update("\\x1b[31m")`` shows ``^[[31m``."""

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(visible(text, keep_newlines=True), markup=False, id=id, classes=classes)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        if isinstance(content, str):
            content = visible(content, keep_newlines=True)
        super().update(content, layout=layout)
