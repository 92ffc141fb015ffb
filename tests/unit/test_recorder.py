"""The session recorder: opens, checkpoints and closes sessions in a real store, off the tick."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from freefeet_tui.core.engine import Engine
from freefeet_tui.core.lesson import Lesson, Origin
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.progress import ProgressStore, Session, SessionStatus
from freefeet_tui.core.recorder import SessionRecorder, resume_step
from tests.conftest import FakeClock

# One 60 s step, so only poll() can checkpoint inside it.
LONG_STEP = """\
schema = 1
id = "long"
title = "Long hold"
summary = "One long step."
when = "Any time"

[[steps]]
id = "hold"
title = "Hold"
cue = "Stay easy."
duration = "60s"
"""


START = datetime(2026, 11, 24, 7, 30, tzinfo=timezone(timedelta(hours=1)))


class CountingStore(ProgressStore):
    """A real store that also notes which thread made each write."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.writers: list[str] = []

    def add_session(self, session: Session) -> Session:
        self.writers.append(threading.current_thread().name)
        return super().add_session(session)

    def update_session(self, session: Session) -> Session:
        self.writers.append(threading.current_thread().name)
        return super().update_session(session)


@pytest.fixture
def store(tmp_path: Path) -> CountingStore:
    return CountingStore(tmp_path / "progress")


@pytest.fixture
def tiny(write_lesson: Callable[..., Path]) -> Lesson:
    return load_lesson(write_lesson(), Origin.FILE, None)


@pytest.fixture
def long_lesson(write_lesson: Callable[..., Path]) -> Lesson:
    return load_lesson(write_lesson(LONG_STEP, name="long.toml"), Origin.FILE, None)


def play(engine: Engine, clock: FakeClock, recorder: SessionRecorder, seconds: float) -> None:
    """Move time on in 0.5 s ticks, as a UI would, polling the recorder at each."""
    for _ in range(round(seconds * 2)):
        clock.advance(0.5)
        engine.tick()
        recorder.poll()


def only_session(store: ProgressStore) -> Session:
    sessions = store.all_years().sessions
    assert len(sessions) == 1, sessions
    return sessions[0]


def started(
    store: ProgressStore,
    lesson: Lesson,
    clock: FakeClock,
    *,
    tempo: float = 1.0,
    resume: Session | None = None,
) -> tuple[Engine, SessionRecorder]:
    engine = Engine(lesson, clock, tempo=tempo)
    recorder = SessionRecorder(store, lesson, engine, tempo=tempo, resume=resume, clock=clock)
    engine.subscribe(recorder)
    return engine, recorder


