"""The ``freefeet`` command: opens the app, or runs one command of a command group.

Each group lives in its own module (``lessons``, ``play``, ``progress``, ``export``, ``sound``,
``doctor``) with its parsers and handlers together. Only the module of the command being run is
imported and only its parser built, so ``freefeet today`` never sets up a dozen parsers it does
not use, and plain ``freefeet`` opens the app without argparse at all. Every user-facing error
is one ``freefeet: error: ...`` line and a non-zero exit code: 2 for a bad command line or an
unknown lesson, 1 when a file cannot be used.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from freefeet_tui import __version__
from freefeet_tui.cli.common import (
    INTERRUPTED_EXIT,
    INVALID_EXIT,
    USAGE_EXIT,
    CliError,
    error_line,
)

if TYPE_CHECKING:  # plain ``freefeet`` opens the app without loading argparse
    import argparse

    from freefeet_tui.cli.parsing import CommandBuilder

COMMAND_MODULES = {
    "play": "play",
    "lessons": "lessons",
    "today": "progress",
    "plan": "plan",
    "log": "progress",
    "skip": "progress",
    "history": "progress",
    "stats": "progress",
    "edit": "record",
    "delete": "record",
    "undo": "record",
    "export": "export",
    "import": "export",
    "voice": "sound",
    "sound": "sound",
    "doctor": "doctor",
}
"""Each command, and the module of ``freefeet_tui.cli`` that adds its parser and runs it."""

DESCRIPTION = """\
Short guided movement lessons for runners with sore soles (plantar fascia pain).
Run freefeet on its own for Today: what is due and why, one key to start it, your
streak, check-ins and history.

freefeet is not medical advice. Stop any movement that hurts; for sharp or worsening
pain, a suspected rupture, numbness or night pain, see a clinician."""

EXAMPLES = """examples:
  freefeet                                 Today, in the full-screen app
  freefeet play pre-run-hip-extension      straight into a lesson
  freefeet play free-your-feet --plain     the lesson as text lines
  freefeet lessons show free-your-feet     every step of a lesson
  freefeet lessons validate my-lesson.toml check a lesson you wrote
  freefeet today                           what is due today, and why
  freefeet plan                            the next 14 days, one line each
  freefeet log --pain 3 --ran 30           how your feet felt, and your run
  freefeet undo                            take back your last change
  freefeet export --format md -o log.md    a report for your physio or coach"""


def command_builder(command: str) -> CommandBuilder:
    """The function that adds ``command``'s parser, from its group's module."""
    module = importlib.import_module(f"freefeet_tui.cli.{COMMAND_MODULES[command]}")
    builder: CommandBuilder = module.COMMANDS[command]
    return builder


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``freefeet``; each subcommand keeps its handler in ``handler``.

    With ``command`` (the name of the command being run), only that command's parser is
    made. Without it, every command is there, as ``freefeet --help`` and a mistyped command
    name need.
    """
    from freefeet_tui.cli.parsing import FreefeetParser, RawFormatter
    from freefeet_tui.cli.play import cmd_tui
    from freefeet_tui.cli.sound import add_audio_option

    parser = FreefeetParser(
        prog="freefeet", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=RawFormatter
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"freefeet {__version__}",
        help="print the version and exit",
    )
    parser.set_defaults(handler=cmd_tui)
    add_audio_option(parser)
    # prog given, so argparse need not build a help formatter (and import shutil) up front
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", prog="freefeet")
    # one command when it is known, else (none, or a misspelt name) all, to list them
    names = [command] if command in COMMAND_MODULES else list(COMMAND_MODULES)
    for name in names:
        command_builder(name)(commands, RawFormatter)
    return parser


def command_named(arguments: Sequence[str]) -> str | None:
    """The command ``arguments`` start with (``today`` in ``today --date tomorrow``), or None
    when they start with an option: only then can the parser be cut down to one command."""
    if arguments and not arguments[0].startswith("-"):
        return arguments[0]
    return None


def _exit_code(code: object) -> int:
    """SystemExit's code as an int (argparse uses 0 for --help and 2 for usage errors)."""
    if code is None:
        return 0
    return code if isinstance(code, int) else USAGE_EXIT


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``freefeet`` with ``argv`` (default: the real command line); returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    from freefeet_tui.core.locations import use_private_umask

    use_private_umask()  # whatever command runs first, what it creates is the user's alone
    try:
        if not arguments:
            # Plain ``freefeet`` opens the app: nothing to parse, so argparse is neither
            # imported nor set up before the first screen.
            from freefeet_tui.cli.play import run_tui

            return run_tui()
        try:
            args = build_parser(command_named(arguments)).parse_args(arguments)
        except SystemExit as exit_request:
            return _exit_code(exit_request.code)
        if getattr(args, "plain", False):
            # a lesson runs for minutes (the app turns collection on at its first screen)
            from freefeet_tui.core.gc_policy import collector_on_for_a_long_run

            collector_on_for_a_long_run()
        return int(args.handler(args))
    except CliError as error:
        error_line(error)
        return error.code
    except KeyboardInterrupt:
        return INTERRUPTED_EXIT
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, without a shutdown warning
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return INVALID_EXIT
