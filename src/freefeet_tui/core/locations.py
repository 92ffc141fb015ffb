"""Where freefeet keeps things: built-in lessons and sounds, user data, config and cache.

``FREEFEET_HOME``, when set, is the single root for everything the user owns (handy for tests
and for a portable install). Otherwise the platform's usual folders for the app ``freefeet``.
"""

from __future__ import annotations

import os
from pathlib import Path

from freefeet_tui.core.named_tuple import NamedTuple

APP_NAME = "freefeet"
HOME_ENV = "FREEFEET_HOME"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # freefeet_tui/


def _shipped_dir(name: str) -> Path:
    """A folder shipped with freefeet: inside the wheel, or at the top of a source checkout."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / name


def builtin_lessons_dir() -> Path:
    """The lessons that come with freefeet."""
    return _shipped_dir("lessons")


def builtin_audio_dir() -> Path:
    """The cue sounds that come with freefeet."""
    return _shipped_dir("audio")


class Locations(NamedTuple):
    """The user's folders. Nothing here is created until something needs to be written."""

    data: Path
    config: Path
    cache: Path
    source: str  # "FREEFEET_HOME" or "platformdirs": shown by ``freefeet doctor``

    @property
    def user_lessons(self) -> Path:
        return self.data / "lessons"

    @property
    def progress(self) -> Path:
        return self.data / "progress"

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"


def user_locations(environ: dict[str, str] | None = None) -> Locations:
    """Resolve the user's folders from ``FREEFEET_HOME`` or the platform conventions."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser().resolve()
        return Locations(
            data=root / "data", config=root / "config", cache=root / "cache", source=HOME_ENV
        )
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Locations(
        data=Path(dirs.user_data_dir),
        config=Path(dirs.user_config_dir),
        cache=Path(dirs.user_cache_dir),
        source="platformdirs",
    )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only: health data stays private."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
