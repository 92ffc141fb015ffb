"""freefeet: a terminal lesson player and habit tracker for runners with plantar fascia pain."""

from freefeet_tui.core.version import __version__

__all__ = ["__version__"]
