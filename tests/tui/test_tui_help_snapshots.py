"""SVG snapshots at 80x24 of the help (``?``) on Today and in the player, and of the command
palette (ctrl+p) on Today, empty and with part of a title typed.

The seeded app of the progress snapshots (fixed date, lessons, programme and records) keeps
them deterministic. Regenerate with ``--snapshot-update`` after a deliberate change to the look.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot

from tests.helpers.snapshots import SnapCompare, steady_cursors
from tests.helpers.tui import ClockLike, WriteLesson, let_timer_tick
from tests.helpers.tui_progress import progress_app

SIZE = (80, 24)
Steps = Callable[[Pilot[None]], Awaitable[None]]
Shoot = Callable[[Steps], bool]


@pytest.fixture
def shoot(
    snap_compare: SnapCompare, tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> Shoot:
    def take(steps: Steps) -> bool:
        app = progress_app(tmp_path, write_lesson, clock)

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            await steps(pilot)
            await pilot.pause()
            await steady_cursors(pilot)

        return snap_compare(app, terminal_size=SIZE, run_before=run_before)

    return take


async def settled_palette(pilot: Pilot[None]) -> None:
    """Wait until the palette's list stops changing (it fills in a worker)."""
    previous = -1
    for _ in range(40):
        await pilot.pause(0.05)
        count = pilot.app.screen.query_one(CommandList).option_count
        if count and count == previous:
            return
        previous = count


async def help_on_today(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def help_in_the_player(pilot: Pilot[None]) -> None:
    await pilot.press("l", "s")
    await let_timer_tick(pilot)
    await pilot.press("question_mark")


async def palette_on_today(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p")
    await settled_palette(pilot)


async def palette_with_a_title_typed(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p", *"feet")
    await settled_palette(pilot)


def test_help_on_today(shoot: Shoot) -> None:
    assert shoot(help_on_today)


def test_help_in_the_player(shoot: Shoot) -> None:
    assert shoot(help_in_the_player)


def test_palette_on_today(shoot: Shoot) -> None:
    assert shoot(palette_on_today)


def test_palette_with_a_title_typed(shoot: Shoot) -> None:
    assert shoot(palette_with_a_title_typed)
