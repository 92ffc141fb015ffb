"""The sound hook: which events sound which cue, and mute."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from freefeet_tui.core.cues import Cue, CueRouter
from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.events import Event
from freefeet_tui.core.loader import load_lesson
from tests.conftest import FakeClock


class Recorder:
    def __init__(self) -> None:
        self.played: list[Cue] = []

    def play(self, cue: Cue, event: Event) -> None:
        self.played.append(cue)


def test_a_lesson_sounds_its_cues_in_order(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    engine = Engine(load_lesson(write_lesson()), clock)
    recorder = Recorder()
    engine.subscribe(CueRouter(recorder))
    engine.start()
    while engine.status is not Status.FINISHED:
        clock.advance(0.5)
        engine.tick()
    chimes = [c for c in recorder.played if c is Cue.STEP_START]
    assert len(chimes) == 4  # stand, rest, bridge left, bridge right
    assert recorder.played[0] is Cue.STEP_START
    assert recorder.played[-1] is Cue.LESSON_FINISHED
    assert recorder.played.count(Cue.SIDE_SWITCH) == 1
    assert recorder.played.count(Cue.REP) == 6  # reps 2-4 on each side
    assert recorder.played.count(Cue.COUNTDOWN_TICK) == 15


def test_mute_silences_without_unsubscribing(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    engine = Engine(load_lesson(write_lesson()), clock)
    recorder = Recorder()
    router = CueRouter(recorder)
    engine.subscribe(router)
    assert router.toggle_mute() is True
    engine.start()
    assert recorder.played == []
    assert router.toggle_mute() is False
    engine.next()
    assert recorder.played == [Cue.STEP_START]


def test_stopping_early_plays_no_finish_fanfare(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    engine = Engine(load_lesson(write_lesson()), clock)
    recorder = Recorder()
    engine.subscribe(CueRouter(recorder))
    engine.start()
    engine.stop()
    assert Cue.LESSON_FINISHED not in recorder.played
