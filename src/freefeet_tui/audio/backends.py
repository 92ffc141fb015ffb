"""Where mixed sound goes: miniaudio, simpleaudio, the terminal bell, or nowhere.

``open_backend`` never raises for a missing library or sound device: it moves down the chain
miniaudio, simpleaudio, bell and says so in one line. The audio libraries are imported only
here, inside the functions that open them, so importing this module stays cheap.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import sys
import threading
import time
from array import array
from collections.abc import Callable
from typing import Any, ClassVar, TextIO

from freefeet_tui.audio.mixer import Mixer, sum_clip
from freefeet_tui.audio.tones import CHANNELS, SAMPLE_RATE, SAMPLE_WIDTH
from freefeet_tui.core.config import SOUND_BACKENDS

BACKEND_NAMES = SOUND_BACKENDS  # the names config.toml's [sound] backend takes
FALLBACK_CHAIN = ("miniaudio", "simpleaudio", "bell")
BUFFER_MS = 100  # short enough that a cue is heard at once, long enough to ride out a busy GIL
MAX_LEAD_SECONDS = 0.5  # how far a stream may run ahead of the wall clock (see _pull)
BATCH_SECONDS = 0.005  # simpleaudio waits this long after a sound arrives for others to join it
SIMPLEAUDIO_HINT = "pip install 'freefeet-tui[simpleaudio]'"


class BackendUnavailable(Exception):
    """A backend that cannot play here; ``str()`` is a short reason."""


class Backend:
    """Base of every backend. Sample backends pull from a :class:`Mixer`; the others ring."""

    name: ClassVar[str] = "none"
    plays_samples: ClassVar[bool] = False

    def describe(self) -> str:
        return "no sound"

    @property
    def busy(self) -> bool:
        """Whether the backend is still playing something it already took from the mixer."""
        return False

    def ring(self) -> None:
        """Sound a cue without samples (only the bell does anything)."""

    def close(self) -> None:
        """Release the device; safe to call twice."""


class NoneBackend(Backend):
    """Silence, on purpose (``--audio none``)."""


class BellBackend(Backend):
    """The terminal bell: ``ring`` calls the TUI's bell, or writes BEL to a terminal."""

    name = "bell"

    def __init__(
        self, ring: Callable[[], None] | None = None, stream: TextIO | None = None
    ) -> None:
        self._ring = ring
        if stream is None and ring is None and sys.stdout is not None and sys.stdout.isatty():
            stream = sys.stdout
        self._stream = stream

    def describe(self) -> str:
        return "the terminal bell"

    def ring(self) -> None:
        try:
            if self._ring is not None:
                self._ring()
            elif self._stream is not None:
                self._stream.write("\a")
                self._stream.flush()
        except (OSError, ValueError):
            pass  # a closed terminal: a cue is never worth a crash


_ALSA_HANDLER: Any = None


def quiet_alsa() -> None:
    """Stop alsa-lib printing errors on stderr, where they would scribble over the TUI.

    A missing device is reported through our notice instead. Harmless where ALSA is absent.
    """
    global _ALSA_HANDLER
    if _ALSA_HANDLER is not None or not sys.platform.startswith("linux"):
        return
    try:
        library = ctypes.CDLL("libasound.so.2")
    except OSError:
        return
    prototype = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    handler = prototype(lambda *_args: None)
    library.snd_lib_error_set_handler(handler)
    _ALSA_HANDLER = handler  # keep it alive as long as the library may call it


def _pull(mixer: Mixer, lead: float = MAX_LEAD_SECONDS) -> Any:
    """The generator miniaudio pulls frames from; it never raises, or playback would stop.

    A real device asks for frames at the pace it plays them. A device that is not real-time
    (ALSA's file sink, some virtual devices) asks as fast as the CPU allows and would burn a
    core and gigabytes of disk on silence: once the stream is ``lead`` seconds ahead of the
    wall clock, the pull sleeps. A real device never gets that far ahead.
    """
    frames: int = yield b""
    started = time.monotonic()
    sent = 0
    while True:
        try:
            block: array[int] | bytes = mixer.mix(frames)
        except Exception:
            block = bytes(SAMPLE_WIDTH * frames)
        sent += frames
        ahead = sent / SAMPLE_RATE - (time.monotonic() - started) - lead
        if ahead > 0:
            time.sleep(ahead)
        frames = yield block


class MiniaudioBackend(Backend):
    """One long-lived miniaudio stream that pulls mixed frames from the mixer."""

    name = "miniaudio"
    plays_samples = True

    def __init__(self, mixer: Mixer, buffer_ms: int = BUFFER_MS) -> None:
        try:
            import miniaudio
        except ImportError:
            raise BackendUnavailable("miniaudio is not installed") from None
        quiet_alsa()
        try:
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=CHANNELS,
                sample_rate=SAMPLE_RATE,
                buffersize_msec=buffer_ms,
                app_name="freefeet",
            )
        except miniaudio.MiniaudioError as exc:
            raise BackendUnavailable(f"no sound device ({_reason(exc)})") from None
        stream = _pull(mixer)
        next(stream)
        try:
            device.start(stream)
        except miniaudio.MiniaudioError as exc:
            device.close()
            raise BackendUnavailable(f"the sound device would not start ({_reason(exc)})") from None
        self._device: Any = device
        self.mixer = mixer
        # A device thread still running at interpreter exit can hang it: close first.
        atexit.register(self.close)

    def describe(self) -> str:
        return f"miniaudio through {self._device.backend}"

    def close(self) -> None:
        device, self._device = self._device, _Closed()
        device.close()
        atexit.unregister(self.close)


