"""The lesson timing engine: a state machine on an injected monotonic clock.

Remaining time is always ``deadline - clock()``; a new segment starts at the previous
segment's deadline, not at the tick that noticed it, so late or jittery ticks never add drift.
``tick()`` may be called at any rate: it only turns the clock's reading into events.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum

from freefeet_tui.core.events import (
    CountdownTick,
    Event,
    Halfway,
    LessonFinished,
    LessonStarted,
    Listener,
    Paused,
    RepStarted,
    RestStarted,
    Resumed,
    Segment,
    SegmentKind,
    SideSwitched,
    StepStarted,
)
from freefeet_tui.core.lesson import MAX_TEMPO, MIN_TEMPO, Lesson

Clock = Callable[[], float]
COUNTDOWN_FROM = 3
HALFWAY_MIN_SECONDS = 20.0


class Status(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


def build_plan(lesson: Lesson, tempo: float = 1.0) -> tuple[Segment, ...]:
    """Expand steps into timed segments: each side in turn, switches between, rests after."""
    if not MIN_TEMPO <= tempo <= MAX_TEMPO:
        raise ValueError(f"tempo must be between {MIN_TEMPO} and {MAX_TEMPO}, not {tempo}")
    plan: list[Segment] = []
    for index, step in enumerate(lesson.steps):
        for number, side in enumerate(step.sides):
            if number and lesson.switch > 0:
                plan.append(Segment(SegmentKind.SWITCH, step, index, side, lesson.switch / tempo))
            plan.append(Segment(SegmentKind.WORK, step, index, side, step.work_seconds / tempo))
        if step.rest > 0:
            plan.append(Segment(SegmentKind.REST, step, index, None, step.rest / tempo))
    return tuple(plan)


class Engine:
    """Plays a lesson's plan against ``clock`` and tells listeners what happens."""

    def __init__(self, lesson: Lesson, clock: Clock, tempo: float = 1.0) -> None:
        self.lesson = lesson
        self.tempo = tempo
        self.plan = build_plan(lesson, tempo)
        self.total = sum(segment.duration for segment in self.plan)
        self._offsets = [0.0]
        for segment in self.plan:
            self._offsets.append(self._offsets[-1] + segment.duration)
        self._clock = clock
        self._listeners: list[Listener] = []
        self.status = Status.READY
        self.index = 0
        self._deadline = 0.0  # while running: when the current segment ends
        self._frozen_remaining = self.plan[0].duration  # while paused or ready
        self._run_started = 0.0  # clock reading when the current run (since resume) began
        self._elapsed_before = 0.0  # running time banked before the current run
        self._next_countdown = COUNTDOWN_FROM
        self._rep = 0
        self._halfway_done = False
        self.steps_done: set[int] = set()

    # listeners -------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns a function that removes it again."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    # queries ---------------------------------------------------------------------------
    @property
    def segment(self) -> Segment:
        return self.plan[self.index]

    def remaining(self) -> float:
        """Real seconds left in the current segment."""
        if self.status is Status.RUNNING:
            return max(0.0, self._deadline - self._clock())
        if self.status is Status.FINISHED:
            return 0.0
        return self._frozen_remaining

    def position(self) -> float:
        """Seconds into the plan: where the lesson is, whatever skipping happened."""
        if self.status is Status.FINISHED:
            return self.total
        return self._offsets[self.index] + self.segment.duration - self.remaining()

    def time_left(self) -> float:
        return max(0.0, self.total - self.position())

    def elapsed(self) -> float:
        """Running time since start, pauses excluded."""
        if self.status is Status.RUNNING:
            return self._elapsed_before + self._clock() - self._run_started
        return self._elapsed_before

    def next_work(self) -> Segment | None:
        """The next segment with movement in it, for the "next up" line."""
        return next((s for s in self.plan[self.index + 1 :] if s.kind is SegmentKind.WORK), None)

    def current_rep(self) -> int | None:
        return self._rep or None

    def first_segment_of_step(self, step_index: int) -> int:
        return next(i for i, s in enumerate(self.plan) if s.step_index >= step_index)

    # commands --------------------------------------------------------------------------
    def start(self, at_step: int = 0) -> None:
        """Begin the lesson, optionally at a later step (to resume an interrupted session)."""
        if self.status is not Status.READY:
            return
        now = self._clock()
        self.status = Status.RUNNING
        self._run_started = now
        self._emit(LessonStarted(0.0, self.lesson, self.total))
        self._enter(self.first_segment_of_step(at_step), now)
        self.tick()

    def tick(self) -> None:
        """Bring the engine up to the clock's time, emitting whatever happened since."""
        if self.status is not Status.RUNNING:
            return
        now = self._clock()
        while now >= self._deadline:
            self._segment_done()
            if self.index + 1 >= len(self.plan):
                self._finish(completed=True, at=self._deadline)
                return
            self._enter(self.index + 1, self._deadline)
        self._inner_events(now)

    def pause(self) -> None:
        self.tick()
        if self.status is Status.RUNNING:
            now = self._clock()
            self._frozen_remaining = self._deadline - now
            self._elapsed_before += now - self._run_started
            self.status = Status.PAUSED
            self._emit(Paused(self._elapsed_before))

    def resume(self) -> None:
        if self.status is Status.PAUSED:
            now = self._clock()
            self._deadline = now + self._frozen_remaining
            self._run_started = now
            self.status = Status.RUNNING
            self._emit(Resumed(self._elapsed_before))

    def toggle_pause(self) -> None:
        if self.status is Status.PAUSED:
            self.resume()
        else:
            self.pause()

    def next(self) -> None:
        """Skip to the next segment now (a rest or the other side counts as a segment)."""
        self.tick()
        if self.status in (Status.RUNNING, Status.PAUSED):
            if self.index + 1 >= len(self.plan):
                self._finish(completed=False, at=self._clock())
            else:
                self._jump(self.index + 1)

    def previous(self) -> None:
        """Go back to the last segment with movement before this one (or restart the first)."""
        self.tick()
        if self.status in (Status.RUNNING, Status.PAUSED):
            earlier = [i for i in range(self.index) if self.plan[i].kind is SegmentKind.WORK]
            self._jump(earlier[-1] if earlier else self.index)

    def restart_step(self) -> None:
        self.tick()
        if self.status in (Status.RUNNING, Status.PAUSED):
            self._jump(self.index)

    def stop(self) -> None:
        """End early (the user quit); listeners hear a LessonFinished that is not completed."""
        self.tick()
        if self.status in (Status.RUNNING, Status.PAUSED):
            self._finish(completed=False, at=self._clock())

    # internals -------------------------------------------------------------------------
    def _jump(self, index: int) -> None:
        now = self._clock()
        self._enter(index, now)
        if self.status is Status.PAUSED:
            self._frozen_remaining = self.segment.duration
        else:
            self._inner_events(now)

    def _enter(self, index: int, started: float) -> None:
        self.index = index
        segment = self.plan[index]
        self._deadline = started + segment.duration
        self._next_countdown = COUNTDOWN_FROM if segment.duration > COUNTDOWN_FROM else 0
        self._rep = 0
        self._halfway_done = False
        at = self._elapsed_at(started)
        if segment.kind is SegmentKind.SWITCH:
            self._emit(SideSwitched(at, segment.step, segment.side or ""))
        elif segment.kind is SegmentKind.REST:
            self._emit(RestStarted(at, segment, index))
        else:
            previous = self.plan[index - 1] if index else None
            if (
                segment.side == "right"
                and previous is not None
                and previous.kind is SegmentKind.WORK
            ):
                self._emit(SideSwitched(at, segment.step, "right"))
            self._emit(StepStarted(at, segment, index))

    def _inner_events(self, now: float) -> None:
        """Reps, halfway and the 3-2-1 countdown inside the current segment."""
        segment = self.segment
        into = segment.duration - (self._deadline - now)
        at = self._elapsed_at(now)
        rep_time = segment.rep_time
        if rep_time is not None and segment.step.reps is not None:
            rep = min(segment.step.reps, int(into // rep_time) + 1)
            if rep > self._rep:
                self._rep = rep
                self._emit(RepStarted(at, segment.step, rep, segment.step.reps))
        long_enough = segment.duration * self.tempo >= HALFWAY_MIN_SECONDS
        halfway_due = not self._halfway_done and into >= segment.duration / 2
        if segment.kind is SegmentKind.WORK and long_enough and halfway_due:
            self._halfway_done = True
            self._emit(Halfway(at, segment.step))
        left = self._deadline - now
        if self._next_countdown >= 1 and left <= self._next_countdown:
            number = max(1, math.ceil(left))
            self._next_countdown = number - 1
            self._emit(CountdownTick(at, number))

    def _segment_done(self) -> None:
        segment = self.segment
        later_work = any(
            s.kind is SegmentKind.WORK and s.step_index == segment.step_index
            for s in self.plan[self.index + 1 :]
        )
        if segment.kind is SegmentKind.WORK and not later_work:
            self.steps_done.add(segment.step_index)

    def _elapsed_at(self, instant: float) -> float:
        return self._elapsed_before + instant - self._run_started

    def _finish(self, completed: bool, at: float) -> None:
        if self.status is Status.RUNNING:
            self._elapsed_before = self._elapsed_at(at)
        self.status = Status.FINISHED
        self._rep = 0
        total_steps = len(self.lesson.steps)
        self._emit(
            LessonFinished(self._elapsed_before, completed, len(self.steps_done), total_steps)
        )
