"""Lessons as plain text: the live ``play --plain`` lines and the ``lessons list``/``show`` text.

For screen readers, logs and scripts: no Textual, no colours, no cursor tricks. Every line starts
with the running time (``[1:02] Rep 2 of 8``), is flushed at once, and shows the lesson's text
as written, any control character in it shown in caret notation (``^[``), never obeyed. A
session that could not be saved ends the command with one error line and exit code 1. The
loop sleeps until the next thing that can happen (segment end, countdown number, rep,
halfway) instead of counting ticks, so its timing comes from the clock alone.
Given a sound output (``freefeet_tui.cli.sound.open_user_sound``), every cue is heard as well.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from freefeet_tui.audio import CLOSE_DRAIN
from freefeet_tui.cli.common import INTERRUPTED_EXIT, INVALID_EXIT, error_line
from freefeet_tui.core.cues import CueRouter
from freefeet_tui.core.engine import COUNTDOWN_FROM, Clock, Engine, Status
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
    SideSwitched,
    StepStarted,
)
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import ProgressStore, Session
from freefeet_tui.core.recorder import SessionRecorder, discarded_text, resume_step
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import clock_text, length_text, plural, tempo_length_text

if TYPE_CHECKING:
    from freefeet_tui.audio import SoundCueOutput

MAX_SLEEP = 0.5  # wake at least this often, whatever the plan says
WAKE_MARGIN = 0.002  # sleep a hair past a boundary so the tick lands after it, not before
SOUND_READY_WAIT = 3.0  # the longest the first line waits for the lesson's sounds to decode

Sleep = Callable[[float], None]


def _sentence(title: str, text: str) -> str:
    """Join a step title and its cue into one line without doubling punctuation."""
    joiner = " " if title.endswith((".", "!", "?", ":")) else ". "
    return f"{title}{joiner}{text}"


class PlainFormatter:
    """Turns engine events into text lines; it reads the engine for context ("Next: ...")."""

    def __init__(self, engine: Engine, *, resumed_at: int = 0, steps_before: int = 0) -> None:
        self.engine = engine
        self.resumed_at = resumed_at  # the step index a resumed session continues at
        self.steps_before = steps_before  # steps the resumed session had already done

    @property
    def steps_total(self) -> int:
        return len(self.engine.lesson.steps)

    def lines(self, event: Event) -> list[str]:
        """The lines for one event, each starting with ``[m:ss]``; empty for silent events."""
        return [f"[{clock_text(event.elapsed)}] {text}" for text in self.texts(event)]

    def texts(self, event: Event) -> list[str]:
        """What to say about ``event``, without the time stamp."""
        if isinstance(event, LessonStarted):
            return [self._started(event)]
        if isinstance(event, StepStarted):
            step = event.segment.step
            number = event.segment.step_index + 1
            texts = [
                _sentence(f"Step {number} of {self.steps_total}: {event.segment.title}", step.cue)
            ]
            if step.avoid:
                texts.append(f"Avoid: {step.avoid}")
            return texts
        if isinstance(event, RestStarted):
            following = self.engine.next_work()
            after = f"Next: {following.title}" if following else "Then the lesson ends."
            return [f"Rest {length_text(event.segment.duration)}. {after}"]
        if isinstance(event, SideSwitched):
            return [f"Switch to the {event.side} side"]
        if isinstance(event, RepStarted):
            return [f"Rep {event.rep} of {event.reps}"]
        if isinstance(event, CountdownTick):
            return [str(event.remaining)]
        if isinstance(event, Halfway):
            return ["Halfway"]
        if isinstance(event, Paused):
            return ["Paused"]
        if isinstance(event, Resumed):
            return ["Resumed"]
        if isinstance(event, LessonFinished):
            return [self._finished(event)]
        return []

    def _started(self, event: LessonStarted) -> str:
        lesson = event.lesson
        text = (
            f"{lesson.title}: {plural(len(lesson.steps), 'step')}, "
            f"{tempo_length_text(lesson.total_seconds, self.engine.tempo)}"
        )
        if self.resumed_at:
            text += f"; resuming at step {self.resumed_at + 1}"
        return text

    def _finished(self, event: LessonFinished) -> str:
        took = clock_text(event.elapsed)
        done = min(event.steps_total, self.steps_before + event.steps_done)
        if event.completed:
            return f"Finished: {done} of {event.steps_total} steps in {took}."
        at_step = self.engine.segment.step_index + 1
        return f"Stopped at step {at_step} of {event.steps_total} after {took}."


def seconds_until_next_event(engine: Engine) -> float:
    """Real seconds until the engine can next have something to say, capped at ``MAX_SLEEP``.

    Candidates: the end of the segment, the next 3-2-1 countdown number, the next rep boundary
    and the halfway point. Anything already passed is ignored; the engine decides what fires.
    """
    if engine.status is not Status.RUNNING:
        return 0.0
    left = engine.remaining()
    segment = engine.segment
    into = segment.duration - left
    candidates = [left, MAX_SLEEP]
    candidates += [left - number for number in range(1, COUNTDOWN_FROM + 1) if number < left]
    rep_time = segment.rep_time
    if rep_time:
        candidates.append((math.floor(into / rep_time) + 1) * rep_time - into)
    if into < segment.duration / 2:
        candidates.append(segment.duration / 2 - into)
    return max(0.0, min(candidates))


class LinePrinter:
    """An engine listener that writes each event's lines to ``out`` and flushes every one."""

    def __init__(self, formatter: PlainFormatter, out: TextIO) -> None:
        self.formatter = formatter
        self.out = out

    def __call__(self, event: Event) -> None:
        for line in self.formatter.lines(event):
            self.out.write(visible(line) + "\n")
            self.out.flush()


