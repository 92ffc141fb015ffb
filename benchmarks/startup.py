"""How quickly freefeet starts, as ratios against baselines measured in the same run.

Three measurements, each against its own baseline, interleaved round by round so that a busy
machine slows both sides alike:

* ``freefeet lessons list`` (wall time of the process) against ``python -c pass`` from the same
  interpreter. Target: at most 5x.
* ``freefeet today`` for a new user (an empty log; the programme and lesson caches written by
  the warm-up round) against the same ``python -c pass``. Target: at most 5x.
  ``benchmarks/progress.py`` times it again on ten years of log.
* The TUI's first screen against a minimal Textual app (one Static word), both started in the
  same tmux harness and timed until their word appears in ``capture-pane``. Target: at most 1.15x.

Run it with ``.venv/bin/python benchmarks/startup.py [--rounds N] [--check]``. It prints the
medians, the ratios and PASS or MISS per target, and exits 0 unless ``--check`` is given and a
target is missed: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PYTHON = Path(sys.executable)
FREEFEET = PYTHON.parent / "freefeet"
POLL_SECONDS = 0.01
SCREEN_TIMEOUT = 30.0
FREEFEET_WORD = "Free Your Feet"
BASELINE_WORD = "BASELINE-READY"

MINIMAL_APP = f'''\
"""The smallest Textual app: the baseline for the time to a first screen."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("{BASELINE_WORD}")


Minimal().run()
'''


@dataclass(frozen=True)
class Target:
    """A measurement compared with its baseline: the ratio of medians must stay <= ``limit``."""

    name: str
    measured: str
    baseline: str
    limit: float


TARGETS = (
    Target("lessons list", "freefeet lessons list", "python -c pass", 5.0),
    Target("today", "freefeet today", "python -c pass", 5.0),
    Target("TUI first screen", "freefeet (TUI)", "minimal Textual app", 1.15),
)


def time_process(args: list[str], env: dict[str, str]) -> float:
    """Wall time of one process from start to exit; a failure stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"startup.py: {shlex.join(args)} failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


class TmuxHarness:
    """A private tmux server; each measurement is a new 120x40 session, timed to its word."""

    def __init__(self, env: dict[str, str], socket: Path) -> None:
        self.socket = socket
        self.env = env
        # A session that idles for the whole run keeps the server up, so no measurement pays
        # for starting the tmux server.
        self._tmux("new-session", "-d", "-s", "keep", "-x", "120", "-y", "40", "cat")

    def _tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def time_to_word(self, command: list[str], word: str) -> float:
        """Seconds from starting ``command`` in a new session until ``word`` is on its screen."""
        session = f"run-{uuid.uuid4().hex[:8]}"
        start = time.perf_counter()
        self._tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", shlex.join(command))
        try:
            while True:
                screen = self._tmux("capture-pane", "-p", "-t", session).stdout
                if word in screen:
                    return time.perf_counter() - start
                if time.perf_counter() - start > SCREEN_TIMEOUT:
                    sys.exit(f"startup.py: {word!r} never appeared; the screen showed:\n{screen}")
                time.sleep(POLL_SECONDS)
        finally:
            self._tmux("kill-session", "-t", session)

    def close(self) -> None:
        self._tmux("kill-server")


def measure(rounds: int, workdir: Path) -> dict[str, list[float]]:
    """Run every measurement once per round, in the same order each round."""
    # An installed freefeet has its bytecode compiled (pip does it); a test environment that
    # sets PYTHONDONTWRITEBYTECODE would make every run recompile freefeet's own modules while
    # Textual's stay compiled, so the variable is dropped and the warm-up round writes them.
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "PYTHONDONTWRITEBYTECODE")}
    env["FREEFEET_HOME"] = str(workdir / "home")
    minimal_app = workdir / "minimal_app.py"
    minimal_app.write_text(MINIMAL_APP, encoding="utf-8")
    harness = TmuxHarness(env, workdir / "tmux.sock")
    runs: dict[str, Callable[[], float]] = {
        "python -c pass": lambda: time_process([str(PYTHON), "-c", "pass"], env),
        "freefeet lessons list": lambda: time_process([str(FREEFEET), "lessons", "list"], env),
        "freefeet today": lambda: time_process([str(FREEFEET), "today"], env),
        "minimal Textual app": lambda: harness.time_to_word(
            [str(PYTHON), str(minimal_app)], BASELINE_WORD
        ),
        "freefeet (TUI)": lambda: harness.time_to_word([str(FREEFEET)], FREEFEET_WORD),
    }
    try:
        return interleaved(runs, rounds)
    finally:
        harness.close()


def interleaved(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """One uncounted warm-up pass (file caches, .pyc files), then every run once per round in
    the same order, so a busy spell of the machine slows each measurement alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():
        run()
    for number in range(1, rounds + 1):
        for name, run in runs.items():
            times[name].append(run())
        print(f"round {number}/{rounds} done", file=sys.stderr, flush=True)
    return times


def check_setup(parser: argparse.ArgumentParser) -> None:
    """Stop with a usage error unless the installed ``freefeet`` and tmux are there."""
    if not FREEFEET.is_file():
        parser.error(f"freefeet is not installed next to {PYTHON}; run ./scripts/start.sh once")
    if shutil.which("tmux") is None:
        parser.error("tmux is needed for the TUI measurements (apt-get install tmux)")


def report(times: dict[str, list[float]]) -> bool:
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
        verdict = "PASS" if met else "MISS"
        print(
            f"{verdict}  {target.name}: {ratio:.2f}x {target.baseline} "
            f"(target <= {target.limit:g}x)"
        )
    return all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=15, help="rounds per measurement (15)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a target is missed (for CI use)"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    check_setup(parser)
    with tempfile.TemporaryDirectory(prefix="freefeet-bench-") as workdir:
        times = measure(args.rounds, Path(workdir))
    all_met = report(times)
    return 1 if args.check and not all_met else 0


if __name__ == "__main__":
    sys.exit(main())
