"""The ``[sound]`` table of ``config.toml``: which backend, how loud, whether to speak cues.

A missing file or table means the defaults. A mistake gets one line naming the file and line,
``config.toml:3: [sound] volume must be a number from 0.0 to 1.0, not 8``, as every other user
file error does. Tables other than ``[sound]`` belong to other parts of freefeet and are left
alone here, except that :func:`load_ui_tables` hands ``[ui]`` and ``[keys]`` (the app's theme
and key bindings) to the command line, which has the app check the names before it starts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from freefeet_tui.audio.backends import BACKEND_NAMES
from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.toml_lines import KeyPath, decode_error_line, key_lines, line_for

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
    text = read_config_text(path)
    return SoundConfig() if text is None else parse_sound_config(text, path)


def read_config_text(path: Path) -> str | None:
    """The text of config.toml (a BOM dropped), or None when there is no such file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(path, line, "the file is not UTF-8 text") from None


def parse_config(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise ConfigError(path, line, f"not valid TOML: {message}") from None


@dataclass(frozen=True)
class UiTables:
    """``[ui] theme`` and ``[keys]`` as written, with where each sits for error lines.

    Only their shape is checked here (a string, a table of strings); whether the theme exists
    and the ids are bindings is the app's to say (``freefeet_tui.tui.ui_config``)."""

    path: Path
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, *where: str) -> int | None:
        """The line of ``[ui] theme`` (``"ui", "theme"``) or of a key binding (``"keys", ID``)."""
        return _line(self.lines, where)


def _line(lines: dict[KeyPath, int], where: tuple[str, ...]) -> int | None:
    """Where ``where`` sits, its id quoted (``"player.pause" =``) or dotted (``player.pause =``)."""
    dotted = tuple(part for name in where for part in name.split("."))
    return lines.get(where) or line_for(lines, dotted)


UI_KEYS = ("theme",)


def load_ui_tables(path: Path) -> UiTables:
    """Read ``[ui]`` and ``[keys]`` from ``path``; nothing set when the file does not exist.

    ``[keys]`` maps a binding id to keys: ``"player.pause" = "space,k"``. An id written
    without quotes (``player.pause = "k"``) is a dotted key in TOML; it is read the same way.
    """
    text = read_config_text(path)
    if text is None:
        return UiTables(path)
    data = parse_config(text, path)
    lines = key_lines(text)

    def fail(where: tuple[str, ...], message: str) -> ConfigError:
        return ConfigError(path, _line(lines, where), message)

    ui: Any = data.get("ui", {})
    if not isinstance(ui, dict):
        raise fail(("ui",), "ui must be a table: write [ui] on a line of its own")
    for key in ui:
        if key not in UI_KEYS:
            raise fail(("ui", key), f'[ui] has no setting "{key}"; the settings are theme')
    theme = ui.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise fail(
            ("ui", "theme"), f"[ui] theme must be a theme's name in quotes, not {_show(theme)}"
        )
    table: Any = data.get("keys", {})
    if not isinstance(table, dict):
        raise fail(("keys",), "keys must be a table: write [keys] on a line of its own")
    keys: dict[str, str] = {}
    for name, value in _flat(table):
        if not isinstance(value, str):
            raise fail(
                ("keys", name),
                f'[keys] "{name}" must be keys in quotes such as "space,k", not {_show(value)}',
            )
        keys[name] = value
    return UiTables(path, theme, keys, lines)


def _flat(table: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    """``{"player": {"pause": "k"}}`` (an unquoted dotted id) as ``[("player.pause", "k")]``."""
    items: list[tuple[str, object]] = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            items.extend(_flat(value, f"{name}."))
        else:
            items.append((name, value))
    return items


def parse_sound_config(text: str, path: Path) -> SoundConfig:
    """Check the ``[sound]`` table of config ``text`` read from ``path``."""
    data = parse_config(text, path)
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
