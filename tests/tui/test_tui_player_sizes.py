"""The player from 40x12 to 200x60: block-letter countdown and label, in a work step with a
prompt, a per-side rep step and a rest, plus the get-ready count and a sound notice.

Every size must show the countdown whole in block letters (the SVGs are checked by eye when
regenerated with ``--snapshot-update``); :func:`test_the_countdown_is_big_and_whole` checks
the sizes the issue asks for in numbers, so a layout change cannot shrink them unnoticed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from freefeet_tui.core.library import load_library
from freefeet_tui.tui.app import create_app
from freefeet_tui.tui.widgets import big_font
from freefeet_tui.tui.widgets.big_text import BigText
from tests.helpers.snapshots import SnapCompare
from tests.helpers.tui import (
    ClockLike,
    RecordingOutput,
    WriteLesson,
    advance,
    fixed_app,
    player,
    shown,
)

SIZES = [
    pytest.param((40, 12), id="40x12"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
    pytest.param((200, 60), id="200x60"),
]
SMALLEST_ROWS = {(40, 12): 3, (80, 24): 6, (120, 40): 10, (200, 60): 14}
"""The least rows of block digits the countdown must take at each size."""

Steps = Callable[[Pilot[None], ClockLike], Awaitable[None]]


async def scan_with_prompt(pilot: Pilot[None], clock: ClockLike) -> None:
    """12 s into the 20 s scan: its one prompt (due at 10 s) is showing."""
    await advance(pilot, clock, 12)


async def heel_lift(pilot: Pilot[None], clock: ClockLike) -> None:
    """The per-side rep step, left side, rep 2 of 4."""
    await advance(pilot, clock, 20 + 4)


async def resting(pilot: Pilot[None], clock: ClockLike) -> None:
    await advance(pilot, clock, 20 + 12 + 5 + 12 + 3)


@pytest.fixture
def shoot_player(
    snap_compare: SnapCompare, tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> Callable[..., bool]:
    def take(size: tuple[int, int], steps: Steps, get_ready: float = 0.0) -> bool:
        app = fixed_app(tmp_path, write_lesson, clock, play="steady-feet", get_ready=get_ready)

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            await steps(pilot, clock)
            await pilot.pause()

        return snap_compare(app, terminal_size=size, run_before=run_before)

    return take


@pytest.mark.parametrize("size", SIZES)
def test_player_work_step_with_a_prompt(
    shoot_player: Callable[..., bool], size: tuple[int, int]
) -> None:
    assert shoot_player(size, scan_with_prompt)


@pytest.mark.parametrize("size", SIZES)
def test_player_per_side_step(shoot_player: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot_player(size, heel_lift)


@pytest.mark.parametrize("size", SIZES)
def test_player_rest(shoot_player: Callable[..., bool], size: tuple[int, int]) -> None:
    assert shoot_player(size, resting)


def test_player_get_ready(shoot_player: Callable[..., bool]) -> None:
    async def one_second_in(pilot: Pilot[None], clock: ClockLike) -> None:
        await advance(pilot, clock, 1)

    assert shoot_player((80, 24), one_second_in, get_ready=5)


def test_player_sound_notice_leaves_the_step_counter(shoot_player: Callable[..., bool]) -> None:
    async def notice(pilot: Pilot[None], clock: ClockLike) -> None:
        screen = player(pilot.app)
        screen.show_sound_notice(
            "sound: miniaudio: no sound device (ALSA: no default card); using the terminal bell"
        )
        await advance(pilot, clock, 1)

    assert shoot_player((80, 24), notice)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "steps", [scan_with_prompt, heel_lift, resting], ids=["work", "side", "rest"]
)
async def test_the_countdown_is_big_and_whole(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, size: tuple[int, int], steps: Steps
) -> None:
    app = fixed_app(tmp_path, write_lesson, clock, play="steady-feet")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot, clock)
        countdown = player(app).query_one("#countdown", BigText)
        scale = countdown.scale
        assert scale >= 1, "the countdown fell back to plain text"
        columns, rows = big_font.size(countdown.text, scale)
        assert rows >= SMALLEST_ROWS[size]
        region = countdown.content_region
        assert columns <= region.width and rows <= region.height  # drawn whole
        assert region.right <= size[0] and region.bottom <= size[1]  # and on the screen


@pytest.mark.parametrize("width", [40, 80, 120])
async def test_a_long_sound_notice_never_covers_the_step_counter(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, width: int
) -> None:
    app = fixed_app(tmp_path, write_lesson, clock, play="steady-feet")
    async with app.run_test(size=(width, 24)) as pilot:
        screen = player(app)
        await pilot.pause()
        screen.show_sound_notice("sound: miniaudio: no sound device; using the terminal bell " * 2)
        await pilot.pause()
        heading = screen.query_one("#heading")
        badge = screen.query_one("#volume-badge")
        assert badge.display and badge.region.width > 0
        assert heading.region.width >= len("Step 1 of 3")
        assert heading.region.right <= badge.region.x  # side by side, never on top
        assert badge.region.right <= width


HOSTILE = """\
schema = 1
id = "hostile"
title = "Hostile [b]title[/b]"
summary = "Markup and formulas in prompts."
when = "In tests."

[[steps]]
id = "stand"
title = "Stand [@click=app.quit]here[/]"
cue = "Stand easy."
duration = "20s"
prompts = ["Press [bold]lightly[/bold] [@click=app.quit]now[/]", "=HYPERLINK(\\"x\\")"]
"""


async def test_prompts_are_shown_literally(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    library = load_library(write_lesson(HOSTILE, "hostile.toml").parent, None)
    app = create_app(
        library=library, lesson=library.get("hostile"), clock=clock, cue_output=RecordingOutput()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 7)
        screen = player(app)
        assert shown(screen, "#prompt") == "Press [bold]lightly[/bold] [@click=app.quit]now[/]"
        await advance(pilot, clock, 7)
        assert shown(screen, "#prompt") == '=HYPERLINK("x")'
        assert shown(screen, "#step-title") == "Stand [@click=app.quit]here[/]"
        assert app.is_running  # nothing in the text was run
