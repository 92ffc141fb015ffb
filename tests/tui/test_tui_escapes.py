"""No terminal escape from user or file data reaches the screen, on any screen that shows it.

The log holds notes, reasons and lesson titles full of escapes (window title, clipboard,
colour, clear screen), bells and backspaces, as a hand-edited year file could; every lesson
text is hostile too. Each screen is drawn in full and every character it would send is
checked: no ESC, BEL or backspace, and the hostile text is there, spelled out (``^[``) and
with its markup shown as typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import Input

from freefeet_tui.core.library import Library
from freefeet_tui.core.progress import ProgressStore, Session, SessionStatus, Skip
from freefeet_tui.tui.app import FreefeetApp, create_app
from freefeet_tui.tui.screens.checkin import CheckInForm
from freefeet_tui.tui.screens.confirm import Confirm
from freefeet_tui.tui.screens.detail import LessonDetailScreen
from freefeet_tui.tui.screens.dialogs import FinishedScreen, QuitConfirm
from freefeet_tui.tui.screens.export import ExportForm
from freefeet_tui.tui.screens.history import HistoryScreen
from freefeet_tui.tui.screens.lessons import LessonsScreen
from freefeet_tui.tui.screens.plan import PlanScreen
from freefeet_tui.tui.screens.player import PlayerScreen
from freefeet_tui.tui.screens.record_forms import SkipForm
from freefeet_tui.tui.screens.resume import ResumePrompt
from freefeet_tui.tui.screens.today import TodayScreen
from freefeet_tui.tui.widgets.record_list import RecordList
from tests.helpers.hostile import (
    HOSTILE,
    dangerous_in,
    drawn_text,
    hostile_lesson,
    hostile_session,
    seed_hostile,
)
from tests.helpers.tui import ClockLike, RecordingOutput, WriteLesson, advance, shown
from tests.helpers.tui_progress import (
    SIZE,
    TODAY,
    fixed_program,
    freeze_now,
    progress_library,
    settle,
)

WIDE = (160, 50)  # room for the hostile text to be drawn in full


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_now(monkeypatch)


def hostile_library(folder: Path, write_lesson: WriteLesson) -> Library:
    library = progress_library(folder, write_lesson)
    return Library({key: hostile_lesson(lesson) for key, lesson in library.lessons.items()})


def hostile_app(
    folder: Path, write_lesson: WriteLesson, clock: ClockLike, *, play: str | None = None
) -> FreefeetApp:
    store = ProgressStore(folder / "progress")
    seed_hostile(store, TODAY)
    library = hostile_library(folder, write_lesson)
    return create_app(
        library=library,
        lesson=library.get(play) if play else None,
        clock=clock,
        cue_output=RecordingOutput(),
        store=store,
        program=fixed_program(),
        today=TODAY,
    )


def clean(app: FreefeetApp, kind: type) -> str:
    """The current screen, drawn in full: it is ``kind`` and sends no dangerous byte."""
    assert isinstance(app.screen, kind), f"expected {kind.__name__}, found {app.screen}"
    text = drawn_text(app)
    assert text.strip(), "nothing drawn"
    assert dangerous_in(text) == [], f"{kind.__name__} draws {dangerous_in(text)}"
    return text


async def wait_screen(pilot: Pilot[None], kind: type, limit: float = 10.0) -> None:
    waited = 0.0
    while not isinstance(pilot.app.screen, kind):
        assert waited < limit, f"no {kind.__name__}; on {pilot.app.screen}"
        await pilot.pause(0.05)
        waited += 0.05
    await settle(pilot)


async def test_today_history_checkin_and_export_show_hostile_log_text_inertly(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = hostile_app(tmp_path, write_lesson, clock)
    async with app.run_test(size=WIDE) as pilot:
        await wait_screen(pilot, TodayScreen)
        today = clean(app, TodayScreen)
        assert "^[]0;pwned^G" in today and "[b]x[/b]" in today  # shown, spelled out
        await pilot.press("h")
        await wait_screen(pilot, HistoryScreen)
        history = clean(app, HistoryScreen)
        assert "^[[31mred" in history
        await pilot.press("e")
        await wait_screen(pilot, ExportForm)
        clean(app, ExportForm)
        await pilot.press("escape", "escape")
        await wait_screen(pilot, TodayScreen)
        await pilot.press("c")
        await wait_screen(pilot, CheckInForm)
        form = clean(app, CheckInForm)
        assert "^[]0;pwned" in form  # today's note, in the note field
        await pilot.press("escape")
        await wait_screen(pilot, TodayScreen)


async def test_lessons_details_player_dialogs_and_finished_view_show_hostile_lessons_inertly(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = hostile_app(tmp_path, write_lesson, clock)
    async with app.run_test(size=WIDE) as pilot:
        await wait_screen(pilot, TodayScreen)
        await pilot.press("l")
        await wait_screen(pilot, LessonsScreen)
        listing = clean(app, LessonsScreen)
        assert "^[]0;pwned^G" in listing
        await pilot.press("enter")
        await wait_screen(pilot, LessonDetailScreen)
        clean(app, LessonDetailScreen)
        await pilot.press("s")
        await wait_screen(pilot, PlayerScreen)
        playing = clean(app, PlayerScreen)
        assert "[b]x[/b]" in playing and "^H" in playing
        await pilot.press("q")
        await wait_screen(pilot, QuitConfirm)
        clean(app, QuitConfirm)
        await pilot.press("n")
        await wait_screen(pilot, PlayerScreen)
        for _ in range(120):  # until the first step's prompt shows, halfway through it
            await advance(pilot, clock, 1)
            if "Prompt " in clean(app, PlayerScreen):
                break
        assert "Prompt " in clean(app, PlayerScreen) and "[b]x[/b]" in clean(app, PlayerScreen)
        await advance(pilot, clock, 400)
        await wait_screen(pilot, FinishedScreen)
        clean(app, FinishedScreen)
        await pilot.press("c")
        await wait_screen(pilot, CheckInForm)
        clean(app, CheckInForm)


async def test_the_resume_prompt_shows_a_hostile_lesson_inertly(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = hostile_app(tmp_path, write_lesson, clock)
    app.store.add_session(replace(hostile_session(TODAY, number=2), status=SessionStatus.OPEN))
    async with app.run_test(size=WIDE) as pilot:
        await wait_screen(pilot, ResumePrompt)
        prompt = clean(app, ResumePrompt)
        assert "^[]0;pwned^G" in prompt


async def test_a_typed_note_with_a_control_character_is_refused_beside_the_field(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = hostile_app(tmp_path, write_lesson, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, TodayScreen)
        await pilot.press("c")
        await wait_screen(pilot, CheckInForm)
        note = app.screen.query_one("#note-input", Input)
        note.value = ""
        note.focus()
        await pilot.press("a")
        note.post_message(Paste("pasted \x1b]0;x\x07 text"))
        await settle(pilot)
        assert note.value == "a"  # left out
        assert "left out: it holds a control character" in shown(app.screen, "#note-input-error")
        note.value = "set \x1b]0;x\x07 in code"
        await settle(pilot)
        drawn = drawn_text(app)
        assert dangerous_in(drawn) == []
        assert note._value.plain == "set ␛]0;x␇ in code"  # what the field draws
        assert "holds a control character U+001B (^[)" in shown(app.screen, "#note-input-error")
        before = app.store.path_for(TODAY.year).read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert app.store.path_for(TODAY.year).read_bytes() == before
        assert dangerous_in(drawn_text(app)) == []


async def test_a_shown_hostile_note_left_alone_is_kept_exactly_when_other_fields_are_saved(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = hostile_app(tmp_path, write_lesson, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, TodayScreen)
        await pilot.press("c")
        await wait_screen(pilot, CheckInForm)
        app.screen.query_one("#pain-left", Input).value = "5"
        await pilot.press("ctrl+s")
        await wait_screen(pilot, TodayScreen)
    saved = app.store.history([TODAY.year]).checkin_on(TODAY)
    assert saved is not None and saved.note == HOSTILE and saved.pain_left == 5


async def test_plan_and_historys_corrections_show_hostile_records_inertly(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = hostile_app(tmp_path, write_lesson, clock)
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        await wait_screen(pilot, TodayScreen)
        await pilot.press("p")
        await wait_screen(pilot, PlanScreen)
        clean(app, PlanScreen)
        await pilot.press("escape", "h")
        await wait_screen(pilot, HistoryScreen)
        records = app.screen.query_one(RecordList)
        kinds: dict[type, int] = {}
        for index, option in enumerate(records.options):
            record = records.records.get(option.id or "")
            if record is not None:
                kinds.setdefault(type(record), index)
        records.highlighted = kinds[Session]  # its title is hostile
        await pilot.press("d")
        await wait_screen(pilot, Confirm)
        question = clean(app, Confirm)
        assert "^[]0;pwned^G" in question or "^[[31m" in question
        await pilot.press("n")
        await wait_screen(pilot, HistoryScreen)
        records.highlighted = kinds[Skip]  # its reason is hostile
        await pilot.press("enter")
        await wait_screen(pilot, SkipForm)
        form = clean(app, SkipForm)
        assert "^[" in form  # the stored reason, spelled out in its field
        await pilot.press("ctrl+s")  # left as it was: the reason is kept exactly, not refused
        await wait_screen(pilot, HistoryScreen)
        await pilot.press("u")
        await settle(pilot)
        clean(app, HistoryScreen)
    assert all(dangerous_in(note) == [] for note in notes)
