"""The engine's prompts and get-ready count on a fake clock: offsets, tempo, pause and skips."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.events import (
    CarryOn,
    Event,
    GetReady,
    LessonFinished,
    PromptDue,
    ReadyCount,
    RestStarted,
    SegmentKind,
    StepStarted,
)
from freefeet_tui.core.loader import load_lesson
from tests.conftest import FakeClock

PROMPTED = """\
schema = 1
id = "prompted"
title = "Prompted"
summary = "Prompts spread and timed."
when = "In tests"
switch = "4s"

[[steps]]
id = "spread"
title = "Spread"
cue = "Stand easy."
duration = "40s"
prompts = ["Notice your heels.", "Notice your toes.", "Let the weight settle."]
rest = "10s"

[[steps]]
id = "timed"
title = "Timed"
cue = "Lift this heel."
per_side = true
duration = "30s"
prompts = [
    { at = "5s", text = "Slowly, a little higher." },
    { at = "22s", text = "Let the arch shorten." },
]
"""


def run_to_end(engine: Engine, clock: FakeClock, step: float = 0.25) -> None:
    while engine.status is not Status.FINISHED:
        clock.advance(step)
        engine.tick()


@pytest.fixture
def prompted(write_lesson: Callable[..., Path]) -> Path:
    return write_lesson(PROMPTED, name="prompted.toml")


def test_prompts_fall_due_at_their_offsets(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    run_to_end(engine, clock, step=0.3)  # ticks that never land exactly on a prompt
    due = [e for e in events if isinstance(e, PromptDue)]
    # 40 s with three prompts: every 10 s; the timed step: 5 s and 22 s into each side,
    # which start at 50 s (after the rest) and 84 s (after 30 s and the 4 s switch).
    assert [(e.elapsed, e.number, e.count, e.segment.side) for e in due] == [
        (10.0, 1, 3, None),
        (20.0, 2, 3, None),
        (30.0, 3, 3, None),
        (55.0, 1, 2, "left"),
        (72.0, 2, 2, "left"),
        (89.0, 1, 2, "right"),
        (106.0, 2, 2, "right"),
    ]
    assert [e.text for e in due[:3]] == [
        "Notice your heels.",
        "Notice your toes.",
        "Let the weight settle.",
    ]


def test_prompts_scale_with_the_tempo(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock, tempo=4)
    due: list[PromptDue] = []
    engine.subscribe(lambda e: due.append(e) if isinstance(e, PromptDue) else None)
    engine.start()
    run_to_end(engine, clock, step=0.05)
    assert [e.elapsed for e in due] == pytest.approx([2.5, 5.0, 7.5, 13.75, 18.0, 22.25, 26.5])


def test_a_late_tick_sends_each_missed_prompt_with_its_own_time(
    prompted: Path, clock: FakeClock
) -> None:
    engine = Engine(load_lesson(prompted), clock)
    due: list[PromptDue] = []
    engine.subscribe(lambda e: due.append(e) if isinstance(e, PromptDue) else None)
    engine.start()
    clock.advance(25)
    engine.tick()
    assert [(e.number, e.elapsed) for e in due] == [(1, 10.0), (2, 20.0)]


def test_a_pause_moves_the_prompts_with_it(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock)
    due: list[PromptDue] = []
    engine.subscribe(lambda e: due.append(e) if isinstance(e, PromptDue) else None)
    engine.start()
    clock.advance(8)
    engine.tick()
    engine.pause()
    clock.advance(300)  # a long pause: no prompt while paused
    engine.tick()
    assert due == []
    engine.resume()
    clock.advance(1.9)
    engine.tick()
    assert due == []  # 9.9 s of the step have run
    clock.advance(0.1)
    engine.tick()
    assert [(e.number, e.elapsed) for e in due] == [(1, 10.0)]
    clock.advance(10)
    engine.tick()
    assert [(e.number, e.elapsed) for e in due] == [(1, 10.0), (2, 20.0)]


def test_restarting_a_step_plays_its_prompts_again(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock)
    due: list[PromptDue] = []
    engine.subscribe(lambda e: due.append(e) if isinstance(e, PromptDue) else None)
    engine.start()
    clock.advance(12)
    engine.tick()
    engine.restart_step()
    clock.advance(10)
    engine.tick()
    assert [e.number for e in due] == [1, 1]
    engine.next()  # into the rest: rests have no prompts
    clock.advance(9)
    engine.tick()
    assert [e.number for e in due] == [1, 1]


def test_get_ready_counts_before_the_first_step(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock, get_ready=5)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    ready = events[1]
    assert isinstance(ready, GetReady)
    assert (ready.seconds, ready.after_pause, ready.segment.step.id) == (5, False, "spread")
    assert engine.getting_ready and engine.ready_left() == 5
    assert not any(isinstance(e, StepStarted) for e in events)
    for _ in range(49):
        clock.advance(0.1)
        engine.tick()
    assert [e.remaining for e in events if isinstance(e, ReadyCount)] == [4, 3, 2, 1]
    assert engine.elapsed() == 0 and engine.remaining() == 40  # the count is not practice
    assert engine.position() == 0
    clock.advance(0.25)
    engine.tick()
    started = next(e for e in events if isinstance(e, StepStarted))
    assert started.elapsed == 0.0
    assert not engine.getting_ready and engine.ready_left() is None
    assert engine.remaining() == pytest.approx(39.85)  # the step began at the count's end
    run_to_end(engine, clock)
    finished = events[-1]
    assert isinstance(finished, LessonFinished)
    assert finished.elapsed == pytest.approx(engine.total)


def test_get_ready_counts_again_after_a_pause(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock, get_ready=3)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    clock.advance(3)
    engine.tick()
    clock.advance(9)
    engine.tick()
    engine.pause()
    clock.advance(60)
    events.clear()
    engine.resume()
    ready = next(e for e in events if isinstance(e, GetReady))
    assert ready.after_pause and ready.segment.step.id == "spread"
    clock.advance(2.9)
    engine.tick()
    assert engine.remaining() == pytest.approx(31.0)  # frozen through the count
    assert not any(isinstance(e, PromptDue) for e in events)
    clock.advance(0.1)
    engine.tick()
    assert any(isinstance(e, CarryOn) for e in events)
    assert not any(isinstance(e, StepStarted) for e in events)  # the step goes on, not anew
    clock.advance(1.0)
    engine.tick()
    due = [e for e in events if isinstance(e, PromptDue)]
    assert [(e.number, e.elapsed) for e in due] == [(1, 10.0)]  # prompt times kept


def test_pausing_during_the_first_count_starts_a_fresh_count(
    prompted: Path, clock: FakeClock
) -> None:
    engine = Engine(load_lesson(prompted), clock, get_ready=5)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    clock.advance(2)
    engine.tick()
    engine.pause()
    assert not engine.getting_ready and engine.remaining() == 40
    clock.advance(100)
    engine.resume()
    assert engine.ready_left() == 5
    clock.advance(5)
    engine.tick()
    assert sum(isinstance(e, StepStarted) for e in events) == 1
    assert engine.elapsed() == 0


def test_skipping_during_the_count_drops_it(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock, get_ready=5)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    clock.advance(1)
    engine.tick()
    engine.next()
    assert not engine.getting_ready
    assert engine.segment.kind is SegmentKind.REST
    rest = next(e for e in events if isinstance(e, RestStarted))
    assert rest.up_next is not None and rest.up_next.step.id == "timed"
    clock.advance(2)
    engine.tick()
    assert engine.elapsed() == pytest.approx(2.0)


def test_stopping_during_the_count_records_no_time(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock, get_ready=5)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    clock.advance(4)
    engine.stop()
    finished = events[-1]
    assert isinstance(finished, LessonFinished)
    assert (finished.completed, finished.elapsed, finished.steps_done) == (False, 0.0, 0)


def test_no_count_when_get_ready_is_zero(prompted: Path, clock: FakeClock) -> None:
    engine = Engine(load_lesson(prompted), clock)
    events: list[Event] = []
    engine.subscribe(events.append)
    engine.start()
    engine.pause()
    engine.resume()
    assert not any(isinstance(e, GetReady | ReadyCount | CarryOn) for e in events)
    with pytest.raises(ValueError, match="get_ready"):
        Engine(load_lesson(prompted), clock, get_ready=-1)
