"""Child processes for the fault tests: savers that get killed, and savers that race.

Each child is ``python -c`` with a small script that imports only the core progress store
(no Textual, no audio) and prints one line per save *after* the save has returned, so the
parent knows which records must have survived.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAVER = """\
import datetime as dt, random, sys
from pathlib import Path
from freefeet_tui.core.progress import CheckIn, ProgressStore, Skip, new_session

folder, seed = Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
store = ProgressStore(folder)
tz = dt.timezone(dt.timedelta(minutes=15 * rng.randint(-40, 50)))
print("ready", flush=True)
while True:
    day = dt.date(2026, 12, 1) + dt.timedelta(days=rng.randrange(62))  # two year files
    kind = rng.random()
    if kind < 0.6:
        start = dt.datetime(day.year, day.month, day.day, 7, rng.randrange(60), tzinfo=tz)
        session = store.add_session(new_session("free-your-feet", "Free Your Feet", 17, now=start))
        print("S", session.id, day.isoformat(), flush=True)
        done = rng.randint(1, 17)
        moved = session.checkpoint(seconds=done * 30, steps_done=done, stop_index=done - 1,
                                   stop_step="scan-stand", now=start + dt.timedelta(minutes=done))
        store.update_session(moved)
        print("U", session.id, day.isoformat(), done, flush=True)
    elif kind < 0.85:
        stored = store.add_checkin(CheckIn(day, pain_left=rng.randint(0, 10), note="x" * 40))
        print("C", stored.id, day.isoformat(), flush=True)
    else:
        stored = store.add_skip(Skip(day, rng.choice(["travel", "ill", "flare-up"])))
        print("K", stored.id, day.isoformat(), flush=True)
"""

RACER = """\
import datetime as dt, sys
from pathlib import Path
from freefeet_tui.core.progress import ProgressStore, new_session

folder, count, hour = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store = ProgressStore(folder)
tz = dt.timezone(dt.timedelta(hours=1))
print("ready", flush=True)
sys.stdin.readline()  # "go": both start saving at the same moment
for n in range(count):
    day = dt.date(2026, 1, 1) + dt.timedelta(days=n)
    start = dt.datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    session = store.add_session(new_session("free-your-feet", "Free Your Feet", 17, now=start))
    print(session.id, flush=True)
"""


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FREEFEET_HOME"] = str(home)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def spawn(script: str, args: list[str], home: Path, stdin: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(home),
    )


@dataclass
class Saved:
    """What the killed children reported as saved, and anything that went wrong."""

    ids: dict[str, str] = field(default_factory=dict)  # record id -> kind letter
    steps: dict[str, int] = field(default_factory=dict)  # session id -> checkpointed steps
    kills: int = 0
    failures: list[str] = field(default_factory=list)

    def add_lines(self, lines: list[str]) -> None:
        for line in lines:
            parts = line.split()
            if len(parts) >= 3 and parts[0] in "SCK":
                self.ids[parts[1]] = parts[0]
            elif len(parts) == 4 and parts[0] == "U":
                self.steps[parts[1]] = int(parts[3])


def kill_one(folder: Path, home: Path, seed: int, rng: random.Random, saved: Saved) -> None:
    """Start a saver, let it save for a random moment, SIGKILL it and collect its lines.

    The moment is counted from the child's first returned save, not from its start, so a busy
    machine (a slow start-up, little CPU) still has every child killed while it is saving.
    """
    child = spawn(SAVER, [str(folder), str(seed)], home)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    saving = child.stdout.readline() if first.strip() == "ready" else ""
    if not saving:
        child.kill()
        saved.failures.append(f"child did not start: {first!r} {child.stderr.read()}")
        return
    time.sleep(rng.uniform(0.0, 0.12))
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    if child.returncode != -signal.SIGKILL:
        saved.failures.append(f"child exited {child.returncode}: {err.strip()[-800:]}")
    saved.add_lines([saving, *out.splitlines()])
    saved.kills += 1


def kill_many(folders: list[Path], home: Path, kills: int, seed: int) -> Saved:
    """``kills`` children in all, one lane (thread) per folder running them one after another."""
    saved = Saved()
    lock = threading.Lock()
    per_lane = [kills // len(folders) + (i < kills % len(folders)) for i in range(len(folders))]

    def lane(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        for n in range(per_lane[index]):
            mine = Saved()
            kill_one(folders[index], home, seed * 100_000 + index * 1000 + n, rng, mine)
            with lock:
                saved.ids.update(mine.ids)
                saved.steps.update(mine.steps)
                saved.kills += mine.kills
                saved.failures.extend(mine.failures)

    threads = [threading.Thread(target=lane, args=(i,)) for i in range(len(folders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return saved


def race(folder: Path, home: Path, count: int) -> tuple[list[str], list[str]]:
    """Two racers add ``count`` sessions each into one folder at the same time."""
    racers = [spawn(RACER, [str(folder), str(count), str(hour)], home, True) for hour in (7, 18)]
    for racer in racers:
        assert racer.stdout is not None
        assert racer.stdout.readline().strip() == "ready"
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    results: list[list[str]] = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        results.append(out.split())
    return results[0], results[1]
