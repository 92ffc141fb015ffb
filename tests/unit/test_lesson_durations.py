"""Durations as lesson files write them: ``30s``, ``2m``, ``1m30s`` (shown: test_wording.py)."""

from __future__ import annotations

import pytest

from freefeet_tui.core.wording import parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30s", 30.0),
        ("2m", 120.0),
        ("1m30s", 90.0),
        ("1m 30s", 90.0),
        (" 45s ", 45.0),
        ("90s", 90.0),
        ("0.5s", 0.5),
        ("1m0.5s", 60.5),
        ("1m59s", 119.0),
        ("0s", 0.0),
        ("0m", 0.0),
        ("1 m", 60.0),
    ],
)
def test_accepted_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "30",
        "ten",
        "1h",
        "1.5m",
        "-5s",
        "30S",
        "m",
        "s",
        "ms",
        "1m30",
        "30s1m",
        "1m90s",
        "1m60s",
        ".5s",
        "5.s",
        "١٢s",  # non-ASCII digits look like numbers but are not accepted
        "30s\n10s",
    ],
)
def test_rejected_durations(text: str) -> None:
    assert parse_duration(text) is None
