"""SVG snapshots of Today, the check-in form (with its refusals and its question about a day
far back), History, the Plan view, History's small forms and the resume prompt at 100x30 and
60x20.

A fixed date, fixed lessons and programme and a store in a temp folder seeded with fixed
records (see tui_progress_helpers.py) keep them deterministic. After a deliberate change to the
look, regenerate with ``pytest tests/tui/test_tui_progress_snapshots.py --snapshot-update`` and
check the new SVGs by eye.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from freefeet_tui.tui.screens.checkin import CheckInForm
from tests.helpers.snapshots import SnapCompare, steady_cursors
from tests.helpers.tui import ClockLike, WriteLesson
from tests.helpers.tui_progress import open_session, progress_app

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((60, 20), id="60x20")]
Steps = Callable[[Pilot[None]], Awaitable[None]]
Shoot = Callable[..., bool]


@pytest.fixture
def shoot(
    snap_compare: SnapCompare, tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> Shoot:
    """Snapshot the seeded app after ``steps(pilot)``; ``unfinished`` adds an open session."""

    def take(size: tuple[int, int], steps: Steps | None = None, unfinished: bool = False) -> bool:
        app = progress_app(tmp_path, write_lesson, clock)
        if unfinished:
            app.store.add_session(open_session())

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            if steps is not None:
                await steps(pilot)
            await pilot.pause()
            await steady_cursors(pilot)

        return snap_compare(app, terminal_size=size, run_before=run_before)

    return take


async def open_checkin(pilot: Pilot[None]) -> None:
    await pilot.press("c")


async def checkin_refused(pilot: Pilot[None]) -> None:
    """The form with pain 11 typed for the left foot, refused in place on ctrl+s."""
    await pilot.press("c", "1", "1", "ctrl+s")


async def checkin_same_feet(pilot: Pilot[None]) -> None:
    """Left foot 3, "same for both feet" ticked, a note with markup in it."""
    await pilot.press("c", "3", "ctrl+b", "tab", "tab", "tab", *"[b]sore[/b]")


async def open_plan(pilot: Pilot[None]) -> None:
    await pilot.press("p")


async def delete_question(pilot: Pilot[None]) -> None:
    await pilot.press("h", "down", "d")


async def skip_form(pilot: Pilot[None]) -> None:
    await pilot.press("h", "s")


async def open_history(pilot: Pilot[None]) -> None:
    await pilot.press("h")


async def far_day_asked(pilot: Pilot[None]) -> None:
    """A check-in for a day over a year before the log's first record: asked first."""
    await pilot.app.push_screen(CheckInForm(date(2024, 6, 1)))
    await pilot.press("4", "ctrl+s")


async def run_pain_refused(pilot: Pilot[None]) -> None:
    """Pain in the run with no minutes run: refused beside the minutes."""
    await pilot.press("c")
    pilot.app.screen.query_one("#run-pain", Input).value = "3"
    await pilot.press("ctrl+s")


@pytest.mark.parametrize("size", SIZES)
def test_today(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size)


@pytest.mark.parametrize("size", SIZES)
def test_checkin_form(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, open_checkin)


@pytest.mark.parametrize("size", SIZES)
def test_checkin_refuses_pain_eleven(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, checkin_refused)


@pytest.mark.parametrize("size", SIZES)
def test_checkin_asks_before_a_day_far_back(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, far_day_asked)


@pytest.mark.parametrize("size", SIZES)
def test_checkin_refuses_run_pain_without_a_run(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, run_pain_refused)


@pytest.mark.parametrize("size", SIZES)
def test_history(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, open_history)


@pytest.mark.parametrize("size", SIZES)
def test_resume_prompt(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, unfinished=True)


@pytest.mark.parametrize("size", SIZES)
def test_checkin_same_for_both_feet(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, checkin_same_feet)


@pytest.mark.parametrize("size", SIZES)
def test_plan(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, open_plan)


@pytest.mark.parametrize("size", SIZES)
def test_history_asks_before_deleting(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, delete_question)


@pytest.mark.parametrize("size", SIZES)
def test_history_skip_form(shoot: Shoot, size: tuple[int, int]) -> None:
    assert shoot(size, skip_form)


@pytest.mark.parametrize("size", SIZES)
def test_today_with_a_bad_record_on_top(
    snap_compare: SnapCompare,
    tmp_path: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """The seeded log with one check-in of pain 11 added by hand: the problem on top (a short
    relative path keeps the snapshot the same in any folder), everything else below it."""
    monkeypatch.chdir(tmp_path)
    app = progress_app(Path(), write_lesson, clock)
    year = app.store.path_for(2026)
    year.write_text(year.read_text() + "\n[[checkins]]\ndate = 2026-11-24\npain_left = 11\n")
    assert snap_compare(app, terminal_size=size)
