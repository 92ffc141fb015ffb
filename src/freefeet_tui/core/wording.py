"""Words and figures that several screens and commands show the same way.

One home, so the command line and the app never describe the same thing differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from freefeet_tui.core.progress import CheckIn
    from freefeet_tui.core.stats import ScanChanges

SCAN_QUESTION = "Compared with the start, walking feels:"
SCAN_ANSWERS = ("much worse", "worse", "the same", "easier", "much easier")
"""The answers to :data:`SCAN_QUESTION`, keys 1 to 5, saved as ``scan_change`` -2 to 2."""


def scan_change_words(change: int) -> str:
    """``scan_change`` in words: -2 ``much worse`` ... 2 ``much easier``."""
    return SCAN_ANSWERS[change + 2]


def scan_changes_text(changes: ScanChanges) -> str:
    """``Free Your Feet: walking felt easier after 7 of 9 sessions`` (the rest in brackets)."""
    count = changes.answered
    text = (
        f"{changes.title}: walking felt easier after {changes.easier} of {count} "
        f"session{'s' if count != 1 else ''}"
    )
    rest = [f"the same after {changes.same}"] if changes.same else []
    rest += [f"worse after {changes.worse}"] if changes.worse else []
    return text + (f" ({', '.join(rest)})" if rest else "")


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
