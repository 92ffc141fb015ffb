"""The issue's walk-through, scripted: a new user follows ``freefeet today --json`` for 28 days.

Everything goes through the installed ``freefeet`` in fresh processes with a private
FREEFEET_HOME. The 28 days end today: earlier days are asked about with ``--date`` and logged
with ``log --date``; a lesson done on an earlier day is recorded by importing a session for
it (the player records sessions only for today), and today's lessons are played with
``play --plain --tempo 100``. Morning pain stays 2/10; one run late on hurts 7/10.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import icalendar

from freefeet_tui.core.export.json_format import to_json
from freefeet_tui.core.progress import History, new_session
from tests.helpers.tmux import installed_freefeet

DAYS = 28
PAINFUL_RUN = 24  # the day (from 0) whose run hurts 7/10
FIRST = date.today() - timedelta(days=DAYS - 1)
ZONE = timezone(timedelta(hours=1))


class User:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {"FREEFEET_HOME": str(home), "PATH": "/usr/bin:/bin"}

    def freefeet(self, *args: str) -> str:
        done = subprocess.run(
            [str(installed_freefeet()), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
        )
        assert done.returncode == 0, f"freefeet {' '.join(args)}: {done.stderr}"
        return done.stdout

    def today(self, day: date) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(
            self.freefeet("today", "--date", day.isoformat(), "--json")
        )
        return data

    def record_lesson(self, lesson_id: str, day: date, hour: int) -> None:
        """A lesson done on an earlier day, imported as freefeet's own export would hold it."""
        start = datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)
        session = new_session(lesson_id, lesson_id, 4, now=start).finish(
            completed=True,
            seconds=600,
            steps_done=4,
            stop_index=None,
            stop_step=None,
            now=start + timedelta(minutes=10),
        )
        path = self.home / f"{session.id}.json"
        path.write_bytes(to_json(History.of([session])))
        self.freefeet("import", str(path))


def test_twenty_eight_days_of_doing_what_today_says(tmp_path: Path) -> None:
    user = User(tmp_path / "home")
    feet_days: list[int] = []
    runs: dict[int, int] = {}
    reports: list[dict[str, Any]] = []
    for n in range(DAYS):
        day = FIRST + timedelta(days=n)
        report = user.today(day)
        reports.append(report)
        assert report["due"] or report["rest_day"], f"day {n + 1} asks nothing"
        assert report["date"] == day.isoformat()
        for hour, item in enumerate(report["due"], 7):
            if item["state"] == "done":
                continue
            if item["kind"] == "check-in":
                user.freefeet("log", "--date", day.isoformat(), "--pain", "2")
            elif item["kind"] == "run":
                minutes = report["run"]["minutes"]
                runs[n] = minutes
                pain = "7" if n == PAINFUL_RUN else "2"
                ran = ("--ran", str(minutes), "--run-pain", pain)
                user.freefeet("log", "--date", day.isoformat(), *ran)
            elif day == date.today():
                user.freefeet("play", item["id"], "--plain", "--tempo", "100")
            else:
                user.record_lesson(item["id"], day, hour)
            if item["id"] == "free-your-feet":
                feet_days.append(n)
    last = user.today(date.today())
    assert all(item["state"] == "done" for item in last["due"])
    assert len(feet_days) >= 3
    assert last["streak"]["current"] >= 27
    easy = [minutes for n, minutes in sorted(runs.items()) if n <= PAINFUL_RUN]
    assert easy == sorted(easy) and easy[-1] > easy[0]  # growing while pain stays 2/10
    after = reports[PAINFUL_RUN + 1]["run"]
    assert after["minutes"] == 0 or after["minutes"] < runs[PAINFUL_RUN]
    assert "hurt 7/10" in after["reason"]
    next_run = min(n for n in runs if n > PAINFUL_RUN)
    assert runs[next_run] < runs[PAINFUL_RUN]  # stepped back

    plan = user.freefeet("plan").splitlines()
    dated = [line for line in plan if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    assert len(dated) == 14

    config = user.home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[reminders]\ntime = "07:30"\n', encoding="utf-8")
    ics = tmp_path / "plan.ics"
    user.freefeet("export", "--format", "ics", "-o", str(ics))
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert events and all(e.walk("VALARM") for e in events)
