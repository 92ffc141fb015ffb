"""A private tmux server for end-to-end tests: start a command, type keys, read the screen.

Without tmux the tests that use the ``tmux`` fixture are skipped, except in CI (``CI`` set),
where they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

WAIT_SECONDS = 15.0
POLL_SECONDS = 0.1
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
# Box drawing, block elements and the half-block borders Textual draws around panels.
BORDERS = re.compile(r"[\u2500-\u259f\u2800-\u28ff▏▕▔▁]")


def normalized(screen: str) -> str:
    """The screen's words in reading order: borders gone, lines joined, spaces collapsed."""
    return " ".join(BORDERS.sub(" ", screen).split())


def clocks(screen: str) -> list[str]:
    """Every ``m:ss`` on the screen, top to bottom: the countdowns and times the player shows."""
    return CLOCK.findall(screen)


class Tmux:
    """One private tmux server (its own socket) running a single command, 120x40 by default."""

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

    def start(self, command: str, width: int = 120, height: int = 40) -> None:
        self.run("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), command)

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

    def steady_screen(self, interval: float = 0.5) -> str:
        """The screen once two captures ``interval`` apart agree: drawing has caught up, even on
        a busy machine. (A countdown still running shows in a later, longer comparison.)"""
        deadline = time.monotonic() + WAIT_SECONDS
        previous = self.screen()
        while True:
            time.sleep(interval)
            current = self.screen()
            if current == previous:
                return current
            if time.monotonic() > deadline:
                pytest.fail(f"the screen kept changing for {WAIT_SECONDS:g} s:\n{current}")
            previous = current

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
