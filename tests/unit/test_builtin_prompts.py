"""The shipped lessons talk the runner through every long step: at least one prompt per 20 s of
work, spaced so each can be said before the next is due, in the slow exploratory style of the
domain, with the scans marked and Free Your Feet's sock-on-a-smooth-floor check in both."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from freefeet_tui.audio.voice import ESPEAK_WORDS_PER_MINUTE
from freefeet_tui.core.lesson import Lesson, ScanPart, Step
from tests.helpers.lessons import SCANNED, SHIPPED, shipped

LONG_STEP = 20.0  # seconds of work (one side) beyond which a step must be talked through
MOST_SILENCE = 20.0  # the longest stretch of a step without a spoken line
WORDS_PER_SECOND = ESPEAK_WORDS_PER_MINUTE / 60


def long_steps(lesson: Lesson) -> list[Step]:
    return [step for step in lesson.steps if step.work_seconds > LONG_STEP]


def spoken_seconds(text: str) -> float:
    """About how long the voice takes to say ``text`` (espeak-ng at 150 words a minute)."""
    return len(text.split()) / WORDS_PER_SECOND


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_every_long_step_has_a_prompt_per_20_seconds(lesson_id: str) -> None:
    lesson = shipped(lesson_id)
    steps = long_steps(lesson)
    assert len(steps) >= 4
    for step in steps:
        needed = math.ceil(step.work_seconds / LONG_STEP)
        assert len(step.prompts) >= needed, (step.id, step.work_seconds, len(step.prompts))
        moments = [0.0, *step.prompt_times, step.work_seconds]  # the cue, prompts, the end
        gaps = [later - earlier for earlier, later in pairwise(moments)]
        assert max(gaps) <= MOST_SILENCE, (step.id, gaps)


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_each_line_is_said_before_the_next_is_due(lesson_id: str) -> None:
    """So the voice, which never talks over itself, has no prompt to wait for or drop."""
    for step in shipped(lesson_id).steps:
        opening = spoken_seconds(step.cue) + (spoken_seconds(step.avoid) if step.avoid else 0)
        lines = [(0.0, opening + 0.5)]  # the cue starts a moment after the chime
        lines += [
            (t, spoken_seconds(p.text))
            for t, p in zip(step.prompt_times, step.prompts, strict=True)
        ]
        for (start, length), (next_start, _) in pairwise(lines):
            assert start + length + 1.0 <= next_start, (step.id, start, length, next_start)


@pytest.mark.parametrize("lesson_id", SHIPPED)
def test_prompts_are_short_second_person_lines_of_their_own(lesson_id: str) -> None:
    lesson = shipped(lesson_id)
    for step in lesson.steps:
        for prompt in step.prompts:
            text = prompt.text
            assert len(text) < 100, (step.id, text)  # heard once, with eyes closed
            assert text.endswith((".", "?")), (step.id, text)
            assert text != step.cue
            words = set(text.lower().replace(",", " ").replace(".", " ").split())
            assert not words & {"i", "we", "he", "she", "runner", "runners"}, (step.id, text)
        texts = [prompt.text for prompt in step.prompts]
        assert len(set(texts)) == len(texts), step.id


def prompt_text(lesson: Lesson) -> str:
    return " ".join(p.text.lower() for step in lesson.steps for p in step.prompts)


def test_free_your_feet_guides_the_four_foot_movements_and_where_the_weight_goes() -> None:
    text = prompt_text(shipped("free-your-feet"))
    for idea in ("heel", "arch", "ankle", "toes", "weight", "slow", "small", "notice"):
        assert idea in text, idea
    assert "rolls you forward" in text or "roll" in text


def test_mobilizing_guides_the_opposite_turning() -> None:
    text = prompt_text(shipped("mobilizing-your-core-to-run"))
    for idea in ("shoulders", "pelvis", "opposite", "notice", "slow", "weight"):
        assert idea in text, idea


def test_pre_run_keeps_the_buttocks_working_and_the_belly_soft() -> None:
    text = prompt_text(shipped("pre-run-hip-extension"))
    for idea in ("buttock", "belly", "soft"):
        assert idea in text, idea


@pytest.mark.parametrize("lesson_id", SCANNED)
def test_scans_are_marked_before_and_after(lesson_id: str) -> None:
    lesson = shipped(lesson_id)
    before = [step.id for step in lesson.steps if step.scan is ScanPart.BEFORE]
    after = [step.id for step in lesson.steps if step.scan is ScanPart.AFTER]
    assert before == [step.id for step in lesson.steps[: len(before)]]
    assert after == [step.id for step in lesson.steps[-len(after) :]]
    assert [f"re{step}" for step in before] == after
    assert lesson.has_closing_scan
    assert not shipped("pre-run-hip-extension").has_closing_scan


def test_free_your_feet_scans_check_socks_on_a_smooth_floor() -> None:
    lesson = shipped("free-your-feet")
    for part in (ScanPart.BEFORE, ScanPart.AFTER):
        steps = [step for step in lesson.steps if step.scan is part]
        socks = [step for step in steps if "socks" in step.cue and "smooth floor" in step.cue]
        assert len(socks) == 1, part
        said = " ".join(p.text for p in socks[0].prompts).lower()
        assert "back foot" in said and ("slip" in said or "slide" in said), part
