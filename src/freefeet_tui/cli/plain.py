"""Lessons as plain text: the live ``play --plain`` lines and the ``lessons list``/``show`` text.

For screen readers, logs and scripts: no Textual, no colours, no cursor tricks. Every line starts
with the running time (``[1:02] Rep 2 of 8``), is flushed at once, and shows the lesson's text
exactly as written (any control character in it shown in caret notation, ``^[``, never
obeyed): each step's cue, then its prompts as they fall due. A session that could not be saved
ends the command with one error line and exit code 1. The loop sleeps until the next thing that
can happen (segment end, countdown number, rep, halfway, prompt, a second of the get-ready
count) instead of counting ticks, so its timing comes from the clock alone. Given a sound output
(``freefeet_tui.cli.sound.open_user_sound``), every cue is heard and every line spoken as well;
a prompt the voice was too busy to say gets a note under it.
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
    CarryOn,
    CountdownTick,
    Event,
    GetReady,
    Halfway,
    LessonFinished,
    LessonStarted,
    Paused,
    PromptDue,
    ReadyCount,
    RepStarted,
    RestStarted,
    Resumed,
    SegmentKind,
    SideSwitched,
    StepStarted,
)
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import ProgressStore, Session
from freefeet_tui.core.recorder import SessionRecorder, resume_step, stopped_summary
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import clock_text, length_text, plural, tempo_length_text

if TYPE_CHECKING:
    from freefeet_tui.audio import SoundCueOutput

MAX_SLEEP = 0.5  # wake at least this often, whatever the plan says
WAKE_MARGIN = 0.002  # sleep a hair past a boundary so the tick lands after it, not before
SOUND_READY_WAIT = 3.0  # the longest the first line waits for the lesson's sounds to decode
NOT_SPOKEN = "(not said aloud: the voice was still speaking)"

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
            following = event.up_next
            after = f"Next: {following.title}" if following else "Then the lesson ends."
            return [f"Rest {length_text(event.segment.duration)}. {after}"]
        if isinstance(event, PromptDue):
            return [event.text]
        if isinstance(event, GetReady):
            return [self._get_ready(event)]
        if isinstance(event, ReadyCount):
            return [str(event.remaining)]
        if isinstance(event, CarryOn):
            return [f"Carrying on: {event.segment.title}"]
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

    def _get_ready(self, event: GetReady) -> str:
        seconds = length_text(event.seconds)
        if event.after_pause:
            return f"Get ready: the lesson carries on in {seconds}."
        if event.segment.kind is SegmentKind.WORK:
            number = event.segment.step_index + 1
            return f"Get ready: step {number} of {self.steps_total} starts in {seconds}."
        return f"Get ready: the lesson starts in {seconds}."

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
    counting = engine.ready_left()
    if counting is not None:  # the get-ready count: each whole second, then its end
        seconds = [counting - number for number in range(1, math.ceil(counting))]
        return max(0.0, min([counting, MAX_SLEEP, *[s for s in seconds if s > 0]]))
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
    if segment.kind is SegmentKind.WORK and segment.step.prompts:
        scale = segment.duration / segment.step.work_seconds
        candidates += [t * scale - into for t in segment.step.prompt_times if t * scale > into]
    return max(0.0, min(candidates))


class LinePrinter:
    """An engine listener that writes each event's lines to ``out`` and flushes every one.

    ``skipped`` is the voice's list of prompts it was too busy to say (the sound output's
    ``speech_queue.skipped``): each new one gets a note under its prompt's line.
    """

    def __init__(
        self, formatter: PlainFormatter, out: TextIO, skipped: list[str] | None = None
    ) -> None:
        self.formatter = formatter
        self.out = out
        self.skipped = skipped
        self._noted = 0

    def __call__(self, event: Event) -> None:
        lines = self.formatter.lines(event)
        if self.skipped is not None and len(self.skipped) > self._noted:
            self._noted = len(self.skipped)
            lines.append(f"[{clock_text(event.elapsed)}] {NOT_SPOKEN}")
        for line in lines:
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
    get_ready: float = 0.0,
    discard_under: float = 0,
) -> int:
    """Play ``lesson`` to the end, printing as it goes; returns the exit code.

    ``get_ready`` seconds of count come before the first step. With a ``store`` the session is
    recorded (see ``recorder.py``); with ``resume`` that unfinished session is continued at its
    step; a new session stopped within ``discard_under`` seconds with no step done is not kept
    (the summary line says so). With ``sound`` every cue is also heard: the lesson's sounds are
    decoded first (for at most ``SOUND_READY_WAIT`` seconds, so the first chime is not lost) and
    the output is closed at the end, which this function owns. Ctrl-C stops the lesson cleanly:
    the engine is stopped (the session is closed as partial), a one-line summary printed (steps
    done, time practised, whether it was saved) and 130 returned, with no traceback. A session
    that could not be saved is said in one error line, and the exit code is 1 (130 after
    Ctrl-C).
    """
    engine = Engine(lesson, clock, tempo, get_ready=get_ready)
    if sound is not None:
        engine.subscribe(CueRouter(sound))  # first: the chime before the line is written
    at_step = resume_step(resume, lesson) if resume else 0
    steps_before = min(resume.steps_done, at_step) if resume else 0
    formatter = PlainFormatter(engine, resumed_at=at_step, steps_before=steps_before)
    skipped = sound.speech_queue.skipped if sound is not None else None
    engine.subscribe(LinePrinter(formatter, out, skipped))
    stopped: list[LessonFinished] = []
    engine.subscribe(
        lambda event: (
            stopped.append(event)
            if isinstance(event, LessonFinished) and not event.completed
            else None
        )
    )
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
        if recorder is not None and not _close_recorder(recorder) and code == 0:
            code = INVALID_EXIT
        if stopped:
            summary = visible(stopped_summary(lesson.title, stopped[0], recorder))
            out.write(f"[{clock_text(stopped[0].elapsed)}] {summary}\n")
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
