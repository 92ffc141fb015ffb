"""freefeet's version, kept in the core so that its caches can key on it without reaching out."""

__version__ = "0.1.0"
