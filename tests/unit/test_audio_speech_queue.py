"""One voice: spoken lines never overlap; prompts wait for the line being said, or are skipped.

The mixer is read directly (nothing pulls its frames here), so where each spoken clip starts
and ends is exact; ``test_audio_sink.py`` plays the same through ALSA's file sink.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from freefeet_tui.audio.mixer import Mixer, Sound
from freefeet_tui.audio.output import VOICE_DELAY
from freefeet_tui.audio.speech_queue import (
    COUNT_MAX_WAIT,
    LINE_GAP,
    PROMPT_MAX_WAIT,
    SPEECH,
    SpeechQueue,
)
from freefeet_tui.audio.tones import SAMPLE_RATE
from freefeet_tui.audio.voice import ESPEAK, clip_path
from freefeet_tui.core.cues import Cue, CueRouter
from freefeet_tui.core.engine import build_plan
from freefeet_tui.core.events import GetReady, PromptDue, ReadyCount, SegmentKind
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.speech import GET_READY
from tests.conftest import TINY_LESSON
from tests.helpers.audio import make_output, work_start, write_clip

PROMPTED = TINY_LESSON.replace('rest = "5s"\n', 'rest = "5s"\nprompts = ["Heels.", "Toes."]\n')


def tone(seconds: float, name: str = "line") -> Sound:
    return Sound(name, array("h", [1000] * round(seconds * SAMPLE_RATE)))


def speech_spans(mixer: Mixer) -> list[tuple[float, float]]:
    """(start, end) in seconds from now of every spoken clip queued, in order."""
    spans = [
        (-v.position / SAMPLE_RATE, (len(v.samples) - v.position) / SAMPLE_RATE)
        for v in mixer._voices
        if v.tag == SPEECH
    ]
    return sorted(spans)


def close_to(spans: list[tuple[float, float]], expected: list[tuple[float, float]]) -> bool:
    """Whether each start and end is within a millisecond of the expected one."""
    flat = [value for span in spans for value in span]
    wanted = [value for span in expected for value in span]
    return flat == pytest.approx(wanted, abs=1e-3)


def no_overlap(spans: list[tuple[float, float]]) -> bool:
    return all(end <= later for (_, end), (later, _) in pairwise(spans))


@pytest.fixture
def prompted(write_lesson: Callable[..., Path]) -> Lesson:
    return load_lesson(write_lesson(PROMPTED))


def prompt_event(lesson: Lesson, number: int) -> PromptDue:
    segment = build_plan(lesson)[0]
    return PromptDue(0.0, segment, lesson.steps[0].prompts[number - 1].text, number, 2)


def test_lines_follow_each_other_with_a_breath_between() -> None:
    queue = SpeechQueue(Mixer())
    assert queue.say([tone(1.0), tone(0.5)], 0.2)
    assert queue.say([tone(0.7)])  # arrives while the first two are queued
    spans = speech_spans(queue.mixer)
    assert close_to(
        spans,
        [(0.2, 1.2), (1.2 + LINE_GAP, 1.7 + LINE_GAP), (1.7 + 2 * LINE_GAP, 2.4 + 2 * LINE_GAP)],
    )
    assert queue.busy_for() == pytest.approx(2.4 + 2 * LINE_GAP, abs=1e-3)


def test_a_line_that_would_wait_too_long_is_not_queued() -> None:
    queue = SpeechQueue(Mixer())
    queue.say([tone(PROMPT_MAX_WAIT + 1)])
    assert not queue.say([tone(0.5)], max_wait=PROMPT_MAX_WAIT)
    assert len(speech_spans(queue.mixer)) == 1
    assert queue.say_prompt("Later.", tone(0.5)) is False
    assert queue.skipped == ["Later."]


def test_fresh_lines_replace_the_waiting_ones_but_not_the_one_being_said() -> None:
    mixer = Mixer()
    queue = SpeechQueue(mixer)
    queue.say([tone(1.0, "saying"), tone(1.0, "waiting")])
    mixer.mix(round(0.5 * SAMPLE_RATE))  # half of the first line has been played
    queue.say([tone(0.3, "new")], 0.1, fresh=True)
    assert [v.samples is not None and len(v.samples) for v in mixer._voices] == [
        SAMPLE_RATE,
        round(0.3 * SAMPLE_RATE),
    ]
    assert close_to(speech_spans(mixer), [(-0.5, 0.5), (0.5 + LINE_GAP, 0.8 + LINE_GAP)])
    assert mixer.cancel_pending(SPEECH) == 1 and mixer.busy  # the line being said stays


def test_a_prompt_waits_for_the_spoken_cue(tmp_path: Path, prompted: Lesson) -> None:
    output = make_output(tmp_path)
    cue = write_clip(clip_path(output.cache_dir, prompted.steps[0].cue, ESPEAK), 2.0)
    write_clip(clip_path(output.cache_dir, "Heels.", ESPEAK), 0.5)
    output.prepare(prompted, background=False)
    router = CueRouter(output)
    router(work_start(prompted, 0))
    router(prompt_event(prompted, 1))  # due while the cue is still being said
    spans = speech_spans(output.mixer)
    cue_end = VOICE_DELAY + cue / SAMPLE_RATE
    expected = [(VOICE_DELAY, cue_end), (cue_end + LINE_GAP, cue_end + LINE_GAP + 0.5)]
    assert close_to(spans, expected)
    assert no_overlap(spans) and output.speech_queue.skipped == []


def test_a_prompt_behind_a_long_line_is_skipped_and_noted(tmp_path: Path, prompted: Lesson) -> None:
    output = make_output(tmp_path)
    write_clip(clip_path(output.cache_dir, prompted.steps[0].cue, ESPEAK), PROMPT_MAX_WAIT + 1)
    write_clip(clip_path(output.cache_dir, "Heels.", ESPEAK), 0.5)
    output.prepare(prompted, background=False)
    output.play(Cue.STEP_START, work_start(prompted, 0))
    output.speak(prompt_event(prompted, 1))
    assert len(speech_spans(output.mixer)) == 1
    assert output.speech_queue.skipped == ["Heels."]


def test_a_prompt_with_no_clip_is_silent_but_not_noted(tmp_path: Path, prompted: Lesson) -> None:
    output = make_output(tmp_path)
    output.prepare(prompted, background=False)
    output.speak(prompt_event(prompted, 2))
    assert not output.mixer.busy and output.speech_queue.skipped == []


def test_the_get_ready_count_is_spoken_and_a_late_number_dropped(
    tmp_path: Path, prompted: Lesson
) -> None:
    output = make_output(tmp_path)
    write_clip(clip_path(output.cache_dir, GET_READY, ESPEAK), 0.6)
    write_clip(clip_path(output.cache_dir, "Four.", ESPEAK), 0.4)
    write_clip(clip_path(output.cache_dir, "Three.", ESPEAK), 0.4)
    output.prepare(prompted, background=False)
    segment = build_plan(prompted)[0]
    assert segment.kind is SegmentKind.WORK
    router = CueRouter(output)
    router(GetReady(0.0, segment, 5.0, False))
    assert close_to(speech_spans(output.mixer), [(0.0, 0.6)])
    output.mixer.mix(round(0.5 * SAMPLE_RATE))
    router(ReadyCount(0.0, 4))  # "Get ready." is nearly said: "Four." waits a little
    assert 0.1 + LINE_GAP <= COUNT_MAX_WAIT
    assert len(speech_spans(output.mixer)) == 2
    router(ReadyCount(0.0, 3))  # would wait far past its second: dropped
    assert len(speech_spans(output.mixer)) == 2
    router(ReadyCount(0.0, 9))  # numbers above five are not said
    assert len(speech_spans(output.mixer)) == 2 and no_overlap(speech_spans(output.mixer))


def test_muted_router_says_nothing(tmp_path: Path, prompted: Lesson) -> None:
    output = make_output(tmp_path)
    write_clip(clip_path(output.cache_dir, "Heels.", ESPEAK), 0.5)
    output.prepare(prompted, background=False)
    CueRouter(output, muted=True)(prompt_event(prompted, 1))
    assert not output.mixer.busy
