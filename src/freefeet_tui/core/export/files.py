"""Writing an export file: atomic, private (0600), and never over an existing file by accident.

Without ``force`` the new file is written in full under a temporary name and then hard-linked
to its real name, which the system refuses when that name exists: a file that appeared in the
meantime is not replaced either. Where hard links are not available (some file systems) the
temporary file is renamed after a last check. With ``force`` the file is replaced atomically.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from freefeet_tui.core.progress.atomic import fsync_dir, write_atomic


class ExportExistsError(FileExistsError):
    """The destination exists and replacing it was not asked for."""


def write_export(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path``; raise :class:`ExportExistsError` if it exists and not
    ``force``, ``FileNotFoundError`` if its folder does not exist, ``OSError`` otherwise."""
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    if force:
        write_atomic(path, data)
        return
    if path.exists() or path.is_symlink():
        raise ExportExistsError(str(path))
    temp = folder / f".{path.name}.{os.urandom(4).hex()}.part"
    write_atomic(temp, data)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise ExportExistsError(str(path)) from None
        except OSError:  # no hard links on this file system
            if path.exists() or path.is_symlink():
                raise ExportExistsError(str(path)) from None
            temp.replace(path)
        fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
