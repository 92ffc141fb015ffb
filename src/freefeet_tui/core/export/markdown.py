"""A report of the log for a clinician or coach, in Markdown that reads well as plain text.

It gives the date range, adherence and streaks, a week-by-week table (sessions, routine days,
skips, average morning pain per foot, runs), the pain trend, time per lesson and the runner's
notes. The runner's own words (notes, skip reasons, lesson titles) are escaped so Markdown
shows them literally: no stray emphasis, links, HTML or table breaks (a table cell is always
one line), and control characters are written in caret notation (``^[`` for ESC), so the
report never carries a terminal escape, a bell or a backspace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from freefeet_tui.core.export.common import in_range
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress import History
from freefeet_tui.core.schedule import walk
from freefeet_tui.core.stats import adherence_of, lesson_totals, pain_change, scan_changes
from freefeet_tui.core.streaks import streak_of
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import (
    SCAN_QUESTION,
    length_text,
    percent,
    plural,
    scan_changes_text,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_MARK = re.compile(r"^(\s*)([#>+=-])")
_LINE_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def _lines(text: str) -> list[str]:
    return [visible(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def escape(text: str) -> str:
    """User text shown literally by Markdown; lines after the first are indented two spaces."""
    lines = []
    for line in _lines(text):
        line = _INLINE.sub(r"\\\1", line)
        line = _LINE_MARK.sub(r"\1\\\2", line)
        line = _LINE_NUMBER.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n  ".join(line for line in lines if line.strip()) or "(empty)"


def cell(text: str) -> str:
    """User text for a table cell: escaped as :func:`escape` does, on one line."""
    return " ".join(part.strip() for part in escape(text).split("\n")) or "(empty)"


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def average(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True, slots=True)
class WeekRow:
    monday: date
    sessions: int
    routine_days: int
    skipped: int
    pain_left: float | None
    pain_right: float | None
    runs: int

    def cells(self) -> list[str]:
        return [
            self.monday.isoformat(),
            str(self.sessions),
            str(self.routine_days),
            str(self.skipped),
            number(self.pain_left),
            number(self.pain_right),
            str(self.runs),
        ]


def week_rows(history: History, start: date, end: date) -> list[WeekRow]:
    """One row per Monday-to-Sunday week that touches ``start``..``end``."""
    rows = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        days = [monday + timedelta(days=n) for n in range(7)]
        days = [d for d in days if start <= d <= end]
        checkins = [c for d in days if (c := history.checkin_on(d)) is not None]
        rows.append(
            WeekRow(
                monday,
                sum(1 for d in days for s in history.sessions_on(d) if s.counts_as_practice),
                sum(1 for d in days if d in history.practice_days),
                sum(1 for d in days if history.skip_on(d) and d not in history.practice_days),
                average([c.pain_left for c in checkins if c.pain_left is not None]),
                average([c.pain_right for c in checkins if c.pain_right is not None]),
                sum(1 for c in checkins if c.ran),
            )
        )
        monday += timedelta(days=7)
    return rows


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """A pipe table padded to line up in plain text as well."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w + 1) + ":" if r else "-" * (w + 2) for w, r in zip(widths, right, strict=True)]
    return [line(header), "|" + "|".join(rule) + "|", *(line(r) for r in rows)]


