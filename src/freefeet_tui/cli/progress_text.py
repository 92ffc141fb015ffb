"""The text of the progress commands (``today``, ``history``, ``stats``), as plain lines.

Pure functions from core records and figures to strings, so tests can check the wording and
other front ends could reuse it. Words the app shows too (dates, lengths, a check-in's figures)
come from ``core.wording``. The user's own words (notes, skip reasons) are shown as written,
with a multi-line note joined onto one line.
"""

from __future__ import annotations

from datetime import date, timedelta

from freefeet_tui.core.progress import CheckIn, History, Session
from freefeet_tui.core.schedule import DueItem, Program, is_run_day
from freefeet_tui.core.streaks import streaks
from freefeet_tui.core.wording import (
    checkin_figures,
    day_word,
    length_text,
    long_day,
    one_line,
    percent,
    plural,
)


def day_heading(day: date, today: date) -> str:
    """``Today, Tuesday 24 November 2026``; ``Tomorrow, ...``; other days just the date."""
    word = day_word(day, today)
    return f"{word.capitalize()}, {long_day(day)}" if word else long_day(day)


def checkin_text(checkin: CheckIn) -> str:
    """``morning pain 3; ran 30 min (pain 2); note: ...``"""
    parts = checkin_figures(checkin)
    if checkin.note is not None:
        parts.append(f"note: {one_line(checkin.note)}")
    return "; ".join(parts)


def session_text(session: Session, titles: dict[str, str]) -> str:
    """``Free Your Feet: completed, 8 of 8 steps, 12 min 30 s, started 07:30``"""
    title = titles.get(session.lesson_id, session.lesson_title)
    status = "unfinished" if session.status == "open" else str(session.status)
    text = (
        f"{title}: {status}, {session.steps_done} of {session.steps_total} steps, "
        f"{length_text(session.seconds)}, started {session.start:%H:%M}"
    )
    if session.tempo != 1:
        text += f", tempo {session.tempo:g}"
    if session.status != "completed" and session.stop_index is not None:
        text += f", stopped at step {session.stop_index + 1}"
    if session.scan_change is not None:
        from freefeet_tui.core.wording import scan_change_words

        text += f", walking {scan_change_words(session.scan_change)} after it"
    return text


def due_lines(items: list[DueItem], titles: dict[str, str]) -> list[str]:
    if not items:
        return ["Nothing is due."]
    lines = ["Due:"]
    for item in items:
        state = "done" if item.done else item.overdue_text
        extra = f" ({state})" if state else ""
        lines.append(f"  {titles.get(item.lesson_id, item.lesson_id)}: {item.reason}{extra}")
        if not item.done:
            lines.append(f"    start it: freefeet play {item.lesson_id}")
    return lines


def today_extras(
    day: date,
    history: History,
    program: Program,
    titles: dict[str, str],
    unfinished: list[Session],
) -> list[str]:
    """The lines under the due list: run days, resume, skip, streak, last pain."""
    lines: list[str] = []
    pre_run = program.run_day
    if pre_run is not None and not is_run_day(day, history, program):
        title = titles.get(pre_run.lesson, pre_run.lesson)
        lines.append(
            f"Running today? Do {title} first (freefeet play {pre_run.lesson}); "
            "freefeet log --planned-run puts it on the list."
        )
    for session in unfinished[:1]:
        lines.append(
            f"Unfinished: {session_text(session, titles)} on {session.day}; continue with: "
            f"freefeet play {session.lesson_id} --resume"
        )
    skip = history.skip_on(day)
    if skip is not None:
        lines.append(f"Skipped: {skip.reason}")
    streak = streaks(history, day)
    lines.append(f"Streak: {plural(streak.current, 'day')} (best {streak.best})")
    last = next((c for c in reversed(history.checkins) if c.day <= day and checkin_text(c)), None)
    if last is not None:
        lines.append(f"Last check-in ({last.day}): {checkin_text(last)}")
    else:
        lines.append("No check-in yet: freefeet log --pain N records this morning's pain.")
    return lines


def history_lines(history: History, start: date, end: date) -> list[str]:
    """Every record from ``start`` to ``end``, newest first: sessions, check-in, skip."""
    titles = {s.lesson_id: s.lesson_title for s in history.sessions}
    lines: list[str] = []
    day = end
    while day >= start:
        sessions = sorted(history.sessions_on(day), key=lambda s: s.start, reverse=True)
        lines += [f"{day}  session   {session_text(s, titles)}" for s in sessions]
        checkin = history.checkin_on(day)
        if checkin is not None:
            lines.append(f"{day}  check-in  {checkin_text(checkin)}")
        skip = history.skip_on(day)
        if skip is not None:
            lines.append(f"{day}  skipped   {skip.reason}")
        day -= timedelta(days=1)
    days = (end - start).days + 1
    return lines or [f"Nothing recorded in the last {plural(days, 'day')}."]


def stats_lines(history: History, today: date, days_per_week: int) -> list[str]:
    from freefeet_tui.core.stats import summarize  # not needed by today: loaded when asked

    summary = summarize(history, today, days_per_week)
    streak = summary.streak
    lines = [
        f"Streak: {plural(streak.current, 'day')} now, "
        f"best {streak.best}" + (f" (from {streak.best_since})" if streak.best_since else ""),
        f"Habit strength: {percent(summary.strength)}",
        f"Weekly adherence (target {days_per_week} routine days a week):",
    ]
    for week in summary.weeks:
        target = f"{week.target:.1f}".removesuffix(".0")
        figure = f"{week.routine_days} of {target} days" if week.ratio is not None else ""
        lines.append(
            f"  week of {week.start - timedelta(days=week.start.weekday())}  "
            f"{percent(week.ratio):>4}  {figure}".rstrip()
        )
    pain = summary.pain
    if pain is None:
        lines.append("Pain trend: needs two weeks of morning pain figures (freefeet log --pain N)")
    else:
        way = "down" if pain.change < 0 else "up" if pain.change > 0 else "unchanged"
        size = f" {abs(pain.change):.1f}" if pain.change else ""
        lines.append(
            f"Pain trend: first week {pain.first_week:.1f} (from {pain.first_week_start}), "
            f"last week {pain.last_week:.1f} (from {pain.last_week_start}): {way}{size}"
        )
    lines.append("Lessons:" if summary.lessons else "Lessons: none played yet")
    for total in summary.lessons:
        lines.append(
            f"  {total.title}: {plural(total.sessions, 'session')} "
            f"({total.completed} completed, {total.partial} partial), "
            f"{length_text(total.seconds)}"
        )
    if summary.scans:
        from freefeet_tui.core.wording import scan_changes_text

        lines.append("Walking after the closing scan, compared with the start:")
        lines += [f"  {scan_changes_text(changes)}" for changes in summary.scans]
    return lines
