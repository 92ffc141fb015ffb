"""Whether ten years of the log slow freefeet down, as ratios against baselines of the same run.

Three stores are generated in temporary FREEFEET_HOMEs: empty, one month, and ten years (7,300
sessions and 3,650 check-ins, see ``datagen.py``). Then, round by round so that a busy machine
slows both sides alike:

* Today's first screen: ``freefeet`` started in a new tmux session, timed until "Streak" shows,
  with ten years against the empty store. Target: at most 1.1x.
* History's first screen: ``freefeet`` started, and once Today shows ``h`` is pressed; timed
  from the key until the log's title shows, with ten years against one month. Target: 1.2x.
* ``freefeet today`` (wall time of the process) on ten years against ``python -c pass`` from
  the same interpreter. Target: at most 5x.

After the rounds, saving the current year is timed in-process: a check-in for today added,
then changed, ``--saves`` times in the ten-year store (each save is the store's locked re-read,
TOML dump, atomic write with fsync and snapshot). Target: median at most 20 ms.

Run it with ``.venv/bin/python benchmarks/progress.py [--rounds N] [--saves N] [--check]``. It
prints the medians, the ratios and PASS or MISS per target, and exits 0 unless ``--check`` is
given and a target is missed: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from datagen import fill_store
from freefeet_tui.core.progress import CheckIn, ProgressStore
from startup import (
    FREEFEET,
    PYTHON,
    SCREEN_TIMEOUT,
    Target,
    TmuxHarness,
    check_setup,
    interleaved,
    time_process,
)

TODAY_WORD = "Streak"
HISTORY_WORD = "Sessions and check-ins"
KEY_POLL_SECONDS = 0.002
TEN_YEARS = 3650
ONE_MONTH = 30


TARGETS = (
    Target("Today first screen", "Today, ten years", "Today, empty store", 1.1),
    Target("History first screen", "History, ten years", "History, one month", 1.2),
    Target("freefeet today", "freefeet today, ten years", "python -c pass", 5.0),
)
SAVE_LIMIT_MS = 20.0


class KeyHarness(TmuxHarness):
    """The startup harness, plus timing from a key press to a word."""

    def time_key_to_word(self, command: list[str], ready: str, key: str, word: str) -> float:
        """Start ``command``; once ``ready`` shows, press ``key``: seconds until ``word``."""
        session = f"run-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", shlex.join(command))
        try:
            self._wait(session, ready, time.perf_counter())
            start = time.perf_counter()
            self._tmux("send-keys", "-t", session, key)
            return self._wait(session, word, start)
        finally:
            self._tmux("kill-session", "-t", session)

    def _wait(self, session: str, word: str, start: float) -> float:
        while True:
            screen = self._tmux("capture-pane", "-p", "-t", session).stdout
            if word in screen:
                return time.perf_counter() - start
            if time.perf_counter() - start > SCREEN_TIMEOUT:
                sys.exit(f"progress.py: {word!r} never appeared; the screen showed:\n{screen}")
            time.sleep(KEY_POLL_SECONDS)


def progress_folder(home: Path) -> Path:
    """Where freefeet keeps the log when ``FREEFEET_HOME`` is ``home``."""
    from freefeet_tui.core.locations import user_locations

    saved = os.environ.get("FREEFEET_HOME")
    os.environ["FREEFEET_HOME"] = str(home)
    try:
        return user_locations().progress
    finally:
        if saved is None:
            del os.environ["FREEFEET_HOME"]
        else:
            os.environ["FREEFEET_HOME"] = saved


def make_homes(workdir: Path) -> dict[str, Path]:
    """The three FREEFEET_HOMEs: empty, one month and ten years of log."""
    homes = {name: workdir / name for name in ("empty", "month", "ten")}
    for name, days in (("month", ONE_MONTH), ("ten", TEN_YEARS)):
        started = time.perf_counter()
        records = fill_store(progress_folder(homes[name]), days)
        print(
            f"generated {len(records.sessions)} sessions and {len(records.checkins)} "
            f"check-ins in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    homes["empty"].mkdir()
    return homes


def measure(rounds: int, workdir: Path, homes: dict[str, Path]) -> dict[str, list[float]]:
    """Run every measurement once per round, in the same order each round."""
    # As installed: bytecode compiled once (the warm-up writes it), not on every start.
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "PYTHONDONTWRITEBYTECODE")}
    env.pop("FREEFEET_HOME", None)
    harness = KeyHarness(env, workdir / "tmux.sock")

    def with_home(name: str, *args: str) -> list[str]:
        return ["env", f"FREEFEET_HOME={homes[name]}", str(FREEFEET), *args]

    def today_screen(name: str) -> Callable[[], float]:
        return lambda: harness.time_to_word(with_home(name), TODAY_WORD)

    def history_screen(name: str) -> Callable[[], float]:
        return lambda: harness.time_key_to_word(with_home(name), TODAY_WORD, "h", HISTORY_WORD)

    ten_env = {**env, "FREEFEET_HOME": str(homes["ten"])}
    runs: dict[str, Callable[[], float]] = {
        "Today, empty store": today_screen("empty"),
        "Today, ten years": today_screen("ten"),
        "History, one month": history_screen("month"),
        "History, ten years": history_screen("ten"),
        "python -c pass": lambda: time_process([str(PYTHON), "-c", "pass"], env),
        "freefeet today, ten years": lambda: time_process([str(FREEFEET), "today"], ten_env),
    }
    try:
        return interleaved(runs, rounds)
    finally:
        harness.close()


def time_saves(progress: Path, saves: int) -> list[float]:
    """Seconds per save of a check-in for today into the current year, one store throughout."""
    store = ProgressStore(progress)
    today = date.today()
    store.add_checkin(CheckIn(today, 2, 3, note="warm-up"))  # not counted: the first read
    times: list[float] = []
    for number in range(saves):
        checkin = CheckIn(today, number % 11, 3, run_minutes=30, note=f"save {number}")
        start = time.perf_counter()
        store.add_checkin(checkin)
        times.append(time.perf_counter() - start)
    return times


def verdict(met: bool) -> str:
    return "PASS" if met else "MISS"


def report(times: dict[str, list[float]], saves: list[float]) -> bool:
    """Print medians and the ratio per target; True when every target is met."""
    medians = {name: statistics.median(values) for name, values in times.items()}
    width = max(len(name) for name in medians)
    print(f"{'measurement':<{width}}  median    min       max       (seconds)")
    for name, values in times.items():
        print(f"{name:<{width}}  {medians[name]:.4f}    {min(values):.4f}    {max(values):.4f}")
    print()
    all_met = True
    for target in TARGETS:
        ratio = medians[target.measured] / medians[target.baseline]
        met = ratio <= target.limit
        all_met &= met
        print(
            f"{verdict(met)}  {target.name}: {ratio:.2f}x {target.baseline} "
            f"(target <= {target.limit:g}x)"
        )
    save_ms = statistics.median(saves) * 1000
    met = save_ms <= SAVE_LIMIT_MS
    print(
        f"{verdict(met)}  saving the current year: {save_ms:.1f} ms median of {len(saves)} "
        f"(min {min(saves) * 1000:.1f}, max {max(saves) * 1000:.1f}; target <= "
        f"{SAVE_LIMIT_MS:g} ms)"
    )
    return all_met and met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=15, help="rounds per measurement (15)")
    parser.add_argument("--saves", type=int, default=30, help="timed saves of the year (30)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a target is missed (for CI use)"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.saves < 1:
        parser.error("--rounds and --saves must be at least 1")
    check_setup(parser)
    with tempfile.TemporaryDirectory(prefix="freefeet-bench-") as folder:
        workdir = Path(folder)
        homes = make_homes(workdir)
        times = measure(args.rounds, workdir, homes)
        saves = time_saves(progress_folder(homes["ten"]), args.saves)
    all_met = report(times, saves)
    return 1 if args.check and not all_met else 0


if __name__ == "__main__":
    sys.exit(main())
