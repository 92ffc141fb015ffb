"""Limits a user's TOML file must keep before it is parsed at all.

``tomllib`` trusts its input: a value nested 3,000 deep overflows Python's stack, an integer of
5,000 digits overflows ``int()``'s limit, and a dotted key of 40,000 parts takes it tens of
seconds. None of that is ever meant, so :func:`excess` looks for it first, on the text with its
strings and comments masked out (a bracket or a dot inside a string is just text), and says
where. Finding nothing costs a few milliseconds for a busy year file; the line is worked out
only when something is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TomlLimits:
    """What one kind of file may hold; every figure far above what a real file needs."""

    kind: str  # "a lesson file", for messages
    max_bytes: int
    max_depth: int = 8  # arrays and inline tables inside each other
    max_key_parts: int = 8  # a.b.c is three parts
    max_digits: int = 40  # a number's digits (TOML integers have at most 19)


# A string or a comment at its start. Multi-line strings first: they may end in up to two
# extra quotes (``"""a""""`` is ``a"``). Compiled by ``re`` on first use, not at import.
_MASKED = (
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}'
    r"|'''[\s\S]*?'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
)
_NOT_A_BRACKET = r"[^\[\]{}]+"
_NUMBER = r"0[xob][0-9A-Fa-f_]{%d,}|[0-9][0-9_]{%d,}"
# From the start of a key (possessive: a long word is read once, never given back).
_DOTTED = r"(?<![A-Za-z0-9_-])(?:(?:[A-Za-z0-9_-]++|\"\")[ \t]*+\.[ \t]*+){%d,}"


def _masked(text: str, keep_lines: bool = False) -> str:
    """``text`` with every string as ``""`` and every comment gone; with ``keep_lines`` the
    line breaks inside them stay, so a position still tells its line."""
    if not keep_lines:
        return re.sub(_MASKED, '""', text)
    return re.sub(_MASKED, lambda found: '""' + "\n" * found.group().count("\n"), text)


def _too_deep(masked: str, limit: int) -> int | None:
    """The index of the first bracket nested deeper than ``limit`` in ``masked``, or None."""
    brackets = re.sub(_NOT_A_BRACKET, "", masked)  # short: a busy year file has a few thousand
    depth = 0
    for index, char in enumerate(brackets):
        if char in "[{":
            depth += 1
            if depth > limit:
                return index
        else:
            depth -= 1
    return None


def _nth_bracket(masked: str, count: int) -> int:
    """Where the ``count``-th (0-based) bracket of ``masked`` stands."""
    for number, found in enumerate(re.finditer(r"[\[\]{}]", masked)):
        if number == count:
            return found.start()
    return len(masked)


def excess(text: str, limits: TomlLimits) -> tuple[int, str] | None:
    """The first limit ``text`` breaks, as (line, what is wrong), or None when it keeps them."""
    masked = _masked(text)
    problems: list[tuple[str, re.Pattern[str] | None]] = []
    if _too_deep(masked, limits.max_depth) is not None:
        problems.append((f"values are nested more than {limits.max_depth} deep", None))
    dotted = re.compile(_DOTTED % limits.max_key_parts)
    if dotted.search(masked):
        problems.append((f"a dotted key has more than {limits.max_key_parts} parts", dotted))
    number = re.compile(_NUMBER % (limits.max_digits, limits.max_digits))
    if number.search(masked):
        problems.append((f"a number has more than {limits.max_digits} digits", number))
    if not problems:
        return None
    # Something is wrong: mask again keeping line breaks, to say on which line.
    exact = _masked(text, keep_lines=True)
    found: list[tuple[int, str]] = []
    for message, pattern in problems:
        if pattern is None:
            deepest = _too_deep(exact, limits.max_depth)
            position = _nth_bracket(exact, deepest or 0)
        else:
            match = pattern.search(exact)
            position = match.start() if match else 0
        found.append((exact.count("\n", 0, position) + 1, message))
    return min(found)


def size_problem(size: int, limits: TomlLimits) -> str | None:
    """Why a file of ``size`` bytes is refused unread, or None."""
    if size <= limits.max_bytes:
        return None
    return (
        f"the file is {_megabytes(size)}; {limits.kind} may be at most "
        f"{_megabytes(limits.max_bytes)}"
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"
