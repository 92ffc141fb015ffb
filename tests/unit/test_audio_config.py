"""``[sound]`` in config.toml: defaults, every setting, and one-line errors with the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from freefeet_tui.audio.config import (
    EXAMPLE,
    ConfigError,
    SoundConfig,
    load_sound_config,
    sound_config,
)
from freefeet_tui.core.config import defaults
from freefeet_tui.core.locations import user_locations
from tests.conftest import REPO


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults(freefeet_home: Path) -> None:
    path = user_locations().config_file
    assert not path.exists()
    assert load_sound_config(path) == SoundConfig(backend="auto", volume=0.8, voice=True)


def test_the_documented_example_loads(tmp_path: Path) -> None:
    assert load_sound_config(write(tmp_path, EXAMPLE)) == SoundConfig()


def test_the_docs_show_the_same_example() -> None:
    docs = (REPO / "docs" / "sound.md").read_text(encoding="utf-8")
    assert f"```toml\n{EXAMPLE}```" in docs


def test_every_setting_is_read_and_other_tables_are_checked_too(tmp_path: Path) -> None:
    text = '[ui]\ntheme = "nord"\n\n[sound]\nbackend = "bell"\nvolume = 1\nvoice = false\n'
    config = load_sound_config(write(tmp_path, text))
    assert config == SoundConfig(backend="bell", volume=1.0, voice=False)
    assert isinstance(config.volume, float)
    with pytest.raises(ConfigError, match=r"config.toml:1: unknown table \[tui\]; did you mean"):
        load_sound_config(write(tmp_path, '[tui]\ntheme = "dark"\n'))


def test_a_missing_sound_table_means_the_defaults(tmp_path: Path) -> None:
    assert load_sound_config(write(tmp_path, '[ui]\ntheme = "dark"\n')) == SoundConfig()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[sound]\nbackend = "alsa"\n', 2, "[sound] backend must be one of auto, miniaudio"),
        ("[sound]\n\nvolume = 8\n", 3, "[sound] volume must be a number from 0.0 to 1.0, not 8"),
        ("[sound]\nvolume = -0.1\n", 2, "not -0.1"),
        ("[sound]\nvolume = true\n", 2, "not true"),
        ('[sound]\nvoice = "yes"\n', 2, '[sound] voice must be true or false, not "yes"'),
        ("[sound]\nvoice = true\nspeed = 2\n", 3, '[sound] unknown key "speed"; expected one of'),
        ("sound = 3\n", 1, "sound must be a table"),
        ("[sound]\nbackend = \n", 2, "not valid TOML"),
    ],
)
def test_mistakes_name_the_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_sound_config(path)
    shown = str(caught.value)
    assert shown.startswith(f"{path}:{line}: ")
    assert message in shown
    assert "\n" not in shown


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[sound]\nbackend = "\xff"\n')
    with pytest.raises(ConfigError, match=r"config.toml:2: the file is not UTF-8 text"):
        load_sound_config(path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("\ufeff[sound]\nvolume = 0.5\n".encode())
    assert load_sound_config(path).volume == 0.5


def test_the_sound_defaults_are_the_config_schema_defaults() -> None:
    assert sound_config(defaults()) == SoundConfig()
