"""A note holding terminal escapes, shown by the real app in a real terminal, changes nothing.

The log's note holds ``\\e]0;pwned\\a`` (set the window title), ``\\e[31m`` (red) and
``[b]x[/b]`` (markup). The installed ``freefeet`` runs in tmux; Today and History show the note,
and the pane's title must be what it was, the note readable as typed, escapes spelled out.
"""

from __future__ import annotations

import shlex
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from freefeet_tui.core.progress import CheckIn, ProgressStore
from tests.helpers.tmux import Tmux, installed_freefeet, normalized
from tests.helpers.tmux import tmux as tmux  # the fixture

pytestmark = pytest.mark.tmux

NOTE = "title \x1b]0;pwned\x07 red \x1b[31mRED [b]x[/b] end"


def pane_title(tmux: Tmux) -> str:
    return tmux.run("display-message", "-p", "-t", "main", "#{pane_title}").stdout.strip()


def test_a_hostile_note_leaves_the_pane_title_alone_on_today_and_history(
    tmux: Tmux, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    store = ProgressStore(home / "data" / "progress")
    store.add_checkin(CheckIn(date.today() - timedelta(days=1), 3, 2, note=NOTE))
    command = (
        "sleep 0.5; "
        f"exec env FREEFEET_HOME={shlex.quote(str(home))} "
        f"{shlex.quote(str(installed_freefeet()))} --audio none"
    )
    tmux.start(command, 120, 40)
    before = pane_title(tmux)  # taken while the shell still sleeps
    screen = tmux.wait_for_text("Last check-in")
    screen = tmux.wait_for(lambda shown: "end" in shown and "Streak" in shown, "the note")
    time.sleep(0.3)  # any late repaint would have come by now
    assert "pwned" not in pane_title(tmux) and pane_title(tmux) == before
    assert "^[]0;pwned^G" in screen and "^[[31mRED [b]x[/b]" in screen
    tmux.keys("h")
    screen = tmux.wait_for_text("Sessions and check-ins")
    assert "^[]0;pwned^G" in normalized(screen)
    time.sleep(0.3)  # any late repaint would have come by now
    assert pane_title(tmux) == before
    tmux.keys("q")
