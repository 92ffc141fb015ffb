"""Read the short durations lesson files use: ``30s``, ``2m``, ``1m30s``.

Showing a length is :mod:`freefeet_tui.core.wording`'s work (``length_text``).
"""

from __future__ import annotations

import re

_DURATION = r"^(?:(?P<m>[0-9]+)m)?(?:(?P<s>[0-9]+(?:\.[0-9]+)?)s)?$"  # ``re`` compiles on first use


def parse_duration(text: str) -> float | None:
    """Seconds in ``text`` (like ``45s``, ``2m``, ``1m30s``), or None when it is not a duration."""
    cleaned = text.strip().replace(" ", "")
    match = re.match(_DURATION, cleaned)
    if not cleaned or match is None or not (match["m"] or match["s"]):
        return None
    seconds = float(match["s"] or 0)
    if match["m"] and seconds >= 60:
        return None  # "1m90s" is more likely a typo than a way to write 2m30s
    return int(match["m"] or 0) * 60 + seconds
