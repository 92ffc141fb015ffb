"""Fixed pieces for the progress screens' tests: a date, lessons, a programme and a seeded log.

Every test of Today, the check-in form, History and the resume prompt runs on ``TODAY``, the
fixed test lessons plus a pre-run one, a programme over them and a progress store in a temp
folder seeded with fixed records, so what is due, the streak and the pain figures are known
in advance. Pilot tests and snapshots share them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from freefeet_tui.core.library import Library, load_library
from freefeet_tui.core.program import Program
from freefeet_tui.core.program_file import parse_program
from freefeet_tui.core.progress import CheckIn, ProgressStore, Session, SessionStatus, Skip
from freefeet_tui.core.settings import Settings
from freefeet_tui.tui.app import FreefeetApp, create_app
from freefeet_tui.tui.screens.history import HistoryScreen
from freefeet_tui.tui.screens.today import TodayScreen
from freefeet_tui.tui.widgets.record_list import RecordList
from tests.helpers.tui import (
    FEET_LESSON,
    USER_LESSON,
    ClockLike,
    RecordingOutput,
    WriteLesson,
    shown,
)

TODAY = date(2026, 11, 24)  # a Tuesday
ZONE = timezone(timedelta(hours=1))
SIZE = (100, 30)
NOTE = "Calf tight [b]not bold[/b] [@click=app.quit]x[/]"

PRE_RUN_LESSON = """\
schema = 1
id = "pre-run"
title = "Pre-run hips"
summary = "Hip extension before a run."
when = "Right before a run."

[[steps]]
id = "lunge"
title = "Lunge and squeeze"
cue = "Step back and squeeze the buttock of the back leg."
duration = "20s"
"""

PROGRAM = """\
schema = 2
title = "Test weeks"

[pre_run]
lesson = "pre-run"
reason = "before today's run"

[[follow]]
after = "steady-feet"
lesson = "my-warm-up"
days = 1
reason = "the day after Steady Feet"

[[phases]]
name = "Steady weeks"
weeks = 1
run_days = [2, 4, 6]
rest_days = [7]

[[phases.lessons]]
lesson = "steady-feet"
days = [1]
reason = "once a week"
"""


def at(day: date, hour: int = 7, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def session(
    lesson_id: str,
    day: date,
    status: SessionStatus = SessionStatus.COMPLETED,
    *,
    steps: tuple[int, int] = (3, 3),
    seconds: int = 89,
    stop: tuple[int, str] | None = None,
    number: int = 1,
) -> Session:
    titles = {"steady-feet": "Steady Feet", "my-warm-up": "My warm-up", "pre-run": "Pre-run hips"}
    return Session(
        id=f"s-{day:%Y%m%d}-{lesson_id[:6]}{number}",
        lesson_id=lesson_id,
        lesson_title=titles[lesson_id],
        start=at(day),
        end=at(day) + timedelta(seconds=seconds),
        day=day,
        seconds=seconds,
        steps_done=steps[0],
        steps_total=steps[1],
        status=status,
        stop_index=stop[0] if stop else None,
        stop_step=stop[1] if stop else None,
    )


def seed(store: ProgressStore) -> None:
    """Three weeks of a runner's November and one day of last December."""
    for offset in range(0, 23, 2):  # morning pain falling from 6 to 3 over the month
        day = date(2026, 11, 1) + timedelta(days=offset)
        pain = 6 - offset // 7
        store.add_checkin(CheckIn(day, pain, max(0, pain - 1)))
    store.add_checkin(CheckIn(TODAY - timedelta(days=1), 3, 2, 30, 4, note=NOTE))
    store.add_session(session("steady-feet", date(2026, 11, 20)))
    answered = session("steady-feet", date(2026, 11, 21))
    store.add_session(replace(answered, scan_change=1))  # walking felt easier after its scan
    store.add_session(
        session("my-warm-up", date(2026, 11, 22), SessionStatus.PARTIAL, steps=(0, 1), seconds=20)
    )
    store.add_skip(Skip(TODAY - timedelta(days=1), "travel"))
    store.add_session(session("steady-feet", date(2025, 12, 30)))
    store.add_checkin(CheckIn(date(2025, 12, 30), 7, 7, note="First day."))


