"""Sweeping up after killed writers: freefeet's own temporary files, removed at the next start.

Every file freefeet writes is first written under a temporary name and renamed into place, so
a writer killed half-way leaves a temporary file and never a half-written one. Those are
removed when the next command that writes starts (``log``, ``skip``, ``import``, ``play``,
``voice render`` and the app): in the progress folder under its lock (no other freefeet is
writing there then, so every temporary file is stale); in the cache folders, which are written
without a lock, only files left untouched for :data:`STALE_AFTER` seconds.
"""

from __future__ import annotations

from pathlib import Path

from freefeet_tui.core.locations import Locations
from freefeet_tui.core.progress.atomic import folder_lock, remove_stale_temps
from freefeet_tui.core.progress.errors import ProgressLockError

STALE_AFTER = 600.0  # seconds: no cache write takes anywhere near this long
VOICE_TEMP = r"\.render-[a-z0-9_]{8}\.wav\Z"  # tempfile.mkstemp's names for a clip being made


def sweep_progress(folder: Path) -> list[Path]:
    """Remove stale temporary files from the progress folder, if its lock is free right now
    (if not, another freefeet is saving, and the next save sweeps instead)."""
    if not folder.is_dir():
        return []
    try:
        with folder_lock(folder, timeout=0):
            return remove_stale_temps(folder)
    except (ProgressLockError, OSError):
        return []


def sweep_user_temps(locations: Locations) -> list[Path]:
    """Every stale temporary file of freefeet's own in the user's folders; returns them."""
    removed = sweep_progress(locations.progress)
    removed += remove_stale_temps(locations.cache, older_than=STALE_AFTER)
    removed += remove_stale_temps(
        locations.cache / "voice", older_than=STALE_AFTER, pattern=VOICE_TEMP
    )
    return removed
