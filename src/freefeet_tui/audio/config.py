"""The ``[sound]`` table of ``config.toml``: which backend, how loud, whether to speak cues.

The settings, their checks and their defaults are part of the config schema in
``core/config.py``, which reads the whole file: a mistake anywhere in it is one line naming the
file and line, ``config.toml:3: [sound] volume must be a number from 0.0 to 1.0, not 8``, as
every other user file error is. Here the table becomes the audio layer's :class:`SoundConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from freefeet_tui.core.config import Config, ConfigError, example, load_config

__all__ = ["EXAMPLE", "ConfigError", "SoundConfig", "load_sound_config", "sound_config"]

EXAMPLE = example("sound")


@dataclass(frozen=True, slots=True)
class SoundConfig:
    """Sound settings; the command line's ``--audio`` overrides ``backend``."""

    backend: str = "auto"
    volume: float = 0.8
    voice: bool = True


def sound_config(config: Config) -> SoundConfig:
    """The ``[sound]`` table of checked settings."""
    return SoundConfig(**config.section("sound"))


def load_sound_config(path: Path) -> SoundConfig:
    """Read ``config.toml`` at ``path`` (every table checked) for its ``[sound]`` settings;
    defaults when the file does not exist."""
    return sound_config(load_config(path))
