"""The wheel: its metadata, exactly the runtime files, and a freefeet that works installed.

The tests build a real wheel (and an editable one) offline with the locked hatchling, read what
is inside, install each into a fresh virtualenv and run freefeet there from a folder far away
from the checkout. The built-in lessons and sounds are found through importlib.resources only,
so a wheel that forgets them fails here instead of quietly reading the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from email.message import Message
from email.parser import BytesParser
from pathlib import Path

import pytest

from freefeet_tui.core.cues import Cue
from freefeet_tui.core.version import __version__
from tests.conftest import LESSONS_DIR, REPO

# One worker builds the wheels once for every test here (scripts/test.sh: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("packaging")

BUILTIN_IDS = ("free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension")
PACKAGE = REPO / "src" / "freefeet_tui"
AUDIO_DIR = REPO / "audio"
DIST_INFO = f"freefeet_tui-{__version__}.dist-info"


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


def _build(kind: str, out: Path) -> Path:
    """Build a ``standard`` or ``editable`` wheel of the checkout with hatchling, offline."""
    script = f"import sys, hatchling.build as b; print(b.build_{kind}(sys.argv[1]))"
    name = _run([sys.executable, "-c", script, out], cwd=REPO).strip()
    return out / name


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("wheel", tmp_path_factory.mktemp("wheel"))


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        return BytesParser().parsebytes(archive.read(f"{DIST_INFO}/METADATA"))


# ---- what is inside -------------------------------------------------------------------------


def _package_files() -> set[str]:
    """The package's own files in the checkout, as the wheel names them (no caches, no _data)."""
    names = set()
    for path in PACKAGE.rglob("*"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "_data" or "__pycache__" in relative.parts or not path.is_file():
            continue
        names.add(f"freefeet_tui/{relative.as_posix()}")
    return names


def test_the_wheel_holds_the_runtime_files_and_nothing_else(wheel: Path) -> None:
    lessons = {f"freefeet_tui/_data/lessons/{p.name}" for p in LESSONS_DIR.glob("*.toml")}
    sounds = {f"freefeet_tui/_data/audio/{p.name}" for p in AUDIO_DIR.glob("*.wav")}
    assert {f"freefeet_tui/_data/lessons/{i}.toml" for i in BUILTIN_IDS} <= lessons
    assert {f"freefeet_tui/_data/audio/{cue.value}.wav" for cue in Cue} <= sounds
    metadata = {
        f"{DIST_INFO}/{name}"
        for name in ("METADATA", "WHEEL", "RECORD", "entry_points.txt", "licenses/LICENSE")
    }
    assert _names(wheel) == _package_files() | lessons | sounds | metadata


def test_the_tools_and_notes_beside_the_data_stay_out(wheel: Path) -> None:
    names = _names(wheel)
    assert (AUDIO_DIR / "make_sounds.py").is_file() and (AUDIO_DIR / "README.md").is_file()
    assert not any(n.endswith(("make_sounds.py", "README.md", ".pyc")) for n in names)
    assert not any(n.startswith(("tests/", "lessons/", "audio/", "scripts/")) for n in names)


def test_the_wheel_carries_the_license(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read(f"{DIST_INFO}/licenses/LICENSE").decode()
    assert shipped == (REPO / "LICENSE").read_text(encoding="utf-8")
    assert shipped.startswith("MIT License")
    metadata = _metadata(wheel)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]


def test_the_classifiers_say_who_and_where(wheel: Path) -> None:
    classifiers = set(_metadata(wheel).get_all("Classifier") or [])
    assert {
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Operating System :: POSIX :: Linux",
        "Operating System :: MacOS",
        "Environment :: Console",
    } <= classifiers
    prefixes = ("Development Status :: ", "Topic :: ", "Intended Audience :: ")
    assert all(any(c.startswith(prefix) for c in classifiers) for prefix in prefixes)
    assert not any("Windows" in c or c == "Operating System :: OS Independent" for c in classifiers)
    # The license is the License-Expression above; PyPI refuses a license classifier beside it.
    assert not any(c.startswith("License :: ") for c in classifiers)
    assert _metadata(wheel)["Requires-Python"] == ">=3.11"


def test_the_project_urls_are_declared(wheel: Path) -> None:
    urls = dict(entry.split(", ", 1) for entry in _metadata(wheel).get_all("Project-URL") or [])
    assert set(urls) == {"Homepage", "Source", "Issues", "Documentation"}
    assert all(url.startswith("https://") for url in urls.values())


def test_development_tools_are_not_an_extra(wheel: Path) -> None:
    metadata = _metadata(wheel)
    assert set(metadata.get_all("Provides-Extra") or []) == {"simpleaudio", "voice", "report"}
    required = " ".join(metadata.get_all("Requires-Dist") or [])
    for tool in ("pytest", "ruff", "mypy", "hypothesis", "pydub", "hatchling", "uv"):
        assert f"{tool}>" not in required and f"{tool};" not in required, required


def test_the_wheel_declares_the_freefeet_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"{DIST_INFO}/entry_points.txt").decode()
    assert "[console_scripts]" in text
    assert "freefeet = freefeet_tui.entry:run" in text


