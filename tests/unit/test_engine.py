"""The timing engine on a fake clock: plan expansion, events, commands and freedom from drift."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.core.engine import Engine, Status, build_plan
from freefeet_tui.core.events import (
    CountdownTick,
    Event,
    Halfway,
    LessonFinished,
    LessonStarted,
    Paused,
    RepStarted,
    RestStarted,
    Resumed,
    SegmentKind,
    SideSwitched,
    StepStarted,
)
from freefeet_tui.core.loader import load_lesson
from tests.conftest import FakeClock

LONG_LESSON = """\
schema = 1
id = "long"
title = "Long"
summary = "Long enough for drift checks."
when = "Never"
switch = "4s"
""" + "".join(
    f"""
[[steps]]
id = "s{n}"
title = "Step {n}"
cue = "Move slowly."
duration = "{37 + n}s"
per_side = {"true" if n % 2 else "false"}
rest = "{n % 4 * 5}s"
"""
    for n in range(60)
)


@pytest.fixture
def tiny(write_lesson: Callable[..., Path], clock: FakeClock) -> tuple[Engine, list[Event]]:
    engine = Engine(load_lesson(write_lesson()), clock)
    events: list[Event] = []
    engine.subscribe(events.append)
    return engine, events


def names(events: list[Event]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_plan_expands_sides_switches_and_rests(write_lesson: Callable[..., Path]) -> None:
    plan = build_plan(load_lesson(write_lesson()))
    assert [(s.kind.value, s.step.id, s.side, s.duration) for s in plan] == [
        ("work", "stand", None, 10.0),
        ("rest", "stand", None, 5.0),
        ("work", "bridge", "left", 12.0),
        ("switch", "bridge", "right", 5.0),
        ("work", "bridge", "right", 12.0),
    ]
    assert sum(s.duration for s in plan) == load_lesson(write_lesson()).total_seconds == 44.0


def test_tempo_scales_every_duration(write_lesson: Callable[..., Path]) -> None:
    plan = build_plan(load_lesson(write_lesson()), tempo=4)
    assert [s.duration for s in plan] == [2.5, 1.25, 3.0, 1.25, 3.0]
    with pytest.raises(ValueError, match="tempo"):
        build_plan(load_lesson(write_lesson()), tempo=0)


def test_full_run_emits_events_in_order(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, events = tiny
    engine.start()
    while engine.status is not Status.FINISHED:
        clock.advance(0.25)
        engine.tick()
    assert names(events) == [
        "LessonStarted", "StepStarted", "CountdownTick", "CountdownTick", "CountdownTick",
        "RestStarted", "CountdownTick", "CountdownTick", "CountdownTick",
        "StepStarted", "RepStarted", "RepStarted", "RepStarted", "RepStarted",
        "CountdownTick", "CountdownTick", "CountdownTick",
        "SideSwitched", "CountdownTick", "CountdownTick", "CountdownTick",
        "StepStarted", "RepStarted", "RepStarted", "RepStarted", "RepStarted",
        "CountdownTick", "CountdownTick", "CountdownTick",
        "LessonFinished",
    ]  # fmt: skip
    ticks = [e.remaining for e in events if isinstance(e, CountdownTick)]
    assert ticks[:3] == [3, 2, 1]
    reps = [(e.rep, e.reps) for e in events if isinstance(e, RepStarted)]
    assert reps == [(1, 4), (2, 4), (3, 4), (4, 4)] * 2
    switched = [e for e in events if isinstance(e, SideSwitched)]
    assert [(e.side, e.elapsed) for e in switched] == [("right", 27.0)]
    finished = events[-1]
    assert isinstance(finished, LessonFinished)
    assert (finished.completed, finished.steps_done, finished.steps_total) == (True, 2, 2)
    assert finished.elapsed == engine.elapsed() == 44.0


def test_step_start_is_stamped_at_the_deadline_not_the_late_tick(
    tiny: tuple[Engine, list[Event]], clock: FakeClock
) -> None:
    engine, events = tiny
    engine.start()
    clock.advance(10.9)  # one late tick well past the first deadline
    engine.tick()
    rest = next(e for e in events if isinstance(e, RestStarted))
    assert rest.elapsed == 10.0
    assert engine.remaining() == pytest.approx(4.1)


def test_pause_across_a_step_boundary(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, events = tiny
    engine.start()
    clock.advance(9.5)
    engine.tick()
    engine.pause()
    clock.advance(120)  # a long pause that would have crossed the boundary
    engine.tick()
    assert engine.status is Status.PAUSED
    assert engine.segment.step.id == "stand"
    assert engine.remaining() == pytest.approx(0.5)
    assert engine.elapsed() == pytest.approx(9.5)
    engine.resume()
    clock.advance(1.5)
    engine.tick()
    assert engine.segment.kind is SegmentKind.REST
    assert engine.remaining() == pytest.approx(4.0)
    assert engine.elapsed() == pytest.approx(11.0)
    assert "Paused" in names(events) and "Resumed" in names(events)


def test_pause_after_an_unnoticed_boundary_lands_in_the_next_segment(
    tiny: tuple[Engine, list[Event]], clock: FakeClock
) -> None:
    engine, _ = tiny
    engine.start()
    clock.advance(11.0)  # no tick since the first step ended
    engine.pause()
    assert engine.segment.kind is SegmentKind.REST
    assert engine.remaining() == pytest.approx(4.0)


def test_skipping_during_a_countdown(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, events = tiny
    engine.start()
    clock.advance(7.2)
    engine.tick()
    clock.advance(1.3)
    engine.tick()
    assert [e.remaining for e in events if isinstance(e, CountdownTick)] == [3, 2]
    engine.next()
    assert engine.segment.kind is SegmentKind.REST
    assert engine.remaining() == pytest.approx(5.0)
    events.clear()
    clock.advance(1.0)
    engine.tick()
    assert not any(isinstance(e, CountdownTick) for e in events)  # the old countdown is gone
    clock.advance(1.2)
    engine.tick()
    assert [e.remaining for e in events if isinstance(e, CountdownTick)] == [3]
    assert 0 not in engine.steps_done  # a skipped step is not done


def test_previous_and_restart(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, _ = tiny
    engine.start()
    clock.advance(16)  # 1 s into the left bridge
    engine.tick()
    assert (engine.segment.step.id, engine.segment.side) == ("bridge", "left")
    clock.advance(2)
    engine.restart_step()
    assert engine.remaining() == pytest.approx(12.0)
    engine.previous()
    assert engine.segment.step.id == "stand"
    assert engine.remaining() == pytest.approx(10.0)
    engine.previous()  # nothing earlier: restarts the first step
    assert engine.index == 0


def test_commands_while_paused_stay_paused(
    tiny: tuple[Engine, list[Event]], clock: FakeClock
) -> None:
    engine, _ = tiny
    engine.start()
    engine.pause()
    engine.next()
    clock.advance(30)
    engine.tick()
    assert engine.status is Status.PAUSED
    assert engine.segment.kind is SegmentKind.REST
    assert engine.remaining() == pytest.approx(5.0)


def test_next_past_the_end_and_stop_finish_incomplete(
    tiny: tuple[Engine, list[Event]], clock: FakeClock
) -> None:
    engine, events = tiny
    engine.start()
    for _ in range(5):
        engine.next()
    assert engine.status is Status.FINISHED
    finished = events[-1]
    assert isinstance(finished, LessonFinished) and not finished.completed
    engine.next()  # no effect once finished
    assert events[-1] is finished


def test_stop_reports_progress(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, events = tiny
    engine.start()
    clock.advance(20)
    engine.tick()
    engine.stop()
    finished = events[-1]
    assert isinstance(finished, LessonFinished)
    assert (finished.completed, finished.steps_done, finished.elapsed) == (False, 1, 20.0)


def test_start_at_a_later_step(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, events = tiny
    engine.start(at_step=1)
    assert (engine.segment.step.id, engine.segment.side) == ("bridge", "left")
    assert isinstance(events[0], LessonStarted)
    assert engine.position() == pytest.approx(15.0)


def test_halfway_only_for_long_steps(write_lesson: Callable[..., Path], clock: FakeClock) -> None:
    text = LONG_LESSON.replace('duration = "37s"', 'duration = "19s"')
    engine = Engine(load_lesson(write_lesson(text)), clock, tempo=10)
    halfway: list[Halfway] = []
    engine.subscribe(lambda e: halfway.append(e) if isinstance(e, Halfway) else None)
    engine.start()
    for _ in range(40):
        clock.advance(0.1)
        engine.tick()
    # step 0 lasts 19 s (no halfway), step 1 lasts 38 s per side: halfway is scaled by tempo
    assert [e.step.id for e in halfway] == ["s1"]


def test_no_drift_after_45_minutes_of_jittery_ticks(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    lesson = load_lesson(write_lesson(LONG_LESSON))
    assert lesson.total_seconds > 45 * 60
    engine = Engine(lesson, clock)
    started: list[StepStarted] = []
    engine.subscribe(lambda e: started.append(e) if isinstance(e, StepStarted) else None)
    rng = random.Random(7)
    t0 = clock.now
    engine.start()
    while clock.now - t0 < 45 * 60:
        clock.advance(rng.uniform(0.01, 0.35))  # a busy machine: uneven, sometimes late ticks
        engine.tick()
    true_elapsed = clock.now - t0
    assert engine.elapsed() == pytest.approx(true_elapsed, abs=1e-6)
    assert engine.position() == pytest.approx(true_elapsed, abs=1e-6)
    offsets = [0.0]
    for segment in engine.plan:
        offsets.append(offsets[-1] + segment.duration)
    expected_index = max(i for i, start in enumerate(offsets[:-1]) if start <= true_elapsed)
    assert engine.index == expected_index
    for event in started:  # each step began exactly at its planned offset
        assert event.elapsed == pytest.approx(offsets[event.index], abs=1e-6)


def test_unsubscribe(tiny: tuple[Engine, list[Event]], clock: FakeClock) -> None:
    engine, events = tiny
    extra: list[Event] = []
    remove = engine.subscribe(extra.append)
    engine.start()
    remove()
    engine.pause()
    assert isinstance(events[-1], Paused) and not any(isinstance(e, Paused) for e in extra)
    engine.resume()
    assert isinstance(events[-1], Resumed)
