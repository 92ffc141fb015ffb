"""The freefeet entry point and ``core/gc_policy.py``: no garbage collection for quick
commands, as usual for long ones."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from freefeet_tui import entry
from freefeet_tui.cli import lessons, plain, play
from freefeet_tui.core import gc_policy
from freefeet_tui.tui.app import create_app
from tests.conftest import TINY_LESSON
from tests.helpers.tui import WriteLesson


@pytest.mark.parametrize(
    ("argv", "handler", "collecting"),
    [
        (["lessons", "list"], "cmd_lessons_list", False),
        (["play", "TINY", "--plain"], "run_plain", True),  # a lesson as text: on at once
        (["play", "TINY"], "run_tui", False),  # the app turns it on at its first screen
        ([], "run_tui", False),
    ],
)
def test_collection_is_back_on_only_for_lessons_and_the_app(
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    handler: str,
    collecting: bool,
    write_lesson: WriteLesson,
) -> None:
    seen: list[bool] = []

    def record(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        return 7

    lesson = str(write_lesson(TINY_LESSON))
    argv = [lesson if arg == "TINY" else arg for arg in argv]
    module = {"run_plain": plain, "run_tui": play, "cmd_lessons_list": lessons}[handler]
    monkeypatch.setattr(module, handler, record)
    monkeypatch.setattr(sys, "argv", ["freefeet", *argv])
    try:
        assert entry.run() == 7
        assert gc.get_freeze_count() > 0  # the heap was frozen on the way out
    finally:
        gc.unfreeze()
        gc.enable()
    assert seen == [collecting]


async def test_the_app_turns_collection_on_once_its_first_screen_is_up() -> None:
    app = create_app(audio="none")
    gc.disable()  # as entry.run leaves it
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects are left out of collections
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_app_leaves_collection_alone_when_it_was_on() -> None:
    app = create_app(audio="none")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0


def test_a_long_run_freezes_start_up_and_collects_only_when_freefeet_turned_it_off() -> None:
    gc.disable()
    try:
        gc_policy.collector_on_for_a_long_run()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
    gc_policy.collector_on_for_a_long_run()  # already on (tests, other programs): untouched
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize("collecting", [True, False])
def test_collection_paused_puts_the_collector_back_as_it_was(collecting: bool) -> None:
    (gc.enable if collecting else gc.disable)()
    try:
        with pytest.raises(KeyError), gc_policy.collection_paused():
            assert not gc.isenabled()
            raise KeyError("a failure inside leaves the collector as it was, too")
        assert gc.isenabled() is collecting
    finally:
        gc.enable()


def test_python_dash_m_runs_the_same_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("freefeet ")
