"""The lesson timing engine: a state machine on an injected monotonic clock.

Remaining time is always ``deadline - clock()``; a new segment starts at the previous
segment's deadline, not at the tick that noticed it, so late or jittery ticks never add drift.
``tick()`` may be called at any rate: it only turns the clock's reading into events.

With ``get_ready`` seconds, a count runs before the first step and again whenever a paused
lesson carries on, so the runner can get down to the floor. The count is not practice: it
moves neither the segment's time nor the elapsed time. A step's prompts fall due at their
offsets into the segment, worked out from the same deadline, so a pause moves them with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum

from freefeet_tui.core.events import (
    CarryOn,
    CountdownTick,
    Event,
    GetReady,
    Halfway,
    LessonFinished,
    LessonStarted,
    Listener,
    Paused,
    PromptDue,
    ReadyCount,
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
_EPSILON = 1e-9  # a prompt due at 20 s is due when 20 s have passed, float sums or not


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

    def __init__(
        self, lesson: Lesson, clock: Clock, tempo: float = 1.0, get_ready: float = 0.0
    ) -> None:
        if get_ready < 0:
            raise ValueError(f"get_ready must be 0 or more seconds, not {get_ready}")
        self.lesson = lesson
        self.tempo = tempo
        self.get_ready = get_ready
        """Seconds of the count before the first step and after each pause (real seconds)."""
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
        self._next_prompt = 0  # index of the current segment's next prompt
        self._ready_until: float | None = None  # while counting: when the count ends
        self._next_ready = 0  # the next whole second of the count to announce
        self._enter_pending = False  # the current segment has not been started yet
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

    @property
    def getting_ready(self) -> bool:
        """Whether the get-ready count is running (the segment's own time waits for it)."""
        return self._ready_until is not None

    def ready_left(self) -> float | None:
        """Real seconds left in the get-ready count, or None when there is no count now."""
        if self._ready_until is None or self.status is not Status.RUNNING:
            return None
        return max(0.0, self._ready_until - self._clock())

    def remaining(self) -> float:
        """Real seconds left in the current segment."""
        if self.status is Status.RUNNING and self._ready_until is None:
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
        """Running time since start, pauses and get-ready counts excluded."""
        if self.status is Status.RUNNING and self._ready_until is None:
            return self._elapsed_before + self._clock() - self._run_started
        return self._elapsed_before

    def next_work(self) -> Segment | None:
        """The next segment with movement in it, for the "next up" line."""
        return next((s for s in self.plan[self.index + 1 :] if s.kind is SegmentKind.WORK), None)

    def current_rep(self) -> int | None:
        return self._rep or None

    def current_prompt(self) -> str | None:
        """The step's latest prompt that has fallen due in this segment, if any."""
        if self._next_prompt == 0 or self.segment.kind is not SegmentKind.WORK:
            return None
        return self.segment.step.prompts[self._next_prompt - 1].text

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
        first = self.first_segment_of_step(at_step)
        if self.get_ready > 0:
            self.index = first
            self._frozen_remaining = self.segment.duration
            self._enter_pending = True
            self._begin_count(now, after_pause=False)
        else:
            self._enter(first, now)
        self.tick()

    def tick(self) -> None:
        """Bring the engine up to the clock's time, emitting whatever happened since."""
        if self.status is not Status.RUNNING:
            return
        now = self._clock()
        if self._ready_until is not None:
            if now < self._ready_until:
                self._count_events(now)
                return
            self._end_count(self._ready_until)
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
            if self._ready_until is not None:
                self._ready_until = None  # the count is dropped; a new one runs on resume
            else:
                self._frozen_remaining = self._deadline - now
                self._elapsed_before += now - self._run_started
            self.status = Status.PAUSED
            self._emit(Paused(self._elapsed_before))

    def resume(self) -> None:
        """Carry on after a pause: straight away, or after a get-ready count."""
        if self.status is Status.PAUSED:
            now = self._clock()
            self.status = Status.RUNNING
            self._emit(Resumed(self._elapsed_before))
            if self.get_ready > 0:
                self._begin_count(now, after_pause=True)
                self.tick()
            elif self._enter_pending:
                self._enter(self.index, now)
            else:
                self._deadline = now + self._frozen_remaining
                self._run_started = now

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
        """Move to ``index`` now; a get-ready count in progress is dropped (the runner is at
        the keyboard, choosing where to go)."""
        now = self._clock()
        self._ready_until = None
        self._enter(index, now)
        if self.status is Status.PAUSED:
            self._frozen_remaining = self.segment.duration
        else:
            self._inner_events(now)

    def _begin_count(self, now: float, after_pause: bool) -> None:
        self._ready_until = now + self.get_ready
        self._next_ready = math.ceil(self.get_ready) - 1  # the first number is the count's start
        self._emit(GetReady(self._elapsed_before, self.segment, self.get_ready, after_pause))

    def _count_events(self, now: float) -> None:
        """The whole seconds of the get-ready count (only the latest, if ticks came late)."""
        assert self._ready_until is not None
        left = self._ready_until - now
        if self._next_ready >= 1 and left <= self._next_ready:
            number = max(1, math.ceil(left))
            self._next_ready = number - 1
            self._emit(ReadyCount(self._elapsed_before, number))

    def _end_count(self, ended: float) -> None:
        """The count is over at ``ended``: the segment starts, or carries on, from then."""
        self._ready_until = None
        if self.status is not Status.RUNNING:
            return
        if self._enter_pending:
            self._run_started = ended
            self._enter(self.index, ended)
        else:
            self._deadline = ended + self._frozen_remaining
            self._run_started = ended
            self._emit(CarryOn(self._elapsed_before, self.segment))

    def _enter(self, index: int, started: float) -> None:
        if self._enter_pending and self.status is Status.RUNNING:
            self._run_started = started  # the lesson's time starts with its first segment
        self._enter_pending = False
        self.index = index
        segment = self.plan[index]
        self._deadline = started + segment.duration
        self._next_countdown = COUNTDOWN_FROM if segment.duration > COUNTDOWN_FROM else 0
        self._rep = 0
        self._halfway_done = False
        self._next_prompt = 0
        at = self._elapsed_at(started)
        if segment.kind is SegmentKind.SWITCH:
            self._emit(SideSwitched(at, segment.step, segment.side or ""))
        elif segment.kind is SegmentKind.REST:
            self._emit(RestStarted(at, segment, index, self.next_work()))
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
        if segment.kind is SegmentKind.WORK:
            self._prompt_events(segment, into)
        left = self._deadline - now
        if self._next_countdown >= 1 and left <= self._next_countdown:
            number = max(1, math.ceil(left))
            self._next_countdown = number - 1
            self._emit(CountdownTick(at, number))

    def _prompt_events(self, segment: Segment, into: float) -> None:
        """Every prompt of the step whose time has come, stamped with its own time."""
        prompts = segment.step.prompts
        if self._next_prompt >= len(prompts):
            return
        times = segment.step.prompt_times
        scale = segment.duration / segment.step.work_seconds  # the tempo
        began = self._deadline - segment.duration
        while self._next_prompt < len(prompts):
            number = self._next_prompt
            offset = times[number] * scale
            if into + _EPSILON < offset:
                return
            self._next_prompt += 1
            at = self._elapsed_at(began + offset)
            text = prompts[number].text
            self._emit(PromptDue(at, segment, text, number + 1, len(prompts)))

    def _segment_done(self) -> None:
        segment = self.segment
        later_work = any(
            s.kind is SegmentKind.WORK and s.step_index == segment.step_index
            for s in self.plan[self.index + 1 :]
        )
        if segment.kind is SegmentKind.WORK and not later_work:
            self.steps_done.add(segment.step_index)

    def _elapsed_at(self, instant: float) -> float:
        """Elapsed time at ``instant``; while paused or counting, time stands still."""
        if self.status is not Status.RUNNING or self._ready_until is not None:
            return self._elapsed_before
        return self._elapsed_before + instant - self._run_started

    def _finish(self, completed: bool, at: float) -> None:
        if self.status is Status.RUNNING and self._ready_until is None:
            self._elapsed_before = self._elapsed_at(at)
        self._ready_until = None
        self.status = Status.FINISHED
        self._rep = 0
        total_steps = len(self.lesson.steps)
        self._emit(
            LessonFinished(self._elapsed_before, completed, len(self.steps_done), total_steps)
        )
