"""End to end at 80x24, as a person would: the installed ``freefeet`` in tmux, where ``?``
shows the keys of the screen (Today, then the player) and ctrl+p opens the command palette,
which starts a lesson from part of its title. A rebound key from config.toml works there too.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.helpers.tmux import Tmux, installed_freefeet
from tests.helpers.tmux import tmux as tmux  # the fixture

pytestmark = pytest.mark.tmux


def start(tmux: Tmux, home: Path) -> None:
    command = f"env FREEFEET_HOME={shlex.quote(str(home))} {shlex.quote(str(installed_freefeet()))}"
    tmux.start(command, 80, 24)
    tmux.wait_for_text("Due today")


def test_help_and_the_palette_in_a_real_terminal_at_80x24(tmux: Tmux, tmp_path: Path) -> None:
    start(tmux, tmp_path / "home")
    tmux.wait_for_text("? Help")  # the key bar says how to get help

    tmux.keys("?")
    screen = tmux.wait_for_text("Keys · Today")
    for line in ("1-9 Start", "c Check in", "^p Commands", "? f1 Help"):
        assert line in " ".join(screen.split()), screen
    tmux.keys("?")
    tmux.wait_for(lambda screen: "Keys · Today" not in screen, "the help to close")

    tmux.keys("C-p")
    tmux.wait_for_text("Search for commands")
    tmux.keys("mobil")
    tmux.wait_for_text("Start: Mobilizing Your Core to Run")
    tmux.keys("Enter")
    tmux.wait_for_text("freefeet — Mobilizing Your Core to Run")
    tmux.wait_for_text("Step 1 of")

    tmux.keys("?")
    screen = tmux.wait_for_text("Keys · Player")
    assert "space Pause" in " ".join(screen.split()), screen
    tmux.keys("Escape")
    tmux.wait_for(lambda screen: "Keys · Player" not in screen, "the help to close")


def test_a_key_from_config_toml_works_and_shows(tmux: Tmux, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        '[ui]\ntheme = "gruvbox"\n\n[keys]\n"today.lessons" = "x"\n', encoding="utf-8"
    )
    start(tmux, home)
    tmux.wait_for_text("x Lessons")
    tmux.keys("x")
    tmux.wait_for_text("freefeet — Lessons")
