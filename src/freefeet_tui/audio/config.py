"""The ``[sound]`` table of ``config.toml``: which backend, how loud, whether to speak cues.

A missing file or table means the defaults. A mistake gets one line naming the file and line,
``config.toml:3: [sound] volume must be a number from 0.0 to 1.0, not 8``, as every other user
file error does. Tables other than ``[sound]`` belong to other parts of freefeet and are left
alone here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from freefeet_tui.audio.backends import BACKEND_NAMES
from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.toml_lines import decode_error_line, key_lines, line_for

SOUND_KEYS = ("backend", "volume", "voice")

EXAMPLE = """\
[sound]
backend = "auto"   # auto, miniaudio, simpleaudio, bell or none
volume = 0.8       # 0.0 to 1.0; the player's volume keys change it for the session
voice = true       # speak cues when a clip or a voice engine is there
"""


class ConfigError(FileProblem):
    """A config file that cannot be used; ``str()`` is ``FILE:LINE: message``."""


@dataclass(frozen=True, slots=True)
class SoundConfig:
    """Sound settings; the command line's ``--audio`` overrides ``backend``."""

    backend: str = "auto"
    volume: float = 0.8
    voice: bool = True


def load_sound_config(path: Path) -> SoundConfig:
    """Read ``[sound]`` from ``path``; defaults when the file does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SoundConfig()
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(path, line, "the file is not UTF-8 text") from None
    return parse_sound_config(text, path)


def parse_sound_config(text: str, path: Path) -> SoundConfig:
    """Check the ``[sound]`` table of config ``text`` read from ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise ConfigError(path, line, f"not valid TOML: {message}") from None
    lines = key_lines(text)

    def fail(key: str | None, message: str) -> ConfigError:
        where: tuple[str, ...] = ("sound", key) if key else ("sound",)
        return ConfigError(path, line_for(lines, where), message)

    table: Any = data.get("sound", {})
    if not isinstance(table, dict):
        raise fail(None, "sound must be a table: write [sound] on a line of its own")
    for key in table:
        if key not in SOUND_KEYS:
            known = ", ".join(SOUND_KEYS)
            raise fail(key, f'[sound] has no setting "{key}"; the settings are {known}')
    config = SoundConfig()
    backend = table.get("backend", config.backend)
    if not isinstance(backend, str) or backend not in BACKEND_NAMES:
        names = ", ".join(BACKEND_NAMES)
        raise fail("backend", f"[sound] backend must be one of {names}, not {_show(backend)}")
    volume = table.get("volume", config.volume)
    if isinstance(volume, bool) or not isinstance(volume, int | float) or not 0 <= volume <= 1:
        raise fail(
            "volume", f"[sound] volume must be a number from 0.0 to 1.0, not {_show(volume)}"
        )
    voice = table.get("voice", config.voice)
    if not isinstance(voice, bool):
        raise fail("voice", f"[sound] voice must be true or false, not {_show(voice)}")
    return SoundConfig(backend=backend, volume=float(volume), voice=voice)


def _show(value: object) -> str:
    """A value as the user wrote it in TOML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value) if isinstance(value, int | float) else type(value).__name__
