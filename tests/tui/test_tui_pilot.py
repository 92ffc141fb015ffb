"""Drive the TUI with Textual's Pilot: every key on every screen, on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from freefeet_tui.core.cues import Cue
from freefeet_tui.core.engine import Status
from freefeet_tui.core.events import SegmentKind
from freefeet_tui.core.library import default_library, load_library
from freefeet_tui.core.locations import builtin_lessons_dir, user_locations
from freefeet_tui.tui.app import BellCueOutput, FreefeetApp, create_app
from freefeet_tui.tui.screens.detail import LessonDetailScreen
from freefeet_tui.tui.screens.dialogs import FinishedScreen, QuitConfirm
from freefeet_tui.tui.screens.lessons import NO_LESSONS, LessonsScreen
from freefeet_tui.tui.widgets.lesson_text import StepTable
from tests.helpers.tui import (
    FEET_LESSON,
    MARKUP_CUE,
    MARKUP_LESSON,
    USER_LESSON,
    ClockLike,
    RecordingOutput,
    WriteLesson,
    advance,
    countdown,
    fixed_app,
    let_timer_tick,
    player,
    prompts,
    shown,
    status,
    top_screen,
)

SIZE = (100, 30)
MakeApp = Callable[..., FreefeetApp]


async def to_lessons(pilot: Pilot[None]) -> None:
    """From Today, the home screen, to the lessons list (key l)."""
    await pilot.pause()
    await pilot.press("l")
    assert isinstance(pilot.app.screen, LessonsScreen)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    """``make_app(play=..., output=...)``: the app on the fixed lessons and the test's clock."""
    return lambda play=None, output=None: fixed_app(
        tmp_path, write_lesson, clock, play=play, output=output
    )