def test_nothing_is_written_before_the_lesson_starts(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    _, recorder = started(store, tiny, clock)
    recorder.close()
    assert store.years() == [] and store.writers == []
    assert recorder.session is None


def test_the_session_is_saved_open_as_the_lesson_starts(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock)
    engine.start()
    assert recorder.flush()
    session = only_session(store)
    assert session.status is SessionStatus.OPEN
    assert (session.lesson_id, session.lesson_title, session.steps_total) == (
        "tiny",
        "Tiny lesson",
        2,
    )
    assert (session.seconds, session.steps_done, session.stop_index, session.stop_step) == (
        0,
        0,
        0,
        "stand",
    )
    assert session == recorder.session
    recorder.close()


def test_a_finished_lesson_is_saved_completed(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock, tempo=2.0)
    engine.start()
    play(engine, clock, recorder, 23)  # 44 s at tempo 2
    recorder.close()
    session = only_session(store)
    assert session.status is SessionStatus.COMPLETED
    assert (session.seconds, session.steps_done, session.steps_total) == (22, 2, 2)
    assert session.stop_index is None and session.stop_step is None
    assert session.tempo == 2.0
    assert session.end >= session.start


def test_each_step_change_is_checkpointed(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock)
    engine.start()
    play(engine, clock, recorder, 10.5)  # into the rest after step 1
    assert recorder.flush()
    session = only_session(store)
    assert session.status is SessionStatus.OPEN
    assert (session.seconds, session.steps_done) == (10, 1)
    # step 1 is done, so a resume from the rest starts at step 2
    assert (session.stop_index, session.stop_step) == (1, "bridge")
    recorder.close()


def test_poll_checkpoints_every_10_seconds_inside_a_long_step(
    store: CountingStore, long_lesson: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, long_lesson, clock)
    engine.start()
    play(engine, clock, recorder, 9.5)
    assert recorder.flush()
    assert only_session(store).seconds == 0  # only the opening save so far
    play(engine, clock, recorder, 16)  # 25.5 s in: checkpoints at 10 and 20 s
    assert recorder.flush()
    assert only_session(store).seconds == 20
    assert len(store.writers) <= 3  # open, 10 s, 20 s (a backlog may be merged)
    recorder.close()


def test_poll_does_nothing_while_paused(
    store: CountingStore, long_lesson: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, long_lesson, clock)
    engine.start()
    play(engine, clock, recorder, 5)
    engine.pause()  # the pause itself is saved
    assert recorder.flush()
    writes = len(store.writers)
    assert only_session(store).seconds == 5
    clock.advance(60)
    recorder.poll()
    assert recorder.flush()
    assert len(store.writers) == writes
    recorder.close()


def test_every_write_happens_on_the_writer_thread(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock)
    engine.start()
    play(engine, clock, recorder, 50)
    recorder.close()
    assert store.writers
    assert set(store.writers) == {"session-writer"}


def test_stopping_early_saves_a_partial_session(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock)
    engine.start()
    play(engine, clock, recorder, 20)  # in step 2 (left side)
    engine.stop()
    recorder.close()
    session = only_session(store)
    assert session.status is SessionStatus.PARTIAL
    assert (session.seconds, session.steps_done, session.stop_index, session.stop_step) == (
        20,
        1,
        1,
        "bridge",
    )


def test_close_without_stopping_leaves_the_session_open_and_saved(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock)
    engine.start()
    play(engine, clock, recorder, 4)
    recorder.close()
    recorder.close()  # idempotent
    session = only_session(store)
    assert session.status is SessionStatus.OPEN and session.seconds == 4
    clock.advance(20)
    engine.tick()
    recorder.poll()  # after close: ignored, nothing raised
    assert only_session(store) == session


def test_resume_continues_the_same_session(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    first_engine, first = started(store, tiny, clock)
    first_engine.start()
    play(first_engine, clock, first, 20)
    first.close()  # saved as it stands, still open: what a crash after a checkpoint leaves
    crashed = only_session(store)
    assert crashed.status is SessionStatus.OPEN and crashed.stop_index == 1

    engine, recorder = started(store, tiny, clock, resume=crashed)
    engine.start(at_step=resume_step(crashed, tiny))
    assert engine.segment.step_index == 1
    assert recorder.flush()
    reopened = only_session(store)
    assert (reopened.id, reopened.stop_index, reopened.seconds) == (crashed.id, 1, 20)
    assert reopened.status is SessionStatus.OPEN
    play(engine, clock, recorder, 30)  # step 2 takes 29 s (12 + 5 + 12)
    recorder.close()
    session = only_session(store)
    assert session.id == crashed.id and session.start == crashed.start
    assert session.status is SessionStatus.COMPLETED
    assert (session.seconds, session.steps_done) == (20 + 29, 2)


def test_resume_step_finds_the_step_by_id_after_an_edit(tiny: Lesson) -> None:
    base = Session(
        id="s-1",
        lesson_id="tiny",
        lesson_title="Tiny lesson",
        start=START,
        end=START,
        day=START.date(),
        seconds=5,
        steps_done=0,
        steps_total=2,
        status=SessionStatus.OPEN,
        stop_index=0,
        stop_step="bridge",
    )
    assert resume_step(base, tiny) == 1  # the id wins over the saved index
    assert resume_step(replace(base, stop_step="gone", stop_index=1), tiny) == 1
    assert resume_step(replace(base, stop_step=None, stop_index=None), tiny) == 0


def test_resume_of_another_lesson_is_refused(
    store: CountingStore, tiny: Lesson, long_lesson: Lesson, clock: FakeClock
) -> None:
    engine, recorder = started(store, tiny, clock)
    engine.start()
    recorder.close()
    with pytest.raises(ValueError, match="tiny"):
        SessionRecorder(store, long_lesson, Engine(long_lesson, clock), resume=recorder.session)


def test_a_bad_year_file_is_reported_never_raised_and_left_unchanged(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    from freefeet_tui.core.progress import local_now

    store.folder.mkdir(parents=True)
    path = store.path_for(local_now().year)
    path.write_bytes(b"schema = 1\nyear = [oops\n")
    before = path.read_bytes()
    engine, recorder = started(store, tiny, clock)
    engine.start()
    play(engine, clock, recorder, 50)
    recorder.close()
    assert path.read_bytes() == before
    assert len(recorder.errors) == 1  # the same failure is reported once, not per checkpoint
    assert str(path) in recorder.errors[0] and "\n" not in recorder.errors[0]
    assert recorder.session is not None and recorder.session.status is SessionStatus.COMPLETED


def test_resume_after_the_lesson_was_edited_fits_the_session_to_it(
    store: CountingStore, tiny: Lesson, clock: FakeClock
) -> None:
    """A session saved when the lesson had 5 steps, resumed now that it has 2: no crash."""
    old = Session(
        id="s-20261124-abcdef",
        lesson_id="tiny",
        lesson_title="Tiny lesson",
        start=START,
        end=START,
        day=START.date(),
        seconds=100,
        steps_done=4,
        steps_total=5,
        status=SessionStatus.OPEN,
        stop_index=4,
        stop_step="gone",
    )
    store.add_session(old)
    engine, recorder = started(store, tiny, clock, resume=old)
    engine.start(at_step=resume_step(old, tiny))
    play(engine, clock, recorder, 30)
    recorder.close()
    assert recorder.errors == []
    session = only_session(store)
    assert session.id == old.id and session.status is SessionStatus.COMPLETED
    assert (session.steps_done, session.steps_total) == (2, 2)


# ---- accidental starts ------------------------------------------------------------------------


def discarding(
    store: ProgressStore, lesson: Lesson, clock: FakeClock, resume: Session | None = None
) -> tuple[Engine, SessionRecorder]:
    engine = Engine(lesson, clock)
    recorder = SessionRecorder(store, lesson, engine, clock=clock, resume=resume, discard_under=30)
    engine.subscribe(recorder)
    return engine, recorder


def test_a_start_stopped_after_three_seconds_leaves_no_session(
    store: CountingStore, long_lesson: Lesson, clock: FakeClock
) -> None:
    engine, recorder = discarding(store, long_lesson, clock)
    engine.start()
    assert recorder.flush() and len(store.all_years().sessions) == 1  # saved open at once
    play(engine, clock, recorder, 3)
    engine.stop()
    recorder.close()
    assert store.all_years().sessions == ()
    assert recorder.discarded and recorder.discarded_after == pytest.approx(3)
    assert recorder.errors == []


def test_a_longer_start_or_a_step_done_is_kept(
    store: CountingStore, tiny: Lesson, long_lesson: Lesson, clock: FakeClock
) -> None:
    engine, recorder = discarding(store, long_lesson, clock)
    engine.start()
    play(engine, clock, recorder, 31)
    engine.stop()
    recorder.close()
    assert not recorder.discarded and only_session(store).status is SessionStatus.PARTIAL
    quick = ProgressStore(store.folder.parent / "quick")
    engine, recorder = discarding(quick, tiny, clock)  # its first step lasts 20 s
    engine.start()
    play(engine, clock, recorder, 25)
    engine.stop()
    recorder.close()
    assert not recorder.discarded and only_session(quick).steps_done == 1


def test_a_resumed_session_is_never_discarded(
    store: CountingStore, long_lesson: Lesson, clock: FakeClock
) -> None:
    engine, recorder = discarding(store, long_lesson, clock)
    engine.start()
    play(engine, clock, recorder, 40)
    recorder.close()  # the app closed mid-lesson: left open
    left = only_session(store)
    engine, recorder = discarding(store, long_lesson, clock, resume=left)
    engine.start()
    play(engine, clock, recorder, 2)
    engine.stop()
    recorder.close()
    assert not recorder.discarded and only_session(store).status is SessionStatus.PARTIAL
