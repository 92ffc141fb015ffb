"""A start-up cache of checked lessons, so listing lessons need not parse TOML every time.

Each entry is keyed by the file's path, size, modification time and inode, plus freefeet's
version; any change to a file (or to freefeet) means it is read and checked again. Entries
are plain tuples stored with :mod:`marshal`. Lessons with recorded clips are never cached,
since their clip files can change without the lesson file changing. The cache is only an
optimisation: a missing, unreadable or corrupt cache file is ignored and rebuilt.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from freefeet_tui.core.lesson import Lesson, LessonError, Origin, Step
from freefeet_tui.core.version import __version__

CACHE_FORMAT = 2  # 2: lessons checked by the one TOML reader (new limits)
_TAG = f"freefeet-lessons/{CACHE_FORMAT}/{__version__}"


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _lesson_to_tuple(lesson: Lesson) -> tuple[Any, ...]:
    steps = tuple(
        (s.id, s.title, s.cue, s.avoid, s.duration, s.reps, s.rep_time, s.per_side, s.rest)
        for s in lesson.steps
    )
    return (lesson.id, lesson.title, lesson.summary, lesson.when, steps, lesson.safety,
            lesson.notes, lesson.switch, lesson.schema)  # fmt: skip


def _lesson_from_tuple(data: tuple[Any, ...], path: Path, origin: Origin) -> Lesson:
    lesson_id, title, summary, when, steps, safety, notes, switch, schema = data
    return Lesson(
        id=lesson_id,
        title=title,
        summary=summary,
        when=when,
        steps=tuple(Step(*step) for step in steps),
        path=path,
        origin=origin,
        safety=safety,
        notes=notes,
        switch=switch,
        schema=schema,
    )


class LessonCache:
    """Checked lessons (and rejected files' errors) from earlier runs, by file."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._entries: dict[str, tuple[Any, ...]] = {}
        self._dirty = False
        try:
            data = marshal.loads(file.read_bytes())
            if isinstance(data, dict) and data.get("tag") == _TAG:
                self._entries = data["entries"]
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            self._entries = {}

    def get(self, path: Path, origin: Origin) -> Lesson | LessonError | None:
        """The cached result for ``path`` if the file is unchanged, else None."""
        entry = self._entries.get(str(path))
        if entry is None or entry[0] != _stamp(path):
            return None
        kind, payload = entry[1], entry[2]
        try:
            if kind == "lesson":
                return _lesson_from_tuple(payload, path, origin)
            line, message = payload
            return LessonError(path, line, message)
        except (TypeError, ValueError):
            return None

    def put(self, path: Path, result: Lesson | LessonError) -> None:
        """Remember the result of reading ``path`` (lessons with clips are not kept)."""
        stamp = _stamp(path)
        if stamp is None:
            return
        if isinstance(result, LessonError):
            entry: tuple[Any, ...] = (stamp, "error", (result.line, result.message))
        elif any(step.clip is not None for step in result.steps):
            return
        else:
            entry = (stamp, "lesson", _lesson_to_tuple(result))
        if self._entries.get(str(path)) != entry:
            self._entries[str(path)] = entry
            self._dirty = True

    def save(self) -> None:
        """Write the cache if anything changed; failures are ignored (it is only a cache)."""
        if not self._dirty:
            return
        # the name pattern of freefeet's temporary files, so a killed writer's is swept later
        temp = self.file.with_name(f".{self.file.name}.{os.urandom(4).hex()}.tmp")
        try:
            from freefeet_tui.core.locations import ensure_private_dir

            ensure_private_dir(self.file.parent)
            descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(marshal.dumps({"tag": _TAG, "entries": self._entries}))
            temp.replace(self.file)
            self._dirty = False
        except OSError:
            temp.unlink(missing_ok=True)
