"""Entry point for ``python -m freefeet_tui``."""

from freefeet_tui.cli import run

raise SystemExit(run())