class _Closed:
    backend = "a closed device"

    def close(self) -> None:
        pass


def _reason(exc: BaseException) -> str:
    return " ".join(str(part) for part in exc.args) or type(exc).__name__


class SimpleaudioBackend(Backend):
    """simpleaudio has no stream, only whole buffers, so this mixes in the app.

    A player thread waits for sounds. When one arrives while a buffer is still playing, it
    stops that buffer and plays a new one: the unplayed rest summed with the new sound. So
    overlapping cues mix instead of fighting over the device.
    """

    name = "simpleaudio"
    plays_samples = True

    def __init__(self, mixer: Mixer) -> None:
        try:
            import simpleaudio
        except ImportError:
            raise BackendUnavailable(f"simpleaudio is not installed ({SIMPLEAUDIO_HINT})") from None
        quiet_alsa()
        try:  # a few ms of silence: a missing device shows now, not at the first cue
            simpleaudio.play_buffer(bytes(SAMPLE_WIDTH * 441), CHANNELS, SAMPLE_WIDTH, SAMPLE_RATE)
        except Exception as exc:  # simpleaudio raises its own, unexported error type
            raise BackendUnavailable(f"no sound device ({_reason(exc)})") from None
        self._simpleaudio: Any = simpleaudio
        self.mixer = mixer
        self._wake = threading.Event()
        self._closed = False
        self._playing: Any = None
        self.problems: list[str] = []
        mixer.on_add = self._wake.set
        self._thread = threading.Thread(target=self._run, name="freefeet-simpleaudio", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    def describe(self) -> str:
        return "simpleaudio (mixed in the app)"

    def _run(self) -> None:
        buffer = array("h")
        started = 0.0
        while True:
            self._wake.wait()
            time.sleep(BATCH_SECONDS)  # cues of one engine tick arrive together: one buffer
            self._wake.clear()
            if self._closed:
                return
            tail = array("h")
            playing = self._playing
            if playing is not None and playing.is_playing():
                done = int((time.monotonic() - started) * SAMPLE_RATE)
                tail = buffer[done:]
                playing.stop()
            fresh = self.mixer.render_all()
            buffer = sum_clip([(0, tail), (0, fresh)], max(len(tail), len(fresh)))
            if not buffer or self.mixer.muted:
                self._playing = None
                continue
            try:
                self._playing = self._simpleaudio.play_buffer(
                    buffer.tobytes(), CHANNELS, SAMPLE_WIDTH, SAMPLE_RATE
                )
            except Exception as exc:  # the device went away mid-lesson: note it, stay quiet
                self._playing = None
                if len(self.problems) < 10:
                    self.problems.append(f"simpleaudio: {_reason(exc)}")
            started = time.monotonic()

    @property
    def busy(self) -> bool:
        playing = self._playing
        return playing is not None and bool(playing.is_playing())

    def close(self) -> None:
        self._closed = True
        self._wake.set()
        playing = self._playing
        if playing is not None:
            playing.stop()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=1.0)
        if self.mixer.on_add == self._wake.set:
            self.mixer.on_add = None
        atexit.unregister(self.close)


def installed_backends() -> dict[str, bool]:
    """Which backends could be tried, found without importing any audio library."""
    return {
        "miniaudio": importlib.util.find_spec("miniaudio") is not None,
        "simpleaudio": importlib.util.find_spec("simpleaudio") is not None,
        "bell": True,
        "none": True,
    }


def _open_one(name: str, mixer: Mixer, ring: Callable[[], None] | None) -> Backend:
    if name == "miniaudio":
        return MiniaudioBackend(mixer)
    if name == "simpleaudio":
        return SimpleaudioBackend(mixer)
    if name == "bell":
        return BellBackend(ring)
    return NoneBackend()


def open_backend(
    name: str, mixer: Mixer, ring: Callable[[], None] | None = None
) -> tuple[Backend, str | None]:
    """Open ``name`` ("auto" tries miniaudio, simpleaudio, then the bell).

    Returns the backend that opened and, when something had to be skipped, a one-line notice
    such as ``sound: miniaudio: no sound device (...); using the terminal bell``. Only an
    unknown name raises (``ValueError``): that is a usage error, caught by the CLI earlier.
    """
    if name not in BACKEND_NAMES:
        raise ValueError(
            f"unknown sound backend {name!r}; choose one of {', '.join(BACKEND_NAMES)}"
        )
    if name == "none":
        return NoneBackend(), None
    chain = FALLBACK_CHAIN if name == "auto" else FALLBACK_CHAIN[FALLBACK_CHAIN.index(name) :]
    skipped: list[str] = []
    for candidate in chain:
        try:
            backend = _open_one(candidate, mixer, ring)
        except BackendUnavailable as exc:
            if name != "auto" or candidate != "simpleaudio" or "not installed" not in str(exc):
                skipped.append(f"{candidate}: {exc}")
            continue
        notice = f"sound: {'; '.join(skipped)}; using {backend.describe()}" if skipped else None
        return backend, notice
    raise AssertionError("the bell always opens")  # pragma: no cover
