"""Hostile text for the escape-sequence tests: what a crafted file or a careless paste holds.

The strings carry the terminal escapes issue 10 found getting through (a window title, a
clipboard write, colour, a bell, a backspace), Rich markup and a spreadsheet formula. The
helpers put them into a log and a lesson, and check that none of the dangerous bytes (ESC,
BEL, backspace) reaches a terminal: in a command's output, or in what the app would draw.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.app import App

from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import CheckIn, ProgressStore, Session, SessionStatus, Skip

TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
RED = "\x1b[31m"
MARKUP = "[b]x[/b]"
HOSTILE = f"{TITLE} {RED}red {MARKUP} {CLIPBOARD} ring\x07 back\x08space =HYPERLINK(1)"
HOSTILE_LINE = HOSTILE  # no line break: fits titles and reasons
HOSTILE_NOTE = f"first {TITLE}\nsecond {RED}{MARKUP}\x1b[2J"
DANGEROUS = (b"\x1b", b"\x07", b"\x08")
ZONE = timezone(timedelta(hours=1))


def dangerous_in(data: bytes | str) -> list[bytes]:
    """The dangerous bytes found in ``data`` (empty when it is clean)."""
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    return [byte for byte in DANGEROUS if byte in raw]


def hostile_session(day: date, lesson_id: str = "steady-feet", number: int = 1) -> Session:
    start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=ZONE)
    return Session(
        id=f"s-{day:%Y%m%d}-hostile{number}",
        lesson_id=lesson_id,
        lesson_title=HOSTILE_LINE,
        start=start,
        end=start + timedelta(minutes=5),
        day=day,
        seconds=300,
        steps_done=1,
        steps_total=3,
        status=SessionStatus.PARTIAL,
        stop_index=1,
        stop_step="heel-lift",
    )


def seed_hostile(store: ProgressStore, today: date) -> None:
    """Records holding escapes, as only a hand-edited year file could (input refuses them)."""
    yesterday = today - timedelta(days=1)
    store.add_checkin(CheckIn(yesterday, 3, 2, note=HOSTILE_NOTE))
    store.add_checkin(CheckIn(today, 2, 2, 30, 1, note=HOSTILE))
    store.add_skip(Skip(today - timedelta(days=2), HOSTILE_LINE))
    store.add_session(hostile_session(yesterday))


def hostile_lesson(lesson: Lesson) -> Lesson:
    """``lesson`` with every text a file could hold replaced by hostile text."""
    steps = tuple(
        replace(step, title=f"{HOSTILE_LINE} {n}", cue=HOSTILE, avoid=HOSTILE)
        for n, step in enumerate(lesson.steps, 1)
    )
    return replace(
        lesson,
        title=HOSTILE_LINE,
        summary=HOSTILE_NOTE,
        when=HOSTILE,
        notes=HOSTILE_NOTE,
        safety=HOSTILE,
        steps=steps,
        path=lesson.path.with_name(f"{TITLE}.toml"),
    )


def drawn_text(app: App[Any]) -> str:
    """Every character the app would draw for its current screen (a full repaint, with the
    screens a modal shows through): the text of each segment, without Textual's own control
    codes."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    strips = getattr(update, "strips", [])
    return "".join(segment.text for strip in strips for segment in strip)


def toasts_text(app: App[Any]) -> str:
    """The messages of the notifications on show."""
    return "".join(str(notification.message) for notification in app._notifications)


def year_file_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")
