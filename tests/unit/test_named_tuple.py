"""The core's typing-free NamedTuple builds the same classes as ``typing.NamedTuple``."""

from __future__ import annotations

import typing
from datetime import date

import pytest

from freefeet_tui.core import named_tuple


def make_both() -> list[type]:
    """The same class body built by typing.NamedTuple and by the core's stand-in."""
    made: list[type] = []
    for base in (typing.NamedTuple, named_tuple.NamedTuple):

        class Visit(base):  # type: ignore[valid-type,misc]
            """A day and how it went."""

            day: date
            steps: int
            note: str = ""
            done: bool = False

            @property
            def busy(self) -> bool:
                return self.steps > 3

            def label(self) -> str:
                return f"{self.day}: {self.steps}"

        made.append(Visit)
    return made


def test_both_build_the_same_kind_of_class() -> None:
    typed, ours = make_both()
    for cls in (typed, ours):
        visit = cls(date(2026, 11, 24), 5)
        assert visit._fields == ("day", "steps", "note", "done")
        assert visit._field_defaults == {"note": "", "done": False}
        assert repr(visit) == "Visit(day=datetime.date(2026, 11, 24), steps=5, note='', done=False)"
        assert visit == cls(date(2026, 11, 24), 5, "", False)
        assert hash(visit) == hash(cls(date(2026, 11, 24), 5))
        assert visit._replace(note="x").note == "x"
        assert visit.busy and visit.label() == "2026-11-24: 5"
        assert cls.__doc__ == "A day and how it went."
        assert cls.__module__ == __name__
        assert list(cls.__annotations__) == ["day", "steps", "note", "done"]
        with pytest.raises(AttributeError):
            visit.steps = 6
    assert ours.__qualname__ == typed.__qualname__


def test_a_field_without_a_default_may_not_follow_one_with_it() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(named_tuple.NamedTuple):
            first: int = 0
            second: int  # type: ignore[misc]  # mypy refuses it too


def test_the_named_tuple_methods_may_not_be_replaced() -> None:
    with pytest.raises(AttributeError, match="_replace"):

        class Bad(named_tuple.NamedTuple):
            first: int

            def _replace(self, **changes: object) -> Bad:  # type: ignore[misc]
                return self


def test_only_named_tuple_itself_may_be_the_base() -> None:
    with pytest.raises(TypeError, match="only inherit"):

        class Bad(named_tuple.NamedTuple, dict[str, int]):  # type: ignore[misc]
            first: int
