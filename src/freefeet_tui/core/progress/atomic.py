"""Safe file handling for the progress folder: durable atomic writes and the folder lock.

A write goes to a temporary file in the same folder (so the rename stays on one file system),
is flushed and fsynced, renamed over the old file with ``os.replace`` and the folder is
fsynced so the rename itself survives a power cut: a reader sees the old file or the new one,
never half of one. Files are 0600 and folders 0700.

Each save is read-modify-write of a year file; holding :func:`folder_lock` across all three
steps means two processes (the TUI and ``freefeet log``, say) never lose each other's records.
It is an ``fcntl.flock`` on ``.lock`` in the folder: the kernel releases it when the holder
exits or is killed, so a crash never leaves the store locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from freefeet_tui.core.locations import ensure_private_dir
from freefeet_tui.core.progress.errors import ProgressLockError

FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
LOCK_NAME = ".lock"
DEFAULT_LOCK_TIMEOUT = 15.0
_POLL_SECONDS = 0.005


def temp_prefix(path: Path) -> str:
    """Temporary files for ``2026.toml`` are named ``.2026.toml.<random>.tmp``."""
    return f".{path.name}."


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dirs(folder: Path) -> Path:
    """Create ``folder`` and every missing parent 0700 (``mkdir -p`` would make parents 0755)."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        ensure_private_dir(path)
        fsync_dir(path.parent)
    return folder


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new private file next to ``path``, opened for writing (never an existing one)."""
    while True:
        temp = path.with_name(f"{temp_prefix(path)}{os.urandom(4).hex()}{TEMP_SUFFIX}")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(temp, flags, FILE_MODE), temp
        except FileExistsError:
            continue


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, readable by the user only.

    ``durable`` (the default) also fsyncs the file and the folder, so the new content survives
    a power cut; derived files that can be rebuilt (snapshots) skip that cost.
    """
    folder = make_private_dirs(path.parent)
    fd, temp = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        temp.replace(path)  # os.replace: atomic on POSIX
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        fsync_dir(folder)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left for ``path``; call only under the lock."""
    removed: list[Path] = []
    if not path.parent.is_dir():
        return removed
    for temp in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
            removed.append(temp)
    return removed


@contextmanager
def folder_lock(folder: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the folder's lock for the ``with`` block; wait up to ``timeout`` seconds for it."""
    make_private_dirs(folder)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ProgressLockError(
                        f"{path}: another freefeet has been saving for over {timeout:g} s; "
                        "try again"
                    ) from None
                time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
