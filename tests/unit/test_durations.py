"""Durations as lesson files write them (``30s``, ``2m``, ``1m30s``) and as screens show them."""

from __future__ import annotations

import pytest

from freefeet_tui.core.durations import format_clock, format_length, parse_duration


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


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (0.2, "0:01"),
        (9, "0:09"),
        (59, "0:59"),
        (59.01, "1:00"),
        (60, "1:00"),
        (61, "1:01"),
        (90, "1:30"),
        (1259, "20:59"),
        (3600, "60:00"),
        (-3, "0:00"),
    ],
)
def test_format_clock_rounds_up_so_zero_means_done(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (59.4, "59 s"),
        (59.6, "1 min"),
        (60, "1 min"),
        (90, "1 min 30 s"),
        (355, "5 min 55 s"),
        (1080, "18 min"),
        (-3, "0 s"),
    ],
)
def test_format_length(seconds: float, shown: str) -> None:
    assert format_length(seconds) == shown
