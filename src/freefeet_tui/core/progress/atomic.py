"""Safe file handling for the progress folder: durable atomic writes and the folder lock.

A write goes to a temporary file in the same folder (so the rename stays on one file system),
is flushed and fsynced, renamed over the old file with ``os.replace`` and the folder is
fsynced so the rename itself survives a power cut: a reader sees the old file or the new one,
never half of one. Files are 0600 and folders 0700.

Each save is read-modify-write of a year file; holding :func:`folder_lock` across all three
steps means two processes (the TUI and ``freefeet log``, say) never lose each other's records.
It is an ``fcntl.flock`` on ``.lock`` in the folder: the kernel releases it when the holder
exits or is killed, so a crash never leaves the store locked.

A change to several files (an import across years) is all or nothing: :func:`write_all_atomic`
writes and fsyncs every temporary file first, and only then renames them into place, undoing
the renames already made if one fails. Temporary files a killed writer left behind
(``.2026.toml.<8 hex>.tmp``) are removed by :func:`remove_stale_temps` under the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from freefeet_tui.core.locations import ensure_private_dir
from freefeet_tui.core.progress.errors import ProgressLockError, ProgressWriteError

FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
TEMP_NAME = r"\..+\.[0-9a-f]+\.tmp\Z"  # freefeet's own temporary files, and nothing else
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


def is_temp_name(name: str, pattern: str = TEMP_NAME) -> bool:
    """``.2026.toml.1a2b3c4d.tmp``: a name only freefeet's own writers give a file."""
    return re.match(pattern, name) is not None


def remove_stale_temps(
    folder: Path, older_than: float = 0.0, pattern: str = TEMP_NAME
) -> list[Path]:
    """Delete the temporary files a killed writer left in ``folder``.

    Under the folder's lock no other freefeet is writing a year file there, so every such file
    is stale; a snapshot's temporary file may be written without the lock, which at worst
    costs that snapshot. For folders written without a lock (caches) ``older_than`` spares the
    files of a writer still at work: only those untouched for that many seconds go.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for temp in entries:
        if not is_temp_name(temp.name, pattern):
            continue
        with contextlib.suppress(OSError):
            if older_than and now - temp.lstat().st_mtime < older_than:
                continue
            temp.unlink()
            removed.append(temp)
    return removed


def _stage(path: Path, data: bytes) -> Path:
    """``data`` written and fsynced to a new temporary file next to ``path``."""
    fd, temp = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _names(paths: list[Path]) -> str:
    return ", ".join(path.name for path in paths)


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Replace every file in ``files`` (all in one folder) or none of them.

    Every new content is written to its temporary file and fsynced first; a failure there (a
    full disk, say) removes the temporary files and changes nothing. Then, for more than one
    file, the old files are kept under temporary names (hard links), and the new ones are
    renamed into place; if a rename fails, the files already replaced get their old content
    back (one file is one atomic rename: nothing to undo). Either way the failure is
    a :class:`ProgressWriteError` that says what happened. (A power cut in the middle of the
    renames can still leave some files new and some old: each file itself is whole.)
    """
    paths = list(files)
    if not paths:
        return
    folder = make_private_dirs(paths[0].parent)
    staged: dict[Path, Path] = {}
    kept: dict[Path, Path] = {}
    try:
        for path in paths:
            staged[path] = _stage(path, files[path])
        for path in paths if len(paths) > 1 else ():  # one rename needs nothing to undo
            if path.exists():
                backup = _backup_name(path)
                os.link(path, backup)
                kept[path] = backup
    except OSError as error:
        _remove(list(staged.values()) + list(kept.values()))
        raise ProgressWriteError(
            f"{folder}: cannot save {_names(paths)}: {error.strerror or error}; nothing was written"
        ) from error
    done: list[Path] = []
    try:
        for path in paths:
            staged[path].replace(path)
            done.append(path)
    except OSError as error:
        failed = _undo(done, kept)
        left = [staged[path] for path in paths if path not in done]
        _remove(left + [kept[path] for path in kept if path not in failed])
        if failed:
            raise ProgressWriteError(
                f"{folder}: saving {_names(paths)} failed part-way "
                f"({error.strerror or error}), and {_names(failed)} could not be put back: "
                "they hold the new records, the other files the old ones"
            ) from error
        raise ProgressWriteError(
            f"{folder}: cannot save {_names(paths)}: {error.strerror or error}; nothing was written"
        ) from error
    _remove(list(kept.values()))
    fsync_dir(folder)


def _backup_name(path: Path) -> Path:
    return path.with_name(f"{temp_prefix(path)}{os.urandom(4).hex()}{TEMP_SUFFIX}")


def _undo(done: list[Path], kept: dict[Path, Path]) -> list[Path]:
    """Put back the old files of ``done``; returns those that could not be put back."""
    failed: list[Path] = []
    for path in reversed(done):
        try:
            backup = kept.get(path)
            if backup is None:
                path.unlink()  # it did not exist before
            else:
                backup.replace(path)
        except OSError:
            failed.append(path)
    return failed


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


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
