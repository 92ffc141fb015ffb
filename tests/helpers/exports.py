"""A fixed three-week log for the export and import tests, with notes that try every format."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from freefeet_tui.core.export.icalendar_format import PlanLesson
from freefeet_tui.core.export.importer import Imported
from freefeet_tui.core.progress import CheckIn, History, Session, SessionStatus, Skip

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 6, 45, tzinfo=UTC)
HOME_TZ = timezone(timedelta(hours=1))
AWAY_TZ = timezone(timedelta(hours=-5))
FYF, MYC, PRE = "free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension"
TITLES = {FYF: "Free Your Feet", MYC: "Mobilizing Your Core to Run", PRE: "Pre-run Hip Extension"}
PLAN_LESSONS = {
    FYF: PlanLesson("Free Your Feet", 1260),
    MYC: PlanLesson("Mobilizing Your Core to Run", 1140),
    PRE: PlanLesson("Pre-run Hip Extension", 300),
}

NOTES = {
    date(2026, 11, 2): 'First steps: "like glass", then easier.\nBetter after coffee ☕🦶',
    date(2026, 11, 3): '=HYPERLINK("http://example.invalid","click")',
    date(2026, 11, 5): "-2 from yesterday, @coach please look",
    date(2026, 11, 9): "'quoted on purpose', said the runner",
    date(2026, 11, 12): "\tTabbed; *bold*? [link](x) <b>| pipes & more",
    date(2026, 11, 16): "+1 good day 🎉",
    date(2026, 11, 23): "@mention, line one\r\nline two",
}


def session(
    lesson: str,
    day: date,
    *,
    hour: int = 7,
    seconds: int = 1200,
    steps: int = 16,
    status: SessionStatus = SessionStatus.COMPLETED,
    tz: timezone = HOME_TZ,
) -> Session:
    start = datetime.combine(day, time(hour, 30), tzinfo=tz)
    done = steps if status is SessionStatus.COMPLETED else steps // 2
    return Session(
        id=f"s-{day:%Y%m%d}-{lesson[:3]}{hour:03d}",
        lesson_id=lesson,
        lesson_title=TITLES[lesson],
        start=start,
        end=start + timedelta(seconds=seconds + 60),
        day=day,
        seconds=seconds,
        steps_done=done,
        steps_total=steps,
        status=status,
        stop_index=None if status is SessionStatus.COMPLETED else done,
        stop_step=None if status is SessionStatus.COMPLETED else "bridge",
    )


def sample_history() -> History:
    """Three weeks of a runner's log (fixed, so the golden files stay put)."""
    d = date(2026, 11, 1)
    sessions = [
        session(FYF, d + timedelta(1), seconds=1262),
        session(MYC, d + timedelta(2), seconds=1150, steps=18),
        session(PRE, d + timedelta(3), hour=18, seconds=300, steps=6),
        session(PRE, d + timedelta(4), seconds=120, steps=6, status=SessionStatus.PARTIAL),
        *(session(PRE, d + timedelta(n), seconds=310, steps=6) for n in range(9, 14)),
        session(FYF, d + timedelta(14), tz=AWAY_TZ),
        session(MYC, d + timedelta(16), steps=18),
        *(session(PRE, d + timedelta(n), hour=17, seconds=305, steps=6) for n in range(18, 24)),
        session(FYF, d + timedelta(23), hour=8, seconds=400, status=SessionStatus.OPEN),
    ]
    pains = {1: (5, 3), 2: (5, 4), 4: (4, 3), 8: (4, 2), 9: (3, 2), 11: (3, 3), 15: (2, 2)}
    pains |= {17: (2, 1), 19: (2, 1), 22: (1, 1)}
    runs = {2: (20, 3), 8: (30, 2), 15: (35, None), 19: (40, 1)}
    checkins = []
    for n, (left, right) in pains.items():
        day = d + timedelta(n)
        minutes, run_pain = runs.get(n, (None, None))
        checkins.append(
            CheckIn(
                day,
                left,
                right,
                run_minutes=minutes,
                run_pain=run_pain,
                planned_run=n == 4,
                note=NOTES.get(day),
            )
        )
    skips = [Skip(d + timedelta(5), "travel"), Skip(d + timedelta(7), "flare-up, both heels")]
    return History.of(sessions, checkins, skips)


def event_day(event: Any) -> date:
    """An event's DTSTART as icalendar reads it: a date for an all-day event."""
    start = event["DTSTART"].dt
    assert isinstance(start, date)
    return start


def imported(history: History) -> Imported:
    """A history as the importer would hand it over."""
    return Imported("test", history.sessions, history.checkins, history.skips)
