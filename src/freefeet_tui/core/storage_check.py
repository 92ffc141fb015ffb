"""Can freefeet save here? The checks ``freefeet doctor`` runs on the user's folders.

A save needs a folder it may write in, a file system mounted read-write and some free room.
Each is checked for real where it can be: in a folder of freefeet's own that exists, a small
file is written, fsynced and removed again (named like freefeet's other temporary files, so
even a doctor killed half-way leaves nothing that stays). For a folder not made yet the
nearest folder above it is checked without writing into it: the system is asked whether it
may be written (``os.access``) and how much room its file system has (``os.statvfs``).
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from pathlib import Path

MIN_FREE_BYTES = 2**20  # a busy year file and its snapshot take about 600 KB
PROBE_BYTES = 4096
FULL = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True, slots=True)
class StorageState:
    """What was found: the folder checked, the room left, and the problem if there is one."""

    folder: Path
    free_bytes: int | None
    problem: str | None = None


def existing_folder(path: Path) -> Path:
    """``path`` if it is there, else the nearest folder above it that is."""
    probe = path
    while not probe.is_dir() and probe.parent != probe:
        probe = probe.parent
    return probe


def _free_bytes(folder: Path) -> tuple[int | None, bool]:
    """The room left for the user on ``folder``'s file system, and whether it is read-only."""
    try:
        found = os.statvfs(folder)
    except OSError:
        return None, False
    return found.f_bavail * found.f_frsize, bool(found.f_flag & os.ST_RDONLY)


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count // 1024} KiB"


def _write_problem(folder: Path, error: OSError) -> str:
    if error.errno == errno.EROFS:
        return f"{folder} is on a read-only file system: freefeet cannot save there"
    if error.errno in FULL:
        return f"the disk holding {folder} is full: freefeet cannot save there"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{folder} cannot be written (permission denied): freefeet cannot save there"
    return f"cannot write in {folder}: {error.strerror or error}"


def _probe(folder: Path) -> str | None:
    """Write, fsync and remove a small file in ``folder``; the problem, if any."""
    path = folder / f".doctor.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"\0" * PROBE_BYTES)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        return _write_problem(folder, error)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    return None


def storage_state(path: Path, *, own: bool = True) -> StorageState:
    """Whether freefeet can save in ``path``. ``own`` says the folder, when it exists, is
    freefeet's own, so a test file may be written in it; a folder not made yet is checked
    through the nearest folder above it, which is never written in."""
    folder = existing_folder(path)
    free, read_only = _free_bytes(folder)
    if read_only:
        return StorageState(
            folder, free, f"{folder} is on a read-only file system: freefeet cannot save there"
        )
    if own and folder == path:
        problem = _probe(folder)
        if problem is not None:
            return StorageState(folder, free, problem)
    elif not os.access(folder, os.W_OK | os.X_OK):
        return StorageState(
            folder,
            free,
            f"{folder} cannot be written (permission denied): freefeet cannot make {path}",
        )
    if free is not None and free < MIN_FREE_BYTES:
        return StorageState(
            folder, free, f"the disk holding {folder} is almost full ({_size(free)} free)"
        )
    return StorageState(folder, free)


def free_text(state: StorageState) -> str:
    """``12.3 MiB free`` (or nothing when the system would not say)."""
    return "" if state.free_bytes is None else f"{_size(state.free_bytes)} free"
