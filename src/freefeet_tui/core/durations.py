"""Parse and format the short durations lesson files use: ``30s``, ``2m``, ``1m30s``."""

from __future__ import annotations

import re

# ``re`` compiles the pattern on first use. At most 5 digits of minutes and 6 of seconds: any
# duration it matches is a finite, exact number of seconds (no overflow, no infinity).
_DURATION = r"^(?:(?P<m>[0-9]{1,5})m)?(?:(?P<s>[0-9]{1,6}(?:\.[0-9]{1,3})?)s)?$"
MAX_DURATION_TEXT = 32  # characters: longer text is not a duration, and is not looked at


def parse_duration(text: str) -> float | None:
    """Seconds in ``text`` (like ``45s``, ``2m``, ``1m30s``), or None when it is not a duration."""
    if len(text) > MAX_DURATION_TEXT:
        return None
    cleaned = text.strip().replace(" ", "")
    match = re.match(_DURATION, cleaned)
    if not cleaned or match is None or not (match["m"] or match["s"]):
        return None
    seconds = float(match["s"] or 0)
    if match["m"] and seconds >= 60:
        return None  # "1m90s" is more likely a typo than a way to write 2m30s
    return int(match["m"] or 0) * 60 + seconds


def format_clock(seconds: float) -> str:
    """``m:ss`` for a countdown or a total, rounding partial seconds up so 0:00 means done."""
    whole = max(0, int(-(-seconds // 1)))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def format_length(seconds: float) -> str:
    """A friendly length such as ``18 min``, ``6 min 30 s`` or ``45 s``."""
    whole = max(0, round(seconds))
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"
