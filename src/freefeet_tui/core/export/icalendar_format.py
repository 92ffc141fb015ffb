"""The plan as an iCalendar file (RFC 5545): one all-day event per thing a day asks.

Each lesson, run and morning check-in of the plan (``freefeet plan``), and each rest day, is
an event. Events have stable UIDs (``<lesson-id>-<YYYYMMDD>@freefeet``, ``run-...``,
``checkin-...``, ``rest-...``), so importing a newer export into a calendar updates the events
instead of adding copies. With a reminder time (``[reminders] time`` in config.toml) each
event carries a VALARM at that time of its day. Dates are ``VALUE=DATE`` (no
time zone involved), text is escaped, lines end in CRLF and are folded at 75 octets without
ever splitting a UTF-8 character. Events are transparent: they do not block busy time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from freefeet_tui.core.day_report import item_title, run_lines
from freefeet_tui.core.program import Program
from freefeet_tui.core.schedule import DueItem, ItemKind, PlanDay
from freefeet_tui.core.settings import alarm_trigger
from freefeet_tui.core.terminal_text import visible

MAX_OCTETS = 75
UID_DOMAIN = "freefeet"
PRODID = "-//freefeet//freefeet lesson plan//EN"


@dataclass(frozen=True, slots=True)
class PlanLesson:
    """What an event says about a lesson: its title and length."""

    title: str
    seconds: float | None = None


def escape_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as ``\\n``; any
    other control character in caret notation (``^[``), never as itself."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"), keep_newlines=True)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded to at most 75 octets per physical line (CRLF excluded);
    each continuation starts with one space. Multi-byte characters stay whole."""
    pieces: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces) + "\r\n"


def uid(item_id: str, day: date) -> str:
    return f"{item_id}-{day:%Y%m%d}@{UID_DOMAIN}"


def lesson_description(item: DueItem, lesson: PlanLesson) -> str:
    parts = [f"Why: {item.reason}."]
    if lesson.seconds:
        parts.append(f"About {max(1, round(lesson.seconds / 60))} min.")
    if item.overdue_text:
        parts.append(f"It is {item.overdue_text}.")
    if item.done:
        parts.append("Done.")
    parts.append(f"Play it with: freefeet play {item.id}")
    return "\n".join(parts)


def plan_events(
    plan: PlanDay, lessons: Mapping[str, PlanLesson], program: Program
) -> list[tuple[str, str, str]]:
    """(uid, summary, description) of each event of one day: its lessons, the run, the
    check-in, and a rest day as an event of its own."""
    events: list[tuple[str, str, str]] = []
    if plan.rest_day:
        events.append((uid("rest", plan.day), "Rest day", "A rest day in your programme."))
    for item in plan.items:
        done = "\nDone." if item.done else ""
        if item.kind == ItemKind.LESSON:
            lesson = lessons.get(item.id) or PlanLesson(item.id)
            events.append((uid(item.id, plan.day), lesson.title, lesson_description(item, lesson)))
        elif item.kind == ItemKind.RUN:
            summary = item_title(item, program, {}, plan.run)
            text = "\n".join(line for line in run_lines(plan.run))
            events.append((uid("run", plan.day), summary, text + done))
        else:
            text = f"Why: {item.reason}.\nLog it with: freefeet log --pain N"
            events.append((uid("checkin", plan.day), program.checkin_title, text + done))
    return events


def event_lines(
    day: date, event: tuple[str, str, str], stamp: str, reminder: time | None
) -> list[str]:
    event_uid, summary, text = event
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(text)}",
        "CATEGORIES:freefeet",
        "TRANSP:TRANSPARENT",
    ]
    if reminder is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(summary)}",
            alarm_trigger(reminder),
            "END:VALARM",
        ]
    return [*lines, "END:VEVENT"]


def to_ics(
    plan: Iterable[PlanDay],
    lessons: Mapping[str, PlanLesson],
    now: datetime,
    program: Program,
    reminder: time | None = None,
) -> bytes:
    """The calendar for the days in ``plan``; ``now`` becomes every ``DTSTAMP``; with a
    ``reminder`` each event gets an alarm at that time of its day."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:freefeet plan",
    ]
    for day in plan:
        for event in plan_events(day, lessons, program):
            lines += event_lines(day.day, event, stamp, reminder)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
