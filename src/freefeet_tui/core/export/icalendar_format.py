"""The plan as an iCalendar file (RFC 5545): one all-day event per lesson due on a day.

Events have stable UIDs (``<lesson-id>-<YYYYMMDD>@freefeet``), so importing a newer export
into a calendar updates the events instead of adding copies. Dates are ``VALUE=DATE`` (no
time zone involved), text is escaped, lines end in CRLF and are folded at 75 octets without
ever splitting a UTF-8 character. Events are transparent: they do not block busy time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from freefeet_tui.core.schedule import AgendaDay, DueItem
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


def uid(lesson_id: str, day: date) -> str:
    return f"{lesson_id}-{day:%Y%m%d}@{UID_DOMAIN}"


def description(item: DueItem, lesson: PlanLesson) -> str:
    parts = [f"Why: {item.reason}."]
    if lesson.seconds:
        parts.append(f"About {max(1, round(lesson.seconds / 60))} min.")
    if item.overdue_text:
        parts.append(f"It is {item.overdue_text}.")
    if item.done:
        parts.append("Done.")
    parts.append(f"Play it with: freefeet play {item.lesson_id}")
    return "\n".join(parts)


def event_lines(day: date, item: DueItem, lesson: PlanLesson, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(item.lesson_id, day)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(lesson.title)}",
        f"DESCRIPTION:{escape_text(description(item, lesson))}",
        "CATEGORIES:freefeet",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def to_ics(plan: Iterable[AgendaDay], lessons: Mapping[str, PlanLesson], now: datetime) -> bytes:
    """The calendar for the agenda days in ``plan``; ``now`` becomes every ``DTSTAMP``."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:freefeet plan",
    ]
    for agenda_day in plan:
        for item in agenda_day.items:
            lesson = lessons.get(item.lesson_id) or PlanLesson(item.lesson_id)
            lines += event_lines(agenda_day.day, item, lesson, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
