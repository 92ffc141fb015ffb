"""Pilot tests of the check-in form: field order, keys typed in one burst, same for both feet,
Enter, ctrl+s and Escape, refusals in place, and saving through the undo journal.

``burst`` queues every key before the app handles the first, as a fast typist, a paste or
``tmux send-keys`` does; ``pilot.press`` would wait between keys and hide the race.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from freefeet_tui.core.progress import CheckIn
from freefeet_tui.core.progress.corrections import Corrections
from freefeet_tui.tui.app import FreefeetApp
from freefeet_tui.tui.screens.checkin import FIELDS, NOTHING_TO_SAVE, CheckInForm
from freefeet_tui.tui.screens.confirm import Confirm
from freefeet_tui.tui.screens.dialogs import CHECKIN_SAVED, FinishedScreen
from freefeet_tui.tui.screens.today import TodayScreen
from tests.helpers.tui import ClockLike, WriteLesson, advance, shown, top_screen
from tests.helpers.tui_progress import (
    NOTE,
    SIZE,
    TODAY,
    MakeApp,
    burst,
    checkin_lines,
    freeze_now,
    progress_app,
    settle,
    today_screen,
    wait_for,
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_now(monkeypatch)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


def form(app: FreefeetApp) -> CheckInForm:
    screen = app.screen
    assert isinstance(screen, CheckInForm), f"expected the form, found {type(screen).__name__}"
    return screen


def focused_id(app: FreefeetApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def value(screen: CheckInForm, field_id: str) -> str:
    return screen.query_one(f"#{field_id}", Input).value


def error_text(screen: CheckInForm, field_id: str) -> str:
    return shown(screen, f"#{field_id}-error")


async def test_focus_starts_on_the_left_foot_and_tab_goes_through_the_fields_in_order(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        order = [focused_id(app)]
        for _ in FIELDS:
            await pilot.press("tab")
            order.append(focused_id(app))
        assert order == [*FIELDS, FIELDS[0]]  # nothing else in the Tab order
        await pilot.press("shift+tab")
        assert focused_id(app) == "note-input"


async def test_keys_typed_in_one_burst_land_where_they_were_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "4", "tab", "2", "tab", "3", "0", "tab", "1", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        assert app.store.recent(TODAY).checkin_on(TODAY) == CheckIn(TODAY, 4, 2, 30, 1)
        assert checkin_lines(today_screen(app))[:2] == [
            "Today: morning pain left 4, right 2",
            "ran 30 min (pain 1)",
        ]


async def test_a_burst_into_an_open_form_and_keys_after_saving_reach_today(
    make_app: MakeApp,
) -> None:
    app = make_app(seeded=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await burst(pilot, "5", "tab", "backspace", "3", "tab", "tab", "tab", *"ok", "enter", "p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PlanScreen")
    assert app.store.recent(TODAY).checkin_on(TODAY) == CheckIn(TODAY, 5, 3, note="ok")


async def test_same_for_both_feet_gives_the_right_foot_the_left_figure(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "ctrl+b", "6", "tab")
        screen = form(app)
        assert screen.query_one("#same-feet", Checkbox).value
        assert value(screen, "pain-right") == "6" and screen.query_one("#pain-right").disabled
        assert focused_id(app) == "run-minutes"  # the right foot is out of the Tab order
        await burst(pilot, "shift+tab", "backspace", "5")
        assert value(screen, "pain-right") == "5"
        await burst(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
    saved = app.store.recent(TODAY).checkin_on(TODAY)
    assert saved is not None and (saved.pain_left, saved.pain_right) == (5, 5)


async def test_enter_moves_on_and_saves_on_the_note(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "2", "enter", "1", "enter")
        assert focused_id(app) == "run-minutes"
        await burst(pilot, "enter", "enter", *"Heel [b]sore[/b]")
        assert focused_id(app) == "note-input" and isinstance(app.screen, CheckInForm)
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        assert checkin_lines(today_screen(app)) == [
            "Today: morning pain left 2, right 1",
            "Heel [b]sore[/b]",
        ]
    assert app.store.recent(TODAY).checkin_on(TODAY) == CheckIn(
        TODAY, 2, 1, note="Heel [b]sore[/b]"
    )


async def test_ctrl_s_saves_from_any_field_and_a_planned_run_is_one_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "tab", "tab", "2", "5", "ctrl+r", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
    assert app.store.recent(TODAY).checkin_on(TODAY) == CheckIn(
        TODAY, run_minutes=25, planned_run=True
    )


async def test_escape_with_changes_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "escape")
        assert isinstance(app.screen, TodayScreen)  # nothing typed: leaves at once
        await burst(pilot, "c", "3", "escape")
        question = app.screen
        assert isinstance(question, Confirm)
        assert shown(question, "#confirm-question") == "Leave without saving what you typed?"
        await burst(pilot, "n")
        assert value(form(app), "pain-left") == "3"
        await burst(pilot, "escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert app.store.recent(TODAY).checkin_on(TODAY) is None


@pytest.mark.parametrize(
    ("field_id", "typed", "message"),
    [
        ("pain-left", "11", "✗ must be 0 to 10"),
        ("pain-right", "12", "✗ must be 0 to 10"),
        ("run-minutes", "2000", "✗ must be 0 to 1440"),
        ("run-pain", "99", "✗ must be 0 to 10"),
    ],
)
async def test_out_of_range_input_is_refused_in_place(
    make_app: MakeApp, field_id: str, typed: str, message: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        await settle(pilot)  # laid out, so the click lands on the field, even on a busy machine
        field = screen.query_one(f"#{field_id}", Input)
        await pilot.click(f"#{field_id}")
        await wait_for(pilot, lambda: app.focused is field)
        await pilot.press(*typed)
        assert error_text(screen, field_id) == message
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # not saved, still open
        assert shown(screen, "#checkin-message") == "Not saved: correct the field marked ✗ first."
        assert screen.query_one(f"#{field_id}", Input).has_focus
        assert app.store.recent(TODAY).checkin_on(TODAY) is None
        await pilot.press("backspace")
        assert error_text(screen, field_id) == ""


async def test_a_note_over_the_limit_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        screen.query_one("#note-input", Input).value = "x" * 2001
        await settle(pilot)
        assert error_text(screen, "note-input") == "✗ 2000 characters at most"
        await pilot.press("ctrl+s")
        assert shown(screen, "#checkin-message") == "Not saved: correct the field marked ✗ first."


async def test_letters_cannot_be_typed_into_a_number_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "x", "-", "5")
        assert value(form(app), "pain-left") == "5"


async def test_an_empty_form_is_not_saved(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "ctrl+s")
        assert shown(form(app), "#checkin-message") == NOTHING_TO_SAVE
        await pilot.click("#checkin-cancel")
        assert isinstance(app.screen, TodayScreen)
    assert app.store.recent(TODAY).checkin_on(TODAY) is None


async def test_the_form_starts_from_the_day_and_saves_the_whole_day(make_app: MakeApp) -> None:
    app = make_app(today=TODAY - timedelta(days=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        values = {field.id: field.value for field in screen.query(Input)}
        assert values == {
            "pain-left": "3",
            "pain-right": "2",
            "run-minutes": "30",
            "run-pain": "4",
            "note-input": NOTE,
        }
        await burst(pilot, "tab", "end", "backspace", "1", "tab", "tab", "backspace", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
    saved = app.store.recent(TODAY).checkin_on(TODAY - timedelta(days=1))
    assert saved is not None
    assert (saved.pain_left, saved.pain_right, saved.run_pain, saved.note) == (3, 1, None, NOTE)
    undone = Corrections(app.store).undo()  # a save from the app is in the undo journal
    assert undone.said == f"logged the check-in of {TODAY - timedelta(days=1)}"
    again = app.store.recent(TODAY).checkin_on(TODAY - timedelta(days=1))
    assert again is not None and (again.pain_right, again.run_pain) == (2, 4)


async def test_a_failed_save_says_why_and_keeps_the_form(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Corrections, "apply", refuse)
        await burst(pilot, "c", "5", "ctrl+s")
        screen = form(app)
        await wait_for(pilot, lambda: not screen.saving)
        assert shown(screen, "#checkin-message") == "Not saved: disk full"
        assert app.screen is screen
        await burst(pilot, "backspace", "4")  # the form takes keys again
        assert value(screen, "pain-left") == "4"


async def test_the_finished_view_offers_the_check_in(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await advance(pilot, clock, 45)
        finished = app.screen
        assert isinstance(finished, FinishedScreen)
        assert shown(finished, "#finished-checkin") == "Press c to log how your feet feel today."
        await pilot.press("c", "2", "ctrl+s")
        await wait_for(pilot, lambda: top_screen(app) is finished)
        assert shown(finished, "#finished-checkin") == CHECKIN_SAVED
        await pilot.press("enter")
        await settle(pilot)
        assert checkin_lines(today_screen(app)) == ["Today: morning pain left 2"]
