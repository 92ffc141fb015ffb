"""SVG snapshots of Today, the check-in form, History, the Plan view, History's small forms and
the resume prompt at 100x30 and 60x20.

A fixed date, fixed lessons and programme and a store in a temp folder seeded with fixed
records (see tui_progress_helpers.py) keep them deterministic. After a deliberate change to the
look, regenerate with ``pytest tests/tui/test_tui_progress_snapshots.py --snapshot-update`` and
check the new SVGs by eye.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

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
