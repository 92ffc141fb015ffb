"""Reading freefeet's JSON export back, with the line of every problem, through ``json`` alone.

The document is decoded once with the documented ``json.JSONDecoder`` (a syntax error names
its line). Where a record is wrong, the line of its key is found by walking the text with
``JSONDecoder.raw_decode``, which returns where each value ends: the start and end of each
record in the three arrays, and within that span the ``"key":`` named. Bounded whatever the
file holds: a number longer than :data:`MAX_DIGITS` digits is kept as a marker the record
checks refuse (``int`` would refuse it with a traceback), nesting deeper than the interpreter
allows is one error line, and a key given twice in one object is refused, not silently lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from freefeet_tui.core.export.common import EXPORT_FORMAT, EXPORT_VERSION, Record
from freefeet_tui.core.export.import_common import (
    SECTIONS,
    TOP_KEYS,
    Collector,
    Imported,
    ImportFileError,
    Oversized,
    build_checked,
    context,
    typed,
)
from freefeet_tui.core.progress.checks import Keys
from freefeet_tui.core.terminal_text import quoted

MAX_DIGITS = 40  # no whole number in an export has more; longer ones are refused by the checks
_WHITESPACE = " \t\n\r"


class _Object(dict[str, Any]):
    """A decoded JSON object that remembers the first key it held twice, if any."""

    twice: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object()
    for key, value in pairs:
        if key in found and found.twice is None:
            found.twice = key
        found.setdefault(key, value)
    return found


def _whole(text: str) -> int | Oversized:
    return Oversized(len(text.lstrip("-"))) if len(text) > MAX_DIGITS else int(text)


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_whole)


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def record_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each record of each section starts and ends in ``text`` (a document that has
    decoded already), by walking the top object with ``raw_decode``."""
    decoder = json.JSONDecoder(parse_int=_whole)
    spans: dict[str, list[tuple[int, int]]] = {}
    position = _skip(text, 0) + 1  # past the opening brace
    while True:
        position = _skip(text, position)
        if position >= len(text) or text[position] == "}":
            return spans
        if text[position] == ",":
            position += 1
            continue
        key, position = decoder.raw_decode(text, position)
        position = _skip(text, position) + 1  # past the colon
        position = _skip(text, position)
        if key in SECTIONS and text.startswith("[", position) and key not in spans:
            found: list[tuple[int, int]] = []
            position += 1
            while True:
                position = _skip(text, position)
                if position >= len(text) or text[position] == "]":
                    position += 1
                    break
                if text[position] == ",":
                    position += 1
                    continue
                start = position
                _, position = decoder.raw_decode(text, position)
                found.append((start, position))
            spans[key] = found
        else:
            _, position = decoder.raw_decode(text, position)


def _deep_line(text: str, limit: int = 64) -> int | None:
    """The line where brackets first nest deeper than ``limit``, strings skipped."""
    depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, token.start()) + 1
        elif mark in "]}":
            depth -= 1
    return None


class JsonReader:
    """Checks one JSON export; every problem is an :class:`ImportFileError`."""

    def __init__(self, path: Path, text: str, check_day: Callable[[Record], str | None]) -> None:
        self.path, self.text = path, text
        self.check_day = check_day
        self._spans: dict[str, list[tuple[int, int]]] | None = None

    def line_at(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1

    def span(self, section: str, number: int) -> tuple[int, int] | None:
        if self._spans is None:
            try:
                self._spans = record_spans(self.text)
            except (ValueError, RecursionError):
                self._spans = {}
        found = self._spans.get(section, [])
        return found[number - 1] if 0 < number <= len(found) else None

    def line_of(self, section: str | None, number: int, key: str | None) -> int | None:
        """The line of ``"key":`` in record ``number`` of ``section`` (the top object when
        ``section`` is None), else the line where that record starts."""
        span = (0, len(self.text)) if section is None else self.span(section, number)
        if span is None:
            return None
        if key is not None:
            pattern = re.escape(json.dumps(key)) + r"\s*:"
            found = re.compile(pattern).search(self.text, span[0], span[1])
            if found is not None:
                return self.line_at(found.start())
        return self.line_at(span[0]) if section is not None else 1

    def fail(self, section: str | None, number: int, key: str | None, message: str) -> Exception:
        return ImportFileError(self.path, self.line_of(section, number, key), message)

    def decode(self) -> Any:
        try:
            return _decoder().decode(self.text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(self.path, exc.lineno, f"not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise ImportFileError(
                self.path, _deep_line(self.text), "values are nested too deeply for an export"
            ) from None

    def read(self) -> Imported:
        data = self.decode()
        if not isinstance(data, _Object):
            raise ImportFileError(self.path, 1, "not a freefeet export: expected a JSON object")
        self.check_top(data)
        collector = Collector(self.path)
        for section, (kind, keys) in SECTIONS.items():
            items = data.get(section, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise self.fail(None, 0, section, f'"{section}" must be a list of objects')
            for number, item in enumerate(items, start=1):
                record = self.record(section, kind, keys, item, number)
                collector.add(kind, record, partial(self.line_of, section, number, None))
        return collector.result("json")

    def check_top(self, data: _Object) -> None:
        for key in data:
            if key not in TOP_KEYS:
                expected = ", ".join(TOP_KEYS)
                raise self.fail(
                    None, 0, key, f"unknown key {quoted(key)}; expected one of {expected}"
                )
        if data.twice is not None:
            raise self.fail(None, 0, data.twice, f"the key {quoted(data.twice)} is given twice")
        if data.get("format") != EXPORT_FORMAT:
            raise self.fail(
                None, 0, "format", f'not a freefeet export: "format" must be "{EXPORT_FORMAT}"'
            )
        version = data.get("version")
        if type(version) is not int or version < 1:
            raise self.fail(
                None, 0, "version", f'"version" must be a whole number such as {EXPORT_VERSION}'
            )
        if version > EXPORT_VERSION:
            raise self.fail(
                None,
                0,
                "version",
                f"version {quoted(version)} is newer than this freefeet reads "
                f"({EXPORT_VERSION}); update freefeet",
            )

    def record(self, section: str, kind: str, keys: Keys, item: _Object, number: int) -> Record:
        where = context(kind, item, number)
        for key in item:
            if key not in keys:
                raise self.fail(section, number, key, f"{where}unknown key {quoted(key)}")
        if item.twice is not None:
            raise self.fail(
                section, number, item.twice, f"{where}the key {quoted(item.twice)} is given twice"
            )
        values = {key: typed(key, value) for key, value in item.items()}
        built, key, problem = build_checked(kind, values, self.check_day)
        if built is None:
            raise self.fail(section, number, key if key in item else None, where + problem)
        return built
