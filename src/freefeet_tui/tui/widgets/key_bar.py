"""The key bar at the bottom of every screen: Textual's Footer, keeping the row for the screen.

Textual's Footer also docks the command palette's key (``^p palette``) at its right end, over
whatever keys reach that far; at 80 columns the player's keys fill the row, so freefeet leaves
it out. ``?`` lists ctrl+p with every other key of the screen.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyBar(Footer):
    """The screen's keys in one row, without the palette's key."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(show_command_palette=False, compact=compact)
