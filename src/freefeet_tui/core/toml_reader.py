"""The one reader for every TOML file a user can edit: lessons, year files, the programme and
``config.toml``.

:func:`read_toml` (or :func:`parse_toml` for bytes already read) refuses a file over its size
limit without reading it all, decodes UTF-8 (a bad byte is reported with its line), drops a
byte-order mark, checks the limits of :mod:`toml_bounds` (nesting, dotted keys, long numbers)
and only then parses. What comes back is a :class:`TomlDocument`: the parsed data plus the
checks every kind of file shares (unknown keys and tables with a did-you-mean, the schema
version), each failing with ``FILE:LINE: message`` in the error type the caller names. No
other module parses a user's TOML or turns a TOML problem into an error for the user.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any, NoReturn

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.toml_bounds import (
    CONFIG_LIMITS,
    LESSON_LIMITS,
    PROGRAM_LIMITS,
    YEAR_LIMITS,
    TomlLimits,
    excess,
    read_bounded,
    size_problem,
)
from freefeet_tui.core.toml_lines import KeyPath, decode_error_line, key_lines, line_for

__all__ = [
    "CONFIG_LIMITS",
    "LESSON_LIMITS",
    "PROGRAM_LIMITS",
    "YEAR_LIMITS",
    "TomlDocument",
    "parse_toml",
    "read_bounded",
    "read_toml",
]

BOM = "\ufeff"
NAME_LIMIT = 40  # characters of an unknown key or table an error line shows
_BARE_KEY = r"^[A-Za-z0-9_-]+$"


def read_toml(path: Path, limits: TomlLimits, error: type[FileProblem]) -> TomlDocument:
    """Read, check and parse ``path``; every problem raises ``error`` with where and why."""
    return parse_toml(read_bounded(path, limits, error), path, limits, error)


def decode(raw: bytes, path: Path, error: type[FileProblem]) -> str:
    """UTF-8 text without a byte-order mark; a bad byte is reported with its line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(path, line, "the file is not UTF-8 text") from None
    return text.removeprefix(BOM)  # some editors start UTF-8 files with one; TOML does not


def parse_toml(
    raw: bytes, path: Path, limits: TomlLimits, error: type[FileProblem]
) -> TomlDocument:
    """Check and parse the bytes of a file read from ``path``."""
    too_big = size_problem(len(raw), limits)
    if too_big is not None:
        raise error(path, None, too_big)
    text = decode(raw, path, error)
    found = excess(text, limits)
    if found is not None:
        raise error(path, found[0], found[1])
    import tomllib  # here, not at the top: quick commands take their data from caches

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise error(path, line, f"not valid TOML: {message}") from None
    except (RecursionError, ValueError, OverflowError, MemoryError) as exc:
        # The limits above should make this unreachable; never a traceback all the same.
        raise error(path, None, f"not valid TOML: {type(exc).__name__}") from None
    return TomlDocument(path, text, data, error)


class TomlDocument:
    """A parsed file and its text; every failure raises :attr:`error` with its line."""

    def __init__(
        self, path: Path, text: str, data: dict[str, Any], error: type[FileProblem]
    ) -> None:
        self.path = path
        self.text = text  # scanned for line numbers only when something is wrong
        self.data = data
        self.error = error
        self._lines: dict[KeyPath, int] | None = None

    def line_of(self, where: KeyPath) -> int | None:
        """The line of the key at ``where`` or, failing that, of its nearest table."""
        if self._lines is None:
            self._lines = key_lines(self.text)
        return line_for(self._lines, where)

    def problem(self, where: KeyPath, message: str) -> FileProblem:
        """The error for ``where``, not raised: for files that report and go on."""
        return self.error(self.path, self.line_of(where), message)

    def fail(self, where: KeyPath, message: str) -> NoReturn:
        raise self.problem(where, message)

    def unknown_key(
        self, table: dict[str, Any], allowed: Collection[str], context: str = ""
    ) -> tuple[str, str] | None:
        """The first key of ``table`` not in ``allowed`` and what to say about it, or None."""
        for key in table:
            if key not in allowed:
                return key, context + unknown_name(key, table[key], allowed)
        return None

    def unknown_keys(
        self, table: dict[str, Any], allowed: Collection[str], where: KeyPath, context: str = ""
    ) -> None:
        """Fail on the first key not in ``allowed``: a typo must not pass silently."""
        found = self.unknown_key(table, allowed, context)
        if found is not None:
            self.fail((*where, found[0]), found[1])

    def schema(self, supported: int) -> int:
        """The file's ``schema`` version, which this freefeet must understand."""
        schema = self.data.get("schema")
        if schema is None:
            self.fail((), f'missing required key "schema" (use schema = {supported})')
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            self.fail(("schema",), f"schema must be a whole number such as {supported}")
        if schema > supported:
            self.fail(
                ("schema",),
                f"schema {short_number(schema)} is newer than this freefeet understands "
                f"({supported}); update freefeet",
            )
        return schema


def short_number(value: int) -> str:
    """A whole number for a message, however many digits it has."""
    from freefeet_tui.core.terminal_text import quoted

    return quoted(value)


def shown_name(name: str) -> str:
    """A key as a message shows it: bare when TOML allows that, else quoted, cut short."""
    import re

    if re.match(_BARE_KEY, name) and len(name) <= NAME_LIMIT:
        return name
    from freefeet_tui.core.terminal_text import quoted

    return quoted(name, NAME_LIMIT)


def did_you_mean(name: str, known: Collection[str]) -> str | None:
    """The known name closest to a misspelt ``name``, if one is close enough."""
    import difflib  # only needed for a typo, so not at start-up

    close = difflib.get_close_matches(name[:NAME_LIMIT], list(known), n=1)
    return close[0] if close else None


def unknown_name(name: str, value: object, known: Collection[str]) -> str:
    """``unknown table [sond]; did you mean [sound]?`` or ``unknown key "volum"; ...``.

    A name whose value is a table is called a table, an array of tables ``[[name]]``.
    """
    if isinstance(value, dict):
        left, right, kind = "[", "]", "table"
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        left, right, kind = "[[", "]]", "table"
    else:
        left, right, kind = '"', '"', "key"
    bare = shown_name(name)
    shown = f"{left}{bare}{right}" if kind == "table" else bare
    if kind == "key" and not bare.startswith('"'):
        shown = f'"{bare}"'
    close = did_you_mean(name, known)
    if close is not None:
        return f"unknown {kind} {shown}; did you mean {left}{close}{right}?"
    names = list(known)
    if len(names) <= 12:
        return f"unknown {kind} {shown}; expected one of {', '.join(names)}"
    return f"unknown {kind} {shown}"
