"""The long fuzz run over the user TOML files: lessons, year files, config.toml, the programme.

Thousands of inputs made from the real files (``tests/helpers/toml_mutations.py``: truncation,
byte flips, byte-order marks, deep nesting, huge numbers, long strings, control characters,
unknown keys and tables, long dotted keys, swapped types and lines), each run through the
reader and the commands that read its kind (``lessons validate``/``show``/``list``, ``today``,
``history``, ``stats``, ``doctor``, and when the file is refused a ``log`` into its year or a
``play --plain`` with it) in this process, each command with a 5 s limit
(``tests/helpers/toml_fuzz.py``). It prints, per kind and in all: inputs, files refused,
tracebacks, hangs over 5 s, files changed, errors over one line or 300 bytes, other rule
breaks, and the longest error line in bytes. Every failing input is kept in ``--keep`` with
what it broke, to replay it.

    .venv/bin/python benchmarks/fuzz_inputs.py                    # 7,200 inputs, ~15 minutes
    .venv/bin/python benchmarks/fuzz_inputs.py --inputs 400 --seed 7
    .venv/bin/python benchmarks/fuzz_inputs.py --check            # exit 1 on any rule broken

It is a measurement, not a test (the hypothesis suites in ``tests/unit/test_fuzz_toml.py`` run
the same checks on a few hundred inputs in the normal test run).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' helpers

from tests.helpers.toml_fuzz import MAX_LINE_BYTES, Report, check_input
from tests.helpers.toml_mutations import KINDS, mutated

COUNTS = ("inputs", "refused", "tracebacks", "hangs", "changed", "long lines", "other")


def tally(report: Report) -> collections.Counter[str]:
    """One input's contribution to the counts."""
    other = [
        v
        for v in report.violations
        if "took" not in v and "changed" not in v and "a line of" not in v
        and "Traceback" not in v and not v.startswith("reader: ")
    ]  # fmt: skip
    return collections.Counter(
        {
            "inputs": 1,
            "refused": int(report.refused is not None),
            "tracebacks": report.tracebacks,
            "hangs": int(report.hang),
            "changed": int(report.changed),
            "long lines": int(report.longest_error > MAX_LINE_BYTES),
            "other": len(other),
        }
    )


def keep(
    folder: Path, number: int, kind: str, data: bytes, names: list[str], report: Report
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{number:05d}-{kind}"
    stem.with_suffix(".toml").write_bytes(data)
    stem.with_suffix(".txt").write_text(
        f"mutations: {', '.join(names)}\n" + "\n".join(report.violations) + "\n", encoding="utf-8"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=7200, help="how many (default 7200)")
    parser.add_argument("--seed", type=int, default=20261201, help="the random seed")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"), help="failing inputs")
    parser.add_argument("--check", action="store_true", help="exit 1 when any rule is broken")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    per_kind = {kind: collections.Counter[str]() for kind in KINDS}
    longest = dict.fromkeys(KINDS, 0)
    slowest = dict.fromkeys(KINDS, 0.0)
    started = time.perf_counter()
    for number in range(args.inputs):
        kind = KINDS[number % len(KINDS)]
        data, names = mutated(rng, kind)
        report = check_input(kind, data)
        per_kind[kind] += tally(report)
        longest[kind] = max(longest[kind], report.longest_error)
        slowest[kind] = max(slowest[kind], report.seconds)
        if report.violations:
            keep(args.keep, number, kind, data, names, report)
        if (number + 1) % 500 == 0:
            minutes = (time.perf_counter() - started) / 60
            print(f"... {number + 1} inputs, {minutes:.1f} min", file=sys.stderr, flush=True)
    total = sum(per_kind.values(), collections.Counter[str]())
    print(f"{'kind':<10}" + "".join(f"{name:>12}" for name in COUNTS) + "  longest  slowest")
    for kind in KINDS:
        row = "".join(f"{per_kind[kind][name]:>12}" for name in COUNTS)
        print(f"{kind:<10}{row}  {longest[kind]:>5} B  {slowest[kind]:>5.2f} s")
    row = "".join(f"{total[name]:>12}" for name in COUNTS)
    print(f"{'all':<10}{row}  {max(longest.values()):>5} B  {max(slowest.values()):>5.2f} s")
    minutes = (time.perf_counter() - started) / 60
    broken = sum(total[name] for name in COUNTS[2:])
    print(f"{minutes:.1f} minutes; rules broken: {broken}")
    return 1 if args.check and broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
