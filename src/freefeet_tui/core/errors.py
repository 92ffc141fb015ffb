"""The one shape every problem with a user's file takes: ``FILE:LINE: what is wrong``.

Lesson files, the programme, progress year files, config and import files all report their
problems through subclasses of :class:`FileProblem`, so every command can print them the same
way (``freefeet: error: FILE:LINE: ...``) and tests can check the path and line directly.
"""

from __future__ import annotations

from pathlib import Path


class FileProblem(Exception):
    """A file that cannot be used, with where (``path``, ``line`` when known) and why."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"
