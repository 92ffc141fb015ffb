"""Entry point for ``python -m freefeet_tui``."""

from freefeet_tui.entry import run

raise SystemExit(run())
