"""All the lessons a user can play: the built-in ones plus their own, bad files reported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from freefeet_tui.core.lesson import Lesson, LessonError, Origin
from freefeet_tui.core.lesson_cache import LessonCache


@dataclass(frozen=True, slots=True)
class Library:
    """Lessons by id in display order, and the files that were rejected."""

    lessons: dict[str, Lesson]
    problems: tuple[LessonError, ...] = field(default=())

    def get(self, lesson_id: str) -> Lesson | None:
        return self.lessons.get(lesson_id)

    def __iter__(self) -> Iterator[Lesson]:
        return iter(self.lessons.values())

    def __len__(self) -> int:
        return len(self.lessons)


def lesson_files(folder: Path) -> list[Path]:
    """The lesson files in ``folder``; ``program.toml`` holds the schedule, not a lesson."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.name != "program.toml")


def _read(
    path: Path, origin: Origin, audio_dir: Path | None, cache: LessonCache | None
) -> Lesson | LessonError:
    """One lesson file, from the cache when the file is unchanged since it was last read."""
    cached = cache.get(path, origin) if cache is not None else None
    if cached is not None:
        return cached
    from freefeet_tui.core.loader import load_lesson  # TOML parsing only on a cache miss

    try:
        result: Lesson | LessonError = load_lesson(path, origin, audio_dir)
    except LessonError as error:
        result = error
    if cache is not None:
        cache.put(path, result)
    return result


def _load_folder(
    folder: Path,
    origin: Origin,
    audio_dir: Path | None,
    problems: list[LessonError],
    cache: LessonCache | None = None,
) -> dict[str, Lesson]:
    found: dict[str, Lesson] = {}
    for path in lesson_files(folder):
        lesson = _read(path, origin, audio_dir, cache)
        if isinstance(lesson, LessonError):
            problems.append(lesson)
            continue
        if lesson.id in found:
            other = found[lesson.id].path.name
            problems.append(
                LessonError(path, None, f'lesson id "{lesson.id}" is already used by {other}')
            )
            continue
        found[lesson.id] = lesson
    return found


def load_library(
    builtin_dir: Path,
    user_dir: Path | None,
    audio_dir: Path | None = None,
    cache_file: Path | None = None,
) -> Library:
    """Load built-in lessons, then the user's; a user lesson with a built-in id replaces it.

    With ``cache_file``, unchanged files are taken from the start-up cache (see lesson_cache).
    """
    cache = LessonCache(cache_file) if cache_file is not None else None
    problems: list[LessonError] = []
    lessons = _load_folder(builtin_dir, Origin.BUILT_IN, audio_dir, problems, cache)
    if user_dir is not None:
        user = _load_folder(user_dir, Origin.USER, audio_dir, problems, cache)
        for lesson_id, lesson in user.items():
            lessons[lesson_id] = lesson  # keeps the built-in's place when it replaces one
    if cache is not None:
        cache.save()
    return Library(lessons, tuple(problems))


def default_library() -> Library:
    """The library from freefeet's own folders and the user's lessons folder."""
    from freefeet_tui.core.locations import builtin_audio_dir, builtin_lessons_dir, user_locations

    where = user_locations()
    return load_library(
        builtin_lessons_dir(),
        where.user_lessons,
        builtin_audio_dir(),
        cache_file=where.cache / "lessons.marshal",
    )


def resolve_lesson(reference: str, library: Library, audio_dir: Path | None = None) -> Lesson:
    """A lesson by id, or by the path of a lesson file (to try one before adding it).

    Raises :class:`LessonError` for a bad file and :class:`KeyError` for an unknown id.
    """
    path = Path(reference)
    if reference.endswith(".toml") or path.is_file():
        from freefeet_tui.core.loader import load_lesson

        return load_lesson(path, Origin.FILE, audio_dir)
    lesson = library.get(reference)
    if lesson is None:
        raise KeyError(reference)
    return lesson
