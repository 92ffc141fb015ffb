"""The wheel ships the lessons, the sounds and the ``freefeet`` command, and works installed.

An editable install finds the lessons at the top of the checkout, so it can hide a wheel that
forgets them. These tests build a real wheel, look inside it, install it (not editable) into a
fresh virtualenv and run ``freefeet lessons list`` from a folder far away from the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import LESSONS_DIR, REPO

BUILTIN_IDS = ("free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension")


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command and return its stdout; on failure show everything it printed."""
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once, offline, with the hatchling installed by the dev extra."""
    out = tmp_path_factory.mktemp("wheel")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            REPO,
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            out,
        ],
        cwd=out,
    )
    wheels = sorted(out.glob("freefeet_tui-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {wheels}"
    return wheels[0]


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_wheel_contains_the_builtin_lessons(wheel: Path) -> None:
    shipped = {n for n in _names(wheel) if n.startswith("freefeet_tui/_data/lessons/")}
    expected = {f"freefeet_tui/_data/lessons/{p.name}" for p in LESSONS_DIR.glob("*.toml")}
    assert {f"freefeet_tui/_data/lessons/{i}.toml" for i in BUILTIN_IDS} <= expected
    assert expected <= shipped


def test_wheel_contains_the_audio_folder(wheel: Path) -> None:
    assert any(n.startswith("freefeet_tui/_data/audio/") for n in _names(wheel))


def test_wheel_has_the_code_but_not_the_checkout_extras(wheel: Path) -> None:
    names = _names(wheel)
    assert "freefeet_tui/__init__.py" in names
    assert "freefeet_tui/core/engine.py" in names
    assert not any("__pycache__" in n or n.startswith(("tests/", "lessons/")) for n in names)


def test_wheel_declares_the_freefeet_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        assert len(names) == 1, names
        text = archive.read(names[0]).decode()
    assert "[console_scripts]" in text
    assert "freefeet = freefeet_tui.entry:run" in text


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed normally; returns its ``bin`` folder.

    The dependencies are not downloaded again: a ``.pth`` file appends the test interpreter's
    site-packages to the new environment's path. Plain path lines in a ``.pth`` file do not run
    the ``.pth`` files found there, so the checkout's editable hook stays out and the wheel's
    copy of freefeet, first on the path, is the one that runs.
    """
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            wheel,
        ],
        cwd=venv.parent,
    )
    site_packages = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=venv.parent,
        ).strip()
    )
    (site_packages / "_freefeet_test_deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return venv / "bin"


def _outside_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["FREEFEET_HOME"] = str(tmp_path / "home")
    return env


def test_installed_freefeet_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [installed / "python", "-c", "import freefeet_tui; print(freefeet_tui.__file__)"],
        cwd=tmp_path,
        env=_outside_env(tmp_path),
    ).strip()
    assert Path(where).is_relative_to(installed.parent), where
    assert not Path(where).is_relative_to(REPO / "src"), where


def test_installed_freefeet_lists_its_lessons_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    command = installed / "freefeet"
    assert command.is_file(), "the wheel did not install the freefeet command"
    listing = _run([command, "lessons", "list"], cwd=tmp_path, env=_outside_env(tmp_path))
    for lesson_id in BUILTIN_IDS:
        assert lesson_id in listing, f"{lesson_id} missing from:\n{listing}"
    assert "Free Your Feet" in listing
