"""The core and the text commands never load Textual or an audio library.

Each check runs in a fresh interpreter (this test process has long since imported Textual),
then reports which of the heavy modules ended up in ``sys.modules``. A positive control proves
the probe can see Textual when it is loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

HEAVY = ("textual", "pydub", "miniaudio", "simpleaudio")

PROBE = """\
import json, sys
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""

IMPORT_CORE = """\
import importlib, pkgutil
import freefeet_tui.core
names = [m.name for m in pkgutil.walk_packages(freefeet_tui.core.__path__, "freefeet_tui.core.")]
for name in names:
    importlib.import_module(name)
assert len(names) >= 8, names  # the walk really found the core's modules
"""

RUN_COMMAND = """\
import contextlib, io
from freefeet_tui.cli.main import main
sink = io.StringIO()
with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
    code = main({args!r})
assert code == 0, (code, sink.getvalue())
"""


def loaded_after(setup: str) -> list[str]:
    """Run ``setup`` in a fresh interpreter; return the heavy modules it left loaded."""
    script = textwrap.dedent(setup) + PROBE.format(heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_importing_the_whole_core_loads_nothing_heavy() -> None:
    assert loaded_after(IMPORT_CORE) == []


def test_cli_modules_load_nothing_heavy() -> None:
    setup = "import freefeet_tui.cli.main, freefeet_tui.cli.plain, freefeet_tui.cli.doctor\n"
    assert loaded_after(setup) == []


@pytest.mark.parametrize(
    "args",
    [
        ["lessons", "list"],
        ["lessons", "show", "free-your-feet"],
        ["doctor"],
        ["--version"],
        ["today"],
        ["stats"],
        ["history"],
        ["export", "--format", "csv"],
    ],
)
def test_text_commands_load_nothing_heavy(args: list[str]) -> None:
    assert loaded_after(RUN_COMMAND.format(args=args)) == []


def test_plain_play_loads_nothing_heavy(write_lesson: Callable[..., Path]) -> None:
    args = ["play", str(write_lesson()), "--plain", "--tempo", "100", "--audio", "none"]
    assert loaded_after(RUN_COMMAND.format(args=args)) == []


NEVER_OUTSIDE_THE_TUI = ("textual", "pydub")
"""Sound commands and plain mode with sound may load an audio library, never these two."""


def test_plain_play_with_sound_loads_neither_textual_nor_pydub(
    write_lesson: Callable[..., Path],
) -> None:
    args = ["play", str(write_lesson()), "--plain", "--tempo", "100"]  # sound: auto
    assert not set(loaded_after(RUN_COMMAND.format(args=args))) & set(NEVER_OUTSIDE_THE_TUI)


def test_sound_test_loads_neither_textual_nor_pydub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers.alsa_sink import write_sink_config

    monkeypatch.setenv("ALSA_CONFIG_PATH", str(write_sink_config(tmp_path)[0]))
    loaded = loaded_after(RUN_COMMAND.format(args=["sound", "test"]))
    assert "miniaudio" in loaded  # it really played, through the file sink
    assert not set(loaded) & set(NEVER_OUTSIDE_THE_TUI)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs a voice engine (espeak-ng)")
def test_voice_render_loads_neither_textual_nor_pydub() -> None:
    args = ["voice", "render", "pre-run-hip-extension"]
    assert not set(loaded_after(RUN_COMMAND.format(args=args))) & set(NEVER_OUTSIDE_THE_TUI)


def test_validate_loads_nothing_heavy(write_lesson: Callable[..., Path]) -> None:
    args = ["lessons", "validate", str(write_lesson())]
    assert loaded_after(RUN_COMMAND.format(args=args)) == []


def test_the_probe_sees_textual_when_the_tui_is_imported() -> None:
    """Positive control: without it, an always-empty probe would pass every test above."""
    assert "textual" in loaded_after("import freefeet_tui.tui.app\n")


AUDIO_MODULES = """\
import json, sys
import freefeet_tui.audio
print(json.dumps(sorted(m for m in sys.modules if m.startswith("freefeet_tui.audio."))))
"""


def test_importing_the_audio_package_loads_none_of_its_modules() -> None:
    """``freefeet_tui.audio`` names its modules' contents lazily (PEP 562): importing the
    package itself costs nothing, and a name is brought in on its first use."""
    result = subprocess.run(
        [sys.executable, "-c", AUDIO_MODULES], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_every_public_audio_name_comes_from_its_own_module() -> None:
    import importlib

    import freefeet_tui.audio as audio

    assert sorted([*audio._HOMES, "CLOSE_DRAIN"]) == sorted(audio.__all__)
    for name, home in audio._HOMES.items():
        module = importlib.import_module(f"freefeet_tui.audio.{home}")
        assert getattr(audio, name) is getattr(module, name)
    assert set(audio.__all__) <= set(dir(audio))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        audio.nothing_here  # noqa: B018
