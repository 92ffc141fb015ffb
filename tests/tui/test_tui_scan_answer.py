"""After a lesson with a closing scan, the finished view asks how walking feels compared with
the start: one key saves ``scan_change`` with the session, leaving it unanswered skips it, and
History shows the answer. Lessons without a closing scan, or quit part way, are not asked."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from freefeet_tui.core.library import load_library
from freefeet_tui.core.progress import ProgressStore
from freefeet_tui.core.wording import SCAN_QUESTION
from freefeet_tui.tui.app import FreefeetApp, create_app
from freefeet_tui.tui.screens.dialogs import FinishedScreen
from freefeet_tui.tui.screens.history import item_content
from tests.helpers.snapshots import SnapCompare
from tests.helpers.tui import (
    FEET_LESSON,
    ClockLike,
    RecordingOutput,
    WriteLesson,
    advance,
    shown,
)

SCANNED = """\
schema = 1
id = "scanned"
title = "Scanned [b]walk[/b]"
summary = "A scan, a movement, the scan again."
when = "In tests."

[[steps]]
id = "scan-walk"
title = "Scan: a few steps"
cue = "Walk a few slow steps."
duration = "10s"
scan = "before"

[[steps]]
id = "heel"
title = "Heel lift"
cue = "Lift this heel a little."
duration = "10s"

[[steps]]
id = "rescan-walk"
title = "Scan again: a few steps"
cue = "Walk a few slow steps again."
duration = "10s"
scan = "after"
"""


def scan_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, play: str) -> FreefeetApp:
    folder = tmp_path / "lessons"
    write_lesson(SCANNED, "scanned.toml", folder)
    write_lesson(FEET_LESSON, "steady-feet.toml", folder)
    library = load_library(folder, None)
    return create_app(
        library=library,
        lesson=library.get(play),
        clock=clock,
        cue_output=RecordingOutput(),
        store=ProgressStore(tmp_path / "progress"),
    )


def finished(app: FreefeetApp) -> FinishedScreen:
    screen = app.screen
    assert isinstance(screen, FinishedScreen), f"expected the finished view, not {screen}"
    return screen


async def test_key_4_saves_easier_and_another_key_changes_it(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = scan_app(tmp_path, write_lesson, clock, "scanned")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 31)
        screen = finished(app)
        assert screen.asks_scan
        assert shown(screen, "#scan-question") == SCAN_QUESTION
        assert shown(screen, "#scan-choices") == (
            "1 much worse  2 worse  3 the same  4 easier  5 much easier"
        )
        await pilot.press("4")
        assert shown(screen, "#scan-answer") == (
            "Saved: compared with the start, walking feels easier."
        )
        (saved,) = app.store.all_years().sessions
        assert (saved.status, saved.scan_change) == ("completed", 1)
        text = app.store.path_for(saved.day.year).read_text()
        assert "scan_change = 1\n" in text
        await pilot.press("2")
        (saved,) = app.store.all_years().sessions
        assert saved.scan_change == -1
        assert "walking worse after" in item_content(saved).plain


async def test_the_palette_offers_the_five_answers(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = scan_app(tmp_path, write_lesson, clock, "scanned")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 31)
        commands = list(finished(app).palette_commands())
        assert [c.title for c in commands] == [
            "Walking feels much worse (1)",
            "Walking feels worse (2)",
            "Walking feels the same (3)",
            "Walking feels easier (4)",
            "Walking feels much easier (5)",
        ]
        commands[4].run()
        await pilot.pause()
        (saved,) = app.store.all_years().sessions
        assert saved.scan_change == 2


async def test_leaving_without_a_key_skips_the_question(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = scan_app(tmp_path, write_lesson, clock, "scanned")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 31)
        finished(app)
        await pilot.press("enter")
        await pilot.pause()
    (saved,) = app.store.all_years().sessions
    assert saved.status == "completed" and saved.scan_change is None
    assert "walking" not in item_content(saved).plain


@pytest.mark.parametrize("lesson", ["steady-feet", "scanned"])
async def test_no_question_without_a_closing_scan_played_to_the_end(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, lesson: str
) -> None:
    app = scan_app(tmp_path, write_lesson, clock, lesson)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if lesson == "scanned":  # skipped to the end: the closing scan was not done
            await pilot.press("n", "n", "n")
        else:
            await advance(pilot, clock, 200)
        screen = finished(app)
        assert not screen.asks_scan and not screen.query("#scan-question")
        await pilot.press("4")
        await pilot.pause()
    assert all(s.scan_change is None for s in app.store.all_years().sessions)


Steps = Callable[[Pilot[None]], Awaitable[None]]


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
@pytest.mark.parametrize("answer", [None, "5"], ids=["asked", "answered"])
def test_snapshot_of_the_question(
    snap_compare: SnapCompare,
    tmp_path: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    size: tuple[int, int],
    answer: str | None,
) -> None:
    app = scan_app(tmp_path, write_lesson, clock, "scanned")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await advance(pilot, clock, 31)
        if answer:
            await pilot.press(answer)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
