"""Does the player's big type cost time or CPU? This tree against an earlier one, in one run.

Both versions play Free Your Feet (``freefeet play free-your-feet --audio none``) in new
tmux sessions of ``--size`` (120x40; 200x60 draws the biggest digits), interleaved round by
round, each from its own source tree with the same interpreter and libraries, each with its
own temporary ``FREEFEET_HOME`` (no get-ready count, so both are playing the first step).
Two figures per run:

* first frame: seconds from starting the command until "Step 1 of" shows in ``capture-pane``;
* CPU while playing: CPU seconds the process uses over ``--seconds`` (10) of the lesson,
  measured from /proc one second after the first frame.

The baseline is a git revision (``--baseline``, default ``main``) unpacked with
``git archive`` into a temporary folder. Targets: both ratios of medians at most 1.10.

Run it with ``.venv/bin/python benchmarks/player.py [--baseline REV] [--rounds N]
[--seconds S] [--size WxH] [--check]``. It needs tmux, git and Linux's /proc. It prints the
medians, the ratios and PASS or MISS, and exits 1 only with ``--check`` and a missed target.
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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import POLL_SECONDS, PYTHON, SCREEN_TIMEOUT, TmuxHarness

REPO = Path(__file__).resolve().parent.parent
WORD = "Step 1 of"
TARGET = 1.10
SETTLE = 1.0  # seconds after the first frame before the CPU window opens
CONFIG = "[player]\nget_ready = 0\n"  # an older freefeet ignores the table


@dataclass(frozen=True)
class Version:
    """A freefeet source tree to run: its name in the report and its ``src`` folder."""

    name: str
    source: Path

    def command(self) -> list[str]:
        return [str(PYTHON), "-m", "freefeet_tui", "play", "free-your-feet", "--audio", "none"]


def unpack(revision: str, into: Path) -> Path:
    """The tree of ``revision`` in ``into``; stops the benchmark if git cannot give it."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        sys.exit(f"player.py: git archive {revision} failed: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by ``pid`` and every process below it, all their threads
    counted, to the nanosecond (``/proc/.../schedstat``, not the 10 ms ticks of ``stat``)."""
    total = 0
    for found in [pid, *descendants(pid)]:
        for task in Path(f"/proc/{found}/task").glob("*"):
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, IndexError, ValueError):
                continue  # a thread that ended meanwhile
    return total / 1e9


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


class PlayerHarness(TmuxHarness):
    """Adds what ``startup.py``'s harness lacks: keeping the session to read its CPU time."""

    size = ("120", "40")

    def play(self, version: Version, home: Path, seconds: float) -> tuple[float, float]:
        """(seconds to the first frame, CPU seconds over ``seconds`` of playing)."""
        session = f"run-{uuid.uuid4().hex[:8]}"
        env = (
            f"PYTHONPATH={shlex.quote(str(version.source))} FREEFEET_HOME={shlex.quote(str(home))}"
        )
        command = f"env {env} {shlex.join(version.command())}"
        start = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", session, "-x", self.size[0], "-y", self.size[1], command
        )
        try:
            while True:
                screen = self._tmux("capture-pane", "-p", "-t", session).stdout
                if WORD in screen:
                    first_frame = time.perf_counter() - start
                    break
                if time.perf_counter() - start > SCREEN_TIMEOUT:
                    sys.exit(f"player.py: {version.name} never showed {WORD!r}:\n{screen}")
                time.sleep(POLL_SECONDS)
            pane = int(self._tmux("display", "-p", "-t", session, "#{pane_pid}").stdout)
            time.sleep(SETTLE)
            before = cpu_seconds(pane)
            time.sleep(seconds)
            used = cpu_seconds(pane) - before
            return first_frame, used
        finally:
            self._tmux("kill-session", "-t", session)


def measure(
    versions: list[Version], rounds: int, seconds: float, workdir: Path, size: tuple[str, str]
) -> dict[str, dict[str, list[float]]]:
    """Each version once per round, after one warm-up run each that is not counted."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "PYTHONDONTWRITEBYTECODE")}
    harness = PlayerHarness(env, workdir / "tmux.sock")
    harness.size = size
    homes = {}
    for version in versions:
        home = workdir / f"home-{version.name}"
        (home / "config").mkdir(parents=True)
        (home / "config" / "config.toml").write_text(CONFIG, encoding="utf-8")
        homes[version.name] = home
    times: dict[str, dict[str, list[float]]] = {
        v.name: {"first frame": [], "CPU while playing": []} for v in versions
    }
    try:
        for version in versions:
            harness.play(version, homes[version.name], 1.0)
        for number in range(1, rounds + 1):
            # Each version goes first in every other round, so neither always follows the other.
            for version in versions if number % 2 else versions[::-1]:
                frame, cpu = harness.play(version, homes[version.name], seconds)
                times[version.name]["first frame"].append(frame)
                times[version.name]["CPU while playing"].append(cpu)
            print(f"round {number}/{rounds} done", file=sys.stderr, flush=True)
    finally:
        harness.close()
    return times


def report(times: dict[str, dict[str, list[float]]], baseline: str, current: str) -> bool:
    """Print medians and ratios; True when both targets are met."""
    print(f"{'version':<10} {'measurement':<18} median    min       max       (seconds)")
    for name, figures in times.items():
        for what, values in figures.items():
            median = statistics.median(values)
            print(f"{name:<10} {what:<18} {median:.4f}    {min(values):.4f}    {max(values):.4f}")
    print()
    all_met = True
    for what in ("first frame", "CPU while playing"):
        base = statistics.median(times[baseline][what])
        ratio = statistics.median(times[current][what]) / base if base else float("inf")
        met = ratio <= TARGET
        all_met &= met
        verdict = "PASS" if met else "MISS"
        print(f"{verdict}  player {what}: {ratio:.3f}x {baseline} (target <= {TARGET:g}x)")
    return all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--baseline", default="main", help="git revision to compare with (main)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds per version (7)")
    parser.add_argument("--seconds", type=float, default=10.0, help="CPU window in seconds (10)")
    parser.add_argument("--size", default="120x40", help="terminal columns x rows (120x40)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.seconds <= 0:
        parser.error("--rounds must be at least 1 and --seconds more than 0")
    columns, _, rows = args.size.partition("x")
    if not (columns.isdigit() and rows.isdigit()):
        parser.error("--size must be columns x rows, such as 200x60")
    if shutil.which("tmux") is None or shutil.which("git") is None:
        parser.error("tmux and git are needed")
    if not Path("/proc/self/stat").exists():
        parser.error("the CPU figures are read from /proc (Linux)")
    with tempfile.TemporaryDirectory(prefix="freefeet-bench-") as folder:
        workdir = Path(folder)
        baseline = Version(args.baseline, unpack(args.baseline, workdir / "baseline"))
        current = Version("this tree", REPO / "src")
        times = measure([baseline, current], args.rounds, args.seconds, workdir, (columns, rows))
    all_met = report(times, baseline.name, current.name)
    return 1 if args.check and not all_met else 0


if __name__ == "__main__":
    sys.exit(main())
