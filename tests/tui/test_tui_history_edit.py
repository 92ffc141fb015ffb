"""History corrects the log: Enter edits a row, d deletes it after a yes, u undoes, c checks
in for another day, s marks a day off. Every change goes through the undo journal, so the
command line's ``freefeet undo`` and History's ``u`` take back each other's changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input

from freefeet_tui.core.progress import CheckIn, Skip
from freefeet_tui.core.progress.corrections import Corrections
from freefeet_tui.tui.app import FreefeetApp
from freefeet_tui.tui.screens.checkin import CheckInForm
from freefeet_tui.tui.screens.confirm import Confirm
from freefeet_tui.tui.screens.history import HistoryScreen
from freefeet_tui.tui.screens.history_edit import SESSION_NOT_EDITED
from freefeet_tui.tui.screens.plan import PlanScreen
from freefeet_tui.tui.screens.record_forms import DayPrompt, SkipForm
from freefeet_tui.tui.widgets.record_list import RecordList
from tests.helpers.tui import ClockLike, WriteLesson, shown
from tests.helpers.tui_progress import (
    NOTE,
    SIZE,
    TODAY,
    MakeApp,
    burst,
    freeze_now,
    log_lines,
    progress_app,
    settle,
    wait_for,
)

YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_now(monkeypatch)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


async def open_history(pilot: Pilot[None], app: FreefeetApp) -> HistoryScreen:
    await settle(pilot)
    await burst(pilot, "h")
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def history(app: FreefeetApp) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def chosen_id(screen: HistoryScreen) -> str | None:
    record = screen.query_one(RecordList).chosen
    return record.id if record else None


async def test_delete_asks_then_u_brings_it_back(make_app: MakeApp) -> None:
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        assert chosen_id(screen) == f"c-{YESTERDAY:%Y%m%d}"  # the newest row first
        await burst(pilot, "d")
        question = app.screen
        assert isinstance(question, Confirm)
        assert shown(question, "#confirm-question") == f"Delete the check-in of {YESTERDAY}?"
        await burst(pilot, "n")  # kept
        assert app.store.recent(TODAY).checkin_on(YESTERDAY) is not None
        await burst(pilot, "d", "y")
        await wait_for(pilot, lambda: app.store.recent(TODAY).checkin_on(YESTERDAY) is None)
        await settle(pilot)
        assert notes[-1] == f"Deleted the check-in of {YESTERDAY}; u brings it back."
        assert log_lines(screen)[0] == "Mon 23 Nov 2026  Skipped  travel"
        await burst(pilot, "u")
        await wait_for(pilot, lambda: app.store.recent(TODAY).checkin_on(YESTERDAY) is not None)
        await settle(pilot)
        assert notes[-1] == f"Undone: deleted the check-in of {YESTERDAY}."
        assert log_lines(screen)[1] == "  " + NOTE
    assert Corrections(app.store).journal.entries() == []


async def test_enter_edits_a_check_in_in_the_check_in_form(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await burst(pilot, "enter")
        form = app.screen
        assert isinstance(form, CheckInForm) and form.for_day == YESTERDAY
        assert form.query_one("#pain-left", Input).value == "3"
        await burst(pilot, "backspace", "5", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await settle(pilot)
        assert log_lines(history(app))[0].startswith(
            "Mon 23 Nov 2026  Check-in  morning pain left 5, right 2"
        )
    saved = app.store.recent(TODAY).checkin_on(YESTERDAY)
    assert saved is not None and (saved.pain_left, saved.note) == (5, NOTE)


async def test_a_session_cannot_be_edited_but_can_be_deleted(make_app: MakeApp) -> None:
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        await burst(pilot, "down", "down")  # past the check-in and the skip
        session_id = chosen_id(screen)
        assert session_id is not None and session_id.startswith("s-20261122")
        await burst(pilot, "enter")
        assert notes == [SESSION_NOT_EDITED] and app.screen is screen
        await burst(pilot, "d", "y")
        await wait_for(pilot, lambda: not app.store.recent(TODAY).sessions_on(TODAY - timedelta(2)))


async def test_a_skip_is_edited_in_the_skip_form(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await burst(pilot, "down", "enter")
        form = app.screen
        assert isinstance(form, SkipForm)
        assert form.query_one("#reason", Input).value == "travel"
        await burst(pilot, "tab", "ctrl+u", *"flare-up", "enter")
        await wait_for(
            pilot, lambda: app.store.recent(TODAY).skip_on(YESTERDAY) == Skip(YESTERDAY, "flare-up")
        )


async def test_c_checks_in_for_an_earlier_day_and_s_marks_one_off(make_app: MakeApp) -> None:
    app = make_app()
    earlier = TODAY - timedelta(days=4)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await burst(pilot, "c")
        assert isinstance(app.screen, DayPrompt)
        await burst(pilot, "ctrl+u", *"tomorrow", "enter")  # not a day yet: refused in place
        assert isinstance(app.screen, DayPrompt)
        assert "in the future" in shown(app.screen, "#day-form-message")
        await burst(pilot, "ctrl+u", *earlier.isoformat(), "enter", "4", "tab", "3", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert app.store.recent(TODAY).checkin_on(earlier) == CheckIn(earlier, 4, 3)
        await burst(pilot, "s", "ctrl+u", *earlier.isoformat(), "tab", *"[b]ill[/b]", "enter")
        await wait_for(pilot, lambda: app.store.recent(TODAY).skip_on(earlier) is not None)
        await settle(pilot)
        assert "Skipped  [b]ill[/b]" in "\n".join(log_lines(app.screen))  # type: ignore[arg-type]
    entries = Corrections(app.store).journal.entries()
    assert [e.action for e in entries] == ["log", "skip"]


async def test_u_takes_back_a_change_made_on_the_command_line(make_app: MakeApp) -> None:
    app = make_app()
    Corrections(app.store).log_checkin(CheckIn(TODAY, 7, 7))  # as freefeet log would
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await burst(pilot, "u")
        await wait_for(pilot, lambda: app.store.recent(TODAY).checkin_on(TODAY) is None)


async def test_undo_with_nothing_to_undo_says_so(make_app: MakeApp) -> None:
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await burst(pilot, "u")
        await wait_for(pilot, lambda: bool(notes))
    assert notes == ["Not changed: nothing to undo"]


async def run_from_palette(pilot: Pilot[None], name: str) -> None:
    """Open the palette, type ``name``, wait for the list to settle and run the first hit."""
    await pilot.press("ctrl+p", *name)
    previous: list[str] | None = None
    for _ in range(40):
        await pilot.pause(0.05)
        listed = pilot.app.screen.query_one(CommandList)
        found = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        if found and found == previous:
            break
        previous = found
    assert previous and previous[0].startswith(name), previous
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_plans_deletes_and_undoes(make_app: MakeApp) -> None:
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "Plan")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("escape")
        screen = await open_history(pilot, app)
        assert chosen_id(screen) == f"c-{YESTERDAY:%Y%m%d}"
        await run_from_palette(pilot, "Delete the record")
        assert isinstance(app.screen, Confirm)
        await burst(pilot, "y")
        await wait_for(pilot, lambda: app.store.recent(TODAY).checkin_on(YESTERDAY) is None)
        await run_from_palette(pilot, "Undo the last change")
        await wait_for(pilot, lambda: app.store.recent(TODAY).checkin_on(YESTERDAY) is not None)
        await settle(pilot)
        assert notes[-1] == f"Undone: deleted the check-in of {YESTERDAY}."
