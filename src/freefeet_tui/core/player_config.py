"""The ``[player]`` table of ``config.toml``: how long the get-ready count before a lesson lasts.

A missing file or table means the defaults. A mistake gets one line naming the file and line,
as every other user file does: ``config.toml:7: [player] get_ready must be a number of seconds
from 0 to 60, not "soon"``. The other tables belong to other parts of freefeet (``[sound]`` to
the audio package) and are left alone here.
"""

from __future__ import annotations

from pathlib import Path

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.named_tuple import NamedTuple
from freefeet_tui.core.toml_lines import decode_error_line, key_lines, line_for

DEFAULT_GET_READY = 5.0
MAX_GET_READY = 60.0
PLAYER_KEYS = ("get_ready",)

EXAMPLE = """\
[player]
get_ready = 5      # seconds of count before the first step and after a pause; 0: none
"""


class PlayerConfigError(FileProblem):
    """A ``[player]`` table that cannot be used; ``str()`` is ``FILE:LINE: message``."""


class PlayerConfig(NamedTuple):
    """The player's settings."""

    get_ready: float = DEFAULT_GET_READY


def load_player_config(path: Path) -> PlayerConfig:
    """Read ``[player]`` from ``path``; the defaults when the file does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return PlayerConfig()
    except OSError as exc:
        problem = f"cannot read the file: {exc.strerror or exc}"
        raise PlayerConfigError(path, None, problem) from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlayerConfigError(path, line, "the file is not UTF-8 text") from None
    return parse_player_config(text, path)


def parse_player_config(text: str, path: Path) -> PlayerConfig:
    """Check the ``[player]`` table of config ``text`` read from ``path``."""
    import tomllib  # only when there is a config file to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise PlayerConfigError(path, line, f"not valid TOML: {message}") from None

    def fail(key: str | None, message: str) -> PlayerConfigError:
        where: tuple[str, ...] = ("player", key) if key else ("player",)
        return PlayerConfigError(path, line_for(key_lines(text), where), message)

    table = data.get("player", {})
    if not isinstance(table, dict):
        raise fail(None, "player must be a table: write [player] on a line of its own")
    for key in table:
        if key not in PLAYER_KEYS:
            known = ", ".join(PLAYER_KEYS)
            raise fail(key, f'[player] has no setting "{key}"; the settings are {known}')
    value = table.get("get_ready", DEFAULT_GET_READY)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not is_number or not 0 <= value <= MAX_GET_READY:
        shown = f'"{value}"' if isinstance(value, str) else str(value).lower()
        raise fail(
            "get_ready",
            f"[player] get_ready must be a number of seconds from 0 to {MAX_GET_READY:g}, "
            f"not {shown}",
        )
    return PlayerConfig(get_ready=float(value))
