"""The lessons freefeet ships, as the tests of their content load them."""

from __future__ import annotations

from freefeet_tui.core.lesson import Lesson, Origin
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.locations import builtin_audio_dir
from tests.conftest import REPO

LESSONS_DIR = REPO / "lessons"

# id -> (file, title, shortest and longest total in minutes)
SHIPPED = {
    "free-your-feet": ("free-your-feet.toml", "Free Your Feet", 15, 25),
    "mobilizing-your-core-to-run": (
        "mobilizing-your-core-to-run.toml",
        "Mobilizing Your Core to Run",
        15,
        25,
    ),
    "pre-run-hip-extension": ("pre-run-hip-extension.toml", "Pre-run Hip Extension", 5, 8),
}
SCANNED = ("free-your-feet", "mobilizing-your-core-to-run")


def shipped(lesson_id: str) -> Lesson:
    return load_lesson(LESSONS_DIR / SHIPPED[lesson_id][0], Origin.BUILT_IN, builtin_audio_dir())
