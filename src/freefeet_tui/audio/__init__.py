"""Sound for freefeet: cue sounds and spoken cues, mixed into one output stream.

Outside the pure core on purpose. Importing this package loads none of its modules: each name
below is looked up in its own module the first time it is used (a module ``__getattr__``,
PEP 562), and the audio libraries (miniaudio, simpleaudio, pydub) load only when a backend is
opened or a file decoded. So ``from freefeet_tui.audio.tones import SAMPLE_RATE`` costs the
tones module alone, and a command that never plays a sound never pays for sound.

Typical use by the player::

    output, notice = open_sound_output(load_sound_config(locations.config_file), locations.cache)
    engine.subscribe(CueRouter(output))
    output.prepare(lesson)           # background: decode cue sounds, render and decode voice
    ...
    output.close()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ brings each name in
    from freefeet_tui.audio.backends import (
        BACKEND_NAMES,
        Backend,
        installed_backends,
        open_backend,
    )
    from freefeet_tui.audio.bank import DecodeError, SoundBank, decode_file
    from freefeet_tui.audio.config import ConfigError, SoundConfig, load_sound_config
    from freefeet_tui.audio.mixer import Mixer, Sound
    from freefeet_tui.audio.output import Preparation, SoundCueOutput, open_sound_output
    from freefeet_tui.audio.tones import CUE_FREQUENCIES, SAMPLE_RATE
    from freefeet_tui.audio.voice import VoiceEngine, find_engines, render_lesson

CLOSE_DRAIN = 1.0
"""The longest closing an output waits for queued sound (a finished lesson's chord) to play
out: the app, plain mode and ``freefeet sound test`` all close with it. Defined here, not in a
module, so the app can use it without loading any of them."""

_HOMES = {
    "BACKEND_NAMES": "backends",
    "Backend": "backends",
    "installed_backends": "backends",
    "open_backend": "backends",
    "DecodeError": "bank",
    "SoundBank": "bank",
    "decode_file": "bank",
    "ConfigError": "config",
    "SoundConfig": "config",
    "load_sound_config": "config",
    "Mixer": "mixer",
    "Sound": "mixer",
    "Preparation": "output",
    "SoundCueOutput": "output",
    "open_sound_output": "output",
    "CUE_FREQUENCIES": "tones",
    "SAMPLE_RATE": "tones",
    "VoiceEngine": "voice",
    "find_engines": "voice",
    "render_lesson": "voice",
}
"""Each public name and the module of this package it lives in."""

__all__ = [
    "BACKEND_NAMES",
    "CLOSE_DRAIN",
    "CUE_FREQUENCIES",
    "SAMPLE_RATE",
    "Backend",
    "ConfigError",
    "DecodeError",
    "Mixer",
    "Preparation",
    "Sound",
    "SoundBank",
    "SoundConfig",
    "SoundCueOutput",
    "VoiceEngine",
    "decode_file",
    "find_engines",
    "installed_backends",
    "load_sound_config",
    "open_backend",
    "open_sound_output",
    "render_lesson",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use and kept here for the next."""
    home = _HOMES.get(name)
    if home is None:  # also how ``from freefeet_tui.audio import bank`` finds the submodule
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
