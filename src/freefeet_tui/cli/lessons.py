"""``freefeet lessons list``, ``show`` and ``validate``: their parsers, handlers and text.

Aligned columns and wrapped prose, from the core's lessons. Listing lessons never imports the
timing engine, the progress store or Textual, so it starts as fast as a small script.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from freefeet_tui.cli.common import (
    INVALID_EXIT,
    CliError,
    error_line,
    find_lesson,
    load_user_library,
    say,
    warning_line,
)
from freefeet_tui.cli.parsing import CommandBuilder, add_command_group
from freefeet_tui.core.lesson import Lesson, Origin, step_total_seconds
from freefeet_tui.core.library import lesson_files
from freefeet_tui.core.locations import builtin_audio_dir, user_locations
from freefeet_tui.core.terminal_text import quoted
from freefeet_tui.core.wording import clock_text, first_sentence, length_text, plural, step_time

PROSE_WIDTH = 100  # lessons show wraps prose here, or narrower on a narrow terminal


def lesson_table(lessons: Sequence[Lesson]) -> list[str]:
    """Aligned columns: id, title, length, where it came from, when to do it."""
    rows = [("ID", "TITLE", "LENGTH", "FROM", "WHEN")]
    rows += [
        (
            lesson.id,
            lesson.title,
            length_text(lesson.total_seconds),
            str(lesson.origin),
            first_sentence(lesson.when),
        )
        for lesson in lessons
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return ["  ".join([*(row[i].ljust(widths[i]) for i in range(4)), row[4]]) for row in rows]


def _prose_width() -> int:
    if sys.stdout.isatty():
        import shutil  # only ``lessons show`` wraps prose; ``lessons list`` stays lean

        return min(PROSE_WIDTH, shutil.get_terminal_size((PROSE_WIDTH, 24)).columns)
    return PROSE_WIDTH


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap prose to the screen, keeping the author's own line breaks and every word as is."""
    import textwrap

    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lead = indent if lines or first is None else first
        lines += textwrap.wrap(
            paragraph,
            width=_prose_width(),
            initial_indent=lead,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return lines


def lesson_details(lesson: Lesson) -> list[str]:
    """Everything ``lessons show`` prints: the lesson's texts, then each step from its start."""
    lines = [lesson.title, f"id {lesson.id}, {lesson.origin}, {lesson.path}", ""]
    lines += _wrap(lesson.summary)
    lines.append("")
    lines += _wrap(lesson.when, " " * 8, "When:   ")
    lines.append(
        f"Length: {length_text(lesson.total_seconds)}, {plural(len(lesson.steps), 'step')}"
    )
    lines += _wrap(lesson.safety, " " * 8, "Safety: ")
    if lesson.notes:
        lines += ["", "Notes:", *_wrap(lesson.notes, "  ")]
    lines += ["", "Steps:"]
    start = 0.0
    pad = " " * 8
    for number, step in enumerate(lesson.steps, 1):
        lines.append(f"{clock_text(start):>6}  {number}. {step.title} ({step_time(step)})")
        lines += _wrap(step.cue, pad + "   ", pad + "   ")
        if step.avoid:
            lines += _wrap(step.avoid, pad + "   ", pad + "   Avoid: ")
        if step.per_side and lesson.switch > 0:
            lines.append(f"{pad}   Switch sides: {length_text(lesson.switch)}")
        if step.rest > 0:
            lines.append(f"{pad}   Rest {length_text(step.rest)}")
        start += step_total_seconds(step, lesson.switch)
    lines += ["", f"Total: {length_text(lesson.total_seconds)} ({clock_text(start)})"]
    return lines


# ---- handlers -----------------------------------------------------------------------------


def cmd_lessons_list(args: argparse.Namespace) -> int:
    library = load_user_library()
    if len(library):
        say(lesson_table(list(library)))
    else:
        say(f"No lessons found. Put lesson files in {user_locations().user_lessons}")
    for problem in library.problems:
        error_line(problem)
    if library.problems:
        warning_line(
            f"{plural(len(library.problems), 'lesson file')} skipped; "
            "check with: freefeet lessons validate FILE"
        )
    return 0


def cmd_lessons_show(args: argparse.Namespace) -> int:
    lesson = find_lesson(args.lesson, load_user_library())
    say(lesson_details(lesson))
    return 0


def validation_targets(paths: Sequence[str]) -> list[Path]:
    """The files to check: each path given, with a folder standing for its ``*.toml`` files."""
    targets: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found = lesson_files(path)
            if not found:
                raise CliError(f"{path}: no lesson files (*.toml) in this folder", INVALID_EXIT)
            targets += found
        else:
            targets.append(path)
    return targets


def cmd_lessons_validate(args: argparse.Namespace) -> int:
    from freefeet_tui.core.lesson import LessonError
    from freefeet_tui.core.loader import load_lesson  # always a fresh read, never the cache

    audio_dir = builtin_audio_dir()
    all_good = True
    seen: dict[tuple[Path, str], Path] = {}  # (folder, id) -> file: ids must be unique per folder
    for path in validation_targets(args.paths):
        try:
            lesson = load_lesson(path, Origin.FILE, audio_dir)
        except LessonError as error:
            error_line(error)
            all_good = False
            continue
        key = (path.resolve().parent, lesson.id)
        other = seen.setdefault(key, path)
        if other != path:
            error_line(f"{path}: lesson id {quoted(lesson.id)} is already used by {other.name}")
            all_good = False
            continue
        say(f"{path}: ok ({lesson.title}, {length_text(lesson.total_seconds)})", flush=True)
    return 0 if all_good else INVALID_EXIT


# ---- the parser ---------------------------------------------------------------------------

LIST_HELP = """\
List every lesson you can play: the built-in ones and yours from
  {user_lessons}
FROM says which is which; a lesson of yours with a built-in id takes its place.
A lesson file that cannot be read is reported on stderr as FILE:LINE: message
and skipped; the rest are still listed and the exit code stays 0.
Use freefeet lessons validate FILE to check one file."""

VALIDATE_HELP = """\
Check lesson files before you use them. Give files, or folders to check every
*.toml inside. Prints "PATH: ok (title, length)" for each good file and one
"freefeet: error: FILE:LINE: message" line on stderr for each bad one.
Exit code 0 when every file is good, 1 when any is not."""


def _user_lessons_for_help() -> str:
    try:
        return str(user_locations().user_lessons)
    except Exception:  # help must show even when the folders cannot be worked out
        return "your freefeet data folder, under lessons/"


def add_lessons(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    lesson_commands = add_command_group(
        commands,
        "lessons",
        help="list, show or check lessons",
        description="List the lessons, show one in full, or check lesson files.",
    )
    listing = lesson_commands.add_parser(
        "list",
        help="one line per lesson",
        description=LIST_HELP.format(user_lessons=_user_lessons_for_help()),
        formatter_class=formatter,
    )
    listing.set_defaults(handler=cmd_lessons_list)
    show = lesson_commands.add_parser(
        "show",
        help="everything about one lesson",
        description="Print a lesson in full: what it is for, when to do it, the safety note, "
        "its notes, and every step with its start time, cue, rests and reminders.",
    )
    show.add_argument("lesson", metavar="ID", help="a lesson id, or the path of a lesson file")
    show.set_defaults(handler=cmd_lessons_show)
    validate = lesson_commands.add_parser(
        "validate", help="check lesson files", description=VALIDATE_HELP, formatter_class=formatter
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a lesson file or a folder")
    validate.set_defaults(handler=cmd_lessons_validate)


COMMANDS: dict[str, CommandBuilder] = {"lessons": add_lessons}
"""The commands this module adds, by name."""
