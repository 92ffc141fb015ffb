"""The programme's start-up cache, and what ``freefeet today`` loads once its caches are warm.

``load_program(path, cache_file)`` keeps the checked programme with the exact bytes it came
from; it is used only while the file is byte-for-byte the same, so an edit is always read and
checked again and a mistake is never hidden. The last test is the start-up contract behind
the ``freefeet today`` benchmark: with warm caches it parses no TOML and loads no OpenSSL.
"""

from __future__ import annotations

import json
import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui import __version__
from freefeet_tui.core import program_file as schedule
from freefeet_tui.core.locations import builtin_lessons_dir, user_locations
from freefeet_tui.core.program_file import PROGRAM_FILE, ProgramError, load_program

SHIPPED = (builtin_lessons_dir() / PROGRAM_FILE).read_text(encoding="utf-8")


@pytest.fixture
def program_file(tmp_path: Path) -> Path:
    path = tmp_path / "lessons" / PROGRAM_FILE
    path.parent.mkdir()
    path.write_text(SHIPPED, encoding="utf-8")
    return path


def no_parsing(*args: object) -> None:
    raise AssertionError("parsed the TOML although the cache matched")


def test_an_unchanged_programme_comes_from_the_cache(
    program_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / "program.marshal"
    first = load_program(program_file, cache)
    assert first == load_program(program_file)  # the cache changes nothing
    assert first.follow and first.pre_run is not None and first.phases[0].intervals is not None
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    monkeypatch.setattr(schedule, "parse_program", no_parsing)
    again = load_program(program_file, cache)
    assert again == first and again.path == program_file


def test_an_edited_programme_is_read_afresh_and_a_mistake_is_not_hidden(
    program_file: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "program.marshal"
    before = load_program(program_file, cache)
    program_file.write_text(SHIPPED.replace("weeks = 2", "weeks = 1 + "))
    with pytest.raises(ProgramError, match=rf"^{program_file}:\d+: not valid TOML"):
        load_program(program_file, cache)
    program_file.write_text(SHIPPED, encoding="utf-8")
    assert load_program(program_file, cache) == before
    follow = before.follow[0]
    program_file.write_text(SHIPPED.replace(follow.reason, "a new reason"), encoding="utf-8")
    assert load_program(program_file, cache).follow[0].reason == "a new reason"


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe9\x00\x00", b")\x00"])
def test_a_damaged_cache_is_ignored_and_replaced(
    program_file: Path, tmp_path: Path, damage: bytes
) -> None:
    cache = tmp_path / "program.marshal"
    good_program = load_program(program_file, cache)
    good = cache.read_bytes()
    cache.write_bytes(damage)
    assert load_program(program_file, cache) == good_program
    assert cache.read_bytes() == good


@pytest.mark.parametrize(
    "data",
    [
        ("t", (("p", 1, ((1,),), (), (), None),), (), None, "c", "r", ()),
        ("t", (), ((1,),), None, "c", "r", (3, 5)),
        ("only", "three", "items"),
    ],
)
def test_a_cache_of_these_very_bytes_but_the_wrong_shape_is_ignored(
    program_file: Path, tmp_path: Path, data: Any
) -> None:
    cache = tmp_path / "program.marshal"
    good = load_program(program_file, cache)
    stamp = (2, __version__, str(program_file), program_file.read_bytes())
    cache.write_bytes(marshal.dumps((stamp, data)))
    assert load_program(program_file, cache) == good  # parsed again, not a crash


def test_today_with_warm_caches_parses_no_toml_and_loads_no_openssl() -> None:
    """The start-up contract behind the benchmark: snapshots, lesson and programme caches."""
    warm = [sys.executable, "-m", "freefeet_tui", "log", "--pain", "3", "--note", "stiff"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(warm, check=True, capture_output=True, env=env)
    subprocess.run([*warm[:3], "today"], check=True, capture_output=True, env=env)
    assert (user_locations().cache / schedule.PROGRAM_CACHE).is_file()
    probe = (
        "import json, sys; from freefeet_tui.cli.main import main; code = main(['today']); "
        "print(json.dumps([code, sorted(m for m in ('tomllib', 'hashlib', 'textual') "
        "if m in sys.modules)]), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
    )
    assert "Last check-in" in done.stdout and "pain 3" in done.stdout
    assert json.loads(done.stderr.splitlines()[-1]) == [0, []]
