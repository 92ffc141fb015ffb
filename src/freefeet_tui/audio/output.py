"""The cue output the player plugs into the engine: cue sounds and spoken cues, pre-decoded.

:class:`SoundCueOutput` implements ``freefeet_tui.core.cues.CueOutput``. ``play`` runs inside
the timer tick, so it only looks sounds up in memory and appends them to the mixer: nothing is
read from disk or decoded there. :meth:`SoundCueOutput.prepare` does that work for a lesson in
a background thread, rendering missing voice clips first when an engine is present. A cue whose
sound is not ready yet is simply skipped (or rings the bell backend), never waited for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from freefeet_tui.audio.backends import Backend, open_backend
from freefeet_tui.audio.bank import SoundBank
from freefeet_tui.audio.config import SoundConfig
from freefeet_tui.audio.mixer import Mixer, Sound
from freefeet_tui.audio.tones import VOICE_PEAK_DBFS
from freefeet_tui.audio.voice import (
    VoiceEngine,
    best_engine,
    cached_clip,
    lesson_texts,
    render_texts,
)
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.events import Event, SegmentKind, StepStarted
from freefeet_tui.core.lesson import Lesson

VOICE_DELAY = 0.35
"""Seconds between a step's chime and its spoken cue: the chime's attack is heard first."""

AVOID_GAP = 0.4
"""Silence between the spoken cue and its avoid reminder."""

SPEECH = "speech"
"""Mixer tag of spoken clips: a new step's words cut off the last step's unfinished ones."""


@dataclass(slots=True)
class Preparation:
    """A lesson's sounds being decoded in the background; ``wait`` to block on it (tests)."""

    lesson_id: str
    done: threading.Event = field(default_factory=threading.Event)
    sounds: int = 0
    spoken: int = 0
    rendered: int = 0
    problems: list[str] = field(default_factory=list)

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)


