"""``config.toml``: every setting freefeet understands, as data, and the one place that reads it.

:data:`SECTIONS` is the whole schema: each ``[table]`` and its keys, with the kind of value,
its range and its default. Adding a setting is one entry there (and a line in
``docs/config.md``); reading, checking, the error messages and the defaults follow from it.
A missing file means every default. A mistake anywhere in the file (an unknown table or key,
a value out of range) is one line naming the file and line, for every command that reads it:
``config.toml:3: [sound] volume must be a number from 0.0 to 1.0, not 8``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from freefeet_tui.core.config_values import (
    Choice,
    Flag,
    KeyBindings,
    Name,
    Number,
    Setting,
    TimeOfDay,
)
from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.settings import DISCARD_UNDER_SECONDS, GET_READY_SECONDS, Settings

SOUND_BACKENDS = ("auto", "miniaudio", "simpleaudio", "bell", "none")

SECTIONS: dict[str, dict[str, Setting] | KeyBindings] = {
    "sound": {
        "backend": Choice(SOUND_BACKENDS, "auto", "auto, miniaudio, simpleaudio, bell or none"),
        "volume": Number(0.0, 1.0, 0.8, "0.0 to 1.0; the player's keys change it for a session"),
        "voice": Flag(True, "speak cues when a clip or a voice engine is there"),
    },
    "ui": {
        "theme": Name(None, "a Textual theme such as nord, gruvbox or textual-light", "a theme"),
    },
    "keys": KeyBindings('binding id = key, e.g. check_in = "c"'),
    "reminders": {
        "time": TimeOfDay(None, "HH:MM: each event of the ics plan gets an alarm then"),
    },
    "player": {
        "get_ready": Number(
            0,
            30,
            GET_READY_SECONDS,
            "seconds of count before the first step and after a pause; 0: none",
        ),
        "discard_under": Number(
            0,
            600,
            DISCARD_UNDER_SECONDS,
            "seconds: a shorter session with no step done is not kept",
            whole=True,
        ),
    },
}
"""Every table of config.toml, its keys and their values."""


class ConfigError(FileProblem):
    """A config file that cannot be used; ``str()`` is ``FILE:LINE: message``."""


@dataclass(frozen=True)
class Config:
    """The settings of one config.toml, every key present (the default where not set).

    A setting the app checks further (a theme it has, a binding id it knows) can be pointed
    at with :meth:`line_of`, so that error too names the file and line.
    """

    values: Mapping[str, Mapping[str, Any]]
    path: Path | None = None
    text: str = field(default="", repr=False, compare=False)  # the file, for line numbers

    def section(self, name: str) -> Mapping[str, Any]:
        """One table's settings, such as ``config.section("sound")["volume"]``."""
        return self.values[name]

    def get(self, section: str, key: str) -> Any:
        """One setting: ``config.get("player", "get_ready")``."""
        return self.values[section][key]

    def line_of(self, *where: str) -> int | None:
        """The line of ``[ui] theme`` (``"ui", "theme"``) or of a key binding (``"keys", ID``,
        its id written in quotes or dotted), or of its table; None without a file."""
        return setting_line(self.text, where)

    def problem(self, where: tuple[str, ...], message: str) -> ConfigError:
        """The error for a setting the app refuses: ``config.toml:LINE: message``."""
        return ConfigError(self.path or Path("config.toml"), self.line_of(*where), message)


def setting_line(text: str, where: tuple[str, ...]) -> int | None:
    """Where a setting sits in ``text``: ``("keys", "player.pause")`` is found written as
    ``"player.pause" = ...`` or, dotted, as ``player.pause = ...``."""
    from freefeet_tui.core.toml_lines import key_lines, line_for

    lines = key_lines(text)
    dotted = tuple(part for name in where for part in name.split("."))
    return lines.get(where) or line_for(lines, dotted)


def defaults() -> Config:
    """Every setting at its default: what a missing config.toml means."""
    values: dict[str, dict[str, Any]] = {}
    for name, schema in SECTIONS.items():
        if isinstance(schema, KeyBindings):
            values[name] = {}
        else:
            values[name] = {key: setting.default for key, setting in schema.items()}
    return Config(values)


def load_config(path: Path) -> Config:
    """Read and check ``path``; every default when it does not exist."""
    from freefeet_tui.core.toml_bounds import CONFIG_LIMITS, read_bounded

    try:
        raw = read_bounded(path, CONFIG_LIMITS, ConfigError)
    except FileNotFoundError:
        return defaults()
    return parse_config(raw, path)


def parse_config(raw: bytes | str, path: Path) -> Config:
    """Check the bytes (or text) of a config file read from ``path``."""
    from freefeet_tui.core.toml_reader import CONFIG_LIMITS, parse_toml

    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    document = parse_toml(data, path, CONFIG_LIMITS, ConfigError)
    document.unknown_keys(document.data, SECTIONS, ())
    values = dict(defaults().values)
    for name, schema in SECTIONS.items():
        table = document.data.get(name)
        if table is None:
            continue
        if not isinstance(table, dict):
            document.fail((name,), f"{name} must be a table: write [{name}] on a line of its own")
        if isinstance(schema, KeyBindings):
            bindings = flat_ids(table)  # player.pause = "k" without quotes is a dotted key
            found = schema.problem(bindings)
            if found is not None:
                line = setting_line(document.text, (name, found[0]))
                raise ConfigError(path, line, f"[{name}] {found[1]}")
            values[name] = bindings
            continue
        document.unknown_keys(table, schema, (name,), f"[{name}] ")
        section = dict(values[name])
        for key, value in table.items():
            problem = schema[key].problem(value)
            if problem is not None:
                document.fail((name, key), f"[{name}] {key} {problem}")
            section[key] = schema[key].convert(value)
        values[name] = section
    return Config(values, path, document.text)


def flat_ids(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"player": {"pause": "k"}}`` (an id written without quotes) as ``{"player.pause":
    "k"}``; nesting is bounded by the reader's limits."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict) and value:
            flat.update(flat_ids(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


class UiTables(NamedTuple):
    """``[ui] theme`` (None: the app's default) and ``[keys]``, for the app to check the names
    it knows; ``line_of`` points an error at the setting."""

    config: Config
    theme: str | None
    keys: dict[str, str]

    def line_of(self, *where: str) -> int | None:
        return self.config.line_of(*where)


def load_ui_tables(path: Path) -> UiTables:
    """The app's theme and key bindings from config.toml (the whole file checked)."""
    config = load_config(path)
    return UiTables(config, config.get("ui", "theme"), dict(config.section("keys")))


def example(section: str | None = None) -> str:
    """A config.toml (or one of its tables) with every setting at its default, explained."""
    parts: list[str] = []
    for name, schema in SECTIONS.items():
        if section is not None and name != section:
            continue
        if isinstance(schema, KeyBindings):
            parts.append(f"[{name}]\n# {schema.help}\n")
            continue
        lines = [f"[{name}]"]
        for key, setting in schema.items():
            shown = setting.toml_default()
            line = f"{key} = {shown}" if shown is not None else f"# {key} = {setting.sample()}"
            lines.append(f"{line:<22} # {setting.help}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def settings_of(config: Config) -> Settings:
    """The programme's settings from a checked config."""
    return Settings(
        config.get("reminders", "time"),
        config.get("player", "discard_under"),
        float(config.get("player", "get_ready")),
    )


def load_settings(path: Path) -> Settings:
    """The settings of the config file ``path`` (defaults when it does not exist); a mistake
    anywhere in the file raises ``core.config.ConfigError`` (``FILE:LINE: message``)."""
    return settings_of(load_config(path))
