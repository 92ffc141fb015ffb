"""The settings the programme's commands and screens use, read from ``config.toml``.

``[reminders] time`` (each event of the ics plan gets an alarm then) and ``[player]
discard_under`` (how many seconds a lesson may run, with no step done, before quitting keeps
the session). Both are declared, checked and defaulted by the one config reader
(``core/config.py``'s ``SECTIONS``); this module only hands them on as typed values, so the ics
writer and the player need not know the file's layout.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from freefeet_tui.core.config import Config

DISCARD_UNDER_SECONDS = 30  # config.py's default for [player] discard_under


class Settings(NamedTuple):
    """``reminder``: the time of day of each plan event's alarm (``None``: no alarms);
    ``discard_under``: seconds under which a session with no step done is not kept."""

    reminder: time | None = None
    discard_under: int = DISCARD_UNDER_SECONDS


def settings_of(config: Config) -> Settings:
    """The programme's settings from a checked config."""
    return Settings(config.get("reminders", "time"), config.get("player", "discard_under"))


def load_settings(path: Path) -> Settings:
    """The settings of the config file ``path`` (defaults when it does not exist); a mistake
    anywhere in the file raises ``core.config.ConfigError`` (``FILE:LINE: message``)."""
    from freefeet_tui.core.config import load_config

    return settings_of(load_config(path))


def alarm_trigger(at: time) -> str:
    """An ics alarm's offset from the start of an all-day event (midnight of its date)."""
    return f"TRIGGER;RELATED=START:PT{at.hour}H{at.minute}M"
