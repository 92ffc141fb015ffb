"""The TUI's sound: one cue output for the whole app, opened without delaying the first screen.

:class:`AppSound` is what the app's :class:`~freefeet_tui.core.cues.CueRouter` plays into and
what the player's keys control (volume, mute). Opening miniaudio and decoding the cue sounds
takes a fraction of a second, so the app does it in a thread after its first refresh; until the
real output is attached, cues are held for up to :data:`HOLD_SECONDS` and then played through
it (so the chime of a lesson started at once, by ``freefeet play``, is heard a moment late
rather than lost), and after that they ring the fallback (the terminal bell). Nothing here
imports an audio library: :func:`open_app_sound` does, in the opening thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from freefeet_tui.audio import CLOSE_DRAIN

if TYPE_CHECKING:
    from freefeet_tui.audio import SoundConfig
    from freefeet_tui.core.cues import Cue, CueOutput
    from freefeet_tui.core.events import Event
    from freefeet_tui.core.lesson import Lesson

HOLD_SECONDS = 1.5
"""How long a cue made before the output is ready waits for it, instead of ringing the bell."""


@runtime_checkable
class SoundControls(Protocol):
    """What a cue output offers beyond ``play``: the player's keys and the lesson's life."""

    def prepare(self, lesson: Lesson) -> object: ...

    def volume_up(self) -> float: ...

    def volume_down(self) -> float: ...

    def toggle_mute(self) -> bool: ...

    def stop_all(self) -> None: ...

    def close(self, drain: float = 0.0) -> None: ...


class SilentCueOutput:
    """Plays nothing: ``--audio none`` while the output is being opened."""

    def play(self, cue: Cue, event: Event) -> None:
        """Nothing to do, on purpose."""


class AppSound:
    """The app's cue output: holds cues until the real output is attached, then forwards.

    ``attach`` and the controls run on the app's thread; ``play`` runs in the timer tick.
    """

    def __init__(self, fallback: CueOutput, output: CueOutput | None = None) -> None:
        self.fallback = fallback
        self.output = output
        """The real output once attached (None while it is being opened)."""
        self._since = time.monotonic()
        self._held: list[tuple[Cue, Event, float]] = []
        self._muted = False  # the mute state the output was last given
        self._lesson: Lesson | None = None
        self._closer: threading.Thread | None = None
        self.closed = False

    @property
    def pending(self) -> bool:
        return self.output is None

    @property
    def controls(self) -> SoundControls | None:
        output = self.output
        return output if isinstance(output, SoundControls) else None

    # CueOutput ------------------------------------------------------------------------
    def play(self, cue: Cue, event: Event) -> None:
        """Forward ``cue``, hold it while the output opens, or ring the fallback; never raises."""
        output = self.output
        if output is None and time.monotonic() - self._since <= HOLD_SECONDS:
            self._held.append((cue, event, time.monotonic()))
            return
        with contextlib.suppress(Exception):  # a cue must never take the lesson down
            (output or self.fallback).play(cue, event)

    def attach(self, output: CueOutput | None) -> None:
        """Use ``output`` from now on (None: the fallback); play the cues held for it."""
        chosen = output if output is not None else self.fallback
        self.output = chosen
        if self.closed:
            self._close_output(0.0)
            return
        controls = self.controls
        if controls is not None:
            if self._muted:
                controls.toggle_mute()
            if self._lesson is not None:
                controls.prepare(self._lesson)
        held, self._held = self._held, []
        now = time.monotonic()
        for cue, event, at in held:
            if now - at <= HOLD_SECONDS:
                self.play(cue, event)

    # the player's controls ------------------------------------------------------------
    def prepare(self, lesson: Lesson) -> None:
        """Decode ``lesson``'s sounds in the background (now, or once the output is open)."""
        self._lesson = lesson
        controls = self.controls
        if controls is not None:
            with contextlib.suppress(Exception):
                controls.prepare(lesson)

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the output itself, so a sound already playing stops at once."""
        controls = self.controls
        if controls is not None and muted != self._muted:
            controls.toggle_mute()
        self._muted = muted

    def volume_up(self) -> float | None:
        """The new volume (0..1), or None when this output has no volume (bell, none)."""
        controls = self._volume_controls()
        return None if controls is None else controls.volume_up()

    def volume_down(self) -> float | None:
        controls = self._volume_controls()
        return None if controls is None else controls.volume_down()

    def _volume_controls(self) -> SoundControls | None:
        controls = self.controls
        backend = getattr(controls, "backend", None)
        if backend is not None and not getattr(backend, "plays_samples", False):
            return None  # the bell, or sound turned off: nothing a volume could change
        return controls

    def describe(self) -> str:
        """Where sound goes, for a notice: "the terminal bell", "no sound"..."""
        backend = getattr(self.output, "backend", None)
        describe: Callable[[], str] | None = getattr(backend, "describe", None)
        if describe is not None:
            return describe()
        return (
            "no sound"
            if isinstance(self.output or self.fallback, SilentCueOutput)
            else ("the terminal bell")
        )

    def stop_all(self) -> None:
        """Silence what is playing (a lesson was left unfinished)."""
        controls = self.controls
        if controls is not None:
            with contextlib.suppress(Exception):
                controls.stop_all()

    # closing --------------------------------------------------------------------------
    def finish(self) -> None:
        """Close in a background thread once the closing chord has played out (play mode)."""
        if self.closed or self._closer is not None:
            return
        self.closed = True
        self._closer = threading.Thread(
            target=self._close_output, args=(CLOSE_DRAIN,), name="freefeet-sound-close", daemon=True
        )
        self._closer.start()

    def close(self) -> None:
        """Release the device (the app is leaving): waits at most ``CLOSE_DRAIN`` for sound."""
        closer = self._closer
        if closer is not None:
            closer.join(CLOSE_DRAIN + 0.5)
            return
        if not self.closed:
            self.closed = True
            self._close_output(CLOSE_DRAIN)

    def _close_output(self, drain: float) -> None:
        controls = self.controls
        if controls is not None:
            with contextlib.suppress(Exception):
                controls.close(drain=drain)


def open_app_sound(
    config: SoundConfig | None, audio: str | None, ring: Callable[[], None]
) -> tuple[CueOutput | None, str | None]:
    """Open the user's sound output and decode the cue sounds: (output, notice). Slow: call it
    in a thread. Never raises; a failure is a notice and no output (the bell)."""
    try:
        from freefeet_tui.audio import SoundConfig, open_sound_output
        from freefeet_tui.core.locations import user_locations

        output, notice = open_sound_output(
            config or SoundConfig(),
            user_locations().cache,
            backend=audio,
            ring=ring,
        )
        if output.backend.plays_samples:
            output.bank.load_cues()
    except Exception as exc:  # sound must never stop the player from starting
        return None, f"sound: {exc}; using the terminal bell"
    return output, notice
