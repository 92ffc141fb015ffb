"""Sound for freefeet: cue sounds and spoken cues, mixed into one output stream.

Outside the pure core on purpose: the audio libraries (miniaudio, simpleaudio) are imported
only when a backend is opened or a file decoded, so importing this package costs nothing.

Typical use by the player::

    output, notice = open_sound_output(load_sound_config(locations.config_file), locations.cache)
    engine.subscribe(CueRouter(output))
    output.prepare(lesson)           # background: decode cue sounds, render and decode voice
    ...
    output.close()
"""

from __future__ import annotations

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

__all__ = [
    "BACKEND_NAMES",
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
