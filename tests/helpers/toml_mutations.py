"""Broken and hostile versions of the TOML files a user can edit, made from the real ones.

The seeds are the files freefeet ships or writes (its lessons and programme, a year file as the
store writes it, config.toml with every setting); each input applies one to three mutations:
truncation, byte flips, byte-order marks, deep nesting, huge numbers, long strings, control
characters, unknown keys and tables, long dotted keys, swapped types and lines. The hypothesis
suites and ``benchmarks/fuzz_inputs.py`` share them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

KINDS = ("lesson", "year", "config", "programme")
REPO = Path(__file__).resolve().parent.parent.parent
YEAR = date.today().year

Mutation = Callable[[random.Random, bytes], bytes]


@cache
def seeds(kind: str) -> tuple[bytes, ...]:
    """The real files each input of ``kind`` starts from."""
    if kind == "lesson":
        folder = REPO / "lessons"
        return tuple(p.read_bytes() for p in sorted(folder.glob("*.toml")) if p.stem != "program")
    if kind == "programme":
        return ((REPO / "lessons" / "program.toml").read_bytes(),)
    if kind == "config":
        from freefeet_tui.core.config import example

        full = (
            '[sound]\nbackend = "bell"\nvolume = 0.5\nvoice = false\n\n[ui]\ntheme = "nord"\n\n'
            '[keys]\ncheck_in = "c"\n"app.help" = "f1,?"\n\n[reminders]\ntime = "07:30"\n\n'
            "[player]\nget_ready = 3\ndiscard_under = 45\n"
        )
        return (example().encode(), full.encode())
    if kind == "year":
        return (year_file(),)
    raise ValueError(kind)


def year_file() -> bytes:
    """A year file as the store writes it: sessions, check-ins with notes, skips."""
    from freefeet_tui.core.progress import CheckIn, Session, SessionStatus, Skip, YearLog, dump_year

    zone = timezone(timedelta(hours=1))
    first = date(YEAR, 1, 3)
    sessions, checkins = [], []
    for n in range(6):
        day = first + timedelta(days=n)
        start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=zone)
        sessions.append(
            Session(
                id=f"s-{day:%Y%m%d}-00000{n}",
                lesson_id="free-your-feet",
                lesson_title="Free Your Feet",
                start=start,
                end=start + timedelta(minutes=18),
                day=day,
                seconds=1080,
                steps_done=16 if n % 3 else 7,
                steps_total=16,
                status=SessionStatus.COMPLETED if n % 3 else SessionStatus.PARTIAL,
                stop_index=None if n % 3 else 7,
                stop_step=None if n % 3 else "heel-lift",
            )
        )
        checkins.append(CheckIn(day, n % 5, (n + 2) % 6, 20 + n, n % 4, n % 2 == 0, f"Note {n}."))
    skips = (Skip(first + timedelta(days=10), "travel"),)
    return dump_year(YearLog(YEAR, tuple(sessions), tuple(checkins), skips)).encode()


# ---- the mutations -------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _at_line(rng: random.Random, data: bytes, insert: bytes) -> bytes:
    lines = _lines(data)
    lines.insert(rng.randrange(len(lines) + 1), insert)
    return b"\n".join(lines)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def byte_order_mark(rng: random.Random, data: bytes) -> bytes:
    bom = b"\xef\xbb\xbf"
    where = rng.choice(("start", "twice", "middle"))
    if where == "start":
        return bom + data
    if where == "twice":
        return bom + bom + data
    cut = rng.randrange(len(data) + 1)
    return data[:cut] + bom + data[cut:]


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice((5, 9, 50, 400, 3000, 20_000))
    if rng.random() < 0.5:
        value = b"[" * depth + b"1" + b"]" * depth
    else:
        value = b"{a = " * depth + b"1" + b"}" * depth
    return _at_line(rng, data, b"deep = " + value)


def huge_number(rng: random.Random, data: bytes) -> bytes:
    digits = rng.choice((19, 20, 41, 400, 4301, 6000))
    number = rng.choice(
        (
            b"9" * digits,
            b"-" + b"1" * digits,
            b"0x" + b"f" * digits,
            b"1e" + b"9" * min(digits, 400),
            b"0." + b"3" * digits,
            b"nan",
            b"-inf",
        )
    )
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b" = " in line]
    if not candidates:
        return data + b"\nn = " + number + b"\n"
    index = rng.choice(candidates)
    key = lines[index].split(b" = ", 1)[0]
    if rng.random() < 0.4:  # a duration or other text value, written as digits
        lines[index] = key + b' = "' + number + rng.choice((b"s", b"m", b"m30s", b"")) + b'"'
    else:
        lines[index] = key + b" = " + number
    return b"\n".join(lines)


def long_string(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice((61, 121, 201, 256, 5000, 300_000, 1_200_000))
    filler = rng.choice((b"x", b"\\n", b"\xc3\xbc", b" ", b"a/"))
    text = (filler * size)[: size * len(filler)]
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b' = "' in line]
    if not candidates:
        return data + b'\ns = "' + text + b'"\n'
    index = rng.choice(candidates)
    lines[index] = lines[index].split(b" = ", 1)[0] + b' = "' + text + b'"'
    return b"\n".join(lines)


CONTROLS = (
    b"\\u001b]0;pwned\\u0007",
    b"\\u001b[31m",
    b"\\u0008\\u0008",
    b"\\u009b31m",
    b"\\u0000",
    b"\\r",
    b"\\n",
    b"\x1b",
    b"\x07",
    b"\xc2\x9b",
    b"\x00",
    b"\\ud800",
)


def control_characters(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if line.rstrip().endswith(b'"')]
    if not candidates:
        return data + b'\nc = "' + rng.choice(CONTROLS) + b'"\n'
    index = rng.choice(candidates)
    line = lines[index].rstrip()
    lines[index] = line[:-1] + rng.choice(CONTROLS) + b'"'
    return b"\n".join(lines)


UNKNOWN = (
    b"[sond]\nvolume = 1",
    b"volum = 0.5",
    b'sumary = "typo"',
    b'[[sesions]]\nid = "x"',
    b"[[stepz]]",
    b'[strat]\nlesson = "x"',
    b'"\\u001b[2J" = 1',
    b"colour = [1, 2]",
    b"[ui.theme]\nx = 1",
    b'[keys]\n"a b" = "c"',
)


def unknown_key(rng: random.Random, data: bytes) -> bytes:
    return _at_line(rng, data, rng.choice(UNKNOWN))


def dotted_key(rng: random.Random, data: bytes) -> bytes:
    parts = rng.choice((3, 9, 200, 40_000))
    key = b".".join([b"a"] * parts)
    line = (b"[" + key + b"]") if rng.random() < 0.3 else key + b" = 1"
    return _at_line(rng, data, line)


def swap_type(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b" = " in line]
    if not candidates:
        return data
    index = rng.choice(candidates)
    value = rng.choice(
        (b"true", b"0", b"-1", b"1.5", b'""', b'"  "', b"[]", b"{}", b"[1, \"a\"]", b"2026-13-01",
         b"1979-05-27T07:32:00", b"07:30:00", b"{ a = { b = 1 } }")
    )  # fmt: skip
    lines[index] = lines[index].split(b" = ", 1)[0] + b" = " + value
    return b"\n".join(lines)


def shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    action = rng.choice(("duplicate", "swap", "delete"))
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if action == "duplicate":
        lines.insert(j, lines[i])
    elif action == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        del lines[i]
    return b"\n".join(lines)


def line_endings(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n\n", b"\x0c\n", b"\n\xe2\x80\xa8")))


def odd_file(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(
        (b"", b" \n\t\n", b"\xff\xfe" + data, data.decode("utf-8", "ignore").encode("utf-16"),
         b"\x00" * 64, b"= = =", b"[[[", data + b"\xed\xa0\x80")
    )  # fmt: skip


MUTATIONS: tuple[Mutation, ...] = (
    truncate,
    flip_bytes,
    byte_order_mark,
    deep_nesting,
    huge_number,
    long_string,
    control_characters,
    unknown_key,
    dotted_key,
    swap_type,
    shuffle_lines,
    line_endings,
    odd_file,
)


def mutated(rng: random.Random, kind: str) -> tuple[bytes, list[str]]:
    """One input of ``kind`` and the names of the mutations that made it."""
    data = rng.choice(seeds(kind))
    names: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        data = mutation(rng, data)
        names.append(mutation.__name__)
    return data, names
