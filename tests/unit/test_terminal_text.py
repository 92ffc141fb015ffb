"""The sanitiser: control characters are shown, never obeyed; refused input is found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from freefeet_tui.core.terminal_text import (
    control_problem,
    describe_control,
    find_control,
    quoted,
    visible,
)

DANGEROUS = {"\x1b", "\x07", "\x08", "\r", "\x9b", "\x7f"}


def test_escape_sequences_are_spelt_out() -> None:
    assert visible("\x1b]0;pwned\x07 note") == "^[]0;pwned^G note"
    assert visible("\x1b]52;c;aGk=\x07") == "^[]52;c;aGk=^G"
    assert visible("red\x1b[31m!") == "red^[[31m!"
    assert visible("csi \x9b2J") == "csi ^[[2J"
    assert visible("back\x08\x08 del\x7f") == "back^H^H del^?"


def test_plain_text_and_unicode_pass_unchanged() -> None:
    for text in ["", "stiff at first", "Better after coffee ☕🦶", "[b]bold[/b] <b>", "é\tx"]:
        assert visible(text) == text


def test_newlines_stay_only_when_asked() -> None:
    assert visible("one\ntwo") == "one^Jtwo"
    assert visible("one\r\ntwo\rthree", keep_newlines=True) == "one\ntwo^Mthree"


def test_lone_surrogates_become_the_replacement_character() -> None:
    shown = visible("bad \ud800 half")
    assert shown == "bad \ufffd half"
    shown.encode("utf-8")  # printable as UTF-8 now


@given(st.text())
def test_nothing_a_terminal_obeys_survives(text: str) -> None:
    for keep in (False, True):
        shown = visible(text, keep_newlines=keep)
        assert not DANGEROUS & set(shown)
        assert all(not 0xD800 <= ord(c) < 0xE000 for c in shown)
        assert ("\n" in shown) <= keep


def test_find_control_refuses_escapes_but_not_newlines_or_tabs() -> None:
    assert find_control("left foot\nthen right\tok") is None
    assert find_control("a\r\nb") is None
    assert find_control("one\ntwo", allow_newlines=False) == 3
    assert find_control("bad \x1b[31m") == 4
    assert find_control("c1 \x85") == 3
    assert find_control("half \udc80") == 5


def test_describe_and_problem_name_the_character() -> None:
    assert describe_control("\x1b") == "U+001B (^[)"
    assert control_problem("x\x07") == "holds a control character U+0007 (^G)"
    assert control_problem("fine") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("short", '"short"'),
        ("x" * 100, '"' + "x" * 60 + '..."'),
        ("line\nbreak\x1b", '"line^Jbreak^["'),
        (12, "12"),
        (10**5000, "a number of about 5001 digits"),
    ],
    ids=["short", "long", "controls", "int", "huge-int"],
)
def test_quoted_values_are_short_single_lines(value: object, expected: str) -> None:
    assert quoted(value) == expected


def test_quoted_survives_deep_nesting() -> None:
    deep: list[object] = []
    for _ in range(5000):
        deep = [deep]
    assert len(quoted(deep)) <= 64