# ---- installed --------------------------------------------------------------------------------


def _fresh_venv(wheel: Path, folder: Path) -> Path:
    """A new virtualenv with ``wheel`` installed, not editable; returns its ``bin`` folder.

    The dependencies are not downloaded again: a ``.pth`` file appends the test interpreter's
    site-packages to the new environment's path. Plain path lines in a ``.pth`` file do not run
    the ``.pth`` files found there, so the checkout's editable hook stays out and the copy of
    freefeet in the new environment is the one that runs.
    """
    venv = folder / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=folder)
    python = venv / "bin" / "python"
    install: list[str | Path] = ["install", "--no-deps", "--no-index", "--quiet", wheel]
    _run([sys.executable, "-m", "pip", "--python", python, *install], cwd=folder)
    purelib: list[str | Path] = [
        python,
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
    ]
    site_packages = Path(_run(purelib, cwd=folder).strip())
    (site_packages / "_freefeet_test_deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return venv / "bin"


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fresh_venv(wheel, tmp_path_factory.mktemp("venv"))


@pytest.fixture(scope="module")
def editable_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("editable", tmp_path_factory.mktemp("editable-wheel"))


@pytest.fixture(scope="module")
def editable(editable_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the checkout installed editable, as scripts/test.sh does."""
    return _fresh_venv(editable_wheel, tmp_path_factory.mktemp("editable"))


def _outside_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["FREEFEET_HOME"] = str(tmp_path / "home")
    return env


SHIPPED = """\
from freefeet_tui.audio.bank import SoundBank
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.locations import builtin_audio_dir, builtin_lessons_dir
bank = SoundBank(builtin_audio_dir())
assert bank.load_cues() == len(Cue), bank.problems
print(builtin_lessons_dir().resolve())
print(builtin_audio_dir().resolve())
"""


def test_installed_freefeet_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [installed / "python", "-c", "import freefeet_tui; print(freefeet_tui.__file__)"],
        cwd=tmp_path,
        env=_outside_env(tmp_path),
    ).strip()
    assert Path(where).is_relative_to(installed.parent), where
    assert not Path(where).is_relative_to(REPO), where


def test_installed_freefeet_finds_its_lessons_and_sounds_in_the_package(
    installed: Path, tmp_path: Path
) -> None:
    shown = _run([installed / "python", "-c", SHIPPED], cwd=tmp_path, env=_outside_env(tmp_path))
    lessons, audio = (Path(line) for line in shown.splitlines())
    for folder, name in ((lessons, "lessons"), (audio, "audio")):
        assert folder.is_relative_to(installed.parent), folder  # inside the environment...
        assert not folder.is_relative_to(REPO), folder  # ...never the checkout
        assert folder.parts[-3:] == ("freefeet_tui", "_data", name)
    assert sorted(p.name for p in lessons.iterdir()) == sorted(
        p.name for p in LESSONS_DIR.glob("*.toml")
    )


def test_installed_freefeet_lists_its_lessons_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    command = installed / "freefeet"
    assert command.is_file(), "the wheel did not install the freefeet command"
    listing = _run([command, "lessons", "list"], cwd=tmp_path, env=_outside_env(tmp_path))
    for lesson_id in BUILTIN_IDS:
        assert lesson_id in listing, f"{lesson_id} missing from:\n{listing}"
    assert "Free Your Feet" in listing


def test_an_editable_install_reads_the_checkouts_folders_through_the_package(
    editable_wheel: Path, editable: Path, tmp_path: Path
) -> None:
    """The editable wheel copies no data: the package in src/ shows lessons/ and audio/."""
    names = _names(editable_wheel)
    assert {n for n in names if not n.startswith(DIST_INFO)} == {"_freefeet_tui.pth"}
    with zipfile.ZipFile(editable_wheel) as archive:
        assert archive.read("_freefeet_tui.pth").decode() == str(REPO / "src")
    shown = _run([editable / "python", "-c", SHIPPED], cwd=tmp_path, env=_outside_env(tmp_path))
    assert [Path(line) for line in shown.splitlines()] == [LESSONS_DIR, AUDIO_DIR]
    for name in ("lessons", "audio"):
        link = PACKAGE / "_data" / name
        assert link.is_symlink() and link.resolve() == REPO / name
    listing = _run(
        [editable / "freefeet", "lessons", "list"], cwd=tmp_path, env=_outside_env(tmp_path)
    )
    assert all(lesson_id in listing for lesson_id in BUILTIN_IDS), listing
