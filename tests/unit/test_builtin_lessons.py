"""The three lessons freefeet ships: they load cleanly, last as long as they promise, keep every
cue short enough to follow by ear, and keep the shape the domain asks for (scan first and last,
per-side work, the belly-soft reminder, no squeezing the glutes while running)."""

from __future__ import annotations

from pathlib import Path

import pytest

from freefeet_tui.core.lesson import MAX_CUE_LENGTH, Lesson, Origin
from freefeet_tui.core.library import lesson_files, load_library
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.locations import builtin_audio_dir, builtin_lessons_dir
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


def test_builtin_folder_is_the_repository_lessons_folder() -> None:
    assert builtin_lessons_dir().resolve() == LESSONS_DIR
    assert {path.name for path in lesson_files(LESSONS_DIR)} >= {
        file for file, *_ in SHIPPED.values()
    }


def test_builtin_lessons_load_with_no_problems() -> None:
    library = load_library(builtin_lessons_dir(), None, builtin_audio_dir())
    assert library.problems == ()
    assert set(SHIPPED) <= set(library.lessons)
    for lesson_id in SHIPPED:
        assert library.lessons[lesson_id].origin is Origin.BUILT_IN


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_id_title_and_length(lesson_id: str) -> None:
    file, title, shortest, longest = SHIPPED[lesson_id]
    lesson = shipped(lesson_id)
    assert (lesson.id, lesson.title, lesson.path.name) == (lesson_id, title, file)
    assert shortest * 60 <= lesson.total_seconds <= longest * 60


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_purpose_timing_and_safety_are_stated(lesson_id: str) -> None:
    lesson = shipped(lesson_id)
    assert len(lesson.summary) > 40
    assert len(lesson.when) > 20
    safety = lesson.safety.lower()
    for phrase in ("not medical advice", "stop", "hurts", "sharp", "worsening", "numbness"):
        assert phrase in safety, phrase
    for phrase in ("night pain", "rupture", "clinician"):
        assert phrase in safety, phrase
    assert "does not prescribe stretching, icing or rest" in lesson.notes


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_cues_are_short_single_lines_in_second_person(lesson_id: str) -> None:
    lesson = shipped(lesson_id)
    for step in lesson.steps:
        for text in (step.cue, step.avoid):
            if text is None:
                continue
            assert len(text) < MAX_CUE_LENGTH, (step.id, text)
            assert "\n" not in text, step.id
            assert text.endswith("."), (step.id, text)
        words = set(step.cue.lower().replace(",", " ").replace(".", " ").replace(":", " ").split())
        assert not words & {"i", "we", "they", "he", "she", "runner", "runners"}, step.id
    spoken = " ".join(step.cue.lower() for step in lesson.steps).split()
    assert spoken.count("your") + spoken.count("you") >= len(lesson.steps) // 2


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_shape_uses_rests_reps_and_sides(lesson_id: str) -> None:
    steps = shipped(lesson_id).steps
    assert sum(step.per_side for step in steps) >= 2
    assert any(step.reps is not None for step in steps)
    assert any(step.duration is not None for step in steps)
    assert sum(step.rest > 0 for step in steps) >= 3
    assert len({step.id for step in steps}) == len(steps)


@pytest.mark.parametrize("lesson_id", SCANNED)
def test_the_same_scan_opens_and_closes_the_lesson(lesson_id: str) -> None:
    steps = shipped(lesson_id).steps
    opening = [step for step in steps[:4] if step.id.startswith("scan-")]
    closing = [step for step in steps[-4:] if step.id.startswith("rescan-")]
    assert steps[0].id.startswith("scan-")
    assert steps[-1].id.startswith("rescan-")
    assert len(opening) >= 2
    assert [step.id for step in opening] == [step.id.removeprefix("re") for step in closing]
    assert [step.work_seconds for step in opening] == [step.work_seconds for step in closing]
    scan_text = " ".join(step.cue.lower() for step in opening)
    for idea in ("stand", "weight", "steps"):
        assert idea in scan_text, idea


def test_free_your_feet_covers_the_four_foot_movements() -> None:
    lesson = shipped("free-your-feet")
    text = " ".join(f"{step.title} {step.cue}".lower() for step in lesson.steps)
    for movement in ("heel", "arch", "ankle", "toes"):
        assert movement in text, movement
    assert any(step.per_side and "heel" in step.cue.lower() for step in lesson.steps)
    assert "Mobilizing Your Core to Run" in lesson.when
    assert "not just before a hard run" in lesson.when


def test_mobilizing_works_on_opposite_sides() -> None:
    lesson = shipped("mobilizing-your-core-to-run")
    text = " ".join(step.cue.lower() for step in lesson.steps)
    for idea in ("opposite", "shoulder", "pelvis", "arm", "knee"):
        assert idea in text, idea
    assert "day after Free Your Feet" in lesson.when


def test_pre_run_keeps_the_belly_soft_and_ends_with_the_running_reminder() -> None:
    lesson = shipped("pre-run-hip-extension")
    bridges = [step for step in lesson.steps if "bridge" in step.id]
    assert len(bridges) >= 2
    for step in bridges:
        assert step.avoid is not None
        assert "belly soft" in step.avoid.lower()
        assert "do not tighten your abs" in step.avoid.lower()
    assert any("squeeze your buttocks" in step.cue.lower() for step in bridges)
    last = lesson.steps[-1]
    assert "when you run" in last.cue.lower()
    assert "do not squeeze them" in last.cue.lower()
    assert "glutes" in last.cue.lower()
    assert "before each run" in lesson.when.lower()


def test_the_documented_example_loads_with_the_documented_total(tmp_path: Path) -> None:
    doc = (LESSONS_DIR.parent / "docs" / "lesson-format.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "morning-check.toml"
    path.write_text(example, encoding="utf-8")
    lesson = load_lesson(path)
    assert (lesson.id, lesson.title, lesson.switch) == ("morning-check", "Morning Foot Check", 3)
    assert [step.per_side for step in lesson.steps] == [False, True, False]
    assert lesson.total_seconds == 168
    assert "(Morning Foot Check, 2 min 48 s)" in doc
