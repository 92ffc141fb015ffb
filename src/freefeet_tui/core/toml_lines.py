"""Find the line a TOML key sits on, so errors can say ``file:LINE``.

``tomllib`` gives values but not positions. This scanner reads the same text line by line and
records where each table header and ``key =`` appears, keyed by path such as
``("steps", 2, "duration")``. It covers the plain layout lesson and data files use (tables,
arrays of tables, one key per line); anything fancier falls back to the nearest table header.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

# Patterns as text: ``re`` compiles each on first use and keeps it, so importing costs nothing.
_HEADER = r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$"
_KEY = r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-"' ]+?)\s*="""


def _split_dotted(key: str) -> list[str]:
    parts: list[str] = []
    for raw in re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.]+', key):
        part = raw.strip()
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path in ``text`` to its 1-based line number."""
    lines: dict[KeyPath, int] = {}
    array_counts: dict[KeyPath, int] = {}
    table: KeyPath = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            in_multiline = open_multiline(line, in_multiline)
            continue
        header = re.match(_HEADER, line)
        if header:
            names = _in_arrays(_split_dotted(header.group(2)), array_counts)
            if header.group(1) == "[[":
                index = array_counts.get(names, 0)
                array_counts[names] = index + 1
                table = (*names, index)
            else:
                table = names
            lines.setdefault(table, number)
            continue
        key = re.match(_KEY, line)
        if key:
            path = (*table, *_split_dotted(key.group(1)))
            lines.setdefault(path, number)
            in_multiline = open_multiline(line[key.end() :])
    return lines


def _in_arrays(names: list[str], array_counts: dict[KeyPath, int]) -> KeyPath:
    """A header's path with the index of each enclosing array of tables: ``[[phases.lessons]]``
    under the second ``[[phases]]`` is ``("phases", 1, "lessons")``."""
    path: list[str | int] = []
    for number, name in enumerate(names):
        path.append(name)
        if number < len(names) - 1 and tuple(path) in array_counts:
            path.append(array_counts[tuple(path)] - 1)
    return tuple(path)


def open_multiline(text: str, quote: str | None = None) -> str | None:
    """The multi-line string delimiter still open after ``text``, or None once all strings close.

    ``quote`` is the delimiter already open where ``text`` starts (inside a multi-line string).
    Strings are read one by one, so a delimiter inside another string, or escaped, opens nothing.
    """
    index, end = 0, len(text)
    while index < end:
        if quote is not None:
            close = _find_closing(text, index, quote)
            if close < 0:
                return quote
            index = close + 3
            while index < end and text[index] == quote[0]:  # up to 2 quotes may end the content
                index += 1
            quote = None
            continue
        char = text[index]
        if char == "#":
            return None
        if text.startswith(('"""', "'''"), index):
            quote = text[index : index + 3]
            index += 3
        elif char == '"':
            index += 1
            while index < end and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
        elif char == "'":
            close = text.find("'", index + 1)
            index = end if close < 0 else close + 1
        else:
            index += 1
    return quote


def _find_closing(text: str, start: int, quote: str) -> int:
    """Where ``quote`` closes in ``text`` from ``start``, skipping backslash-escaped quotes."""
    while True:
        found = text.find(quote, start)
        if found < 0 or quote == "'''":
            return found
        before = text[:found]
        if (len(before) - len(before.rstrip("\\"))) % 2 == 0:
            return found
        start = found + 1


def line_for(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path`` or, failing that, of its closest enclosing table."""
    probe = path
    while probe:
        if probe in lines:
            return lines[probe]
        probe = probe[:-1]
    return None


_DECODE_POSITION = r"\(at line (\d+), column \d+\)"
_DECODE_AT_END = "(at end of document)"


def decode_error_line(message: str, text: str = "") -> tuple[int | None, str]:
    """Split tomllib's ``... (at line 3, column 5)`` into the line and the bare message.

    tomllib says ``(at end of document)`` for a file cut short; that is the last line of ``text``.
    """
    if message.endswith(_DECODE_AT_END) and text:
        return len(text.splitlines()) or 1, message.removesuffix(_DECODE_AT_END).strip()
    match = re.search(_DECODE_POSITION, message)
    if match is None:
        return None, message
    bare = (message[: match.start()] + message[match.end() :]).strip()
    return int(match.group(1)), bare
