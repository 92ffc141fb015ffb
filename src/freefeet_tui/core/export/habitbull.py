"""The log as the HabitBull CSV that Loop Habit Tracker imports.

Loop's ``HabitBullCSVImporter`` recognises the file by its first line starting with
``HabitName,HabitDescription,HabitCategory``, then reads each row with opencsv: the habit
name (column 1), its description (2), the date as ``YYYY-MM-DD`` (4) and the value (5); it
keeps only rows whose value is 1, creating a daily habit per name. The comment (6) is
ignored by Loop but helps a person reading the file. Here there is one habit per lesson
(a completed or partial session that day counts) and one called "Ran" (a check-in with minutes
run). opencsv treats a backslash as an escape character, so names and comments never hold
one (it becomes ``/``); line breaks become spaces, so every row is one line. Every text cell
is neutralised against spreadsheet formulas (``common.neutralise``) and shows control
characters in caret notation (``terminal_text.visible``): this file is only ever read, never
imported back by freefeet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date

from freefeet_tui.core.export.common import neutralise
from freefeet_tui.core.progress import History, Session
from freefeet_tui.core.terminal_text import visible

HEADER = ("HabitName", "HabitDescription", "HabitCategory", "CalendarDate", "Value", "CommentText")
CATEGORY = "freefeet"
RAN = "Ran"
RAN_DESCRIPTION = "A run logged in freefeet"


def safe(text: str) -> str:
    """One line without backslashes, which Loop's CSV reader would take as escapes, nor
    control characters; never a formula."""
    return neutralise(visible(" ".join(text.replace("\\", "/").split())))


def session_comment(sessions: list[Session]) -> str:
    minutes = round(sum(s.seconds for s in sessions) / 60)
    partial = sum(1 for s in sessions if s.status == "partial")
    count = f"{len(sessions)} session" + ("" if len(sessions) == 1 else "s")
    extra = f", {partial} partial" if partial else ""
    return f"{count}{extra}, {minutes} min"


def to_habitbull(history: History, titles: Mapping[str, str] | None = None) -> bytes:
    """One row per habit and day done, by date, then habit name."""
    titles = titles or {}
    done: dict[tuple[date, str], list[Session]] = {}
    for session in history.sessions:
        if session.counts_as_practice:
            done.setdefault((session.day, session.lesson_id), []).append(session)
    rows: list[tuple[date, str, list[str]]] = []
    for (day, lesson_id), sessions in done.items():
        name = safe(titles.get(lesson_id) or sessions[-1].lesson_title)
        about = safe(f"freefeet lesson {lesson_id}")
        rows.append(
            (day, name, [name, about, CATEGORY, day.isoformat(), "1", session_comment(sessions)])
        )
    for checkin in history.checkins:
        if checkin.ran:
            comment = f"{checkin.run_minutes} min"
            if checkin.run_pain is not None:
                comment += f", run pain {checkin.run_pain} of 10"
            rows.append(
                (
                    checkin.day,
                    RAN,
                    [RAN, RAN_DESCRIPTION, CATEGORY, checkin.day.isoformat(), "1", comment],
                )
            )
    rows.sort(key=lambda row: (row[0], row[1].casefold(), row[1]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(cells for _, _, cells in rows)
    return buffer.getvalue().encode("utf-8")
