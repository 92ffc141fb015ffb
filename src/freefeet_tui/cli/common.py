"""What every ``freefeet`` command shares: its errors, exit codes and lesson look-up.

A problem for the user is a :class:`CliError`: ``cli.main`` prints it as one
``freefeet: error:`` line and exits with its code. The parsers' plumbing is in
:mod:`freefeet_tui.cli.parsing`, apart, so that plain ``freefeet`` opens the app without
importing argparse.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def error_line(message: object) -> None:
    """Print ``freefeet: error: message`` on stderr."""
    print(f"freefeet: error: {message}", file=sys.stderr)


def user_settings() -> Settings:
    """``[reminders]`` and ``[practice]`` of the user's config.toml; a mistake is one error
    line and exit 2, before anything else happens."""
    from freefeet_tui.core.locations import user_locations
    from freefeet_tui.core.settings import SettingsError, load_settings

    try:
        return load_settings(user_locations().config_file)
    except SettingsError as error:
        raise CliError(str(error)) from None


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
        raise CliError(f'no lesson "{reference}"; run freefeet lessons list') from None
