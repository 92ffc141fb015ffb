"""SVG snapshots of every screen at 100x30 and 60x20 (and the player at 200x60).

Fixed lesson files and a fake clock keep them deterministic. After a deliberate change to the
look, regenerate with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and check the
new SVGs by eye before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers.snapshots import SnapCompare, steady_cursors
from tests.helpers.tui import ClockLike, WriteLesson, advance, fixed_app

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((60, 20), id="60x20")]


@pytest.fixture
def shoot(
    snap_compare: SnapCompare, tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> Callable[..., bool]:
    """Snapshot the fixed app after ``steps(pilot, clock)``, starting on the lessons list;
    ``play`` opens the player at once."""

    def take(
        size: tuple[int, int],
        steps: Callable[[Pilot[None], ClockLike], Awaitable[None]] | None = None,
        play: str | None = None,
    ) -> bool:
        app = fixed_app(tmp_path, write_lesson, clock, play=play)

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            if play is None:
                await pilot.press("l")  # from Today, the home screen, to the lessons list
                await pilot.pause()
            if steps is not None:
                await steps(pilot, clock)
            await pilot.pause()
            await steady_cursors(pilot)

        return snap_compare(app, terminal_size=size, run_before=run_before)

    return take


async def into_heel_lift(pilot: Pilot[None], clock: ClockLike) -> None:
    """Player on the per-side rep step with an avoid line, second rep, left side."""
    await pilot.press("n")
    await advance(pilot, clock, 4)


async def heel_lift_paused_and_muted(pilot: Pilot[None], clock: ClockLike) -> None:
    await into_heel_lift(pilot, clock)
    await pilot.press("space", "m")
    await advance(pilot, clock, 30)  # paused: nothing moves


async def into_rest(pilot: Pilot[None], clock: ClockLike) -> None:
    await advance(pilot, clock, 20 + 12 + 5 + 12 + 3)


async def quit_asked(pilot: Pilot[None], clock: ClockLike) -> None:
    await into_heel_lift(pilot, clock)
    await pilot.press("q")


async def past_the_end(pilot: Pilot[None], clock: ClockLike) -> None:
    """Started from the lessons list, so the finished view offers the way back to it."""
    await pilot.press("s")
    await advance(pilot, clock, 500)


async def open_details(pilot: Pilot[None], clock: ClockLike) -> None:
    await pilot.press("enter")


@pytest.mark.parametrize("size", SIZES)
def test_lessons_screen(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size)


@pytest.mark.parametrize("size", SIZES)
def test_lesson_details(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size, open_details)


@pytest.mark.parametrize("size", SIZES)
def test_player_running(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size, into_heel_lift, play="steady-feet")


@pytest.mark.parametrize("size", SIZES)
def test_player_paused_and_muted(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size, heel_lift_paused_and_muted, play="steady-feet")


@pytest.mark.parametrize("size", SIZES)
def test_player_resting(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size, into_rest, play="steady-feet")


@pytest.mark.parametrize("size", SIZES)
def test_quit_confirm(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size, quit_asked, play="steady-feet")


@pytest.mark.parametrize("size", SIZES)
def test_finished(shoot: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot(size, past_the_end)


def test_player_on_a_large_terminal(shoot: Callable[..., bool]) -> None:
    assert shoot((200, 60), into_heel_lift, play="steady-feet")
