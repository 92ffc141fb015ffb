"""Plain mode in tests: a sleep that moves a fake clock, and the real command in a child."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable

from freefeet_tui.cli.plain import MAX_SLEEP
from tests.conftest import FakeClock


def fake_sleeper(clock: FakeClock, extra: float = 0.0) -> Callable[[float], None]:
    """A sleep that moves the fake clock (plus ``extra`` oversleep) instead of waiting."""

    def sleep(seconds: float) -> None:
        assert 0 < seconds <= MAX_SLEEP + 0.01, seconds
        clock.advance(seconds + extra)

    return sleep


def run_cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
    )
    assert "Traceback" not in result.stderr
    return result


def without_times(text: str) -> list[str]:
    lines = text.splitlines()
    for line in lines:
        assert re.match(r"^\[\d+:\d\d\] ", line), line
    return [line.split("] ", 1)[1] for line in lines]