class SoundCueOutput:
    """Plays cues through a backend: samples into the mixer, or a bell ring."""

    def __init__(
        self,
        backend: Backend,
        mixer: Mixer,
        bank: SoundBank,
        cache_dir: Path,
        voice: bool = True,
        engine: VoiceEngine | None = None,
    ) -> None:
        self.backend = backend
        self.mixer = mixer
        self.bank = bank
        self.cache_dir = cache_dir
        self.voice = voice
        self.engine = engine
        self._speech: dict[str, Sound] = {}
        self._preparation: Preparation | None = None

    # CueOutput --------------------------------------------------------------------------
    def play(self, cue: Cue, event: Event) -> None:
        """Queue ``cue``'s sound, and on a step's start its spoken cue; returns at once."""
        try:
            if not self.backend.plays_samples:
                if not self.mixer.muted:
                    self.backend.ring()
                return
            sound = self.bank.cue(cue)
            if sound is not None:
                self.mixer.add(sound)
            if isinstance(event, StepStarted) and event.segment.kind is SegmentKind.WORK:
                self._speak_step(event)
        except Exception:  # a cue must never take the lesson down (CueOutput's contract)
            return

    def play_now(self, cue: Cue) -> bool:
        """Sound one cue at once, decoding it first if needed: for ``freefeet sound test``.

        Returns False when the cue's file could not be decoded (see ``bank.problems``).
        """
        if not self.backend.plays_samples:
            self.backend.ring()
            return True
        sound = self.bank.load(self.bank.cue_path(cue))
        if sound is None:
            return False
        self.mixer.add(sound)
        return True

    def _speak_step(self, event: StepStarted) -> None:
        step = event.segment.step
        delay = VOICE_DELAY
        if not self.voice:
            return
        self.mixer.cancel(SPEECH)
        spoken = self.bank.get(step.clip) if step.clip is not None else self.speech(step.cue)
        if spoken is not None:
            self.mixer.add(spoken, delay, SPEECH)
            delay += spoken.seconds + AVOID_GAP
        reminder = self.speech(step.avoid) if step.avoid else None
        if reminder is not None:
            self.mixer.add(reminder, delay, SPEECH)

    def speech(self, text: str) -> Sound | None:
        """The decoded voice clip for ``text`` when voice is on and it is ready."""
        return self._speech.get(text) if self.voice else None

    # preparing ---------------------------------------------------------------------------
    def prepare(self, lesson: Lesson, background: bool = True) -> Preparation:
        """Decode every sound ``lesson`` needs (rendering missing voice clips first).

        Runs in a daemon thread unless ``background`` is False; call it when the lesson
        starts, after the first screen is drawn.
        """
        preparation = Preparation(lesson.id)
        self._preparation = preparation
        if background:
            threading.Thread(
                target=self._prepare, args=(lesson, preparation), name="freefeet-sound", daemon=True
            ).start()
        else:
            self._prepare(lesson, preparation)
        return preparation

    @property
    def preparation(self) -> Preparation | None:
        return self._preparation

    def _prepare(self, lesson: Lesson, preparation: Preparation) -> None:
        known = len(self.bank.problems)
        try:
            if self.backend.plays_samples:
                preparation.sounds = self.bank.load_cues()
                if self.voice:
                    self._prepare_voice(lesson, preparation)
            preparation.problems.extend(self.bank.problems[known:])
        except Exception as exc:  # never let a background decode kill anything
            preparation.problems.append(f"sound: {exc}")
        finally:
            preparation.done.set()

    def _prepare_voice(self, lesson: Lesson, preparation: Preparation) -> None:
        """Recorded clips and cached speech first, then render the rest in one batch.

        One batch matters for Piper, which loads its model once per batch (about a second).
        """
        for step in lesson.steps:
            if step.clip is not None:
                preparation.spoken += self.bank.load(step.clip, VOICE_PEAK_DBFS) is not None
        texts = lesson_texts(lesson)
        missing = [text for text in texts if not self._decode_speech(text)]
        if missing and self.engine is not None:
            report = render_texts(missing, self.cache_dir, self.engine)
            preparation.rendered += len(report.rendered)
            preparation.problems.extend(report.failed)
            missing = [text for text in missing if not self._decode_speech(text)]
        preparation.spoken += len(texts) - len(missing)

    def _decode_speech(self, text: str) -> bool:
        """Decode the cached clip for ``text`` if there is one; whether it is ready now."""
        if text in self._speech:
            return True
        path = cached_clip(self.cache_dir, text)
        sound = None if path is None else self.bank.load(path)  # stored at the voice level
        if sound is None:
            return False
        self._speech[text] = sound
        return True

    # controls ----------------------------------------------------------------------------
    def volume_up(self) -> float:
        return self.mixer.volume_up()

    def volume_down(self) -> float:
        return self.mixer.volume_down()

    def toggle_mute(self) -> bool:
        return self.mixer.toggle_mute()

    def stop_all(self) -> None:
        """Silence whatever is playing (the lesson was stopped, or a step skipped)."""
        self.mixer.clear()

    @property
    def busy(self) -> bool:
        """Whether any sound is still queued or playing."""
        return self.mixer.busy or self.backend.busy

    def close(self, drain: float = 0.0) -> None:
        """Stop all sound and release the device.

        ``drain`` lets what is queued play out first, for at most that many seconds: pass
        ``CLOSE_DRAIN`` after a finished lesson so its closing chord is not cut off.
        """
        deadline = time.monotonic() + drain
        while self.busy and time.monotonic() < deadline:
            time.sleep(0.02)
        self.mixer.clear()
        self.backend.close()


def open_sound_output(
    config: SoundConfig,
    cache_dir: Path,
    audio_dir: Path | None = None,
    backend: str | None = None,
    ring: Callable[[], None] | None = None,
) -> tuple[SoundCueOutput, str | None]:
    """Everything the player needs for sound, from the config (``backend`` overrides it).

    Returns the output and a one-line notice when a backend had to be skipped. Opens the
    device at once but decodes nothing: call :meth:`SoundCueOutput.prepare` at lesson start.
    """
    if audio_dir is None:
        from freefeet_tui.core.locations import builtin_audio_dir

        audio_dir = builtin_audio_dir()
    mixer = Mixer(volume=config.volume)
    chosen, notice = open_backend(backend or config.backend, mixer, ring)
    engine = best_engine() if config.voice and chosen.plays_samples else None
    output = SoundCueOutput(chosen, mixer, SoundBank(audio_dir), cache_dir, config.voice, engine)
    return output, notice