def run_plain(
    lesson: Lesson,
    out: TextIO,
    tempo: float = 1.0,
    clock: Clock = time.monotonic,
    sleep: Sleep = time.sleep,
    *,
    store: ProgressStore | None = None,
    resume: Session | None = None,
    sound: SoundCueOutput | None = None,
    discard_under: float = 0,
) -> int:
    """Play ``lesson`` to the end, printing as it goes; returns the exit code.

    With a ``store`` the session is recorded (see ``recorder.py``); with ``resume`` that
    unfinished session is continued at its step; a new session stopped within
    ``discard_under`` seconds with no step done is not kept (one line says so). With
    ``sound`` every cue is also heard: the lesson's sounds are decoded first (for at most
    ``SOUND_READY_WAIT`` seconds, so the first chime is not lost) and the output is closed
    at the end, which this function owns. Ctrl-C
    stops the lesson cleanly: the engine is stopped (the session is closed as partial), a
    one-line summary printed and 130 returned, with no traceback. A session that could not
    be saved is said in one error line, and the exit code is 1 (130 after Ctrl-C).
    """
    engine = Engine(lesson, clock, tempo)
    if sound is not None:
        engine.subscribe(CueRouter(sound))  # first: the chime before the line is written
    at_step = resume_step(resume, lesson) if resume else 0
    steps_before = min(resume.steps_done, at_step) if resume else 0
    formatter = PlainFormatter(engine, resumed_at=at_step, steps_before=steps_before)
    engine.subscribe(LinePrinter(formatter, out))
    recorder: SessionRecorder | None = None
    if store is not None:
        recorder = SessionRecorder(
            store,
            lesson,
            engine,
            tempo=tempo,
            resume=resume,
            clock=clock,
            discard_under=discard_under,
        )
        engine.subscribe(recorder)
    drain = 0.0  # only a lesson played to its end keeps its closing chord
    code = 0
    try:
        try:
            if sound is not None:
                sound.prepare(lesson).wait(SOUND_READY_WAIT)
            engine.start(at_step=at_step)
            while engine.status is Status.RUNNING:
                sleep(seconds_until_next_event(engine) + WAKE_MARGIN)
                engine.tick()
                if recorder is not None:
                    recorder.poll()
            drain = CLOSE_DRAIN
        except KeyboardInterrupt:
            if _is_terminal(out):
                out.write("\n")  # the terminal echoed ^C where the next line would start
            engine.stop()
            if engine.status is not Status.FINISHED:  # interrupted before the lesson began
                out.write("[0:00] Stopped before the first step.\n")
                out.flush()
            code = INTERRUPTED_EXIT
    finally:
        if recorder is not None:
            if not _close_recorder(recorder) and code == 0:
                code = INVALID_EXIT
            if recorder.discarded:
                out.write(discarded_text(recorder.discarded_after) + "\n")
                out.flush()
        if sound is not None:
            _close_sound(sound, drain)
    return code


def _close_sound(sound: SoundCueOutput, drain: float) -> None:
    """Let the last cue play out, then release the device; Ctrl-C here cuts the wait short."""
    try:
        sound.close(drain=drain)
    except KeyboardInterrupt:
        sound.close()


def _close_recorder(recorder: SessionRecorder) -> bool:
    """Flush the session to disk; a second Ctrl-C while saving is ignored, not a traceback.

    Returns whether the log holds the session as it ended; if not, says why in one error
    line."""
    while True:
        try:
            recorder.close()
            break
        except KeyboardInterrupt:
            continue
    if recorder.unsaved is not None:
        error_line(f"session not saved: {recorder.unsaved}")
    return recorder.unsaved is None


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
