"""freefeet: a terminal lesson player and habit tracker for runners with plantar fascia pain."""

__version__ = "0.1.0"
