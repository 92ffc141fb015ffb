"""Fuzzing ``freefeet import``: mangled JSON and CSV exports, run through the real command.

Each input starts from a valid export across two years and is mangled by hypothesis: bytes
replaced, deleted, repeated or cut, hostile tokens (escapes, lone surrogates, numbers of
thousands of digits, nesting thousands deep, 100,000-character strings, NUL) put in, or one
value of one record swapped for a hostile one. Whatever happens: no traceback, exit code 0,
1 or 2, and a refusal is one ``freefeet: error:`` line of at most 300 bytes, with no ESC, BEL
or backspace in it, and leaves every year file as it was (nothing written, no temporary
file left behind). ``scripts/fuzz_import.py`` runs the same checks on thousands of inputs.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.hostile import dangerous_in
from tests.helpers.import_files import (
    HOSTILE_TOKENS,
    Outcome,
    export_files,
    fresh_home,
    make_home,
    run_import,
    year_files,
)

MAX_ERROR_BYTES = 300
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HOSTILE_VALUES: list[Any] = [
    "\x1b]0;pwned\x07",
    "\ud800",
    "a\x08b",
    "x" * 100_000,
    -(10**400),
    1e308 * 10,
    float("nan"),
    [[[[["deep"]]]]],
    {"a": {"b": 1}},
    "",
    "   ",
    None,
    True,
    "0001-01-06",
    "1999-12-31",
    "2999-01-01",
    "2026-02-30",
    '=HYPERLINK("x")',
    "'quoted",
    "line\nbreak",
]


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ffz") as folder:  # short: error lines name it
        root = Path(folder)
        make_home(root)
        yield root


@st.composite
def byte_mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few slices replaced, deleted, repeated or cut, or tokens put in."""
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 200)))
        how = draw(st.sampled_from(["token", "replace", "delete", "repeat", "cut", "bytes"]))
        if how == "token":
            token = draw(st.sampled_from(HOSTILE_TOKENS)).encode("utf-8", "surrogatepass")
            data = data[:start] + token + data[start:]
        elif how == "replace":
            text = draw(st.text(max_size=20)).encode("utf-8", "surrogatepass")
            data = data[:start] + text + data[end:]
        elif how == "delete":
            data = data[:start] + data[end:]
        elif how == "repeat":
            data = data[:end] + data[start:end] * draw(st.integers(1, 50)) + data[end:]
        elif how == "cut":
            data = data[:start]
        else:
            data = data[:start] + draw(st.binary(max_size=12)) + data[end:]
    return data


@st.composite
def json_value_swapped(draw: st.DrawFn, data: bytes) -> bytes:
    """One value of one record (or of the top object) swapped for a hostile one."""
    document = json.loads(data)
    section = draw(st.sampled_from(["sessions", "checkins", "skips", "top"]))
    target = document if section == "top" else draw(st.sampled_from(document[section]))
    key = draw(st.sampled_from([*target, "extra"]))
    target[key] = draw(st.sampled_from(HOSTILE_VALUES))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def csv_cell_swapped(draw: st.DrawFn, data: bytes) -> bytes:
    """One cell of one row swapped for hostile text."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, len(rows[row]) - 1))
    value = draw(st.sampled_from(HOSTILE_VALUES))
    rows[row][column] = value if isinstance(value, str) else str(value)[:5000]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def check(outcome: Outcome, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    assert outcome.code in (0, 1, 2), outcome
    assert dangerous_in(outcome.out) == [] and dangerous_in(outcome.err) == [], outcome
    if outcome.code == 0:
        assert outcome.err == b"", outcome
        return
    lines = outcome.err.splitlines()
    assert len(lines) == 1 and outcome.err.endswith(b"\n"), outcome
    assert lines[0].startswith(b"freefeet: error: "), outcome
    assert len(lines[0]) <= MAX_ERROR_BYTES, (len(lines[0]), lines[0][:400])
    assert after == before, "a refused import changed the log"


def import_once(workspace: Path, data: bytes, suffix: str) -> None:
    home = fresh_home(workspace / "home", workspace / "run")
    source = workspace / f"in.{suffix}"
    source.write_bytes(data)
    before = year_files(home)
    outcome = run_import(source, home)
    check(outcome, before, year_files(home))
    shutil.rmtree(home)


@FUZZ
@given(st.data())
def test_mangled_json_imports_are_refused_in_one_line_and_write_nothing(
    workspace: Path, data: st.DataObject
) -> None:
    base = export_files()["json"]
    mangle = data.draw(st.sampled_from([byte_mangled, json_value_swapped]))
    import_once(workspace, data.draw(mangle(base)), "json")


@FUZZ
@given(st.data())
def test_mangled_csv_imports_are_refused_in_one_line_and_write_nothing(
    workspace: Path, data: st.DataObject
) -> None:
    base = export_files()["csv"]
    mangle = data.draw(st.sampled_from([byte_mangled, csv_cell_swapped]))
    import_once(workspace, data.draw(mangle(base)), "csv")


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_the_unmangled_files_import_across_two_years(workspace: Path, kind: str) -> None:
    home = fresh_home(workspace / "home", workspace / f"ok-{kind}")
    source = workspace / f"ok.{kind}"
    source.write_bytes(export_files()[kind])
    outcome = run_import(source, home)
    assert outcome.code == 0, outcome
    assert len([name for name in year_files(home) if name.endswith(".toml")]) >= 2
