"""End to end, as a person would: the installed ``freefeet`` in a real terminal (tmux).

The test types keys into a 120x40 tmux window and reads the screen with ``capture-pane``:
pick a lesson, start it, see its first cue, pause and watch the countdown freeze, resume and
watch it move, stop the lesson (it asks first), then quit and check the process ended cleanly.
Without tmux the test is skipped, except in CI (``CI`` set), where it must run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import LESSONS_DIR

pytestmark = pytest.mark.tmux

WAIT_SECONDS = 15.0
POLL_SECONDS = 0.1
LESSON_ID = "pre-run-hip-extension"
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
# Box drawing, block elements and the half-block borders Textual draws around panels.
STOP_QUESTION = re.compile(r"\b(stop|quit|leave)\b[^?]*\?", re.IGNORECASE)
BORDERS = re.compile(r"[\u2500-\u259f\u2800-\u28ff▏▕▔▁]")


def normalized(screen: str) -> str:
    """The screen's words in reading order: borders gone, lines joined, spaces collapsed."""
    return " ".join(BORDERS.sub(" ", screen).split())


def clocks(screen: str) -> list[str]:
    """Every ``m:ss`` on the screen, top to bottom: the countdowns and times the player shows."""
    return CLOCK.findall(screen)


class Tmux:
    """One private tmux server (its own socket) running a single command in a 120x40 window."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket
        # Not inside the developer's own tmux, and no ~/.tmux.conf: the same server everywhere.
        self.env = {k: v for k, v in os.environ.items() if k != "TMUX"}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=check,
        )

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "main", "-x", "120", "-y", "40", command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main", check=False).stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "main", *keys)

    def alive(self) -> bool:
        return self.run("has-session", "-t", "main", check=False).returncode == 0

    def kill(self) -> None:
        self.run("kill-server", check=False)

    def wait_for(self, seen: Callable[[str], bool], what: str) -> str:
        """Poll the screen until ``seen`` says yes; fail with the last screen after a while."""
        deadline = time.monotonic() + WAIT_SECONDS
        screen = self.screen()
        while not seen(screen):
            if time.monotonic() > deadline:
                pytest.fail(f"waited {WAIT_SECONDS:g} s for {what}; the screen shows:\n{screen}")
            time.sleep(POLL_SECONDS)
            screen = self.screen()
        return screen

    def wait_for_text(self, text: str) -> str:
        return self.wait_for(lambda screen: normalized(text) in normalized(screen), repr(text))


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed, and CI must run the end-to-end test")
        pytest.skip("tmux is not installed (./scripts/test.sh installs it)")
    # A socket of our own in a short private folder: no clash with other servers, no litter.
    with tempfile.TemporaryDirectory(prefix="freefeet-e2e-") as folder:
        session = Tmux(Path(folder) / "tmux.sock")
        try:
            yield session
        finally:
            session.kill()


def installed_freefeet() -> Path:
    command = Path(sys.executable).parent / "freefeet"
    assert command.is_file(), f"freefeet is not installed next to {sys.executable}"
    return command


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
    tmux.wait_for(lambda screen: "paused" in screen.lower(), "the paused marker")
    time.sleep(0.3)  # let the last frame before the pause settle
    paused = tmux.screen()
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
