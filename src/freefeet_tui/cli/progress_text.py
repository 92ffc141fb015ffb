"""The text of the progress commands (``today``, ``history``, ``stats``), as plain lines.

Pure functions from core records and figures to strings, so tests can check the wording and
other front ends could reuse it. Words the app shows too (dates, lengths, a check-in's figures)
come from ``core.wording``. The user's own words (notes, skip reasons) are shown as written,
with a multi-line note joined onto one line.
"""

from __future__ import annotations

from datetime import date, timedelta

from freefeet_tui.core.day_report import (
    NOTHING_DUE,
    REST_DAY,
    DayReport,
    due_lines,
    run_lines,
    streak_text,
    where_text,
)
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress import CheckIn, History, Session
from freefeet_tui.core.schedule import DueItem, ItemKind
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import (
    checkin_figures,
    day_word,
    length_text,
    long_day,
    one_line,
    percent,
    plural,
)

ID_WIDTH = 17  # s-20261124-3f9a2c: a session's id, the longest freefeet makes


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
    title = visible(titles.get(session.lesson_id, session.lesson_title))
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


def today_lines(
    report: DayReport, program: Program, titles: dict[str, str], today: date
) -> list[str]:
    """``freefeet today``: where in the programme, what is due (with how to do each), the run
    guide with the safety line, then the streak. Item lines are the same as on Today."""
    plan = report.plan
    lines = [day_heading(plan.day, today), where_text(plan, program)]
    if plan.rest_day:
        lines.append(REST_DAY)
    lines.append("Due:")
    for item, line in zip(plan.items, due_lines(report, program, titles), strict=True):
        lines.append(f"  {line}")
        if not item.done:
            lines.append(f"    {how_to(item)}")
    if plan.nothing_due:
        lines.append(NOTHING_DUE)
    lines += run_lines(plan.run)
    pre_run = program.pre_run
    listed = {item.id for item in plan.items}
    if pre_run is not None and not plan.rest_day and pre_run.lesson not in listed:
        title = visible(titles.get(pre_run.lesson, pre_run.lesson))
        lines.append(
            f"Running anyway? Do {title} first (freefeet play {pre_run.lesson}); "
            "freefeet log --planned-run puts it on the list."
        )
    return lines


def how_to(item: DueItem) -> str:
    """The command that does an item."""
    if item.kind == ItemKind.CHECKIN:
        return "log it: freefeet log --pain N (or --pain-left N --pain-right N)"
    if item.kind == ItemKind.RUN:
        return "afterwards: freefeet log --ran MIN --run-pain N"
    return f"start it: freefeet play {item.id}"


def today_extras(
    report: DayReport, history: History, titles: dict[str, str], unfinished: list[Session]
) -> list[str]:
    """The lines under the due list: resume, skip, streak, last pain."""
    day = report.day
    lines: list[str] = []
    for session in unfinished[:1]:
        lines.append(
            f"Unfinished: {session_text(session, titles)} on {session.day}; continue with: "
            f"freefeet play {session.lesson_id} --resume"
        )
    skip = history.skip_on(day)
    if skip is not None:
        lines.append(f"Skipped: {one_line(skip.reason)}")
    lines.append(streak_text(report.streak))
    last = next((c for c in reversed(history.checkins) if c.day <= day and checkin_text(c)), None)
    if last is not None:
        lines.append(f"Last check-in ({last.day}): {checkin_text(last)}")
    else:
        lines.append("No check-in yet: freefeet log --pain N records this morning's pain.")
    return lines


def history_lines(history: History, start: date, end: date) -> list[str]:
    """Every record from ``start`` to ``end``, newest first: sessions, check-in, skip, each
    with its id (for ``freefeet edit`` and ``freefeet delete``)."""
    titles = {s.lesson_id: s.lesson_title for s in history.sessions}
    lines: list[str] = []
    day = end
    while day >= start:
        sessions = sorted(history.sessions_on(day), key=lambda s: s.start, reverse=True)
        lines += [
            f"{day}  {s.id:<{ID_WIDTH}}  session   {session_text(s, titles)}" for s in sessions
        ]
        checkin = history.checkin_on(day)
        if checkin is not None:
            lines.append(f"{day}  {checkin.id:<{ID_WIDTH}}  check-in  {checkin_text(checkin)}")
        skip = history.skip_on(day)
        if skip is not None:
            lines.append(f"{day}  {skip.id:<{ID_WIDTH}}  skipped   {one_line(skip.reason)}")
        day -= timedelta(days=1)
    days = (end - start).days + 1
    if not lines:
        return [f"Nothing recorded in the last {plural(days, 'day')}."]
    return [*lines, "Change one with freefeet edit ID, remove one with freefeet delete ID."]


def stats_lines(history: History, today: date, program: Program) -> list[str]:
    from freefeet_tui.core.stats import summarize  # not needed by today: loaded when asked

    summary = summarize(history, today, program)
    streak = summary.streak
    lines = [
        f"Streak: {plural(streak.current, 'day')} now, "
        f"best {streak.best}" + (f" (from {streak.best_since})" if streak.best_since else ""),
        f"Habit strength: {percent(summary.strength)}",
        "Weekly adherence (days you did all the programme asked, of the days it asked "
        "something; rest and skipped days left out):",
    ]
    for week in summary.weeks:
        figure = f"{week.kept_days} of {week.counted} days" if week.ratio is not None else ""
        lines.append(f"  week of {week.start}  {percent(week.ratio):>4}  {figure}".rstrip())
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