def progress_library(folder: Path, write_lesson: WriteLesson) -> Library:
    lessons = folder / "lessons"
    write_lesson(FEET_LESSON, "steady-feet.toml", lessons)
    write_lesson(USER_LESSON, "my-warm-up.toml", lessons)
    write_lesson(PRE_RUN_LESSON, "pre-run.toml", lessons)
    return load_library(lessons, None)


def fixed_program() -> Program:
    return parse_program(PROGRAM, Path("program.toml"))


def progress_app(
    folder: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    *,
    seeded: bool = True,
    today: date = TODAY,
    settings: Settings | None = None,
) -> FreefeetApp:
    """The app on the fixed lessons and programme, a store in ``folder`` and a fixed date."""
    store = ProgressStore(folder / "progress")
    if seeded:
        seed(store)
    return create_app(
        library=progress_library(folder, write_lesson),
        clock=clock,
        cue_output=RecordingOutput(),
        store=store,
        program=fixed_program(),
        today=today,
        settings=settings,
    )


MakeApp = Callable[..., FreefeetApp]


def freeze_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Fix the wall clock the recorder stamps sessions with: 08:00 on ``TODAY``."""
    now = at(TODAY, 8, 0)
    monkeypatch.setattr("freefeet_tui.core.progress.records.local_now", lambda: now)
    monkeypatch.setattr("freefeet_tui.core.recorder.local_now", lambda: now)
    return now


def open_session() -> Session:
    """Steady Feet left at its second step (Heel lift) an hour ago."""
    return session(
        "steady-feet",
        TODAY,
        SessionStatus.OPEN,
        steps=(1, 3),
        seconds=25,
        stop=(1, "heel-lift"),
    )


def due_rows(screen: TodayScreen) -> list[str]:
    """Today's due rows as shown, each ``K  Title: why``."""
    return shown(screen, "#due").split("\n")


def due_row_styles(screen: TodayScreen, row: int) -> set[str]:
    """The styles laid over the whole of due row ``row`` (from 1; its state colour, if any)."""
    content = screen.query_one("#due", Static).visual
    assert isinstance(content, Content)
    rows = content.plain.split("\n")
    start = sum(len(text) + 1 for text in rows[: row - 1])
    end = start + len(rows[row - 1])
    return {str(span.style) for span in content.spans if span.start <= start and span.end >= end}


def checkin_lines(screen: TodayScreen) -> list[str]:
    """The last check-in box: the figures, one a line, then the note if there is one."""
    return shown(screen, "#last-checkin").split("\n")


def today_screen(app: FreefeetApp) -> TodayScreen:
    screen = app.screen
    assert isinstance(screen, TodayScreen), f"expected Today, found {type(screen).__name__}"
    return screen


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def wait_for(pilot: Pilot[None], done: Callable[[], bool], limit: float = 10.0) -> None:
    waited = 0.0
    while not done():
        assert waited < limit, "timed out waiting"
        await pilot.pause(0.05)
        waited += 0.05


def burst_key(key: str) -> events.Key:
    """A key event as a terminal sends it (``tab`` is a tab character, ``4`` a digit)."""
    characters = {"tab": "\t", "enter": "\r", "escape": "\x1b", "space": " "}
    character = key if len(key) == 1 else characters.get(key)
    return events.Key(key, character)


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Send ``keys`` all at once, as a fast typist, a paste or ``tmux send-keys`` does: each is
    queued before the app handles the first (``pilot.press`` waits between keys)."""
    for key in keys:
        pilot.app.post_message(burst_key(key))
    await settle(pilot)


def log_lines(screen: HistoryScreen) -> list[str]:
    """The log's rows as shown, one line each (a check-in's note on a line of its own)."""
    log = screen.query_one(RecordList)
    lines: list[str] = []
    for index in range(log.option_count):
        prompt = log.get_option_at_index(index).prompt
        lines += (prompt.plain if isinstance(prompt, Content) else str(prompt)).split("\n")
    return lines
