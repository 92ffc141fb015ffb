#!/usr/bin/env python3
"""Fuzz ``freefeet import`` with thousands of mangled JSON and CSV exports; print the figures.

    .venv/bin/python scripts/fuzz_import.py                  # 3,000 inputs, seed 10
    .venv/bin/python scripts/fuzz_import.py --inputs 10000 --seed 7 --keep /tmp/fuzz-fails

Each input starts from a valid export across two years (tests/helpers/import_files.py) and
gets one to four random mutations: bytes replaced, deleted, repeated or cut; hostile tokens
put in (escapes, lone surrogates, numbers of thousands of digits, nesting thousands deep,
100,000-character strings, NUL, BOM); or, for a structure-aware mutation, one value of one
record swapped for a hostile one. It is imported into a fresh copy of a home that already
holds a log, by ``freefeet import`` run in this process (``cli.main``) with a 5 s alarm; every
25th input also by the installed command in a child process, whose stderr must hold no
traceback either. Counted: inputs, exit codes, tracebacks (an exception out of ``main``, or
"Traceback" from a child), hangs over 5 s, refused imports that changed a file of the
progress folder (year files, temporary files), error lines that are not exactly one line,
the longest error line in bytes, and ESC/BEL/backspace bytes in any output. Exit code 1 if
any of those is not zero (or an error line is over 300 bytes).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.import_files import (  # noqa: E402  (the repository root goes on the path first)
    HOSTILE_TOKENS,
    export_files,
    fresh_home,
    home_at,
    make_home,
    year_files,
)

HANG_SECONDS = 5
MAX_ERROR_BYTES = 300
CHILD_EVERY = 25
DANGEROUS = (b"\x1b", b"\x07", b"\x08")
HOSTILE_VALUES: list[Any] = [
    "\x1b]0;pwned\x07",
    "\ud800",
    "a\x08b\x07c",
    "x" * 100_000,
    -(10**400),
    float("inf"),
    float("nan"),
    [[[["deep"]]]],
    {"a": {"b": 1}},
    "",
    "  ",
    None,
    True,
    "0001-01-06",
    "1999-12-31",
    "2999-01-01",
    "2026-02-30",
    '=HYPERLINK("x")',
    "line\nbreak",
    "2026-11-24T07:30:00",
    "s-" + "9" * 70,
]


class Hang(Exception):
    pass


def alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def mangle_bytes(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        size = len(data)
        start = rng.randint(0, size)
        end = min(size, start + rng.randint(0, 200))
        how = rng.choice(["token", "replace", "delete", "repeat", "cut", "bytes", "flip"])
        if how == "token":
            token = rng.choice(HOSTILE_TOKENS).encode("utf-8", "surrogatepass")
            data = data[:start] + token + data[start:]
        elif how == "replace":
            text = "".join(
                chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0, 0x10FFFF)]))
                for _ in range(rng.randint(0, 20))
            )
            data = data[:start] + text.encode("utf-8", "surrogatepass") + data[end:]
        elif how == "delete":
            data = data[:start] + data[end:]
        elif how == "repeat":
            data = data[:end] + data[start:end] * rng.randint(1, 50) + data[end:]
        elif how == "cut":
            data = data[:start]
        elif how == "bytes":
            data = data[:start] + rng.randbytes(rng.randint(0, 12)) + data[end:]
        elif data:
            at = rng.randrange(len(data))
            data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
    return data


def swap_json_value(rng: random.Random, data: bytes) -> bytes:
    document = json.loads(data)
    section = rng.choice(["sessions", "checkins", "skips", "top"])
    target = document if section == "top" else rng.choice(document[section])
    target[rng.choice([*target, "extra"])] = rng.choice(HOSTILE_VALUES)
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    return text.encode("utf-8", "surrogatepass")


def swap_csv_cell(rng: random.Random, data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    row = rng.choice(rows)
    value = rng.choice(HOSTILE_VALUES)
    row[rng.randrange(len(row))] = value if isinstance(value, str) else str(value)[:5000]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def make_input(rng: random.Random, bases: dict[str, bytes]) -> tuple[str, bytes]:
    kind = rng.choice(["json", "csv"])
    base = bases[kind]
    if rng.random() < 0.35:
        swap = swap_json_value if kind == "json" else swap_csv_cell
        data = swap(rng, base)
        if rng.random() < 0.3:
            data = mangle_bytes(rng, data)
        return kind, data
    return kind, mangle_bytes(rng, base)


def run_in_process(source: Path, home: Path) -> tuple[int | None, bytes, bytes, str | None]:
    """(exit code, stdout, stderr, problem): problem is "traceback" or "hang"."""
    from freefeet_tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    problem = None
    code: int | None = None
    try:
        with home_at(home), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["import", str(source)])
    except Hang:
        problem = "hang"
    except BaseException:
        problem = "traceback:\n" + traceback.format_exc()
    finally:
        signal.alarm(0)
    encode = "surrogateescape"
    return (
        code,
        out.getvalue().encode("utf-8", encode),
        err.getvalue().encode("utf-8", encode),
        problem,
    )


def run_child(source: Path, home: Path) -> tuple[int | None, bytes, bytes, str | None]:
    command = [sys.executable, "-m", "freefeet_tui", "import", str(source)]
    env = {**__import__("os").environ, "FREEFEET_HOME": str(home)}
    try:
        done = subprocess.run(command, capture_output=True, env=env, timeout=HANG_SECONDS * 4)
    except subprocess.TimeoutExpired:
        return None, b"", b"", "hang"
    problem = (
        "traceback:\n" + done.stderr.decode(errors="replace")
        if b"Traceback" in done.stderr
        else None
    )
    return done.returncode, done.stdout, done.stderr, problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="save the inputs that found a problem here")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    longest = b""
    problems: list[str] = []
    slowest = 0.0
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ffz") as folder:
        root = Path(folder)
        template = make_home(root / "template")
        bases = export_files()
        for number in range(args.inputs):
            kind, data = make_input(rng, bases)
            counts[f"inputs {kind}"] += 1
            source = root / f"in.{kind}"
            source.write_bytes(data)
            home = fresh_home(template, root / "run")
            before = year_files(home)
            child = number % CHILD_EVERY == 0
            started = time.monotonic()
            code, out, err, problem = (run_child if child else run_in_process)(source, home)
            slowest = max(slowest, time.monotonic() - started)
            counts["run as a child process" if child else "run in process"] += 1
            codes[str(code)] += 1
            found: list[str] = []
            if problem is not None:
                found.append(problem)
                counts["tracebacks" if problem.startswith("traceback") else "hangs over 5 s"] += 1
            if any(byte in out or byte in err for byte in DANGEROUS):
                found.append("ESC, BEL or backspace in the output")
                counts["outputs with ESC/BEL/BS"] += 1
            if code not in (0, None):
                lines = err.splitlines()
                if len(lines) != 1 or not lines[0].startswith(b"freefeet: error: "):
                    found.append(f"not one error line: {err[:300]!r}")
                    counts["refusals not in exactly one line"] += 1
                elif len(lines[0]) > len(longest):
                    longest = lines[0]
                if year_files(home) != before:
                    found.append("a refused import changed the progress folder")
                    counts["files changed by a refused import"] += 1
                counts["refused"] += 1
            elif code == 0:
                counts["imported"] += 1
            if found:
                problems.append(f"input {number} ({kind}): " + "; ".join(found))
                if args.keep is not None:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"{number:05d}.{kind}").write_bytes(data)
            shutil.rmtree(home)
    elapsed = time.monotonic() - began
    print(f"inputs: {args.inputs} (seed {args.seed}), {elapsed:.0f} s")
    for name in sorted(counts):
        print(f"  {name}: {counts[name]}")
    print("  exit codes: " + ", ".join(f"{code} x{n}" for code, n in sorted(codes.items())))
    for name in (
        "tracebacks",
        "hangs over 5 s",
        "files changed by a refused import",
        "outputs with ESC/BEL/BS",
        "refusals not in exactly one line",
    ):
        print(f"{name}: {counts[name]}")
    print(f"longest error line: {len(longest)} bytes")
    print(f"  {longest.decode(errors='replace')}")
    print(f"slowest input: {slowest:.2f} s")
    for problem in problems[:20]:
        print("PROBLEM", problem[:2000])
    bad = bool(problems) or len(longest) > MAX_ERROR_BYTES
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
