"""What every validator of a user's TOML file shares: failing with file, line and key path,
unknown keys with a did-you-mean hint, and the schema version check.

Lesson files, progress year files and the programme each subclass :class:`TomlChecker` with the
error type their callers expect; the TOML text is scanned for line numbers only on failure.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.toml_lines import KeyPath, key_lines, line_for


class TomlChecker:
    """Checks one parsed TOML file; every failure raises :attr:`error` with where and why."""

    error: ClassVar[type[FileProblem]] = FileProblem

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.source = text  # scanned for line numbers only when something is wrong
        self._lines: dict[KeyPath, int] | None = None

    def lines(self) -> dict[KeyPath, int]:
        """Where each key sits in the file (worked out once, on the first failure)."""
        if self._lines is None:
            self._lines = key_lines(self.source)
        return self._lines

    def fail(self, where: KeyPath, message: str) -> NoReturn:
        raise self.error(self.path, line_for(self.lines(), where), message)

    def unknown_keys(
        self, table: dict[str, Any], allowed: Collection[str], where: KeyPath, context: str
    ) -> None:
        """Fail on the first key not in ``allowed``: a typo must not pass silently."""
        for key in table:
            if key not in allowed:
                import difflib  # only needed for a typo, so not at start-up

                close = difflib.get_close_matches(key, list(allowed), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                self.fail((*where, key), f'{context}unknown key "{key}"{hint}')

    def schema(self, data: dict[str, Any], supported: int) -> int:
        """The file's ``schema`` version, which this freefeet must understand."""
        schema = data.get("schema")
        if schema is None:
            self.fail((), f'missing required key "schema" (use schema = {supported})')
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            self.fail(("schema",), f"schema must be a whole number such as {supported}")
        if schema > supported:
            self.fail(
                ("schema",),
                f"schema {schema} is newer than this freefeet understands "
                f"({supported}); update freefeet",
            )
        return schema
