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
_HEADER = r"^[ \t]*+(\[\[?)([^\]]++)\]\]?\s*+(?:#.*)?$"
# A key is bare or quoted parts joined by dots; possessive quantifiers (``*+``, ``++``) never
# backtrack, so a long line without a key costs one pass, not one pass per character.
_PART = r"""(?:"[^"\\]*+(?:\\.[^"\\]*+)*+"|'[^']*+'|[A-Za-z0-9_\-]++)"""
_KEY = rf"^[ \t]*+({_PART}(?:[ \t]*+\.[ \t]*+{_PART})*+)[ \t]*+="
_SPECIAL = r"[\"'#]"
_BASIC_REST = r'[^"\\]*+(?:\\.[^"\\]*+)*+"'  # a one-line basic string after its opening quote
_MULTILINE_REST = r'[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"""'  # to the closing """
KEY_SPAN = 1024  # characters of a line searched for a key or a table header


def _split_dotted(key: str) -> list[str]:
    parts: list[str] = []
    for raw in re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.]+', key):
        part = raw.strip()
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path in ``text`` to its 1-based line number.

    Lines are counted as TOML counts them, at each ``\\n`` only. A key is looked for in the
    first :data:`KEY_SPAN` characters of its line: a longer key is found at its table instead,
    and an overlong line costs no more than a short one.
    """
    lines: dict[KeyPath, int] = {}
    array_counts: dict[KeyPath, int] = {}
    table: KeyPath = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if in_multiline is not None:
            in_multiline = open_multiline(line, in_multiline)
            continue
        head = line[:KEY_SPAN]
        header = re.match(_HEADER, head)
        if header:
            names = _in_arrays(_split_dotted(header.group(2).strip()), array_counts)
            if header.group(1) == "[[":
                index = array_counts.get(names, 0)
                array_counts[names] = index + 1
                lines.setdefault(names, number)  # the array itself: where it starts
                table = (*names, index)
            else:
                table = names
            lines.setdefault(table, number)
            continue
        key = re.match(_KEY, head)
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
    Each step jumps to the next quote or ``#``, so a long line is read at the speed of ``re``.
    """
    index, end = 0, len(text)
    while index < end:
        if quote is not None:
            close = _after_closing(text, index, quote)
            if close < 0:
                return quote
            index = close
            extra = 0
            while index < end and extra < 2 and text[index] == quote[0]:
                index, extra = index + 1, extra + 1  # up to 2 quotes may end the content
            quote = None
            continue
        found = re.compile(_SPECIAL).search(text, index)
        if found is None:
            return None
        index = found.start()
        char = text[index]
        if char == "#":
            return None
        if text.startswith(('"""', "'''"), index):
            quote = text[index : index + 3]
            index += 3
        elif char == '"':
            basic = re.compile(_BASIC_REST).match(text, index + 1)
            index = end if basic is None else basic.end()
        else:
            close = text.find("'", index + 1)
            index = end if close < 0 else close + 1
    return quote


def _after_closing(text: str, start: int, quote: str) -> int:
    """Just past where ``quote`` closes in ``text`` from ``start`` (escaped quotes skipped),
    or -1 when it stays open to the end of ``text``."""
    if quote == "'''":
        found = text.find(quote, start)
        return -1 if found < 0 else found + 3
    content = re.compile(_MULTILINE_REST).match(text, start)
    return -1 if content is None else content.end()


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
    if message.endswith(_DECODE_AT_END):
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        return max(1, last), message.removesuffix(_DECODE_AT_END).strip()
    match = re.search(_DECODE_POSITION, message)
    if match is None:
        return None, message
    bare = (message[: match.start()] + message[match.end() :]).strip()
    return int(match.group(1)), bare
