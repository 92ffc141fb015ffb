"""Where a lesson step's recorded ``clip`` is, checked without trusting the path it gives.

A clip is a path relative to the lesson file, found next to the lesson or in freefeet's audio
folder and never outside them. The path is checked as text first (relative, no ``..``, every
name within the 255 bytes file systems allow), then on disk without following a link more
than the system allows: a link that loops, leads nowhere or leads out is refused in one line.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

MAX_NAME_BYTES = 255  # one file or folder name, as Linux, macOS and Windows allow
MAX_CLIP_CHARS = 1024  # the whole relative path
_DRIVE = r"^[A-Za-z]:"


def _text_problem(text: str) -> str | None:
    """What makes ``text`` unusable as a clip path before the disk is asked, or None."""
    if len(text) > MAX_CLIP_CHARS:
        return f"is longer than {MAX_CLIP_CHARS} characters"
    if text.startswith(("/", "\\")) or re.match(_DRIVE, text) or Path(text).is_absolute():
        return "must be a path relative to the lesson file"
    parts = Path(text).parts
    if ".." in parts:
        return 'may not use ".." to leave the lesson folder'
    if any(len(part.encode("utf-8", "replace")) > MAX_NAME_BYTES for part in parts):
        return f"has a name longer than {MAX_NAME_BYTES} bytes"
    return None


def _disk_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a link that loops"
    if error.errno == errno.ENOENT:
        return "is a link to a file that does not exist"
    return f"cannot be read: {error.strerror or error}"


def clip_problem(text: str, roots: list[Path]) -> Path | str:
    """The clip's real path, or what is wrong with it (a phrase after ``clip "x"``)."""
    problem = _text_problem(text)
    if problem is not None:
        return problem
    for root in roots:
        candidate = root / text
        try:
            os.lstat(candidate)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:  # a loop in a folder on the way, a name too long, no access
            return _disk_problem(error)
        try:
            resolved = Path(os.path.realpath(candidate, strict=True))
            inside = Path(os.path.realpath(root))
        except OSError as error:
            return _disk_problem(error)
        if not resolved.is_relative_to(inside):
            return f"is a link that leads out of {root.name or root}/"
        if not resolved.is_file():
            return "is not a file"
        return resolved
    return "was not found next to the lesson or in audio/"
