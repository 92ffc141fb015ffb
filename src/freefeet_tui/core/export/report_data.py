"""What the HTML report shows, worked out from the log without drawing anything.

Each day of the range gets one kind for the practice heat map; morning pain is followed per
foot; runs keep their minutes and the pain during them, judged against the run guide's
thresholds; lessons get their sessions, minutes and before/after scan ratings. Every chart
also gets a sentence or two saying what it shows, for readers who cannot see it. Pure: the
charts (``report_charts``) and the page (``html_report``) are built from what is here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from freefeet_tui.core.export.common import in_range
from freefeet_tui.core.progress import History, SessionStatus
from freefeet_tui.core.stats import (
    PAIN_WINDOW_DAYS,
    FootPainPoint,
    LessonTotals,
    RunPoint,
    foot_pain_trend,
    lesson_totals,
    runs_between,
)
from freefeet_tui.core.streaks import last_counted_day
from freefeet_tui.core.wording import length_text, plural, scan_change_words

# The run guide (docs/schedule.md): pain during a run of 0 to 3 out of 10 is safe, 4 to 5
# acceptable, above 5 too much.
RUN_PAIN_SAFE = 3
RUN_PAIN_ACCEPTABLE = 5


class DayKind(StrEnum):
    """What a day of the range amounts to in the practice heat map."""

    COMPLETED = "completed"  # a lesson completed
    PARTIAL = "partial"  # only partial sessions
    SKIPPED = "skipped"  # a skip and no session
    REST = "rest"  # no session or skip on one of the programme's declared rest days
    NO_LESSON = "no lesson"  # no session or skip, and the programme asked for no lesson
    MISSED = "missed"  # no session or skip, though a lesson was due
    NOT_COUNTED = "not counted"  # before the log began, or still to come


def day_kind(
    history: History, day: date, rest_days: frozenset[date], no_lesson: frozenset[date]
) -> DayKind:
    statuses = {s.status for s in history.sessions_on(day)}
    if SessionStatus.COMPLETED in statuses:
        return DayKind.COMPLETED
    if SessionStatus.PARTIAL in statuses:
        return DayKind.PARTIAL
    if history.skip_on(day) is not None:
        return DayKind.SKIPPED
    if day in rest_days:
        return DayKind.REST
    return DayKind.NO_LESSON if day in no_lesson else DayKind.MISSED


def practice_days(
    history: History,
    start: date,
    end: date,
    today: date,
    rest_days: frozenset[date],
    no_lesson: frozenset[date] = frozenset(),
) -> list[tuple[date, DayKind]]:
    """Every day from ``start`` to ``end`` with its kind; today counts once it has a session
    or a skip, as for the streak. ``rest_days`` are the programme's declared rest days,
    ``no_lesson`` the other days it asked no lesson of (a check-in, a run)."""
    first, last = history.first_day or today, last_counted_day(history, today)
    days = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        counted = first <= day <= last
        kind = day_kind(history, day, rest_days, no_lesson) if counted else DayKind.NOT_COUNTED
        days.append((day, kind))
    return days


@dataclass(frozen=True, slots=True)
class LessonRow:
    """One lesson's line in the report: its totals and how many times each scan rating."""

    totals: LessonTotals
    title: str
    scans: Mapping[int, int]

    @property
    def rated(self) -> int:
        return sum(self.scans.values())


def lesson_rows(history: History, titles: Mapping[str, str]) -> list[LessonRow]:
    """Per lesson, most practised first; ``titles`` (lesson id -> title) wins over the log's."""
    scans: dict[str, Counter[int]] = {}
    for session in history.sessions:
        rating = session.scan_change if session.counts_as_practice else None
        if rating is not None:
            scans.setdefault(session.lesson_id, Counter())[rating] += 1
    return [
        LessonRow(t, titles.get(t.lesson_id, t.title), dict(scans.get(t.lesson_id, {})))
        for t in lesson_totals(history)
    ]


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return sum(found) / len(found) if found else None


def foot_change(points: list[FootPainPoint], foot: str) -> str:
    """One foot's first logged week against its last, in words."""
    values = [(p.day, v) for p in points if (v := getattr(p, foot)) is not None]
    name = f"{foot.capitalize()} foot"
    if not values:
        return f"{name}: not logged."
    week = timedelta(days=PAIN_WINDOW_DAYS - 1)
    first_day, last_day = values[0][0], values[-1][0]
    early = _mean(v for d, v in values if d <= first_day + week)
    late = _mean(v for d, v in values if d >= last_day - week)
    if early is None or late is None or last_day - week <= first_day + week:
        low, high = min(v for _, v in values), max(v for _, v in values)
        return f"{name}: logged on {plural(len(values), 'day')}, from {low} to {high}."
    change = late - early
    way = "down" if change < 0 else "up" if change > 0 else "no change"
    amount = f" {abs(change):.1f}" if change else ""
    return (
        f"{name}: {early:.1f} on average in the first logged week, "
        f"{late:.1f} in the last ({way}{amount})."
    )


