"""Records a played lesson in the progress store, for both the TUI and ``play --plain``.

The recorder listens to the engine: it opens a session when the lesson starts, checkpoints
it at every segment change and at least every ``checkpoint_every`` seconds (via
:meth:`SessionRecorder.poll`, called from the player's tick), and closes it as completed or
partial. A crash or ``kill -9`` therefore loses at most that many seconds of progress.

Saving means a file lock, a re-read, an fsync and a rename, far too slow for a timer tick, so
the listener and ``poll()`` only build the new immutable :class:`Session` and put it on a
queue; a background thread does the writing. A failed save never raises into the player: it
becomes a one-line message in :attr:`SessionRecorder.errors`, and :attr:`SessionRecorder.unsaved`
says whether the session as it stands in the log is out of date (so ``play`` can exit non-zero).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.events import (
    Event,
    LessonFinished,
    LessonStarted,
    Paused,
    RestStarted,
    SegmentKind,
    StepStarted,
)
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import (
    ProgressError,
    ProgressStore,
    Session,
    local_now,
    new_session,
)
from freefeet_tui.core.progress.checks import MAX_SESSION_SECONDS
from freefeet_tui.core.wording import practised_text

CHECKPOINT_EVERY = 10.0  # seconds: the most progress a crash may lose
SAVED = "saved in your log"
NOT_SAVED = "not saved"
DISCARDED = "not kept: an accidental start is not practice"

_ADD, _UPDATE, _REMOVE = "add", "update", "remove"
_Job = tuple[str, Session] | None  # None asks the writer to stop


def resume_step(session: Session, lesson: Lesson) -> int:
    """The step index to start ``lesson`` at to continue ``session``.

    The step is found by its id first (the lesson file may have been edited since), then by
    the saved index, kept within the lesson's steps.
    """
    ids = [step.id for step in lesson.steps]
    if session.stop_step is not None and session.stop_step in ids:
        return ids.index(session.stop_step)
    index = session.stop_index or 0
    return max(0, min(index, len(lesson.steps) - 1))


def stopped_summary(
    title: str, finished: LessonFinished, recorder: SessionRecorder | None = None
) -> str:
    """The one line left in the terminal when a lesson is quit part way: how many steps were
    done, the time practised and what became of the record (the recorder's :attr:`outcome`).

    With a recorder the figures are the session's as saved, so a resumed session counts the
    steps and time of its earlier runs too.
    """
    steps, seconds = finished.steps_done, finished.elapsed
    session = recorder.session if recorder is not None else None
    if recorder is not None and recorder.discarded:
        seconds = recorder.discarded_after  # never checkpointed: the engine's own time
    elif session is not None:
        steps, seconds = session.steps_done, session.seconds
    text = (
        f"{title}: stopped after {steps} of {finished.steps_total} steps, "
        f"{practised_text(seconds)} practised"
    )
    outcome = recorder.outcome if recorder is not None else None
    return f"{text}; {outcome}." if outcome else f"{text}."


def discarded_text(seconds: float) -> str:
    """The one line that says an accidental start was not kept."""
    shown = f"{int(seconds)} s" if seconds >= 1 else "less than a second"
    return f"Not saved: stopped after {shown} with no step done, so it does not count as practice."


class SessionRecorder:
    """Records a played lesson: opened at start, checkpointed at each step change and at least
    every 10 s (via poll()), closed completed/partial. All writes happen on a background writer
    thread; the engine listener and poll() only enqueue, so nothing is written inside the tick.

    With ``resume`` the recorder continues that session (same id): its seconds and steps done
    are added to, and the caller starts the engine at :func:`resume_step`.

    An accidental start is not practice: a new session stopped with fewer than
    ``discard_under`` seconds practised and no step done is taken off the log again, and
    :attr:`discarded` says so (``discarded_text`` is the line to show). 0 keeps every start.
    """

    def __init__(
        self,
        store: ProgressStore,
        lesson: Lesson,
        engine: Engine,
        *,
        tempo: float = 1.0,
        resume: Session | None = None,
        checkpoint_every: float = CHECKPOINT_EVERY,
        clock: Callable[[], float] = time.monotonic,
        discard_under: float = 0,
    ) -> None:
        if resume is not None and resume.lesson_id != lesson.id:
            raise ValueError(f"session {resume.id!r} is of lesson {resume.lesson_id!r}")
        self.store = store
        self.lesson = lesson
        self.engine = engine
        self.tempo = tempo
        self.resume = resume
        self.checkpoint_every = checkpoint_every
        self.clock = clock
        self.discard_under = discard_under
        self.session: Session | None = None
        self.discarded = False
        """True once an accidental start has been taken off the log (see the class doc)."""
        self.discarded_after = 0.0
        """The seconds practised before that start was stopped."""
        self.errors: list[str] = []
        self._unsaved: str | None = None  # why the last save (or the recording) failed
        self._base_seconds = 0
        self._base_steps = 0
        if resume is not None:
            start = resume_step(resume, lesson)
            self._base_seconds = resume.seconds
            self._base_steps = min(resume.steps_done, start)  # steps before the resume point
        self._last_checkpoint = clock()
        self._finished = False
        self._closed = False
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._idle = threading.Condition()
        self._pending = 0  # jobs put and not yet written (guarded by _idle)
        self._writer = threading.Thread(target=self._write_loop, name="session-writer", daemon=True)
        self._writer.start()
        if engine.status is not Status.READY:  # subscribed late: the lesson is already on
            self._open()

    # the engine listener and the tick ------------------------------------------------------

    def __call__(self, event: Event) -> None:
        """Subscribe to the engine: opens, checkpoints and closes the session."""
        if self._finished or self._closed:
            return
        if isinstance(event, LessonStarted):
            if self.session is None:
                self._open()
        elif isinstance(event, LessonFinished):
            self._finish(event.completed)
        elif isinstance(event, StepStarted | RestStarted | Paused):
            self._checkpoint()

    def poll(self) -> None:
        """Call from the UI tick: enqueues a checkpoint once ``checkpoint_every`` has passed."""
        if self.session is None or self._finished or self._closed:
            return
        if self.engine.status is not Status.RUNNING:
            return  # paused: nothing changes, and the pause itself was checkpointed
        if self.clock() - self._last_checkpoint >= self.checkpoint_every:
            self._checkpoint()

    def close(self, timeout: float = 5.0) -> None:
        """Save the latest state, flush the queue and stop the writer (idempotent).

        A session still open here (the player quit without stopping the engine) is saved as
        it stands and stays open, so it can be resumed.
        """
        if not self._closed:
            if self.session is not None and not self._finished:
                self._checkpoint()
            self._closed = True
            self._jobs.put(None)
        self._writer.join(timeout)  # returns at once when the writer has already stopped
        late = f"saving the session took more than {timeout:g} s; still trying"
        if self._writer.is_alive():
            self._unsaved = late
            if late not in self.errors:
                self.errors.append(late)

    @property
    def unsaved(self) -> str | None:
        """Why the log does not hold the session as it last stood, or ``None`` when it does:
        the last save failed, the session could not be recorded, or saving is still going."""
        return self._unsaved

    @property
    def outcome(self) -> str | None:
        """What became of the session, in words for a summary line (``saved in your log``,
        ``not saved (why)``, or not kept as an accidental start), once closed; None before,
        or when nothing was recorded."""
        if not self._closed or (self.session is None and not self.errors):
            return None
        if self.errors:
            return f"{NOT_SAVED} ({self.errors[-1]})"
        return DISCARDED if self.discarded else SAVED

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything enqueued so far is saved; ``False`` if ``timeout`` ran out."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    # building the records --------------------------------------------------------------------

    def _open(self) -> None:
        """Called on LessonStarted, which comes before the engine moves to its first step."""
        if self.resume is not None:
            index = resume_step(self.resume, self.lesson)
            steps = len(self.lesson.steps)  # the lesson may have been edited since
            self.session = self._built(
                replace,
                self.resume,
                end=self._now(self.resume),
                steps_total=steps,
                steps_done=min(self.resume.steps_done, steps),
                stop_index=index,
                stop_step=self._step_id(index),
            )
            if self.session is not None:
                self._last_checkpoint = self.clock()
                self._put((_UPDATE, self.session))
            return
        index = self._stop_index()
        self.session = self._built(
            new_session,
            self.lesson.id,
            self.lesson.title,
            len(self.lesson.steps),
            tempo=self.tempo,
            start_index=index,
            start_step=self._step_id(index),
        )
        if self.session is not None:
            self._last_checkpoint = self.clock()
            self._put((_ADD, self.session))

    def _built(self, build: Callable[..., Session], *args: Any, **values: Any) -> Session | None:
        """A record built by ``build``; one that fails its checks stops the recording with a
        message in :attr:`errors` instead of raising into the player."""
        try:
            return build(*args, **values)
        except ValueError as error:  # RecordError included: e.g. an id the log cannot hold
            message = f"cannot record this session: {error}"
            self.errors.append(message)
            self._unsaved = message
            self._finished = True
            return None

    def _seconds(self) -> float:
        return min(MAX_SESSION_SECONDS, self._base_seconds + self.engine.elapsed())

    def _steps_done(self) -> int:
        return min(len(self.lesson.steps), self._base_steps + len(self.engine.steps_done))

    def _stop_index(self) -> int:
        """The step a resume should start at: the current one, or the next after its rest."""
        engine = self.engine
        segment = engine.segment
        index = segment.step_index
        finished_step = segment.kind is SegmentKind.REST and index in engine.steps_done
        if finished_step and index + 1 < len(self.lesson.steps):
            return index + 1
        return index

    def _step_id(self, index: int) -> str:
        return self.lesson.steps[index].id

    @staticmethod
    def _now(session: Session) -> datetime:
        """Local time now, never before the last save (the wall clock may be set back)."""
        return max(local_now(), session.end)

    def _checkpoint(self) -> None:
        if self.session is None:
            return
        index = self._stop_index()
        checkpoint = self._built(
            self.session.checkpoint,
            seconds=self._seconds(),
            steps_done=self._steps_done(),
            stop_index=index,
            stop_step=self._step_id(index),
            now=self._now(self.session),
        )
        if checkpoint is None:
            return
        self.session = checkpoint
        self._last_checkpoint = self.clock()
        self._put((_UPDATE, checkpoint))

    def _finish(self, completed: bool) -> None:
        if self.session is None:
            return
        if not completed and self._accidental():
            self.discarded = True
            self.discarded_after = self.engine.elapsed()
            self._finished = True
            self._put((_REMOVE, self.session))
            return
        index = None if completed else self._stop_index()
        finished = self._built(
            self.session.finish,
            completed=completed,
            seconds=self._seconds(),
            steps_done=self._steps_done(),
            stop_index=index,
            stop_step=None if index is None else self._step_id(index),
            now=self._now(self.session),
        )
        self._finished = True
        if finished is not None:
            self.session = finished
            self._put((_UPDATE, finished))

    def _accidental(self) -> bool:
        """A new session stopped early with no step done: not worth keeping."""
        return (
            self.resume is None
            and self.engine.elapsed() < self.discard_under
            and self._steps_done() == 0
        )

    # the writer thread -----------------------------------------------------------------------

    def _put(self, job: tuple[str, Session]) -> None:
        with self._idle:
            self._pending += 1
        self._jobs.put(job)

    def _done(self, count: int) -> None:
        with self._idle:
            self._pending -= count
            self._idle.notify_all()

    def _write_loop(self) -> None:
        added = self.resume is not None  # a resumed session is already in the file
        while True:
            job = self._jobs.get()
            if job is None:
                return
            kind, session = job
            taken, stop = 1, False
            while kind == _UPDATE:  # only the newest state of a backlog is worth saving
                try:
                    later = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if later is None:
                    stop = True
                    break
                kind, session = later
                taken += 1
            added = self._save(session, added, kind)
            self._done(taken)
            if stop:
                return

    def _save(self, session: Session, added: bool, kind: str = _UPDATE) -> bool:
        """Write ``session`` (or take it off the log); returns whether it is now in the file."""
        try:
            if kind == _REMOVE:
                if added:
                    self.store.remove_session(session.id, session.day)
                return False
            if added:
                self.store.update_session(session)
            else:
                self.store.add_session(session)
            if not (self._unsaved or "").startswith("cannot record"):
                self._unsaved = None
            return True
        except (ProgressError, OSError, KeyError, ValueError) as error:
            message = str(error.args[0]) if isinstance(error, KeyError) else str(error)
            if not self.errors or self.errors[-1] != message:
                self.errors.append(message)
            self._unsaved = message
            return added
