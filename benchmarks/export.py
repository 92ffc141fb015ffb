"""How long exporting ten years of the log takes, as ratios against ``python -c pass``.

Ten years are generated into a temporary FREEFEET_HOME through the progress store (7,300
sessions, two a day, and 3,650 check-ins with notes). Then, round by round so a busy machine
slows both sides alike, each format is exported by a real ``freefeet export --format X -o FILE
--force`` process and the baseline ``python -c pass`` runs from the same interpreter. The
first, untimed export of each format warms the store's snapshots and the byte-code cache
(``PYTHONDONTWRITEBYTECODE`` is dropped for the runs), as any second run would.

Run it with ``.venv/bin/python benchmarks/export.py [--rounds N] [--years N]``. It prints the
medians and the ratios; it is a measurement, not a test, and exits 0 unless a run fails.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from datagen import ten_years
from freefeet_tui.core.export import FORMATS
from freefeet_tui.core.export.merge import merge_into
from freefeet_tui.core.progress import ProgressStore

PYTHON = Path(sys.executable)
FREEFEET = PYTHON.parent / "freefeet"


def run_timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"export.py: {shlex.join(args)} failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed runs per command")
    parser.add_argument("--years", type=int, default=10, help="years of log to generate")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="freefeet-bench-") as folder:
        home = Path(folder) / "home"
        env = {**os.environ, "FREEFEET_HOME": str(home)}
        # as installed: byte code cached after the warm-up run, not compiled on every start
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["FREEFEET_HOME"] = str(home)
        records = ten_years(date.today() - timedelta(days=365 * options.years), options.years)
        started = time.perf_counter()
        report = merge_into(ProgressStore.for_user(), records)
        print(
            f"generated {len(records.sessions)} sessions and {len(records.checkins)} check-ins "
            f"({report.total_added} records) in {time.perf_counter() - started:.1f} s"
        )
        out = Path(folder) / "out"
        commands = {
            fmt: [str(FREEFEET), "export", "--format", fmt, "-o", f"{out}.{fmt}", "--force"]
            for fmt in FORMATS
        }
        baseline = [str(PYTHON), "-c", "pass"]
        for command in commands.values():  # warm-up: builds the snapshots once
            run_timed(command, env)
        times: dict[str, list[float]] = {name: [] for name in ("python -c pass", *commands)}
        for _ in range(options.rounds):
            times["python -c pass"].append(run_timed(baseline, env))
            for fmt, command in commands.items():
                times[fmt].append(run_timed(command, env))
        base = statistics.median(times["python -c pass"])
        print(f"{'command':<22}{'median':>10}{'ratio':>8}{'size':>12}")
        print(f"{'python -c pass':<22}{base * 1000:>8.0f}ms{1.0:>8.1f}{'':>12}")
        for fmt in commands:
            median = statistics.median(times[fmt])
            size = Path(f"{out}.{fmt}").stat().st_size
            print(f"{'export ' + fmt:<22}{median * 1000:>8.0f}ms{median / base:>8.1f}{size:>12,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
