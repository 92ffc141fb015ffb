"""``NamedTuple`` class syntax for the core's small value types, without importing ``typing``.

``freefeet today`` is meant to start in a few dozen milliseconds, and importing :mod:`typing`
costs about 2 ms of that just for ``typing.NamedTuple``. This module builds the same classes
the way ``typing`` does (``collections.namedtuple``, then the class body's docstring, methods
and properties added to it), while type checkers see ``typing.NamedTuple`` itself, so every
field stays fully typed. Only the class syntax is supported, without generics.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # What typing.NamedTuple refuses in a class body, and what it takes from the body itself.
    _PROHIBITED = frozenset(
        {"__getnewargs__", "_field_defaults", "_replace", "__new__", "_source", "_asdict",
         "_fields", "__slots__", "_make", "__init__"}
    )  # fmt: skip
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _NamedTupleMeta(type):
        """Turns ``class Point(NamedTuple): x: int; y: int = 0`` into a named tuple class."""

        def __new__(mcs, typename: str, bases: tuple[type, ...], namespace: dict[str, object]):
            if bases != (NamedTuple,):
                raise TypeError("a NamedTuple class can only inherit from NamedTuple")
            fields = list(namespace.get("__annotations__", {}))
            with_defaults = [name for name in fields if name in namespace]
            if fields[len(fields) - len(with_defaults) :] != with_defaults:
                raise TypeError(f"{typename}: a field without a default follows one with it")
            made = collections.namedtuple(
                typename,
                fields,
                defaults=[namespace[name] for name in with_defaults],
                module=str(namespace["__module__"]),
            )
            made.__annotations__ = dict(namespace.get("__annotations__", {}))
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            return made

    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
