"""What every ``freefeet`` command shares: its output, errors, exit codes, date options and lesson
look-up.

A problem for the user is a :class:`CliError`: ``cli.main`` prints it as one
``freefeet: error:`` line and exits with its code. Everything a command prints goes through
:func:`say`, :func:`error_line` or :func:`warning_line`, which pass it through the one
sanitiser (``core.terminal_text.visible``): a note, a lesson title or a file name never
reaches the terminal as a control character it would obey. The parsers' plumbing is in
:mod:`freefeet_tui.cli.parsing`, apart, so that plain ``freefeet`` opens the app without
importing argparse.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from freefeet_tui.core.terminal_text import quoted, visible

if TYPE_CHECKING:
    from datetime import date

    from freefeet_tui.core.lesson import Lesson
    from freefeet_tui.core.library import Library
    from freefeet_tui.core.settings import Settings

INVALID_EXIT = 1
USAGE_EXIT = 2  # argparse's code for a bad command line; freefeet uses it for bad input too
INTERRUPTED_EXIT = 130  # the shell's convention for "ended by Ctrl-C" (128 + SIGINT)


class CliError(Exception):
    """A problem to report as one ``freefeet: error:`` line, with the exit code to use."""

    def __init__(self, message: str, code: int = USAGE_EXIT) -> None:
        super().__init__(message)
        self.code = code


def say(lines: str | Iterable[str], file: TextIO | None = None, flush: bool = False) -> None:
    """Print ``lines`` (one string is one line), each on a line of its own, with every
    control character shown (``^[``), never obeyed."""
    if isinstance(lines, str):
        lines = [lines]
    text = "\n".join(visible(line) for line in lines)
    print(text, file=file or sys.stdout, flush=flush)


def error_line(message: object) -> None:
    """Print ``freefeet: error: message`` on stderr, on one line whatever ``message`` holds."""
    print(f"freefeet: error: {visible(str(message))}", file=sys.stderr)


def warning_line(message: object) -> None:
    """Print ``freefeet: warning: message`` on stderr, on one line."""
    print(f"freefeet: warning: {visible(str(message))}", file=sys.stderr)


def user_settings() -> Settings:
    """The settings of the user's config.toml (``[reminders]``, ``[player]``: read and
    checked whole by the one config reader); a mistake is one error line and exit 2, before
    anything else happens."""
    from freefeet_tui.core.config import ConfigError, load_settings
    from freefeet_tui.core.locations import user_locations

    try:
        return load_settings(user_locations().config_file)
    except ConfigError as error:
        raise CliError(str(error)) from None


def option_day(text: str | None, option: str, today: date, *, future: bool = True) -> date | None:
    """A date option (``--date``, ``--from``, ``--to``) read by the one date parser,
    ``core.wording.parse_day``; ``None`` when it was not given."""
    if text is None:
        return None
    from freefeet_tui.core.wording import DayError, parse_day

    try:
        return parse_day(text, today, future=future)
    except DayError as error:
        from freefeet_tui.core.terminal_text import quoted

        example = f", e.g. {error.example}" if error.example else ""
        raise CliError(f"{option} {quoted(text)} is {error}{example}") from None


# ---- lesson look-up -----------------------------------------------------------------------


def load_user_library() -> Library:
    """Built-in lessons plus the user's own, as every command sees them."""
    from freefeet_tui.core.library import default_library

    return default_library()


def find_lesson(reference: str, library: Library) -> Lesson:
    """A lesson by id or file path, or a :class:`CliError` that says what to do instead."""
    from freefeet_tui.core.lesson import LessonError
    from freefeet_tui.core.library import resolve_lesson
    from freefeet_tui.core.locations import builtin_audio_dir

    try:
        return resolve_lesson(reference, library, builtin_audio_dir())
    except LessonError as error:
        raise CliError(str(error)) from None
    except KeyError:
        for problem in library.problems:  # the user's file for this id may have been rejected
            if problem.path.stem == reference:
                raise CliError(str(problem)) from None
        raise CliError(f"no lesson {quoted(reference)}; run freefeet lessons list") from None
