"""The app keeps the log's rules: dates from 2000 to today, a question before a day far back,
pain in a run only with minutes run, and a session it could not save makes the command fail."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from freefeet_tui.core.progress import ProgressError, ProgressStore, Session
from freefeet_tui.tui.screens.checkin import RUN_NEEDED, CheckInForm, FarDayConfirm
from freefeet_tui.tui.screens.dialogs import QuitConfirm
from tests.helpers.tui import ClockLike, WriteLesson, shown
from tests.helpers.tui_progress import (
    SIZE,
    TODAY,
    MakeApp,
    freeze_now,
    progress_app,
    settle,
    wait_for,
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_now(monkeypatch)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


def log_bytes(store: ProgressStore) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.folder.glob("*.toml")}


async def test_a_day_far_before_the_log_is_saved_only_when_confirmed(make_app: MakeApp) -> None:
    app = make_app()
    far = date(2024, 6, 1)  # the seeded log starts on 2025-12-30
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = log_bytes(app.store)
        await app.push_screen(CheckInForm(far))
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FarDayConfirm)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert shown(app.screen, "#checkin-message") == "Not saved: check the date."
        assert log_bytes(app.store) == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, CheckInForm))
    saved = app.store.history([2024]).checkin_on(far)
    assert saved is not None and saved.pain_left == 4


async def test_a_day_before_2000_is_refused_in_the_form(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(CheckInForm(date(1999, 12, 31)))
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        message = shown(app.screen, "#checkin-message")
        assert message == "Not saved: 1999-12-31 is before 2000-01-01; check the year."
    assert app.store.years() == [2025, 2026]


async def test_pain_in_a_run_needs_minutes_run(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = log_bytes(app.store)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        form.query_one("#run-pain", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(form, "#run-minutes-error") == RUN_NEEDED
        assert log_bytes(app.store) == before
        form.query_one("#run-minutes", Input).value = "25"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
    saved = app.store.history([TODAY.year]).checkin_on(TODAY)
    assert saved is not None and (saved.run_minutes, saved.run_pain) == (25, 3)


async def test_a_session_that_could_not_be_saved_is_remembered_for_the_exit_code(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = progress_app(tmp_path, write_lesson, clock)

    def refuse(session: Session) -> Session:
        raise ProgressError(f"{app.store.folder}: cannot save 2026.toml: Read-only file system")

    monkeypatch.setattr(app.store, "add_session", refuse)
    monkeypatch.setattr(app.store, "update_session", refuse)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.start_lesson(app.library.lessons["steady-feet"])
        await settle(pilot)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuitConfirm))
        await pilot.press("y")
        await settle(pilot)
    assert app.unsaved and "Read-only file system" in app.unsaved[-1]
