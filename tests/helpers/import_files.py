"""Import files for the fuzz tests: a valid export across two years, and a home to import into.

The records are dated relative to the computer's date (the import refuses days after today),
over the last 400 days, so every file spans two year files and an all-or-nothing import has
two files to write. The home's log starts 500 days back, so no record is "more than a year
before the log's first record".
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from freefeet_tui.cli.main import main
from freefeet_tui.core.export.csv_format import to_csv
from freefeet_tui.core.export.json_format import to_json
from freefeet_tui.core.progress import (
    CheckIn,
    History,
    ProgressStore,
    Session,
    SessionStatus,
    Skip,
)

ZONE = timezone(timedelta(hours=2))
HOSTILE_TOKENS = (
    '"\\u001b]0;pwned\\u0007"',
    '"\\ud800"',
    '"\\udfff tail"',
    "9" * 5000,
    "-" + "7" * 400,
    "1e999999",
    "NaN",
    "[" * 5000,
    '{"a":' * 3000,
    '"' + "x" * 100_000 + '"',
    "\x00",
    "\x1b]0;raw\x07",
    "\ufeff",
    "\r\n",
    '"=HYPERLINK(\\"x\\")"',
    '"0001-01-06"',
    '"1999-12-31"',
    '"2999-01-01"',
    "null",
    "true",
    "{}",
    "[]",
    ",",
    ":",
    '"sessions"',
    '"note"',
)


def recent_history(today: date | None = None) -> History:
    """Sessions, check-ins and skips over the last 400 days: two years, every kind."""
    end = today or date.today()
    sessions: list[Session] = []
    checkins: list[CheckIn] = []
    skips: list[Skip] = []
    for n in range(0, 400, 37):
        day = end - timedelta(days=400 - n)
        start = datetime.combine(day, time(7, 15), tzinfo=ZONE)
        sessions.append(
            Session(
                id=f"s-{day:%Y%m%d}-fz{n:04d}",
                lesson_id="free-your-feet",
                lesson_title="Free Your Feet" if n % 2 else '=Free, Your "Feet"',
                start=start,
                end=start + timedelta(minutes=21),
                day=day,
                seconds=1200,
                steps_done=16 if n % 3 else 8,
                steps_total=16,
                status=SessionStatus.COMPLETED if n % 3 else SessionStatus.PARTIAL,
                stop_index=None if n % 3 else 8,
                stop_step=None if n % 3 else "heel-lifts",
                tempo=1.0 if n % 2 else 1.5,
            )
        )
        checkins.append(
            CheckIn(day, n % 11, (n + 3) % 11, 30, 2, note=f'day {n}: stiff,\n"better" later')
        )
        if n % 74 == 0:
            skips.append(Skip(day + timedelta(days=1), "travel, @coach"))
    return History.of(sessions, checkins, skips)


def export_files(today: date | None = None) -> dict[str, bytes]:
    history = recent_history(today)
    return {"json": to_json(history), "csv": to_csv(history)}


def make_home(root: Path, today: date | None = None) -> Path:
    """A home whose log holds one check-in 500 days back: the template every input starts from."""
    home = root / "home"
    store = ProgressStore(home / "data" / "progress")
    store.add_checkin(CheckIn((today or date.today()) - timedelta(days=500), 4, 4))
    return home


def year_files(home: Path) -> dict[str, bytes]:
    """Every year file and every other file of freefeet's own in the progress folder (the
    snapshots and the lock are caches and plumbing, left out)."""
    folder = home / "data" / "progress"
    if not folder.is_dir():
        return {}
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if not path.name.endswith(".snapshot") and path.name != ".lock"
    }


@dataclass
class Outcome:
    code: int
    out: bytes
    err: bytes


@contextlib.contextmanager
def home_at(home: Path) -> Iterator[None]:
    old = os.environ.get("FREEFEET_HOME")
    os.environ["FREEFEET_HOME"] = str(home)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("FREEFEET_HOME", None)
        else:
            os.environ["FREEFEET_HOME"] = old


def run_import(path: Path, home: Path) -> Outcome:
    """``freefeet import PATH`` in this process, its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with home_at(home), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", str(path)])
    return Outcome(
        code,
        out.getvalue().encode("utf-8", "surrogateescape"),
        err.getvalue().encode("utf-8", "surrogateescape"),
    )


def fresh_home(template: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(template, into)
    return into
