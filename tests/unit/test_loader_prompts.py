"""The lesson format's ``prompts`` and ``scan`` keys: read, spread, cached, and each mistake
refused with one line naming the file, the line and the prompt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.core.lesson import Prompt, ScanPart
from freefeet_tui.core.lesson_cache import LessonCache
from freefeet_tui.core.library import load_library
from freefeet_tui.core.loader import LessonError, load_lesson
from tests.conftest import TINY_LESSON

WriteLesson = Callable[..., Path]
STAND = 'duration = "10s"\nrest = "5s"\n'  # the "stand" step's last lines (lines 11-12)


def with_stand(extra: str) -> str:
    """The tiny lesson with ``extra`` lines added to its first step (after line 12)."""
    assert STAND in TINY_LESSON
    return TINY_LESSON.replace(STAND, STAND + extra, 1)


def error_for(path: Path) -> str:
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    return str(caught.value)


def test_prompts_are_read_and_spread_evenly(write_lesson: WriteLesson) -> None:
    lesson = load_lesson(write_lesson(with_stand('prompts = ["Heels.", "  Toes.  ", "Both."]\n')))
    step = lesson.steps[0]
    assert step.prompts == (Prompt("Heels."), Prompt("Toes."), Prompt("Both."))
    assert step.prompt_times == (2.5, 5.0, 7.5)  # cue, three prompts, end: 2.5 s apart
    assert lesson.steps[1].prompts == () and lesson.steps[1].prompt_times == ()


def test_timed_prompts_keep_their_offsets(write_lesson: WriteLesson) -> None:
    text = with_stand(
        'prompts = [{ at = "2s", text = "Now." }, { text = "Later.", at = "8.5s" }]\n'
    )
    step = load_lesson(write_lesson(text)).steps[0]
    assert step.prompts == (Prompt("Now.", 2.0), Prompt("Later.", 8.5))
    assert step.prompt_times == (2.0, 8.5)


def test_a_per_side_step_times_its_prompts_within_one_side(write_lesson: WriteLesson) -> None:
    text = TINY_LESSON.replace('rep_time = "3s"\n', 'rep_time = "3s"\nprompts = ["Slowly."]\n')
    step = load_lesson(write_lesson(text)).steps[1]
    assert step.per_side and step.prompt_times == (6.0,)  # 4 reps of 3 s on each side


def test_scan_parts(write_lesson: WriteLesson) -> None:
    lesson = load_lesson(write_lesson(with_stand('scan = "after"\n')))
    assert lesson.steps[0].scan is ScanPart.AFTER and lesson.has_closing_scan
    before = load_lesson(write_lesson(with_stand('scan = "before"\n'), name="b.toml"))
    assert before.steps[0].scan is ScanPart.BEFORE and not before.has_closing_scan
    assert not load_lesson(write_lesson(TINY_LESSON, name="c.toml")).has_closing_scan


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('prompts = "Heels."\n', 'step "stand": prompts must be a list: ["Notice ...", "Now ..."]'),
        ('prompts = ["Heels.", 3]\n', 'step "stand": prompt 2 must be text in quotes, or '),
        ('prompts = ["  "]\n', 'step "stand": prompt 1 is empty'),
        (
            'prompts = ["' + "x" * 120 + '"]\n',
            'step "stand": prompt 1 has 120 characters; keep it under 120 so it can be followed',
        ),
        (
            'prompts = ["Look \\u001b]0;pwned\\u0007 here"]\n',
            'step "stand": prompt 1 holds a control character U+001B (^[)',
        ),
        ('prompts = ["Two\\nlines"]\n', 'step "stand": prompt 1 must fit on one line'),
        ('prompts = [{ at = "2s" }]\n', 'step "stand": prompt 1 is missing its "text"'),
        (
            'prompts = [{ at = "2s", txt = "x" }]\n',
            'step "stand": prompt 1: unknown key "txt"; did you mean "text"?',
        ),
        (
            'prompts = [{ at = "10s", text = "End." }]\n',
            'step "stand": prompt 1: at "10s" is not inside the step, which lasts 10s',
        ),
        ('prompts = [{ at = "0s", text = "x" }]\n', 'at "0s" is not inside the step'),
        (
            'prompts = [{ at = "soon", text = "x" }]\n',
            'step "stand": prompt 1: at "soon" is not a duration like 20s or 1m10s',
        ),
        ('prompts = [{ at = 3, text = "x" }]\n', 'prompt 1: at 3 must be text like "20s"'),
        (
            'prompts = [{ at = "2s", text = "a" }, "b"]\n',
            'step "stand": give every prompt an "at", or none (they are then spread)',
        ),
        (
            'prompts = [{ at = "5s", text = "a" }, { at = "3s", text = "b" }]\n',
            'step "stand": prompt 2 must come after prompt 1: list prompts in the order',
        ),
        (
            "prompts = [" + ", ".join(['"x"'] * 61) + "]\n",
            'step "stand": prompts has 61 lines; at most 60',
        ),
        ('scan = "middle"\n', 'step "stand": scan must be "before" (the opening scan) or "after"'),
        ("scan = true\n", 'step "stand": scan must be "before"'),
    ],
)
def test_each_prompt_mistake_gets_one_line(
    write_lesson: WriteLesson, extra: str, message: str
) -> None:
    path = write_lesson(with_stand(extra))
    error = error_for(path)
    assert error.startswith(f"{path}:13: "), error  # the line of the key in the file
    assert message in error


def test_a_prompt_mistake_in_a_multiline_list_names_the_prompts_line(
    write_lesson: WriteLesson,
) -> None:
    path = write_lesson(with_stand('prompts = [\n    "Fine.",\n    "",\n]\n'))
    assert error_for(path) == f'{path}:13: step "stand": prompt 2 is empty'


def test_prompts_and_scans_survive_the_lesson_cache(
    write_lesson: WriteLesson, tmp_path: Path
) -> None:
    text = with_stand('scan = "before"\nprompts = [{ at = "4s", text = "Settle." }]\n')
    folder = tmp_path / "lessons"
    path = write_lesson(text, name="tiny.toml", folder=folder)
    cache_file = tmp_path / "cache.marshal"
    first = load_library(folder, None, cache_file=cache_file)
    cached = LessonCache(cache_file).get(path, first.lessons["tiny"].origin)
    assert cached == first.get("tiny")  # read back from the cache, not the file
    assert isinstance(cached, type(first.lessons["tiny"]))
    assert cached.steps[0].prompts == (Prompt("Settle.", 4.0),)
    assert cached.steps[0].scan is ScanPart.BEFORE


def test_a_per_side_prompt_outside_one_side_says_so(write_lesson: WriteLesson) -> None:
    text = TINY_LESSON.replace(
        'rep_time = "3s"\n', 'rep_time = "3s"\nprompts = [{ at = "13s", text = "Late." }]\n'
    )
    path = write_lesson(text)
    assert error_for(path) == (
        f'{path}:22: step "bridge": prompt 1: at "13s" is not inside the step, '
        "which lasts 12s a side"
    )
