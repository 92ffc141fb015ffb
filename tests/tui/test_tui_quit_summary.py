"""A lesson quit part way leaves one line for the terminal once the app has closed: steps done
"x of y steps", the time practised and what became of the record. A finished one leaves none."""

from __future__ import annotations

from pathlib import Path

from freefeet_tui.tui.screens.dialogs import FinishedScreen
from tests.helpers.tui import ClockLike, WriteLesson, advance, fixed_app, player


async def test_quitting_half_way_leaves_a_summary(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = fixed_app(tmp_path, write_lesson, clock, play="steady-feet")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 25)  # the scan done, into the heel lift
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.summaries == [
        "Steady Feet: stopped after 1 of 3 steps, 25 s practised; saved in your log."
    ]


async def test_closing_the_app_mid_lesson_leaves_a_summary(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = fixed_app(tmp_path, write_lesson, clock, play="steady-feet")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 7)
        player(app)  # still playing when the app goes (ctrl+q, a closed terminal)
        app.exit()
        await pilot.pause()
    assert app.summaries == [
        "Steady Feet: stopped after 0 of 3 steps, 7 s practised; "
        "not kept: an accidental start is not practice."
    ]


async def test_a_finished_lesson_leaves_no_summary(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = fixed_app(tmp_path, write_lesson, clock, play="steady-feet")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 500)
        assert isinstance(app.screen, FinishedScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.summaries == []
