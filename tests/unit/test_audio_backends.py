"""Backends without a device: choosing, the bell, the pull generator, and lazy imports.

Playback through miniaudio and simpleaudio, and falling back from a missing device, are
exercised for real in ``test_audio_sink.py``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from array import array

import pytest

from freefeet_tui.audio import backends
from freefeet_tui.audio.backends import (
    BACKEND_NAMES,
    BellBackend,
    NoneBackend,
    installed_backends,
    open_backend,
)
from freefeet_tui.audio.mixer import Mixer, Sound
from freefeet_tui.audio.tones import SAMPLE_RATE


def test_none_is_silence_without_a_notice() -> None:
    backend, notice = open_backend("none", Mixer())
    assert isinstance(backend, NoneBackend) and notice is None
    assert not backend.plays_samples
    backend.ring()
    backend.close()


def test_an_unknown_backend_name_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="choose one of auto, miniaudio, simpleaudio, bell, none"):
        open_backend("alsa", Mixer())
    assert BACKEND_NAMES == ("auto", "miniaudio", "simpleaudio", "bell", "none")


def test_the_bell_calls_the_tuis_bell_when_given_one() -> None:
    rings: list[int] = []
    backend, notice = open_backend("bell", Mixer(), ring=lambda: rings.append(1))
    assert isinstance(backend, BellBackend) and notice is None
    backend.ring()
    backend.ring()
    assert rings == [1, 1]
    assert backend.describe() == "the terminal bell"


def test_the_bell_writes_bel_to_a_stream_and_survives_a_closed_one() -> None:
    stream = io.StringIO()
    bell = BellBackend(stream=stream)
    bell.ring()
    assert stream.getvalue() == "\a"
    stream.close()
    bell.ring()  # a closed terminal is not worth a crash


def test_a_failing_tui_bell_does_not_escape() -> None:
    def broken() -> None:
        raise OSError("terminal gone")

    BellBackend(broken).ring()


def test_installed_backends_lists_all_and_the_bell_is_always_there() -> None:
    found = installed_backends()
    assert set(found) == {"miniaudio", "simpleaudio", "bell", "none"}
    assert found["bell"] and found["none"]


def test_the_pull_generator_gives_the_frames_asked_for() -> None:
    mixer = Mixer(volume=1.0)
    stream = backends._pull(mixer)
    assert next(stream) == b""
    mixer.add(Sound("s", array("h", [1, 2, 3])))
    assert list(stream.send(4)) == [1, 2, 3, 0]
    assert len(stream.send(441)) == 441


def test_the_pull_generator_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(Mixer):
        def mix(self, frames: int) -> array[int]:
            raise RuntimeError("bug")

    stream = backends._pull(Broken())
    next(stream)
    assert stream.send(10) == bytes(20)  # silence, and the stream goes on
    assert stream.send(5) == bytes(10)


def test_the_pull_generator_waits_when_far_ahead_of_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A device that is not real-time (the file sink) must not race through silence."""
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    stream = backends._pull(Mixer(), lead=0.5)
    next(stream)
    for _ in range(20):  # two seconds of audio asked for at once
        stream.send(SAMPLE_RATE // 10)
    # The clock stood still (sleep was only recorded), so: no wait within the lead, then
    # each wait is how far the stream has run past it.
    assert len(slept) == 15
    assert slept[0] == pytest.approx(0.1, abs=0.05)
    assert slept[-1] == pytest.approx(1.5, abs=0.05)


def test_importing_and_choosing_loads_no_audio_library() -> None:
    script = (
        "import json, sys\n"
        "from freefeet_tui.audio import Mixer, installed_backends, open_backend\n"
        "from freefeet_tui.audio import load_sound_config, SoundBank, find_engines\n"
        "installed_backends(); find_engines(); open_backend('bell', Mixer())\n"
        "heavy = ('miniaudio', 'simpleaudio', 'pydub', 'numpy', 'textual')\n"
        "print(json.dumps([name for name in heavy if name in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_quieting_alsa_twice_is_harmless() -> None:
    backends.quiet_alsa()
    backends.quiet_alsa()
    if sys.platform.startswith("linux") and installed_backends()["miniaudio"]:
        assert backends._ALSA_HANDLER is not None
