"""Shared fixtures: a private FREEFEET_HOME per test, a fake clock and small lesson files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LESSONS_DIR = REPO / "lessons"


@pytest.fixture(autouse=True)
def freefeet_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own empty FREEFEET_HOME so no test touches real user data."""
    home = tmp_path_factory.mktemp("freefeet-home")
    monkeypatch.setenv("FREEFEET_HOME", str(home))
    return home


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


TINY_LESSON = """\
schema = 1
id = "tiny"
title = "Tiny lesson"
summary = "A short lesson for tests."
when = "Any time"

[[steps]]
id = "stand"
title = "Stand and notice"
cue = "Stand easy and notice your feet."
duration = "10s"
rest = "5s"

[[steps]]
id = "bridge"
title = "Bridge"
cue = "Squeeze your buttocks to lift your hips."
avoid = "Belly soft: do not tighten your abs."
per_side = true
reps = 4
rep_time = "3s"
"""


@pytest.fixture
def write_lesson(tmp_path: Path) -> Callable[..., Path]:
    """Write lesson TOML (dedented) into a temp folder and return its path."""

    def write(text: str = TINY_LESSON, name: str = "tiny.toml", folder: Path | None = None) -> Path:
        target = (folder or tmp_path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    return write


def write_player_config(home: Path, get_ready: float) -> Path:
    """A config.toml in ``home`` with ``[player] get_ready`` set (seconds of count)."""
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[player]\nget_ready = {get_ready:g}\n", encoding="utf-8")
    return config


@pytest.fixture
def no_get_ready(freefeet_home: Path) -> Path:
    """The installed command starts lessons at their first step, with no get-ready count."""
    return write_player_config(freefeet_home, 0)
