"""The ``freefeet`` command's entry point, kept tiny so it can act before anything loads.

It switches the garbage collector off for the start-up and freezes the heap before the exit;
``core/gc_policy.py`` explains why, and when the long-running commands turn it back on.
"""

from __future__ import annotations

from freefeet_tui.core.gc_policy import collector_off_for_start_up, freeze_before_exit


def run() -> int:
    """Run ``freefeet`` with the command line's arguments; returns the exit code."""
    collector_off_for_start_up()
    from freefeet_tui.cli.main import main

    code = main()
    freeze_before_exit()
    return code
