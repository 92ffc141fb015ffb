"""Pilot tests of the resume prompt: an unfinished session offered at start-up.

``y`` resumes it at its step in the player (the same session goes on), ``n``/Escape leaves it
for later, ``e`` ends it as partial. Runs on the fixed date and seeded store of
``tui_progress_helpers``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from freefeet_tui.core.progress import SessionStatus
from freefeet_tui.tui.app import create_app
from freefeet_tui.tui.screens.dialogs import FinishedScreen
from freefeet_tui.tui.screens.player import PlayerScreen
from freefeet_tui.tui.screens.resume import ResumePrompt
from freefeet_tui.tui.screens.today import TodayScreen
from tests.helpers.tui import ClockLike, RecordingOutput, WriteLesson, advance, player, shown
from tests.helpers.tui_progress import (
    SIZE,
    TODAY,
    MakeApp,
    freeze_now,
    open_session,
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


async def test_an_unfinished_session_is_offered_and_y_resumes_it(
    make_app: MakeApp, clock: ClockLike
) -> None:
    app = make_app()
    app.store.add_session(open_session())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, ResumePrompt)
        assert shown(prompt, "#resume-lesson") == "Steady Feet"
        assert shown(prompt, "#resume-step") == "Step 2 of 3: Heel lift"
        assert shown(prompt, "#resume-when") == "Started today at 07:30; 25 s practised."
        await pilot.press("y")
        screen = player(app)
        assert isinstance(screen, PlayerScreen) and screen.resume == open_session()
        assert screen.running_engine.index == 1
        assert shown(screen, "#step-title") == "Heel lift"
        await advance(pilot, clock, 100)
        assert isinstance(app.screen, FinishedScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    (resumed,) = app.store.recent(TODAY).sessions_on(TODAY)
    assert resumed.id == open_session().id
    assert resumed.status is SessionStatus.COMPLETED and resumed.steps_done == 3


@pytest.mark.parametrize("key", ["n", "escape"])
async def test_n_leaves_the_unfinished_session_for_later(make_app: MakeApp, key: str) -> None:
    app = make_app()
    app.store.add_session(open_session())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumePrompt)
        await pilot.press(key)
        assert isinstance(app.screen, TodayScreen)
    assert app.store.open_sessions(TODAY) == [open_session()]


async def test_e_ends_the_unfinished_session_as_partial(make_app: MakeApp) -> None:
    app = make_app()
    app.store.add_session(open_session())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumePrompt)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        # a partial session does not finish what the day asked: the streak stays where it was
        assert shown(app.screen, "#streak") == "1 day in a row · best 1"
    assert app.store.open_sessions(TODAY) == []
    (closed,) = app.store.recent(TODAY).sessions_on(TODAY)
    assert closed.status is SessionStatus.PARTIAL
    assert (closed.seconds, closed.steps_done, closed.stop_step) == (25, 1, "heel-lift")
    assert closed.end == open_session().end


async def test_a_session_that_cannot_be_ended_says_why(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    app.store.add_session(open_session())

    def refuse(session: object) -> object:
        raise OSError("read-only file system")

    monkeypatch.setattr(app.store, "update_session", refuse)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, ResumePrompt)
        assert not prompt.query_one("#resume-message").display
        await pilot.press("e")
        await wait_for(pilot, lambda: prompt.query_one("#resume-message").display)
        assert shown(prompt, "#resume-message") == "Not saved: read-only file system"
        assert app.screen is prompt


async def test_no_prompt_for_a_lesson_no_longer_in_the_library(make_app: MakeApp) -> None:
    app = make_app()
    gone = replace(open_session(), lesson_id="gone-lesson")
    app.store.add_session(gone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_play_mode_can_resume_a_session_directly(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    """What ``freefeet play ID --resume`` needs: the player on the session's lesson and step."""
    seeded = progress_app(tmp_path, write_lesson, clock)
    seeded.store.add_session(open_session())
    library = seeded.library
    with pytest.raises(ValueError, match="resume needs the lesson"):
        create_app(library=library, resume=open_session(), store=seeded.store)
    app = create_app(
        library=library,
        lesson=library.get("steady-feet"),
        resume=open_session(),
        clock=clock,
        cue_output=RecordingOutput(),
        store=seeded.store,
        program=seeded.program,
        today=TODAY,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = player(app)
        assert screen.resume == open_session() and screen.running_engine.index == 1
        await pilot.press("q", "y")
        await pilot.pause()
    (stopped,) = seeded.store.recent(TODAY).sessions_on(TODAY)
    assert stopped.id == open_session().id and stopped.status is SessionStatus.PARTIAL


async def test_resuming_from_the_start_up_offer_keeps_the_sessions_tempo(
    make_app: MakeApp, clock: ClockLike
) -> None:
    app = make_app()
    fast = replace(open_session(), tempo=4.0)
    app.store.add_session(fast)
    assert app.tempo == 1.0
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumePrompt)
        await pilot.press("y")
        engine = player(app).running_engine
        assert engine.tempo == 4.0
        assert engine.remaining() == pytest.approx(3.0)  # a 12 s heel-lift side at tempo 4
        await advance(pilot, clock, 100)
    (resumed,) = app.store.recent(TODAY).sessions_on(TODAY)
    assert resumed.tempo == 4.0 and resumed.status is SessionStatus.COMPLETED