def practice_summary(days: list[tuple[date, DayKind]], today: date) -> str:
    counted = Counter(kind for _, kind in days if kind is not DayKind.NOT_COUNTED)
    total = sum(counted.values())
    if not total:
        return "No days to show yet."
    waiting = (today, DayKind.NOT_COUNTED) in days
    later = " Today counts once it has a session or a skip." if waiting else ""
    parts = [
        f"{counted[DayKind.COMPLETED]} with a lesson completed",
        f"{counted[DayKind.PARTIAL]} partly done",
        f"{counted[DayKind.SKIPPED]} skipped",
        f"{plural(counted[DayKind.REST], 'rest day')}",
        f"{counted[DayKind.NO_LESSON]} with no lesson asked",
        f"{counted[DayKind.MISSED]} with nothing done though a lesson was due",
    ]
    return f"Of {plural(total, 'day')}: " + ", ".join(parts) + "." + later


def pain_summary(points: list[FootPainPoint]) -> str:
    logged = sum(1 for p in points if p.left is not None or p.right is not None)
    if not logged:
        return "No morning pain was logged in this period."
    return " ".join(
        [
            f"Morning pain logged on {logged} of {plural(len(points), 'day')}.",
            foot_change(points, "left"),
            foot_change(points, "right"),
        ]
    )


def run_zone(pain: int) -> str:
    if pain <= RUN_PAIN_SAFE:
        return "safe"
    return "acceptable" if pain <= RUN_PAIN_ACCEPTABLE else "too much"


def runs_summary(runs: list[RunPoint]) -> str:
    if not runs:
        return "No runs were logged in this period."
    minutes = [r.minutes for r in runs]
    zones = Counter(run_zone(r.pain) for r in runs if r.pain is not None)
    unrated = sum(1 for r in runs if r.pain is None)
    text = (
        f"{plural(len(runs), 'run')}, {length_text(60 * sum(minutes), to_minute=True)} in all; "
        f"the shortest {min(minutes)} min, the longest {max(minutes)} min. "
        f"Pain during the runs: {zones['safe']} at 0 to {RUN_PAIN_SAFE} (safe), "
        f"{zones['acceptable']} at {RUN_PAIN_SAFE + 1} to {RUN_PAIN_ACCEPTABLE} (acceptable), "
        f"{zones['too much']} above {RUN_PAIN_ACCEPTABLE} (too much)"
    )
    return text + (f", {unrated} not rated." if unrated else ".")


def scan_words(row: LessonRow) -> str:
    """``easier after 7 of 9 rated sessions`` style counts, or that none were rated."""
    if not row.rated:
        return "not rated"
    ratings = sorted((r for r in row.scans if row.scans[r]), reverse=True)
    return ", ".join(f"{scan_change_words(r)} {row.scans[r]}" for r in ratings)


def lessons_summary(rows: list[LessonRow]) -> str:
    if not rows:
        return "No lessons were practised in this period."
    lines = []
    for row in rows:
        t = row.totals
        line = (
            f"{row.title}: {plural(t.sessions, 'session')} ({t.completed} completed, "
            f"{t.partial} partial), {length_text(t.seconds, to_minute=True)}"
        )
        if row.rated:
            better = sum(n for r, n in row.scans.items() if r > 0)
            line += f"; walking felt easier after {better} of {plural(row.rated, 'rated session')}"
        lines.append(line + ".")
    return " ".join(lines)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows for ``start``..``end``."""

    start: date
    end: date
    today: date
    days: list[tuple[date, DayKind]]
    pain: list[FootPainPoint]
    runs: list[RunPoint]
    lessons: list[LessonRow]
    shown: History

    @property
    def pain_logged(self) -> bool:
        return any(p.left is not None or p.right is not None for p in self.pain)


def report_data(
    history: History,
    start: date,
    end: date,
    today: date,
    titles: Mapping[str, str],
    rest_days: frozenset[date],
    no_lesson: frozenset[date] = frozenset(),
) -> ReportData:
    """``history`` may hold days before ``start``: they feed the first 7-day averages."""
    shown = in_range(history, start, end)
    return ReportData(
        start=start,
        end=end,
        today=today,
        days=practice_days(history, start, end, today, rest_days, no_lesson),
        pain=foot_pain_trend(history, start, end),
        runs=runs_between(history, start, end),
        lessons=lesson_rows(shown, titles),
        shown=shown,
    )
