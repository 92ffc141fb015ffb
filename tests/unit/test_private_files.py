"""Everything freefeet makes is private, whatever the umask, and killed writers leave nothing.

Under umask 000 (which would make folders 0777 and files 0666) each command that can be the
first to run (``lessons list``, ``lessons show``, ``play``, ``voice render``, ``log``) is
started against a home that does not exist yet: every folder it makes, the home and the one
above it included, is 0700 and every file 0600. Stale temporary files of freefeet's own name
pattern are gone after the next command that writes; other files stay.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from freefeet_tui.core.locations import ensure_private_dir
from freefeet_tui.core.progress.atomic import is_temp_name, remove_stale_temps

FIRST_COMMANDS = [
    ("lessons", "list"),
    ("lessons", "show", "free-your-feet"),
    ("play", "pre-run-hip-extension", "--plain", "--tempo", "100", "--audio", "none"),
    ("log", "--pain", "2"),
    ("voice", "render", "pre-run-hip-extension"),
]


def freefeet(home: Path, *args: str, umask: int = 0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "freefeet_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "FREEFEET_HOME": str(home)},
        umask=umask,
        timeout=120,
        check=False,
    )


def modes(root: Path) -> dict[str, int]:
    found = {str(root): stat.S_IMODE(root.stat().st_mode)}
    for folder, names, files in os.walk(root):
        for name in [*names, *files]:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


@pytest.mark.parametrize("args", FIRST_COMMANDS, ids=[" ".join(a[:2]) for a in FIRST_COMMANDS])
def test_the_first_command_under_umask_000_makes_only_private_folders_and_files(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    if args[0] == "voice" and not shutil.which("espeak-ng"):
        pytest.skip("voice render needs espeak-ng")
    outer = tmp_path / "made-by-freefeet"
    home = outer / "home"
    found = freefeet(home, *args)
    assert "Traceback" not in found.stderr, found.stderr
    assert outer.is_dir(), f"{args} made nothing: {found.stderr}"
    made = modes(outer)
    wrong = {
        path: oct(mode)
        for path, mode in made.items()
        if mode != (0o700 if Path(outer, path).is_dir() or path == str(outer) else 0o600)
    }
    assert wrong == {}, wrong


def test_private_folders_are_made_so_even_under_a_strict_umask(tmp_path: Path) -> None:
    old = os.umask(0o777)
    try:
        made = ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700


def test_stale_temporary_files_go_at_the_next_writing_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert freefeet(home, "log", "--pain", "3", umask=0o022).returncode == 0
    progress, cache = home / "data" / "progress", home / "cache"
    cache.mkdir(exist_ok=True)
    stale = [
        progress / ".2026.toml.1a2b3c4d.tmp",
        progress / ".2026.snapshot.0f0f0f0f.tmp",
        progress / ".doctor.deadbeef.tmp",
        cache / ".lessons.marshal.abcdef01.tmp",
    ]
    kept = [progress / "notes.txt", progress / ".2026.toml.keep", cache / "lessons.marshal.tmp"]
    for path in [*stale, *kept]:
        path.write_text("half a file")
    long_ago = time.time() - 3600
    for path in [*stale, *kept]:
        os.utime(path, (long_ago, long_ago))
    fresh_cache_temp = cache / ".program.marshal.12345678.tmp"  # a writer may be at it now
    fresh_cache_temp.write_text("being written")
    found = freefeet(home, "skip", "--reason", "travel", umask=0o022)
    assert found.returncode == 0, found.stderr
    assert [path.name for path in stale if path.exists()] == []
    assert all(path.exists() for path in kept)
    assert fresh_cache_temp.exists()


def test_only_freefeets_own_temporary_names_are_swept(tmp_path: Path) -> None:
    assert is_temp_name(".2026.toml.1a2b3c4d.tmp") and is_temp_name(".x.abc.tmp")
    for name in ("2026.toml", ".2026.toml.tmp", ".2026.toml.xyz.tmp", "a.1a2b3c4d.tmp", ".lock"):
        assert not is_temp_name(name), name
    (tmp_path / ".a.toml.00ff00ff.tmp").write_text("x")
    (tmp_path / "mine.tmp").write_text("x")
    assert [p.name for p in remove_stale_temps(tmp_path)] == [".a.toml.00ff00ff.tmp"]
    assert (tmp_path / "mine.tmp").exists()
