"""Fuzzing the four kinds of user TOML file: lessons, year files, config.toml and the programme.

Each example is either a mutation of a real file (truncated, flipped, nested, huge numbers,
control characters, unknown keys, ...) or a real file with one value replaced by an arbitrary
TOML value. Every one goes through the reader and through the commands that read that kind
of file, in this process (``tests/helpers/toml_fuzz.py``): no traceback, no hang, the file
untouched, each error one line of at most 300 bytes, the exit code that matches the reader's
verdict. A few go through a real ``freefeet`` process too. ``benchmarks/fuzz_inputs.py`` runs
the same checks over thousands of inputs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.toml_fuzz import MAX_LINE_BYTES, check_input, place
from tests.helpers.toml_mutations import KINDS, YEAR, mutated, seeds

FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,  # nothing written to the working directory
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LEAVES = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=20),  # controls likely
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.times(),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


def tables(data: Any) -> list[dict[str, Any]]:
    """Every table of a parsed file: the top, its sub-tables and each table of its arrays."""
    found = [data]
    for value in data.values():
        if isinstance(value, dict):
            found.append(value)
        elif isinstance(value, list):
            found += [item for item in value if isinstance(item, dict)]
    return found


@st.composite
def edited(draw: st.DrawFn, kind: str) -> bytes:
    """A real file with one key of one table given an arbitrary value, added or removed."""
    data = tomllib.loads(draw(st.sampled_from(seeds(kind))).decode("utf-8-sig"))
    table = draw(st.sampled_from(tables(data)))
    action = draw(st.sampled_from(("replace", "add", "remove")))
    if action == "remove" and table:
        del table[draw(st.sampled_from(sorted(table)))]
    elif action == "replace" and table:
        table[draw(st.sampled_from(sorted(table)))] = draw(VALUES)
    else:
        table[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
    return tomli_w.dumps(data).encode()


def inputs(kind: str) -> st.SearchStrategy[bytes]:
    mutations = st.randoms(use_true_random=False).map(lambda rng: mutated(rng, kind)[0])
    return st.one_of(mutations, edited(kind))


def assert_sound(kind: str, data: bytes) -> None:
    report = check_input(kind, data)
    assert not report.violations, report.violations
    assert report.longest_error <= MAX_LINE_BYTES


@FUZZ
@given(inputs("lesson"))
def test_fuzzed_lesson_files(data: bytes) -> None:
    assert_sound("lesson", data)


@FUZZ
@given(inputs("year"))
def test_fuzzed_year_files(data: bytes) -> None:
    assert_sound("year", data)


@FUZZ
@given(inputs("config"))
def test_fuzzed_config_files(data: bytes) -> None:
    assert_sound("config", data)


@FUZZ
@given(inputs("programme"))
def test_fuzzed_programme_files(data: bytes) -> None:
    assert_sound("programme", data)


@pytest.mark.parametrize("kind", KINDS)
def test_the_real_files_pass_untouched(kind: str) -> None:
    for data in seeds(kind):
        report = check_input(kind, data)
        assert report.refused is None and not report.violations, report.violations


# ---- through a real process ----------------------------------------------------------------

HOSTILE = {
    "lesson": b'schema = 1\nid = "x"\ntitle = "\\u001b]0;pwned\\u0007"\n',
    "year": b"schema = 1\nyear = 2026\n" + b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "config": b"[sound]\nvolume = " + b"9" * 5000 + b"\n",
}
COMMANDS = {
    "lesson": (["lessons", "validate", "{file}"], 1),
    "year": (["today"], 1),
    "config": (["play", "pre-run-hip-extension", "--plain"], 2),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_real_process_gives_one_line_and_no_traceback(tmp_path: Path, kind: str) -> None:
    data = HOSTILE[kind].replace(b"2026", str(YEAR).encode())
    path = place(kind, data, tmp_path)
    arguments, expected = COMMANDS[kind]
    result = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", *(a.format(file=path) for a in arguments)],
        capture_output=True,
        env={**os.environ, "FREEFEET_HOME": str(tmp_path)},
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == expected, result.stderr
    assert b"Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith(b"freefeet: error:")]
    assert errors and all(len(line) <= MAX_LINE_BYTES for line in errors)
    assert all(line.startswith(b"freefeet: ") for line in result.stderr.splitlines())
    assert not any(control in result.stderr for control in (b"\x1b", b"\x07", b"\x08"))
    assert path.read_bytes() == data
