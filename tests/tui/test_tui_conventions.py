"""Textual's conventions in freefeet: the command palette (ctrl+p), ``?`` for the keys of the
screen, a theme and key bindings from config.toml, and an id on every binding."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

import freefeet_tui.tui.screens as screens_package
from freefeet_tui.core.engine import Status
from freefeet_tui.tui.app import THEME, FreefeetApp, create_app
from freefeet_tui.tui.binding_ids import BINDING_IDS, screen_of
from freefeet_tui.tui.screens.base import FreefeetModal, FreefeetScreen
from freefeet_tui.tui.screens.checkin import CheckInForm
from freefeet_tui.tui.screens.history import HistoryScreen
from freefeet_tui.tui.screens.keys import KeysScreen
from freefeet_tui.tui.screens.lessons import LessonList, LessonsScreen
from freefeet_tui.tui.screens.today import TodayScreen
from tests.conftest import REPO
from tests.helpers.tui import (
    MARKUP_LESSON,
    ClockLike,
    RecordingOutput,
    WriteLesson,
    fixed_library,
    let_timer_tick,
    player,
    status,
    top_screen,
)

SIZE = (80, 24)
MakeApp = Callable[..., FreefeetApp]


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    """``make_app(theme=..., keymap=..., play=...)`` on the fixed lessons and the test's clock."""

    def make(
        theme: str | None = None, keymap: dict[str, str] | None = None, play: str | None = None
    ) -> FreefeetApp:
        library = fixed_library(tmp_path, write_lesson)
        return create_app(
            library=library,
            lesson=library.get(play) if play else None,
            clock=clock,
            cue_output=RecordingOutput(),
            theme=theme,
            keymap=keymap,
        )

    return make


async def palette_prompts(pilot: Pilot[None]) -> list[str]:
    """The commands the open palette lists, once its search has settled."""
    previous: list[str] | None = None
    for _ in range(40):
        await pilot.pause(0.05)
        listed = top_screen(pilot.app).query_one(CommandList)
        found = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        if found and found == previous:
            return found
        previous = found
    return previous or []


async def open_keys(pilot: Pilot[None], key: str = "question_mark") -> KeysScreen:
    await pilot.press(key)
    await pilot.pause()
    screen = top_screen(pilot.app)
    assert isinstance(screen, KeysScreen), f"? opened {type(screen).__name__}"
    return screen


def labels(keys: KeysScreen) -> dict[str, str]:
    """Each help row's word and its keys."""
    return {row.label: row.keys for row in keys.rows}


