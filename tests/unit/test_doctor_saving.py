"""``freefeet doctor`` says when freefeet cannot save: no permission, read-only, disk full.

Where the tests run as root they use the real thing: a read-only bind mount of the home, and
a 1 MiB tmpfs filled to the brim (root may write anywhere, so "no permission" cannot be made
for real and is made at the OS-call boundary, like the other two as well for machines where
nothing can be mounted).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui.cli.doctor import saving_section
from freefeet_tui.core import storage_check
from freefeet_tui.core.locations import Locations
from freefeet_tui.core.storage_check import MIN_FREE_BYTES, storage_state


def locations_in(home: Path) -> Locations:
    return Locations(home / "data", home / "config", home / "cache", "FREEFEET_HOME")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "data" / "progress").mkdir(parents=True)
    (home / "cache").mkdir()
    return home


def doctor(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "freefeet_tui", "doctor"],
        capture_output=True,
        text=True,
        env={**os.environ, "FREEFEET_HOME": str(home)},
        timeout=60,
        check=False,
    )


def test_a_usable_home_saves(home: Path) -> None:
    section = saving_section(locations_in(home))
    assert section.problems == 0
    assert section.lines[0].startswith("progress log") and "can save in" in section.lines[0]
    assert not [p for p in (home / "data" / "progress").iterdir()]  # the probe is gone


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (errno.EACCES, "cannot be written (permission denied)"),
        (errno.EROFS, "is on a read-only file system"),
        (errno.ENOSPC, "is full: freefeet cannot save there"),
    ],
)
def test_a_failing_test_write_is_named(
    home: Path, monkeypatch: pytest.MonkeyPatch, error: int, said: str
) -> None:
    real_open = os.open

    def refuse_probe(path: Any, flags: int, mode: int = 0o777) -> int:
        if ".doctor." in str(path):
            raise OSError(error, os.strerror(error), str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse_probe)
    section = saving_section(locations_in(home))
    monkeypatch.undo()
    assert section.problems == 2  # the progress folder and the cache
    assert any(said in line for line in section.lines), section.lines


def test_a_folder_not_made_yet_is_judged_by_the_folder_above(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    state = storage_state(home / "data" / "progress" / "new")
    assert state.folder == home / "data" / "progress"
    assert state.problem is not None and "permission denied" in state.problem


def test_little_room_left_is_a_problem(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_check, "_free_bytes", lambda folder: (MIN_FREE_BYTES // 4, False))
    state = storage_state(home / "cache")
    assert state.problem is not None and "almost full (256 KiB free)" in state.problem


# ---- for real, as root ----------------------------------------------------------------------


def mount(*args: str) -> None:
    made = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot mount here: {made.stderr.strip()}")


@pytest.fixture
def as_root() -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root")


@pytest.fixture
def read_only_home(home: Path, as_root: None) -> Iterator[Path]:
    mount("--bind", str(home), str(home))
    try:
        mount("-o", "remount,bind,ro", str(home))
        yield home
    finally:
        subprocess.run(["umount", str(home)], check=False)


@pytest.fixture
def full_home(tmp_path: Path, as_root: None) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(disk))
    try:
        home = disk / "home"
        (home / "data" / "progress").mkdir(parents=True)
        (home / "cache").mkdir()
        with (disk / "filler").open("wb", buffering=0) as filler:
            try:
                while filler.write(b"\0" * 4096):
                    pass
            except OSError:
                pass
        yield home
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_doctor_reports_a_read_only_file_system(read_only_home: Path) -> None:
    found = doctor(read_only_home)
    assert found.returncode == 1
    assert "is on a read-only file system: freefeet cannot save there" in found.stdout
    assert "Everything looks fine" not in found.stdout


def test_doctor_reports_a_full_disk(full_home: Path) -> None:
    found = doctor(full_home)
    assert found.returncode == 1
    assert "is full: freefeet cannot save there" in found.stdout
    assert "Everything looks fine" not in found.stdout
