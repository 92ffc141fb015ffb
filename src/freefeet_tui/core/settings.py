"""The settings the programme's commands and screens use, read from ``config.toml``.

``[reminders] time`` (each event of the ics plan gets an alarm then), ``[player]
discard_under`` (how many seconds a lesson may run, with no step done, before quitting keeps
the session) and ``[player] get_ready`` (the count before the first step). Their defaults live
here; the one config reader (``core/config.py``: ``SECTIONS`` declares and checks them,
``load_settings`` reads them) hands them on as these typed values, so the ics writer and the
player need not know the file's layout.
"""

from __future__ import annotations

from datetime import time
from typing import NamedTuple

DISCARD_UNDER_SECONDS = 30  # [player] discard_under when not set
GET_READY_SECONDS = 5  # [player] get_ready when not set


class Settings(NamedTuple):
    """``reminder``: the time of day of each plan event's alarm (``None``: no alarms);
    ``discard_under``: seconds under which a session with no step done is not kept;
    ``get_ready``: seconds of count before a lesson's first step and after a resume."""

    reminder: time | None = None
    discard_under: int = DISCARD_UNDER_SECONDS
    get_ready: float = GET_READY_SECONDS


def alarm_trigger(at: time) -> str:
    """An ics alarm's offset from the start of an all-day event (midnight of its date)."""
    return f"TRIGGER;RELATED=START:PT{at.hour}H{at.minute}M"
