"""The ``snap_compare`` fixture's type, shared by every snapshot test module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from textual.pilot import Pilot


class SnapCompare(Protocol):
    def __call__(
        self,
        app: object,
        press: tuple[str, ...] = ...,
        terminal_size: tuple[int, int] = ...,
        run_before: Callable[[Pilot[None]], Awaitable[None]] | None = ...,
    ) -> bool: ...


async def steady_cursors(pilot: Pilot[None]) -> None:
    """Stop every text cursor blinking before a snapshot: shown steadily, not at a random
    phase of its blink (which made form snapshots flaky)."""
    from textual.widgets import Input

    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()
