"""An import across two years writes both year files or neither, whatever fails in between.

Faults are made where the store meets the system: the second rename refused, the disk full
while the second temporary file is written (at the OS-call boundary with a monkeypatch, and
for real on a 1 MiB tmpfs when the tests run as root), a lone surrogate in a note of the second
year. Each time both year files keep their exact bytes, no temporary file is left behind and
the command says, in one line, that nothing was written.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui.core.export.importer import Imported, read_export
from freefeet_tui.core.export.merge import merge_into
from freefeet_tui.core.progress import ProgressStore, ProgressWriteError
from freefeet_tui.core.progress import atomic as atomic_module
from tests.helpers.import_files import (
    export_files,
    make_home,
    recent_history,
    run_import,
    year_files,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return make_home(tmp_path)


def store_of(home: Path) -> ProgressStore:
    return ProgressStore(home / "data" / "progress")


def records() -> Imported:
    history = recent_history()
    return Imported("json", history.sessions, history.checkins, history.skips)


def years_of(imported: Imported) -> list[int]:
    return sorted({c.day.year for c in imported.checkins})


def no_temps(home: Path) -> bool:
    folder = home / "data" / "progress"
    return not [p for p in folder.iterdir() if atomic_module.is_temp_name(p.name)]


def test_the_import_spans_two_years_of_which_one_already_has_a_file(home: Path) -> None:
    imported = records()
    assert len(years_of(imported)) == 2
    files = year_files(home)
    assert len([name for name in files if name.endswith(".toml")]) == 1  # the log's first year


def test_a_failed_second_rename_puts_the_first_file_back(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = year_files(home)
    real_replace = os.replace
    renames: list[str] = []

    def second_fails(source: Any, target: Any) -> None:
        renames.append(Path(target).name)
        if len(renames) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(ProgressWriteError, match="nothing was written"):
        merge_into(store_of(home), records())
    monkeypatch.undo()
    assert len(renames) >= 3  # the first rename, the failed one, and the first put back
    assert year_files(home) == before
    assert no_temps(home)


def test_a_full_disk_while_writing_the_second_year_writes_neither(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = year_files(home)
    real_stage = atomic_module._stage
    staged: list[str] = []

    def full_on_second(path: Path, data: bytes) -> Path:
        staged.append(path.name)
        if len(staged) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(atomic_module, "_stage", full_on_second)
    with pytest.raises(ProgressWriteError, match="No space left on device; nothing was written"):
        merge_into(store_of(home), records())
    monkeypatch.undo()
    assert len(staged) == 2
    assert year_files(home) == before
    assert no_temps(home)


def test_the_command_says_in_one_line_that_nothing_was_imported(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(export_files()["json"])
    before = year_files(home)
    real_stage = atomic_module._stage
    calls: list[Path] = []

    def full_on_second(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(atomic_module, "_stage", full_on_second)
    outcome = run_import(source, home)
    assert outcome.code == 1
    assert outcome.out == b""
    assert outcome.err.count(b"\n") == 1 and b"nothing was written" in outcome.err
    assert year_files(home) == before


def test_a_lone_surrogate_in_the_second_year_is_refused_before_anything_is_written(
    home: Path, tmp_path: Path
) -> None:
    before = year_files(home)
    imported = records()
    last = imported.checkins[-1]
    bad = replace(last, note="fine \ud800 not")
    with pytest.raises(ProgressWriteError, match="U\\+D800"):
        merge_into(store_of(home), replace(imported, checkins=(*imported.checkins[:-1], bad)))
    assert year_files(home) == before and no_temps(home)
    # and in a file, the importer refuses it before the store is even asked
    text = export_files()["json"].decode().replace("stiff,", "stiff \\ud800,", 1)
    source = tmp_path / "surrogate.json"
    source.write_text(text, encoding="utf-8")
    outcome = run_import(source, home)
    assert outcome.code == 2 and b"U+D800" in outcome.err
    assert year_files(home) == before
    with pytest.raises(ValueError, match="U\\+D800"):
        read_export(source.read_bytes(), source)


# ---- a real full disk ----------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs, when the tests may mount one (root); else the test is skipped."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_really_full_disk_between_two_year_files_writes_neither(
    tiny_disk: Path, tmp_path: Path
) -> None:
    # How big the two year files are, from the same import on an ordinary disk.
    trial = make_home(tmp_path / "trial")
    merge_into(store_of(trial), records())
    sizes = sorted(len(data) for name, data in year_files(trial).items() if name.endswith(".toml"))
    home = make_home(tiny_disk)
    before = year_files(home)
    # Leave room for the smaller year file and a little, not for both.
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    filler = tiny_disk / "filler"
    filler.write_bytes(b"\0" * max(0, free - sizes[0] - 8192))
    with pytest.raises(ProgressWriteError, match="nothing was written"):
        merge_into(store_of(home), records())
    assert year_files(home) == before and no_temps(home)
    filler.unlink()  # room again: the same import now goes through whole
    merge_into(store_of(home), records())
    assert sum(name.endswith(".toml") for name in year_files(home)) == 2


def test_dates_of_the_records_are_in_the_past(home: Path) -> None:
    assert max(c.day for c in records().checkins) < date.today()
