"""The ``freefeet`` command's entry point, kept tiny so it can act before anything loads.

A command such as ``freefeet today`` lives for a few dozen milliseconds, in which the garbage
collector would otherwise run many times over the objects that imports and the log create, and
once more, in full, at exit. So collection is switched off from the start and the heap frozen at
the end. The commands that run for minutes switch it back on: ``cli.main`` before a plain
lesson, the app once its first screen is up (its start-up, Textual's import above all, only
builds objects that live as long as the app). Tests call ``cli.main`` directly and keep the
collector as it is.

freefeet runs on POSIX systems only (Linux, macOS): the progress files are locked with
``fcntl``. Elsewhere the command stops at once with one line saying so.
"""

from __future__ import annotations

import gc
import sys

UNSUPPORTED = (
    "freefeet: error: freefeet runs on Linux and macOS (it needs fcntl, which this system lacks);"
    " on Windows, use it inside WSL\n"
)


def run() -> int:
    """Run ``freefeet`` with the command line's arguments; returns the exit code."""
    try:
        import fcntl  # noqa: F401  # the progress store locks its files with it
    except ImportError:
        sys.stderr.write(UNSUPPORTED)
        return 1
    gc.disable()
    from freefeet_tui.cli.main import main

    code = main()
    gc.freeze()  # everything is freed by the exit: skip the interpreter's last full collection
    return code
