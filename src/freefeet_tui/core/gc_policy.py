"""When Python's garbage collector runs in ``freefeet``: the whole policy, in one place.

A command such as ``freefeet today`` lives for a few dozen milliseconds, in which the collector
would otherwise run many times over the objects that imports and the log create (none of them
garbage), and once more, in full, at exit. So:

- ``entry.run`` switches collection off before anything loads
  (:func:`collector_off_for_start_up`) and freezes the heap before the exit
  (:func:`freeze_before_exit`): everything is freed by the exit anyway.
- A command that runs for minutes turns it back on once its start-up is done
  (:func:`collector_on_for_a_long_run`): ``cli.main`` before a plain lesson, the app at its
  first ``Ready`` (its start-up, Textual's import above all, only builds objects that live as
  long as the app). What start-up built is frozen first, so no collection during a lesson
  walks those objects again.

Apart from that, building thousands of objects that hold no reference cycles (a year of the
log from its snapshot) runs under :func:`collection_paused`, so the collector is not set off
several times over to find nothing.

Only ``freefeet`` itself changes the collector: tests and other programs that call
``cli.main`` or build the app keep it as it is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def collector_off_for_start_up() -> None:
    """No collections while ``freefeet`` starts: first thing in ``entry.run``."""
    gc.disable()


def collector_on_for_a_long_run() -> None:
    """Start-up is over and a lesson or the app runs for minutes: freeze what start-up built
    and collect as usual from now on. Nothing changes when collection was on already."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def freeze_before_exit() -> None:
    """Skip the interpreter's last full collection: the exit frees everything anyway."""
    gc.freeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    """No collections inside the ``with`` block; afterwards the collector is as it was."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
