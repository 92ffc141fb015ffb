"""The one shape every problem with a user's file takes: ``FILE:LINE: what is wrong``.

Lesson files, the programme, progress year files, config and import files all report their
problems through subclasses of :class:`FileProblem`, so every command can print them the same
way (``freefeet: error: FILE:LINE: ...``) and tests can check the path and line directly.
Whatever the file held, the text is one line of at most :data:`MAX_PROBLEM_BYTES` bytes with
every control character shown, never obeyed: a long path keeps its end, a long message loses
its middle.
"""

from __future__ import annotations

from pathlib import Path

MAX_PROBLEM_BYTES = 260  # with "freefeet: error: " in front, an error line stays under 300
MAX_PATH_CHARS = 120  # a longer path is shown by its end: ".../progress/2026.toml"
ELLIPSIS = "..."


class FileProblem(Exception):
    """A file that cannot be used, with where (``path``, ``line`` when known) and why."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        from freefeet_tui.core.terminal_text import visible  # only when a problem is shown

        shown = visible(str(self.path))
        if len(shown) > MAX_PATH_CHARS:
            shown = ELLIPSIS + shown[-(MAX_PATH_CHARS - len(ELLIPSIS)) :]
        where = f"{shown}:{self.line}" if self.line else shown
        return clip_bytes(f"{where}: {visible(self.message)}", MAX_PROBLEM_BYTES)


def clip_bytes(text: str, limit: int) -> str:
    """``text`` cut so its UTF-8 form is at most ``limit`` bytes: ``...`` takes the place of
    its middle, so both where (the start) and what is wrong (most often the end) stay."""
    data = text.encode("utf-8", "replace")
    if len(data) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = data[: room * 3 // 5].decode("utf-8", "ignore")
    tail = data[len(data) - (room - len(head.encode())) :].decode("utf-8", "ignore")
    return head + ELLIPSIS + tail
