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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from freefeet_tui.core.errors import FileProblem


class TomlLimits:
    """What one kind of file may hold; every figure far above what a real file needs.

    A plain class: the progress store needs the year file's limits at every start, and this
    module stays cheap to import.
    """

    __slots__ = ("kind", "max_bytes", "max_commas", "max_depth", "max_digits", "max_key_parts",
                 "max_string")  # fmt: skip

    def __init__(self, kind: str, max_bytes: int) -> None:
        self.kind = kind  # "a lesson file", for messages
        self.max_bytes = max_bytes
        self.max_depth = 8  # arrays and inline tables inside each other
        self.max_key_parts = 8  # a.b.c is three parts
        self.max_digits = 40  # a number's digits (TOML integers have at most 19)
        self.max_commas = 10_000  # values in arrays and inline tables, all together
        self.max_string = 64 << 10  # characters of one string as written, escapes and all


# Sizes far above any real file (a busy year of two sessions a day and a daily check-in is
# about 240 KB; a lesson 10 KB) and low enough that the slowest TOML to parse stays around a
# second: tomllib reads about a megabyte a second of short keys or array values.
LESSON_LIMITS = TomlLimits("a lesson file", max_bytes=256 << 10)
YEAR_LIMITS = TomlLimits("a year file", max_bytes=2 << 20)
PROGRAM_LIMITS = TomlLimits("the programme", max_bytes=64 << 10)
CONFIG_LIMITS = TomlLimits("config.toml", max_bytes=64 << 10)


def read_bounded(path: Path, limits: TomlLimits, error: type[FileProblem]) -> bytes:
    """The bytes of ``path``, never more than the limit allows (a huge file is not read whole).

    ``FileNotFoundError`` passes through, for callers to whom a missing file means defaults.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
            if len(raw) > limits.max_bytes:
                size = max(len(raw), _size_of(handle.fileno()))
                raise error(path, None, size_problem(size, limits) or "the file is too big")
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise error(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    return raw


def _size_of(descriptor: int) -> int:
    import os

    try:
        return os.fstat(descriptor).st_size
    except OSError:
        return 0


# A string or a comment at its start. Multi-line strings first: they may end in up to two
# extra quotes (``"""a""""`` is ``a"``). Compiled by ``re`` on first use, not at import.
_MASKED = (  # each a run of plain characters, then (an escape or a quote, then a run) repeated:
    r'"""[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"{3,5}'  # re reads each run in one tight
    r"|'''[\s\S]*?'{3,5}"  # loop, a megabyte in milliseconds, and never backtracks (*+)
    r'|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
)
_NOT_A_BRACKET = r"[^\[\]{}]+"
_NUMBER = r"0[xob][0-9A-Fa-f_]{%d,}|[0-9][0-9_]{%d,}"
# From the start of a key (possessive: a long word is read once, never given back).
_DOTTED = r"(?<![A-Za-z0-9_-])(?:(?:[A-Za-z0-9_-]++|\"\")[ \t]*+\.[ \t]*+){%d,}"
_MANY_DOTS = r"(?m)^[^\n.]*+(?:\.[^\n.]*+){%d}"  # a line with that many dots
_LONG_RUN = r"[0-9A-Fa-f_]{%d}"  # hex digits or underscores in a row


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


def _nth_comma(masked: str, count: int) -> int:
    """Where the comma after the first ``count`` stands."""
    position = -1
    for _ in range(count + 1):
        position = masked.find(",", position + 1)
    return max(position, 0)


def _long_string(text: str, masked: str, limit: int) -> int | None:
    """Where the first string longer than ``limit`` characters starts in ``text``, or None."""
    if len(text) - len(masked) <= limit:  # all its strings and comments together are shorter
        return None
    for found in re.finditer(_MASKED, text):
        if found.end() - found.start() > limit + 2 and found.group()[0] != "#":
            return found.start()
    return None


def excess(text: str, limits: TomlLimits) -> tuple[int, str] | None:
    """The first limit ``text`` breaks, as (line, what is wrong), or None when it keeps them."""
    found: list[tuple[int, str]] = []
    masked = _masked(text)
    long = _long_string(text, masked, limits.max_string)
    if long is not None:
        found.append(
            (
                text.count("\n", 0, long) + 1,
                f"a text in quotes is longer than {limits.max_string:,} characters",
            )
        )
    dotted = re.compile(_DOTTED % limits.max_key_parts)
    number = re.compile(_NUMBER % (limits.max_digits, limits.max_digits))
    # Each exact search only behind a quick filter that real files never pass: a line with that
    # many dots, a run of that many digits (a busy year file is scanned in milliseconds).
    many_dots = re.search(_MANY_DOTS % limits.max_key_parts, masked) is not None
    long_run = re.search(_LONG_RUN % limits.max_digits, masked) is not None
    broken = {
        "deep": _too_deep(masked, limits.max_depth) is not None,
        "dotted": many_dots and dotted.search(masked) is not None,
        "number": long_run and number.search(masked) is not None,
        "commas": masked.count(",") > limits.max_commas,
    }
    if any(broken.values()):
        # Mask again keeping the line breaks of strings and comments, to say on which line.
        exact = _masked(text, keep_lines=True)
        positions = {
            "deep": lambda: _nth_bracket(exact, _too_deep(exact, limits.max_depth) or 0),
            "dotted": lambda: _start(dotted, exact),
            "number": lambda: _start(number, exact),
            "commas": lambda: _nth_comma(exact, limits.max_commas),
        }
        messages = {
            "deep": f"values are nested more than {limits.max_depth} deep",
            "dotted": f"a dotted key has more than {limits.max_key_parts} parts",
            "number": f"a number has more than {limits.max_digits} digits",
            "commas": f"arrays hold more than {limits.max_commas} values",
        }
        for name, is_broken in broken.items():
            if is_broken:
                position = positions[name]()
                found.append((exact.count("\n", 0, position) + 1, messages[name]))
    return min(found) if found else None


def _start(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.search(text)
    return match.start() if match else 0


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