# lessons and details ----------------------------------------------------------------------
async def test_lessons_list_shows_length_when_and_owner(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        assert prompts(app.screen) == [
            "Steady Feet\n1 min 29 s · Before a run.",
            "My warm-up  · yours\n45 s · Right before each run.",
        ]
        assert shown(app.screen, "#about").startswith("Small, slow foot movements")
        assert shown(app.screen, "#safety").startswith("freefeet is not medical advice")
        assert not app.screen.query_one("#problems").display
        await pilot.press("down")
        assert shown(app.screen, "#about") == "The short routine my coach gave me."


async def test_skipped_lesson_files_are_counted_on_the_lessons_screen(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    write_lesson(FEET_LESSON, "good.toml", tmp_path / "lessons")
    write_lesson("schema = 1\nid = 3\n", "bad.toml", tmp_path / "lessons")
    write_lesson("not toml at all [", "worse.toml", tmp_path / "lessons")
    library = load_library(tmp_path / "lessons", None)
    app = create_app(library=library, clock=clock, cue_output=RecordingOutput())
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.pause()
        assert app.screen.query_one("#problems").display
        assert shown(app.screen, "#problems") == (
            "⚠ 2 lesson files skipped: run freefeet doctor to see why."
        )


async def test_an_empty_library_says_so(tmp_path: Path, clock: ClockLike) -> None:
    app = create_app(library=load_library(tmp_path, None), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        assert prompts(app.screen) == [NO_LESSONS]
        await pilot.press("enter", "s")
        assert isinstance(app.screen, LessonsScreen)
        assert not app.screen.query_one("#about").display


async def test_user_lesson_replacing_a_built_in_one_is_marked(
    write_lesson: WriteLesson, clock: ClockLike
) -> None:
    builtins = load_library(builtin_lessons_dir(), None)
    if not len(builtins):
        pytest.skip("no built-in lessons in this checkout yet")
    replaced = next(iter(builtins)).id
    user_text = USER_LESSON.replace('id = "my-warm-up"', f'id = "{replaced}"')
    write_lesson(user_text, "mine.toml", user_locations().user_lessons)
    app = create_app(library=default_library(), clock=clock, cue_output=RecordingOutput())
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.pause()
        assert prompts(app.screen)[0].startswith("My warm-up  · yours, replaces built-in\n")


async def test_enter_opens_details_and_escape_goes_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, LessonDetailScreen)
        assert shown(screen, "#detail-title") == "Steady Feet"
        assert shown(screen, "#detail-summary").startswith("Small, slow foot movements")
        when = shown(screen, "#detail-when .fact-value")
        assert when == "Before a run. Do it on a quiet day first."
        assert shown(screen, "#detail-length .fact-value") == "1 min 29 s"
        assert shown(screen, "#detail-notes").startswith("Keep every range small")
        assert shown(screen, "#detail-safety").startswith("freefeet is not medical advice")
        rows = screen.query_one(StepTable).step_rows()
        assert rows == [
            ("Scan: how you stand", "20 s", "—"),
            ("Heel lift", "4 reps of 3 s, each side", "10 s"),
            ("Bridge", "30 s", "—"),
        ]
        await pilot.press("escape")
        assert isinstance(app.screen, LessonsScreen)


@pytest.mark.parametrize("key", ["s", "enter"])
async def test_details_start_the_player_and_quitting_returns_to_the_list(
    make_app: MakeApp, key: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("enter", key)
        screen = player(app)
        assert screen.lesson.id == "steady-feet"
        assert shown(screen, "#step-title") == "Scan: how you stand"
        await pilot.press("q", "y")
        assert isinstance(app.screen, LessonsScreen)


async def test_s_on_the_list_starts_the_highlighted_lesson(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("down", "s")
        screen = player(app)
        assert screen.lesson.id == "my-warm-up"
        assert shown(screen, "#cue") == "March slowly, letting each heel lift first."
        assert countdown(screen) == "0:45"


async def test_q_on_the_list_quits_the_app(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


# the player --------------------------------------------------------------------------------
async def test_countdown_freezes_while_paused(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        assert countdown(screen) == "0:20"
        await advance(pilot, clock, 5)
        assert countdown(screen) == "0:15"
        assert shown(screen, "#time-left") == "1:24 left"
        await pilot.press("space")
        assert status(screen) is Status.PAUSED
        assert screen.has_class("-paused")
        assert screen.query_one("#paused-badge").display
        await advance(pilot, clock, 7)
        assert countdown(screen) == "0:15"
        await pilot.press("space")
        assert status(screen) is Status.RUNNING
        assert not screen.query_one("#paused-badge").display
        await advance(pilot, clock, 3)
        assert countdown(screen) == "0:12"


async def test_next_previous_and_restart(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        engine = screen.running_engine
        await pilot.press("n")
        assert engine.index == 1 and engine.segment.side == "left"
        assert shown(screen, "#step-title") == "Heel lift"
        assert shown(screen, "#cue") == "Lift this heel a little and set it down slowly."
        assert shown(screen, "#avoid") == "Avoid: Keep it small: no pushing into strain."
        assert shown(screen, "#detail") == "Rep 1 of 4 · Left side"
        assert shown(screen, "#heading") == "Step 2 of 3"
        assert shown(screen, "#next") == "Next: Heel lift, right side"
        await advance(pilot, clock, 7)
        assert shown(screen, "#detail") == "Rep 3 of 4 · Left side"
        assert countdown(screen) == "0:05"
        await pilot.press("r")
        assert engine.index == 1 and countdown(screen) == "0:12"
        assert shown(screen, "#detail") == "Rep 1 of 4 · Left side"
        await pilot.press("n")
        assert engine.segment.kind is SegmentKind.SWITCH
        assert shown(screen, "#cue") == "Switch to the right side"
        await pilot.press("n")
        assert engine.index == 3 and shown(screen, "#detail") == "Rep 1 of 4 · Right side"
        await pilot.press("p")
        assert engine.index == 1 and shown(screen, "#detail") == "Rep 1 of 4 · Left side"
        await pilot.press("p")
        assert engine.index == 0
        assert shown(screen, "#step-title") == "Scan: how you stand"
        assert not screen.query_one("#avoid").display


async def test_rest_shows_rest_and_the_step_coming_up(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        await advance(pilot, clock, 20 + 12 + 5 + 12 + 1)
        assert screen.running_engine.segment.kind is SegmentKind.REST
        assert shown(screen, "#step-title") == "Rest"
        assert shown(screen, "#cue") == "Up next: Bridge"
        assert countdown(screen) == "0:09"
        assert screen.has_class("-rest")
        assert not screen.query_one("#avoid").display


async def test_mute_silences_the_output(make_app: MakeApp, clock: ClockLike) -> None:
    output = RecordingOutput()
    app = make_app("steady-feet", output)
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        assert output.cues == [Cue.STEP_START]
        await pilot.press("m")
        assert app.cue_router.muted and screen.query_one("#muted-badge").display
        await pilot.press("n")
        await advance(pilot, clock, 4)
        assert output.cues == [Cue.STEP_START]
        await pilot.press("m")
        assert not app.cue_router.muted and not screen.query_one("#muted-badge").display
        await advance(pilot, clock, 3)
        assert output.cues == [Cue.STEP_START, Cue.REP]


@pytest.mark.parametrize("keys", [("q", "y"), ("q", "q")])
async def test_confirmed_quit_in_play_mode_stops_the_lesson_and_exits(
    make_app: MakeApp, keys: tuple[str, str]
) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        await pilot.press(keys[0])
        assert isinstance(app.screen, QuitConfirm)
        assert status(screen) is Status.PAUSED
        await pilot.press(keys[1])
        await pilot.pause()
        assert status(screen) is Status.FINISHED
    assert not app.is_running
    lesson, finished = app.sessions[-1]
    assert lesson.id == "steady-feet" and not finished.completed


async def test_ctrl_q_records_an_unfinished_lesson(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await advance(pilot, clock, 12)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    (lesson, finished), *_ = app.sessions
    assert lesson.id == "steady-feet" and not finished.completed
    assert finished.steps_done == 0 and finished.elapsed == 12


@pytest.mark.parametrize("key", ["n", "escape"])
async def test_cancelled_quit_carries_on_where_it_was(
    make_app: MakeApp, clock: ClockLike, key: str
) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        await advance(pilot, clock, 4)
        await pilot.press("q")
        assert isinstance(app.screen, QuitConfirm)
        clock.advance(30)  # the dialog stays open a while: the lesson must not run on
        await pilot.press(key)
        assert top_screen(app) is screen
        assert status(screen) is Status.RUNNING
        await let_timer_tick(pilot)
        assert countdown(screen) == "0:16"


async def test_cancelled_quit_keeps_a_paused_lesson_paused(make_app: MakeApp) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        await pilot.press("space", "q", "n")
        assert screen.running_engine.status is Status.PAUSED


async def test_finished_view_after_the_end(make_app: MakeApp, clock: ClockLike) -> None:
    output = RecordingOutput()
    app = make_app(output=output)
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("s")
        await advance(pilot, clock, 200)
        screen = app.screen
        assert isinstance(screen, FinishedScreen)
        assert shown(screen, "#finished-headline") == "Well done."
        assert shown(screen, "#finished-time") == "Time practised   1 min 29 s"
        assert shown(screen, "#finished-steps") == "Steps done       3 of 3"
        assert output.cues[-1] is Cue.LESSON_FINISHED
        assert app.sessions[-1][1].completed
        await pilot.press("enter")
        assert isinstance(app.screen, LessonsScreen)


async def test_finished_view_closes_play_mode(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app("my-warm-up")
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 45)
        assert isinstance(app.screen, FinishedScreen)
        assert shown(app.screen, "#finished-hint") == "Press Enter to close freefeet."
        await pilot.press("enter")
        await pilot.pause()
    assert not app.is_running


async def test_the_default_output_rings_the_bell_on_each_cue(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    write_lesson(FEET_LESSON, "steady-feet.toml", tmp_path)
    library = load_library(tmp_path, None)
    app = create_app(library=library, clock=clock)
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    assert isinstance(app.cue_router.output, BellCueOutput)
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("s")
        assert rings == ["ding"]  # the first step starts
        # a quarter in: nothing; halfway chime; countdown 3, 2, 1; the next step starts
        for seconds, heard in [(5, 1), (5, 2), (7, 3), (1, 4), (1, 5), (1, 6)]:
            await advance(pilot, clock, seconds)
            assert len(rings) == heard
        assert isinstance(app.cue_router.output, BellCueOutput)
        assert app.cue_router.output.rung == 6


async def test_lesson_text_with_markup_is_shown_literally_and_runs_nothing(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    write_lesson(MARKUP_LESSON, "markup.toml", tmp_path / "lessons")
    library = load_library(tmp_path / "lessons", None)
    app = create_app(library=library, clock=clock, cue_output=RecordingOutput())
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        assert prompts(app.screen)[0].startswith("Title [b]not bold[/b]\n")
        assert shown(app.screen, "#about") == "Summary [@click=app.quit]click[/]"
        await pilot.press("enter")
        detail = app.screen
        assert shown(detail, "#detail-when .fact-value") == "When [red]red[/red]"
        assert shown(detail, "#detail-notes") == "Notes [i]plain[/i]"
        assert detail.sub_title == "Title [b]not bold[/b]"
        await pilot.press("s")
        screen = player(app)
        assert shown(screen, "#cue") == MARKUP_CUE
        assert shown(screen, "#step-title") == "Step [u]one[/u]"
        assert shown(screen, "#avoid") == "Avoid: Avoid [blink]this[/blink]"
        await pilot.click("#cue")
        await pilot.pause()
        assert app.is_running and app.screen is screen


async def test_small_terminals_hide_secondary_parts(make_app: MakeApp) -> None:
    app = make_app("steady-feet")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = player(app)
        assert screen.has_class("-short") and screen.has_class("-narrow")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.has_class("-short") and not screen.has_class("-narrow")


async def test_create_app_checks_the_tempo_and_shows_the_played_length(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    write_lesson(FEET_LESSON, "steady-feet.toml", tmp_path)
    library = load_library(tmp_path, None)
    with pytest.raises(ValueError, match="tempo must be between"):
        create_app(library=library, tempo=500)
    app = create_app(library=library, tempo=2, clock=clock, cue_output=RecordingOutput())
    async with app.run_test(size=SIZE) as pilot:
        await to_lessons(pilot)
        await pilot.press("enter")
        assert shown(app.screen, "#detail-length .fact-value") == "1 min 29 s (45 s at tempo 2x)"
        await pilot.press("s")
        assert countdown(player(app)) == "0:10"
