"""What became of a recorded session, in words, and the one line a quit lesson leaves behind:
steps done "x of y steps", the time practised and the recorder's outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from freefeet_tui.core.engine import Engine
from freefeet_tui.core.events import Event, LessonFinished
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.progress import ProgressStore
from freefeet_tui.core.recorder import (
    DISCARDED,
    NOT_SAVED,
    SAVED,
    SessionRecorder,
    stopped_summary,
)
from tests.conftest import FakeClock


def played(
    store: ProgressStore, lesson_path: Path, clock: FakeClock, seconds: float
) -> tuple[SessionRecorder, LessonFinished]:
    """The tiny lesson played for ``seconds`` and stopped."""
    lesson = load_lesson(lesson_path)
    engine = Engine(lesson, clock)
    recorder = SessionRecorder(store, lesson, engine, clock=clock)
    ended: list[Event] = []
    engine.subscribe(recorder)
    engine.subscribe(ended.append)
    engine.start()
    clock.advance(seconds)
    engine.tick()
    engine.stop()
    finished = ended[-1]
    assert isinstance(finished, LessonFinished)
    return recorder, finished


def test_a_saved_session_says_so(
    tmp_path: Path, write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    recorder, finished = played(ProgressStore(tmp_path), write_lesson(), clock, 21)
    assert recorder.outcome is None  # not closed yet: nothing to say
    recorder.close()
    assert recorder.outcome == SAVED
    assert stopped_summary("Tiny lesson", finished, recorder) == (
        "Tiny lesson: stopped after 1 of 2 steps, 21 s practised; saved in your log."
    )
    assert stopped_summary("Tiny lesson", finished) == (
        "Tiny lesson: stopped after 1 of 2 steps, 21 s practised."
    )


def test_a_failed_save_says_why(
    tmp_path: Path, write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    blocked = tmp_path / "progress"
    blocked.write_text("a file where the folder should be")
    recorder, finished = played(ProgressStore(blocked), write_lesson(), clock, 3)
    recorder.close()
    assert recorder.errors
    assert recorder.outcome is not None and recorder.outcome.startswith(f"{NOT_SAVED} (")
    assert stopped_summary("Tiny lesson", finished, recorder).startswith(
        "Tiny lesson: stopped after 0 of 2 steps, 3 s practised; not saved ("
    )


def test_an_accidental_start_taken_off_the_log_says_so(
    tmp_path: Path, write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    recorder, finished = played(ProgressStore(tmp_path), write_lesson(), clock, 3)
    recorder.close()
    recorder.discarded = True  # what the accidental-start rule sets when it removes the record
    assert recorder.outcome == DISCARDED
    assert stopped_summary("Tiny lesson", finished, recorder).endswith(
        "; not kept: an accidental start is not practice."
    )