# ---- the command palette ------------------------------------------------------------------
async def test_ctrl_p_opens_the_palette_and_typing_part_of_a_title_starts_that_lesson(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        listed = await palette_prompts(pilot)
        assert "Start: Steady Feet" in "\n".join(listed)
        await pilot.press(*"steady")
        listed = await palette_prompts(pilot)
        assert listed[0].startswith("Start: Steady Feet")
        await pilot.press("enter")
        await pilot.pause()
        assert player(app).lesson.id == "steady-feet"


async def test_a_lesson_is_found_by_its_id_too(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"my-warm")
        listed = await palette_prompts(pilot)
        assert listed[0].startswith("Start: My warm-up")
        assert "my-warm-up" in listed[0]  # its id under the title


async def test_the_palette_opens_history_and_goes_back_to_today(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"history")
        await palette_prompts(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("ctrl+p", *"today")
        await palette_prompts(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("ctrl+p", *"check in")
        await palette_prompts(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInForm)


async def test_in_a_lesson_the_palette_offers_no_other_places_and_the_lesson_waits(
    make_app: MakeApp, clock: ClockLike
) -> None:
    app = make_app(play="steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        await let_timer_tick(pilot)
        screen = player(app)
        assert status(screen) is Status.RUNNING
        await pilot.press("ctrl+p")
        listed = await palette_prompts(pilot)
        assert not any(prompt.startswith(("Start:", "History", "Quit")) for prompt in listed)
        assert any(prompt.startswith("Stop the lesson") for prompt in listed)
        assert status(screen) is Status.PAUSED  # the runner is reading, not following
        await pilot.press("escape")
        await pilot.pause()
        assert status(screen) is Status.RUNNING


async def test_stop_the_lesson_from_the_palette_asks_first_with_the_lesson_paused(
    make_app: MakeApp,
) -> None:
    app = make_app(play="steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        await let_timer_tick(pilot)
        screen = player(app)
        await pilot.press("ctrl+p", *"stop")
        await palette_prompts(pilot)
        await pilot.press("enter")
        await let_timer_tick(pilot)
        assert type(app.screen).__name__ == "QuitConfirm"
        assert status(screen) is Status.PAUSED
        await pilot.press("n")
        await pilot.pause()
        assert status(screen) is Status.RUNNING


async def test_a_title_with_markup_shows_literally_in_the_palette(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    write_lesson(MARKUP_LESSON, "markup.toml", tmp_path / "lessons")
    from freefeet_tui.core.library import load_library

    app = create_app(library=load_library(tmp_path / "lessons", None), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"title")
        listed = await palette_prompts(pilot)
        assert listed[0].startswith("Start: Title [b]not bold[/b]")


async def test_the_theme_command_opens_textuals_theme_switcher(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"theme")
        await palette_prompts(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)  # now listing themes
        await pilot.press(*"dracula")
        await palette_prompts(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "dracula"


# ---- ? for help ---------------------------------------------------------------------------
async def test_question_mark_lists_todays_keys_and_closes_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = await open_keys(pilot)
        assert keys.title_text == "Keys · Today"
        assert labels(keys) == {
            "Start": "1-9",
            "Check in": "c",
            "Plan": "p",
            "History": "h",
            "Lessons": "l",
            "Quit": "q",
            "Commands": "^p",
            "Help": "? f1",
        }
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_help_on_lessons_and_history(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        keys = await open_keys(pilot)
        assert keys.title_text == "Keys · Lessons"
        assert labels(keys)["Details"] == "⏎"
        assert labels(keys)["Move"] == "↑ ↓"
        assert labels(keys)["Start"] == "s"
        await pilot.press("escape", "escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        keys = await open_keys(pilot, "f1")
        assert keys.title_text == "Keys · History"
        helps = {row.help: row.keys for row in keys.rows}
        assert helps["The month before"] == "←"
        assert helps["The month after"] == "→"
        assert helps["Older records"] == "pgdn"
        assert helps["Newer records"] == "pgup"
        assert labels(keys)["Back"] == "esc h"


async def test_help_in_the_player_shows_the_key_that_applies_and_the_lesson_waits(
    make_app: MakeApp,
) -> None:
    app = make_app(play="steady-feet")
    async with app.run_test(size=SIZE) as pilot:
        await let_timer_tick(pilot)
        screen = player(app)
        keys = await open_keys(pilot)
        assert keys.title_text == "Keys · Player"
        assert list(labels(keys)) == [
            "Pause",
            "Next",
            "Previous",
            "Restart",
            "Mute",
            "Quit",
            "Louder",
            "Softer",
            "Commands",
            "Help",
        ]
        assert status(screen) is Status.PAUSED
        await pilot.press("escape")
        await pilot.pause()
        assert status(screen) is Status.RUNNING
        await pilot.press("space")
        keys = await open_keys(pilot)
        assert "Resume" in labels(keys) and "Pause" not in labels(keys)
        await pilot.press("escape")
        await pilot.pause()
        assert status(screen) is Status.PAUSED  # paused by the runner: stays paused


async def test_in_a_form_f1_opens_help_and_question_mark_is_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        form = top_screen(app)
        assert isinstance(form, CheckInForm)
        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "question_mark")
        await pilot.pause()
        assert top_screen(app) is form  # the note field took the ?
        keys = await open_keys(pilot, "f1")
        assert labels(keys)["Save"] == "^s" and labels(keys)["Commands"] == "^p"


# ---- config: theme and keymap --------------------------------------------------------------
async def test_the_default_theme_is_nord_and_config_may_choose_another(
    make_app: MakeApp,
) -> None:
    assert THEME == "nord"
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.theme == "nord"
    app = make_app(theme="gruvbox")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"
        gruvbox = app.available_themes["gruvbox"]
        assert gruvbox.background is not None
        assert app.screen.styles.background == Color.parse(gruvbox.background)


def test_an_unknown_theme_is_refused_by_the_factory(make_app: MakeApp) -> None:
    with pytest.raises(ValueError, match='did you mean "nord"'):
        make_app(theme="nrod")


async def test_a_keymap_rebinds_keys_on_screen_help_and_player(make_app: MakeApp) -> None:
    app = make_app(keymap={"today.lessons": "x", "player.pause": "k", "lessons.down": "down,j"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)  # l no longer opens the lessons
        keys = await open_keys(pilot)
        assert labels(keys)["Lessons"] == "x"
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        highlighted = app.screen.query_one(LessonList).highlighted
        await pilot.press("j")
        assert app.screen.query_one(LessonList).highlighted != highlighted
        await pilot.press("s")
        await let_timer_tick(pilot)
        screen = player(app)
        await pilot.press("space")
        assert status(screen) is Status.RUNNING
        await pilot.press("k")
        assert status(screen) is Status.PAUSED
        await pilot.press("k")  # the same id carries on
        assert status(screen) is Status.RUNNING


# ---- every binding has an id ----------------------------------------------------------------
def freefeet_bindings() -> list[tuple[str, Binding]]:
    """(class name, binding) for every binding of the app, its screens and their widgets."""
    found: list[tuple[str, Binding]] = [
        (FreefeetApp.__name__, binding) for binding in Binding.make_bindings(FreefeetApp.BINDINGS)
    ]
    classes: set[type] = {LessonList}
    for module in pkgutil.iter_modules(screens_package.__path__):
        loaded = importlib.import_module(f"{screens_package.__name__}.{module.name}")
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if (
                issubclass(cls, FreefeetScreen | FreefeetModal)
                and cls.__module__ == loaded.__name__
            ):
                classes.add(cls)
    for cls in classes:
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            found.append((cls.__name__, binding))
    return found


def test_every_binding_has_a_listed_id_with_its_default_keys() -> None:
    keys_by_id: dict[str, set[str]] = {}
    for owner, binding in freefeet_bindings():
        assert binding.id, f"{owner}: {binding.key} -> {binding.action} has no id"
        assert binding.id in BINDING_IDS, f"{binding.id} is missing from binding_ids.py"
        keys_by_id.setdefault(binding.id, set()).add(binding.key)
    assert set(keys_by_id) == set(BINDING_IDS)
    for binding_id, keys in keys_by_id.items():
        assert keys == set(BINDING_IDS[binding_id].key_list), binding_id


def test_every_id_names_its_screen() -> None:
    prefixes = {screen_of(binding_id) for binding_id in BINDING_IDS}
    assert prefixes == {
        "app", "help", "today", "lessons", "detail", "history", "player", "quit_confirm",
        "finished", "checkin", "far_day", "export", "replace_confirm", "resume", "plan",
        "confirm", "day_form",
    }  # fmt: skip


def test_the_docs_list_every_binding_id() -> None:
    text = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    missing = [binding_id for binding_id in BINDING_IDS if f"`{binding_id}`" not in text]
    assert not missing


async def test_the_palette_and_help_keys_can_move_too(make_app: MakeApp) -> None:
    app = make_app(keymap={"app.commands": "ctrl+k", "app.help": "f2"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        keys = await open_keys(pilot, "f2")
        assert labels(keys)["Commands"] == "^k" and labels(keys)["Help"] == "f2"
        await pilot.press("f2", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_one_id_moves_every_form_of_a_key(make_app: MakeApp) -> None:
    """History's y has three forms (to the year, to the month, and unlabelled when narrow)."""
    from freefeet_tui.tui.widgets.calendar_box import CalendarBox

    app = make_app(keymap={"history.calendar": "v", "history.earlier": "comma"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        box = app.screen.query_one(CalendarBox)
        await pilot.press("y")
        await pilot.pause()
        assert not box.year_view
        await pilot.press("v")
        await pilot.pause()
        assert box.year_view
        keys = await open_keys(pilot)
        helps = {row.help: row.keys for row in keys.rows}
        assert helps["Back to the month"] == "v" and helps["The year before"] == ","
        await pilot.press("escape", "v")
        await pilot.pause()
        assert not box.year_view
