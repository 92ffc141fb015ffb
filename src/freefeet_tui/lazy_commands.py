"""Command handlers that load their module only when their command runs, and the shape of the
functions that add a command's parser.

Building the ``freefeet`` parser registers commands; with these stand-ins, doing so never
imports the progress store, the exporters or the sound layer, so ``freefeet lessons list``
starts as fast as a small script. Each command's parser is added by its own builder, so that
``cli.build_parser`` can make only the parser of the command being run.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import Any, TypeAlias

    CommandBuilder: TypeAlias = Callable[[Any, type[argparse.HelpFormatter]], None]
    """Adds one command's parser to the ``freefeet`` subparsers, with this help formatter."""


def lazy_handler(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A handler that imports ``module`` on first use and calls its function ``name``."""

    def run(args: argparse.Namespace) -> int:
        handler: Callable[[argparse.Namespace], int] = getattr(
            __import__(module, fromlist=[name]), name
        )
        return handler(args)

    return run
