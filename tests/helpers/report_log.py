"""Thirty days of a runner's log for the html report's tests: check-ins with both feet, runs
with their pain, sessions of three lessons (completed and partial), two skips, a day with
nothing done though a lesson was due, and notes that try to be markup."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from freefeet_tui.core.progress import CheckIn, History, Session, SessionStatus, Skip

END = date(2026, 11, 24)  # a Tuesday
START = END - timedelta(days=29)
ZONE = timezone(timedelta(hours=1))
SCRIPT_NOTE = "<script>alert('x')</script> calf tight"
BOLD_NOTE = "<b>not bold</b> & [b]no markup[/b]\nsecond line"
ESCAPE_NOTE = '=HYPERLINK("http://example.com") \x1b]0;pwned\x07 odd'
SKIP_REASON = "travel <i>x</i>"
TITLE = "Free <Your> Feet & $5 $shoes$"  # markup and matplotlib's mathematics, both literal
LESSONS = (
    ("free-your-feet", TITLE, 1260),
    ("mobilizing-your-core-to-run", "Mobilizing Your Core to Run", 1500),
    ("pre-run-hip-extension", "Pre-run hip extension", 420),
)
NOTHING_DONE = (11, 27)  # offsets from START with no session and no skip (27: a rest day)
SKIPPED = (6, 20)


def pains(offset: int) -> tuple[int, int]:
    """Left falls from 6 or 7 to 0 or 1, right from 3 or 4 to 1: the feet differ."""
    return max(0, 6 - offset // 5 + (offset % 3 == 0)), max(0, 3 - offset // 10 + (offset % 4 == 1))


def thirty_days() -> History:
    sessions, checkins, skips = [], [], []
    for offset in range(30):
        day = START + timedelta(days=offset)
        left, right = pains(offset)
        ran = offset % 2 == 0 and offset > 2
        note = {4: SCRIPT_NOTE, 9: BOLD_NOTE, 15: ESCAPE_NOTE}.get(offset)
        checkins.append(
            CheckIn(
                day,
                left,
                right,
                10 + offset if ran else None,
                offset % 7 if ran else None,
                note=note,
            )
        )
        if offset in SKIPPED:
            skips.append(Skip(day, SKIP_REASON if offset == 6 else "sick"))
            continue
        if offset in NOTHING_DONE:
            continue
        lesson_id, title, seconds = LESSONS[offset % 3 if offset % 5 else 0]
        partial = offset % 7 == 3
        start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=ZONE)
        practised = seconds // 3 if partial else seconds
        sessions.append(
            Session(
                id=f"s-{day:%Y%m%d}-a{offset:04x}",
                lesson_id=lesson_id,
                lesson_title=title,
                start=start,
                end=start + timedelta(seconds=practised),
                day=day,
                seconds=practised,
                steps_done=3 if partial else 9,
                steps_total=9,
                status=SessionStatus.PARTIAL if partial else SessionStatus.COMPLETED,
            )
        )
    return History.of(sessions, checkins, skips)
