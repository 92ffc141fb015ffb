"""Years of a busy runner's log for the benchmarks, generated fast and written through the store.

Two sessions a day (one in eleven evening sessions partial) and a check-in every day, about a
third with a note, ending yesterday: ten years is 7,300 sessions and 3,650 check-ins. The
records go in with ``merge_into``, one locked read-modify-write per year, so generating ten
years costs ten writes rather than eleven thousand. Shared by ``export.py`` and ``progress.py``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from datetime import time as clock_time
from pathlib import Path

from freefeet_tui.core.export.importer import Imported
from freefeet_tui.core.export.merge import merge_into
from freefeet_tui.core.progress import CheckIn, ProgressStore, Session, SessionStatus

LESSONS = (
    ("free-your-feet", "Free Your Feet", 16),
    ("mobilizing-your-core-to-run", "Mobilizing Your Core to Run", 18),
    ("pre-run-hip-extension", "Pre-run Hip Extension", 6),
)
TZ = timezone(timedelta(hours=1))


def ten_years(first: date, years: int) -> Imported:
    """Two sessions and one check-in a day for ``years`` years of 365 days from ``first``."""
    return log_for_days(first, 365 * years)


def log_for_days(first: date, days: int) -> Imported:
    """Two sessions and one check-in a day for ``days`` days from ``first``."""
    sessions: list[Session] = []
    checkins: list[CheckIn] = []
    for n in range(days):
        day = first + timedelta(days=n)
        for slot, hour in enumerate((7, 18)):
            lesson, title, steps = LESSONS[(n + slot) % len(LESSONS)]
            start = datetime.combine(day, clock_time(hour, 30), tzinfo=TZ)
            partial = n % 11 == 0 and slot == 1
            sessions.append(
                Session(
                    id=f"s-{day:%Y%m%d}-{slot:06x}",
                    lesson_id=lesson,
                    lesson_title=title,
                    start=start,
                    end=start + timedelta(minutes=20),
                    day=day,
                    seconds=1140,
                    steps_done=steps // 2 if partial else steps,
                    steps_total=steps,
                    status=SessionStatus.PARTIAL if partial else SessionStatus.COMPLETED,
                )
            )
        checkins.append(
            CheckIn(
                day,
                n % 7,
                (n + 3) % 6,
                run_minutes=30 + n % 20 if n % 2 else None,
                run_pain=n % 4 if n % 2 else None,
                note=f'Day {n}: stiff first steps, "better" later 🦶' if n % 3 == 0 else None,
            )
        )
    return Imported("benchmark", tuple(sessions), tuple(checkins), ())


def fill_store(progress: Path, days: int, today: date | None = None) -> Imported:
    """Write ``days`` days of log ending yesterday into the store at ``progress``."""
    end = today or date.today()
    records = log_for_days(end - timedelta(days=days), days)
    merge_into(ProgressStore(progress), records)
    return records
