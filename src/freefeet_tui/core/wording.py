"""Words and figures that several screens and commands show the same way.

One home, so the command line and the app never describe the same thing differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from freefeet_tui.core.progress import CheckIn


def pain_text(checkin: CheckIn) -> str:
    """The figures of a check-in on one line: ``left 3 · right 2 · ran 30 min (pain 4)``."""
    parts: list[str] = []
    if checkin.pain_left is not None and checkin.pain_left == checkin.pain_right:
        parts.append(f"both feet {checkin.pain_left}")
    else:
        if checkin.pain_left is not None:
            parts.append(f"left {checkin.pain_left}")
        if checkin.pain_right is not None:
            parts.append(f"right {checkin.pain_right}")
    if checkin.run_minutes is not None:
        run = f"ran {checkin.run_minutes} min" if checkin.run_minutes else "no run"
        if checkin.run_pain is not None:
            run += f" (pain {checkin.run_pain})"
        parts.append(run)
    elif checkin.run_pain is not None:
        parts.append(f"run pain {checkin.run_pain}")
    if checkin.planned_run and not checkin.run_minutes:
        parts.append("run planned")
    return " · ".join(parts) if parts else "no figures"
