"""Command handlers that load their module only when their command runs.

Building the ``freefeet`` parser registers every command; with these stand-ins, doing so never
imports the progress store, the exporters or the sound layer, so ``freefeet lessons list``
starts as fast as a small script.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def lazy_handler(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A handler that imports ``module`` on first use and calls its function ``name``."""

    def run(args: argparse.Namespace) -> int:
        handler: Callable[[argparse.Namespace], int] = getattr(
            __import__(module, fromlist=[name]), name
        )
        return handler(args)

    return run
