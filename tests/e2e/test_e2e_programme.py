"""End to end in a real terminal (tmux): keys typed in one burst, an accidental start, and
correcting the log in History, with the installed ``freefeet`` and a private FREEFEET_HOME.

``tmux send-keys`` with several keys writes them to the terminal at once, with no pause, as
a fast typist, a paste or a slow SSH link does.
"""

from __future__ import annotations

import shlex
import time
from datetime import date
from pathlib import Path

import pytest

from freefeet_tui.core.progress import CheckIn, ProgressStore
from tests.helpers.tmux import Tmux, installed_freefeet
from tests.helpers.tmux import tmux as tmux  # the fixture

pytestmark = pytest.mark.tmux


def start(tmux: Tmux, home: Path, *args: str, width: int = 80, height: int = 24) -> None:
    command = " ".join(
        shlex.quote(a) for a in (str(installed_freefeet()), "--audio", "none", *args)
    )
    tmux.start(f"env FREEFEET_HOME={shlex.quote(str(home))} {command}", width, height)


def store(home: Path) -> ProgressStore:
    return ProgressStore(home / "data" / "progress")


def test_a_check_in_typed_in_one_burst_saves_what_was_typed(tmux: Tmux, tmp_path: Path) -> None:
    home = tmp_path / "home"
    start(tmux, home)
    tmux.wait_for_text("Due today")
    tmux.keys("c", "4", "Tab", "2", "Tab", "3", "0", "Tab", "1", "C-s")  # one write, no pause
    tmux.wait_for_text("ran 30 min (pain 1)")  # under "Today: morning pain left 4, right 2"
    today = date.today()
    assert store(home).history([today.year]).checkin_on(today) == CheckIn(today, 4, 2, 30, 1)
    tmux.keys("q")


def test_quitting_a_lesson_after_three_seconds_leaves_no_session(
    tmux: Tmux, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    start(tmux, home, "play", "free-your-feet")
    tmux.wait_for(lambda screen: "Free Your Feet" in screen and "Pause" in screen, "the player")
    time.sleep(3)
    tmux.keys("q")
    tmux.wait_for_text("Stop the lesson?")
    tmux.keys("y")
    tmux.wait_for(lambda screen: not tmux.alive() or "Not saved" in screen, "the player to close")
    deadline = time.monotonic() + 10
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert store(home).all_years().sessions == ()


def test_delete_and_undo_in_history(tmux: Tmux, tmp_path: Path) -> None:
    home = tmp_path / "home"
    today = date.today()
    store(home).add_checkin(CheckIn(today, 3, 3, note="\x1b]0;pwned\x07 [b]x[/b]"))
    start(tmux, home, width=100, height=40)
    tmux.wait_for_text("Due today")
    tmux.keys("h")
    screen = tmux.wait_for_text("Sessions and check-ins")
    assert "^[]0;pwned^G [b]x[/b]" in screen  # shown, never obeyed
    tmux.keys("d")
    tmux.wait_for_text(f"Delete the check-in of {today}?")
    tmux.keys("y")
    tmux.wait_for_text("Nothing logged yet")
    assert store(home).all_years().checkins == ()
    tmux.keys("u")  # its "Undone: ..." line is a toast for a few seconds: the log says it all
    tmux.wait_for_text("Check-in  morning pain 3")
    assert len(store(home).all_years().checkins) == 1
    tmux.keys("escape", "q")
