"""The kinds of value a ``config.toml`` setting can take, each checking itself.

A kind knows its default, its range and how to say what is wrong (the end of a sentence that
starts with the key: ``volume`` + ``must be a number from 0.0 to 1.0, not 8``). ``config.py``
lists the settings with these kinds; nothing else in freefeet checks a config value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import time
from typing import Any

MAX_NAME = 64
MAX_BINDINGS = 200
MAX_KEYS_TEXT = 200  # characters of one binding's keys
_NAME = rf"[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_NAME - 1}}}"
_BINDING_ID = rf"[A-Za-z0-9_.-]{{1,{MAX_NAME}}}"
_TIME = r"([01]?[0-9]|2[0-3]):([0-5][0-9])"


def shown(value: object) -> str:
    """A value as the user wrote it in TOML, short, for the end of a message."""
    from freefeet_tui.core.terminal_text import quoted

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str | int | float):
        return quoted(value)
    return "a date or time"


def _number_text(value: float) -> str:
    return repr(value)


class Setting:
    """One key of a table: its default (None: not set), a one-line help, and its checks."""

    default: Any = None
    help: str = ""

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` (ending ``not <value>``), or None."""
        raise NotImplementedError

    def convert(self, value: Any) -> Any:
        """The checked value as freefeet uses it."""
        return value

    def toml_default(self) -> str | None:
        """The default as TOML text, or None when the setting is off until set."""
        if self.default is None:
            return None
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        if isinstance(self.default, str):
            return f'"{self.default}"'
        return repr(self.default)

    def sample(self) -> str:
        """A value to show, commented out, for a setting without a default."""
        return '""'


@dataclass(frozen=True)
class Number(Setting):
    """A number from ``low`` to ``high``; with ``whole`` a whole number."""

    low: float
    high: float
    default: Any
    help: str
    whole: bool = False

    def problem(self, value: Any) -> str | None:
        kind = "a whole number" if self.whole else "a number"
        is_number = isinstance(value, int) or (isinstance(value, float) and not self.whole)
        if (
            isinstance(value, bool)
            or not is_number
            or (isinstance(value, float) and not math.isfinite(value))
            or not self.low <= value <= self.high
        ):
            low, high = _number_text(self.low), _number_text(self.high)
            return f"must be {kind} from {low} to {high}, not {shown(value)}"
        return None

    def convert(self, value: Any) -> Any:
        return int(value) if self.whole else float(value)


@dataclass(frozen=True)
class Choice(Setting):
    """One of a few words."""

    choices: tuple[str, ...]
    default: Any
    help: str

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or value not in self.choices:
            return f"must be one of {', '.join(self.choices)}, not {shown(value)}"
        return None


@dataclass(frozen=True)
class Flag(Setting):
    """``true`` or ``false``."""

    default: Any
    help: str

    def problem(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"must be true or false, not {shown(value)}"


@dataclass(frozen=True)
class Name(Setting):
    """A short name in quotes (letters, digits, ``-`` and ``_``): the app checks it is known."""

    default: Any
    help: str
    what: str = "a name"  # "a theme", for messages

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be {self.what}'s name in quotes, not {shown(value)}"
        if not re.fullmatch(_NAME, value):
            return (
                f"must be {self.what}'s name in quotes (letters, digits, - and _, at most "
                f"{MAX_NAME}), not {shown(value)}"
            )
        return None

    def sample(self) -> str:
        return '"nord"'


@dataclass(frozen=True)
class TimeOfDay(Setting):
    """A time of day in quotes, ``"HH:MM"``; read as a :class:`datetime.time`."""

    default: Any
    help: str

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or not re.fullmatch(_TIME, value):
            return f'must be a time of day in quotes, such as "07:30", not {shown(value)}'
        return None

    def convert(self, value: Any) -> Any:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))

    def sample(self) -> str:
        return '"07:30"'


@dataclass(frozen=True)
class KeyBindings:
    """A whole table of ``binding id = "keys"`` (keys separated by commas). The app knows its
    binding ids and key names and checks those; here each entry is a well-formed id and text."""

    help: str

    def problem(self, table: dict[str, Any]) -> tuple[str, str] | None:
        """The first bad entry as (its id, what is wrong), or None."""
        if len(table) > MAX_BINDINGS:
            key = list(table)[MAX_BINDINGS]
            return key, f"may hold at most {MAX_BINDINGS} bindings"
        for key, value in table.items():
            if not re.fullmatch(_BINDING_ID, key):
                return key, (
                    f"has a binding id {shown(key)}; ids are letters, digits, _ . and -, "
                    f"at most {MAX_NAME}"
                )
            if not isinstance(value, str) or not value.strip() or len(value) > MAX_KEYS_TEXT:
                return key, f'"{key}" must be keys in quotes such as "space,k", not {shown(value)}'
            if not value.isprintable():
                return key, f'"{key}" must be keys in quotes such as "space,k", not {shown(value)}'
        return None
