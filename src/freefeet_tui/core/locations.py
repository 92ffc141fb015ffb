"""Where freefeet keeps things: built-in lessons and sounds, user data, config and cache.

``FREEFEET_HOME``, when set, is the single root for everything the user owns (handy for tests
and for a portable install). Otherwise the platform's usual folders for the app ``freefeet``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "freefeet"
HOME_ENV = "FREEFEET_HOME"

DATA_PACKAGE = "freefeet_tui"
"""The package whose ``_data`` folder holds the built-in lessons and cue sounds."""


def _shipped_dir(name: str) -> Path:
    """A folder shipped inside the package (``freefeet_tui/_data/NAME``), found the way Python
    finds package data: through importlib.resources, for a wheel and an editable install alike.

    freefeet is installed as files (pip, pipx and uv unpack wheels), so the folder is a real
    path: the loaders and the sound bank read it with ``pathlib``.
    """
    from importlib.resources import files

    folder = files(DATA_PACKAGE).joinpath("_data", name)
    if not isinstance(folder, Path):
        raise RuntimeError(f"freefeet's {name} must be installed as files, not in {folder!r}")
    return folder


def builtin_lessons_dir() -> Path:
    """The lessons that come with freefeet (and ``program.toml``, the schedule's rules)."""
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


PRIVATE_UMASK = 0o077  # new folders 0700, new files 0600, whoever creates them
DIR_MODE = 0o700


def use_private_umask() -> None:
    """Make everything this process creates private to the user, whatever the umask was.

    Called first by every command (``cli.main``), so that the first folder or file any command
    makes (the home folder, a cache, a voice clip, a log) is 0700 or 0600; the functions that
    create folders and files also set their modes themselves.
    """
    os.umask(PRIVATE_UMASK)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and every missing parent 0700 (``mkdir -p`` would make the parents with
    the umask's mode, 0777 under umask 000): health data stays private. Folders that were
    there already are left as they are."""
    missing: list[Path] = []
    probe = path
    while not probe.is_dir():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made meanwhile by another process: its maker set its mode
        folder.chmod(DIR_MODE)  # the umask may have taken bits from mkdir's mode
    return path
