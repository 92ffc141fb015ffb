"""End to end, as a person would: the installed ``freefeet`` in a real terminal (tmux).

The test types keys into a 120x40 tmux window and reads the screen with ``capture-pane``:
pick a lesson, start it, see its first cue, pause and watch the countdown freeze, resume and
watch it move, stop the lesson (it asks first), then quit and check the process ended cleanly.
Without tmux the test is skipped, except in CI (``CI`` set), where it must run.
"""

from __future__ import annotations

import re
import shlex
import time
import tomllib
from pathlib import Path

import pytest

from tests.conftest import LESSONS_DIR
from tests.helpers.tmux import (
    POLL_SECONDS,
    WAIT_SECONDS,
    Tmux,
    clocks,
    installed_freefeet,
    normalized,
)
from tests.helpers.tmux import tmux as tmux  # the fixture

pytestmark = pytest.mark.tmux

LESSON_ID = "pre-run-hip-extension"
STOP_QUESTION = re.compile(r"\b(stop|quit|leave)\b[^?]*\?", re.IGNORECASE)


def lesson_data(lesson_id: str) -> dict[str, object]:
    with (LESSONS_DIR / f"{lesson_id}.toml").open("rb") as file:
        return tomllib.load(file)


def first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


def test_play_pause_resume_and_quit_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    lesson = lesson_data(LESSON_ID)
    steps = lesson["steps"]
    assert isinstance(steps, list)
    first_cue = str(steps[0]["cue"])
    exit_file = tmp_path / "exit-code"
    home = tmp_path / "home"
    command = (
        f"env FREEFEET_HOME={shlex.quote(str(home))} {shlex.quote(str(installed_freefeet()))}; "
        f"echo $? > {shlex.quote(str(exit_file))}"
    )
    tmux.start(command)

    # Today, the home screen, says what is due; l opens the lessons list.
    tmux.wait_for_text("Due today")
    tmux.keys("l")
    tmux.wait_for_text("About this lesson")

    # The Lessons screen lists the built-in lessons; move down to ours, seen in the About panel.
    tmux.wait_for_text("Free Your Feet")
    summary_start = first_words(str(lesson["summary"]))
    for _ in range(10):
        if normalized(summary_start) in normalized(tmux.screen()):
            break
        tmux.keys("Down")
        time.sleep(0.3)
    tmux.wait_for_text(summary_start)

    tmux.keys("s")
    playing = tmux.wait_for_text(first_cue)
    assert "paused" not in playing.lower()
    assert clocks(playing), f"no countdown on the player screen:\n{playing}"

    tmux.keys("Space")
    # The key bar redraws to say Resume: wait for it too, or a busy machine catches it mid-way.
    tmux.wait_for(
        lambda screen: "paused" in screen.lower() and "space Resume" in screen,
        "the paused marker and the Resume key",
    )
    paused = tmux.steady_screen()  # the last frames before the pause drawn
    time.sleep(2.5)
    still_paused = tmux.screen()
    assert "paused" in still_paused.lower()
    assert clocks(paused), f"no time left shown while paused:\n{paused}"
    # Nothing moves while paused: not the time left, not the big step countdown.
    assert still_paused == paused, f"the screen moved while paused:\n{paused}\n{still_paused}"

    tmux.keys("Space")
    tmux.wait_for(
        lambda screen: "paused" not in screen.lower() and clocks(screen) != clocks(paused),
        "the countdown to move again after resuming",
    )

    # q asks before stopping the lesson; y stops it and goes back to the lessons list.
    tmux.keys("q")
    tmux.wait_for(lambda screen: bool(STOP_QUESTION.search(normalized(screen))), "a question")
    time.sleep(0.5)
    assert tmux.alive(), "q alone must ask before stopping the lesson"
    assert not exit_file.exists()
    tmux.keys("y")
    tmux.wait_for(lambda screen: first_cue not in normalized(screen), "the player to close")
    tmux.wait_for_text("Free Your Feet")

    # q on the lessons list quits freefeet itself.
    tmux.keys("q")
    deadline = time.monotonic() + WAIT_SECONDS
    while tmux.alive() or not exit_file.exists():
        assert time.monotonic() < deadline, f"freefeet did not exit:\n{tmux.screen()}"
        time.sleep(POLL_SECONDS)
    assert exit_file.read_text().strip() == "0"