def summary_lines(
    history: History, start: date, end: date, today: date, program: Program
) -> list[str]:
    shown = in_range(history, start, end)
    days = walk(history, program, min(end, today), min(end, today))
    counted = adherence_of(days, start, end)
    streak = streak_of(days)
    practice = [s for s in shown.sessions if s.counts_as_practice]
    completed = sum(1 for s in practice if s.status == "completed")
    runs = [c for c in shown.checkins if c.ran]
    run_minutes = sum(c.run_minutes or 0 for c in runs)
    lines = [
        f"- Days with all the programme asked done: {counted.kept_days}; days missed: "
        f"{counted.missed_days}; skipped days: {counted.skipped_days}; rest days: "
        f"{counted.rest_days}",
        f"- Adherence: {percent(counted.ratio)} of the days the programme "
        "asked something (rest and skipped days left out)",
        f"- Current streak: {plural(streak.current, 'day')}"
        + (f" (since {streak.current_since})" if streak.current_since else "")
        + f"; best streak: {plural(streak.best, 'day')}"
        + (f" (from {streak.best_since})" if streak.best_since else ""),
        f"- Sessions: {completed} completed, {len(practice) - completed} partial; "
        f"{length_text(sum(s.seconds for s in practice), to_minute=True)} of practice",
        f"- Runs logged: {len(runs)} ({length_text(60 * run_minutes, to_minute=True)})",
    ]
    return lines


def pain_lines(history: History) -> list[str]:
    change = pain_change(history)
    lines = ["Morning first-steps pain of the worse foot, 0 (none) to 10 (worst).", ""]
    if change is None:
        return [*lines, "Not enough check-ins yet to compare a first and a last week."]
    direction = "less pain" if change.change < 0 else "more pain" if change.change > 0 else "same"
    return [
        *lines,
        f"- First logged week (from {change.first_week_start}): {change.first_week:.1f}",
        f"- Last logged week (from {change.last_week_start}): {change.last_week:.1f}",
        f"- Change: {change.change:+.1f} ({direction})",
    ]


def scan_lines(history: History) -> list[str]:
    """After the lessons table, when the runner answered the closing-scan question at all."""
    found = scan_changes(history)
    if not found:
        return []
    return [
        "",
        f'After each closing scan the runner answered "{SCAN_QUESTION}"',
        "",
        *(f"- {escape(scan_changes_text(changes))}" for changes in found),
    ]


def note_lines(history: History, titles: Mapping[str, str]) -> list[str]:
    lines = []
    for day in sorted({*history.checkin_by_day, *history.skip_by_day}):
        skip = history.skip_on(day)
        if skip is not None:
            lines.append(f"- {day}, skipped: {escape(skip.reason)}")
        checkin = history.checkin_on(day)
        if checkin is not None and checkin.note is not None:
            lines.append(f"- {day}: {escape(checkin.note)}")
    return lines or ["No notes in this period."]


def to_markdown(
    history: History,
    start: date,
    end: date,
    today: date,
    program: Program,
    titles: Mapping[str, str] | None = None,
) -> bytes:
    """The report for ``start``..``end``; ``history`` should hold the days before ``start``
    too, so the streaks are right."""
    titles = titles or {}
    shown = in_range(history, start, end)
    days = (end - start).days + 1
    weeks = [w.cells() for w in week_rows(shown, start, end)]
    lessons = [
        [
            cell(titles.get(t.lesson_id, t.title)),
            str(t.completed),
            str(t.partial),
            length_text(t.seconds, to_minute=True),
        ]
        for t in lesson_totals(shown)
    ]
    lines = [
        "# freefeet progress report",
        "",
        f"From {start} to {end} ({plural(days, 'day')}), prepared on {today}.",
        "These are the runner's own records; freefeet is not medical advice.",
        "",
        "## Summary",
        "",
        *summary_lines(history, start, end, today, program),
        "",
        "## Week by week",
        "",
        "Pain is the average morning first-steps pain of the days logged (0 to 10).",
        "",
        *table(
            ["Week of", "Sessions", "Routine days", "Skipped", "Pain left", "Pain right", "Runs"],
            weeks,
            [False, True, True, True, True, True, True],
        ),
        "",
        "## Pain trend",
        "",
        *pain_lines(shown),
        "",
        "## Lessons",
        "",
        *(
            table(["Lesson", "Completed", "Partial", "Time"], lessons, [False, True, True, True])
            if lessons
            else ["No sessions in this period."]
        ),
        *scan_lines(shown),
        "",
        "## Notes",
        "",
        *note_lines(shown, titles),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
