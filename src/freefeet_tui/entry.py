"""The ``freefeet`` command's entry point, kept tiny so it can act before anything loads.

It switches the garbage collector off for the start-up and freezes the heap before the exit;
``core/gc_policy.py`` explains why, and when the long-running commands turn it back on.

freefeet runs on POSIX systems only (Linux, macOS): the progress files are locked with
``fcntl``. Elsewhere the command stops at once with one line saying so.
"""

from __future__ import annotations

import sys

from freefeet_tui.core.gc_policy import collector_off_for_start_up, freeze_before_exit

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
    collector_off_for_start_up()
    from freefeet_tui.cli.main import main

    code = main()
    freeze_before_exit()
    return code
