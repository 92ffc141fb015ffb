"""The ``[reminders]`` and ``[practice]`` tables of ``config.toml``.

``[reminders] time = "07:30"`` gives every event of the ics plan an alarm at that time of its
day. ``[practice] discard_under = 30`` is how many seconds a lesson may run, with no step done,
before quitting it keeps the session (fewer is an accidental start and is not saved; 0 keeps
every start). A missing file or table means the defaults; a mistake is one line naming the
file and line, as for every user file. The ``[sound]`` table is read by ``audio/config.py``.
"""

from __future__ import annotations

from pathlib import Path

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.named_tuple import NamedTuple

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import Any

DISCARD_UNDER_SECONDS = 30
MAX_DISCARD_SECONDS = 600
REMINDER_KEYS = ("time",)
PRACTICE_KEYS = ("discard_under",)


class SettingsError(FileProblem):
    """A config file that cannot be used; ``str()`` is ``FILE:LINE: message``."""


class Reminder(NamedTuple):
    """A time of day for each plan event's alarm."""

    hour: int
    minute: int

    def trigger(self) -> str:
        """The alarm's offset from the start of an all-day event: midnight of its date."""
        return f"TRIGGER;RELATED=START:PT{self.hour}H{self.minute}M"

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


class Settings(NamedTuple):
    reminder: Reminder | None = None
    discard_under: int = DISCARD_UNDER_SECONDS


def parse_time(text: str) -> Reminder | None:
    """``"07:30"`` as a reminder, or ``None`` when it is not a time of day ``HH:MM``."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit()) or len(minutes) != 2:
        return None
    hour, minute = int(hours), int(minutes)
    return Reminder(hour, minute) if hour < 24 and minute < 60 else None


def load_settings(path: Path) -> Settings:
    """Read ``[reminders]`` and ``[practice]`` from ``path``; defaults when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise SettingsError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SettingsError(path, line, "the file is not UTF-8 text") from None
    return parse_settings(text, path)


def parse_settings(text: str, path: Path) -> Settings:
    import tomllib

    from freefeet_tui.core.toml_lines import decode_error_line, key_lines, line_for

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise SettingsError(path, line, f"not valid TOML: {message}") from None

    def fail(where: tuple[str, ...], message: str) -> SettingsError:
        return SettingsError(path, line_for(key_lines(text), where), message)

    def table(name: str, keys: tuple[str, ...]) -> dict[str, Any]:
        found: Any = data.get(name, {})
        if not isinstance(found, dict):
            raise fail((name,), f"{name} must be a table: write [{name}] on a line of its own")
        for key in found:
            if key not in keys:
                known = ", ".join(keys)
                raise fail(
                    (name, key), f'[{name}] has no setting "{key}"; the settings are {known}'
                )
        return found

    reminders = table("reminders", REMINDER_KEYS)
    reminder = None
    if "time" in reminders:
        value = reminders["time"]
        reminder = parse_time(value) if isinstance(value, str) else None
        if reminder is None:
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            raise fail(
                ("reminders", "time"),
                f'[reminders] time must be a time of day in quotes, such as "07:30", not {shown}',
            )
    practice = table("practice", PRACTICE_KEYS)
    discard = practice.get("discard_under", DISCARD_UNDER_SECONDS)
    if (
        isinstance(discard, bool)
        or not isinstance(discard, int)
        or not 0 <= discard <= MAX_DISCARD_SECONDS
    ):
        raise fail(
            ("practice", "discard_under"),
            f"[practice] discard_under must be a whole number of seconds from 0 to "
            f"{MAX_DISCARD_SECONDS}, not {discard!r}",
        )
    return Settings(reminder, discard)
