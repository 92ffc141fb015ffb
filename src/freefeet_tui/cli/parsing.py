"""The ``freefeet`` argument parsers' plumbing: usage errors and help as freefeet wants them.

Every usage error, a subcommand's too, ends in one ``freefeet: error:`` line with exit code 2,
and help is laid out to the terminal's width without importing :mod:`shutil` (argparse would,
and with it the compression modules, on every start). Each command group module (``lessons``,
``play``, ``progress``, ``export``, ``sound``, ``doctor``) adds its parsers with a
:data:`CommandBuilder` and keeps its handlers beside them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeAlias

from freefeet_tui.cli.common import USAGE_EXIT

CommandBuilder: TypeAlias = Callable[[Any, type[argparse.HelpFormatter]], None]
"""Adds one command's parser to the ``freefeet`` subparsers, with this help formatter."""


def terminal_columns() -> int:
    """What shutil.get_terminal_size gives, without importing shutil (and its compressors)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _WidthMixin:
    """Help formatters get their width up front; argparse would import shutil for it."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
        width: int | None = None,
    ) -> None:  # fmt: skip
        chosen = width if width is not None else terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, chosen)  # type: ignore[call-arg]


class HelpFormatter(_WidthMixin, argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal."""


class RawFormatter(_WidthMixin, argparse.RawDescriptionHelpFormatter):
    """Descriptions kept as written (examples, lists), as wide as the terminal."""


class FreefeetParser(argparse.ArgumentParser):
    """argparse with every usage error, subcommands' too, ending in ``freefeet: error:``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE_EXIT, f"freefeet: error: {message}\n")


def add_command_group(commands: Any, name: str, help: str, description: str) -> Any:
    """A command that only holds commands (``lessons``, ``voice``, ``sound``): its parser,
    and the subparsers its commands are added to (one of them must be given)."""
    group = commands.add_parser(name, help=help, description=description)
    return group.add_subparsers(
        title="commands", metavar="COMMAND", required=True, prog=f"freefeet {name}"
    )
