"""config.toml as a whole: the schema is data, every table is checked, mistakes are one line."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from freefeet_tui.core.config import (
    SECTIONS,
    ConfigError,
    defaults,
    example,
    load_config,
    parse_config,
)
from tests.conftest import REPO


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def error_for(tmp_path: Path, text: str | bytes) -> str:
    path = write(tmp_path, text)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert path.read_bytes() == before
    shown = str(caught.value)
    assert "\n" not in shown and len(shown.encode()) <= 260
    return shown.removeprefix(f"{path}:")


def test_no_file_means_every_default(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config == defaults()
    assert config.get("player", "get_ready") == 5.0
    assert config.get("player", "discard_under") == 30
    assert config.get("ui", "theme") is None
    assert config.get("reminders", "time") is None
    assert config.section("keys") == {}
    assert dict(config.section("sound")) == {"backend": "auto", "volume": 0.8, "voice": True}


def test_the_documented_example_is_the_defaults_and_the_docs_show_it(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, example())).values == defaults().values
    docs = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    assert f"```toml\n{example()}```" in docs
    for name in SECTIONS:
        assert f"`[{name}]" in docs


def test_every_new_setting_is_read(tmp_path: Path) -> None:
    text = """\
[ui]
theme = "gruvbox"

[keys]
check_in = "c"
"app.help" = "f1,?"
player.pause = "space,k"

[reminders]
time = "7:05"

[player]
get_ready = 2.5
discard_under = 0
"""
    config = load_config(write(tmp_path, "\ufeff" + text))
    assert config.get("ui", "theme") == "gruvbox"
    assert dict(config.section("keys")) == {
        "check_in": "c",
        "app.help": "f1,?",
        "player.pause": "space,k",
    }
    assert config.line_of("keys", "app.help") == 6
    assert config.line_of("keys", "player.pause") == 7  # written without quotes: dotted
    assert config.line_of("ui", "theme") == 2
    assert config.get("reminders", "time") == time(7, 5)
    assert config.get("player", "get_ready") == 2.5
    assert config.get("player", "discard_under") == 0
    assert config.get("sound", "volume") == 0.8


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[sond]\nvolume = 1\n", "1: unknown table [sond]; did you mean [sound]?"),
        ("[sound]\nvolum = 1\n", '2: [sound] unknown key "volum"; did you mean "volume"?'),
        ("[player]\nget_redy = 1\n", '2: [player] unknown key "get_redy"; did you mean'),
        ("volume = 1\n", '1: unknown key "volume"; expected one of sound, ui, keys'),
        ("[[sound]]\nvolume = 1\n", "1: sound must be a table"),
        ('[ui]\ntheme = "no spaces"\n', "2: [ui] theme must be a theme's name in quotes ("),
        ("[ui]\ntheme = 3\n", "2: [ui] theme must be a theme's name in quotes, not 3"),
        ('[ui]\ntheme = "' + "x" * 65 + '"\n', "(letters, digits, - and _, at most 64)"),
        ('[keys]\ncheck_in = ""\n', '2: [keys] "check_in" must be keys in quotes'),
        ('[keys]\ncheck_in = "\\u001b"\n', '2: [keys] "check_in" must be keys in quotes'),
        ("[keys]\ncheck_in = 1\n", '2: [keys] "check_in" must be keys in quotes such as'),
        ('[keys]\n\n"player.pause" = ["k"]\n', '3: [keys] "player.pause" must be keys'),
        ("[keys]\n\nplayer.pause = 1\n", '3: [keys] "player.pause" must be keys'),
        ('[keys]\n"a b" = "c"\n', '2: [keys] has a binding id "a b"; ids are'),
        ('[reminders]\ntime = "24:00"\n', "2: [reminders] time must be a time of day in quotes"),
        ('[reminders]\ntime = "7.30"\n', 'such as "07:30", not "7.30"'),
        ("[reminders]\ntime = 07:30:00\n", "not a date or time"),
        (
            "[player]\nget_ready = 31\n",
            "2: [player] get_ready must be a number from 0 to 30, not 31",
        ),
        ("[player]\nget_ready = -1\n", "not -1"),
        ("[player]\nget_ready = nan\n", "not nan"),
        ("[player]\nget_ready = true\n", "not true"),
        ("[player]\ndiscard_under = 601\n", "discard_under must be a whole number from 0 to 600"),
        ("[player]\ndiscard_under = 2.5\n", "not 2.5"),
        ("[sound]\nvolume = inf\n", "2: [sound] volume must be a number from 0.0 to 1.0, not inf"),
        ("[sound]\nvolume = " + "9" * 5000 + "\n", "2: a number has more than 40 digits"),
        ("[sound]\nvolume = 1e400\n", "not inf"),
        ("[sound]\nvolume = " + "[" * 3 + "]" * 3 + "\n", "not a list"),
        ("a = " + "[" * 3000 + "]" * 3000 + "\n", "1: values are nested more than 8 deep"),
        (".".join(["a"] * 3_000) + " = 1\n", "1: a dotted key has more than 8 parts"),
        ('[sound]\nbackend = "\\u001b]0;x\\u0007"\n', '"^[]0;x^G"'),
        ("[sound]\nbackend = \n", "2: not valid TOML"),
        ("[sound]\nbackend = [1,\n", "2: not valid TOML"),
    ],
    ids=lambda value: value[:24],
)
def test_mistakes_are_one_line_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    assert message in error_for(tmp_path, text)


def test_an_unknown_key_of_a_hostile_name_is_shown_short_and_harmless(tmp_path: Path) -> None:
    name = "\\u001b" * 3 + "k" * 500
    shown = error_for(tmp_path, f'[sound]\n"{name}" = 1\n')
    assert "\x1b" not in shown
    assert "^[^[^[" in shown and "k" * 40 not in shown


def test_a_huge_file_is_refused_without_being_parsed(tmp_path: Path) -> None:
    shown = error_for(tmp_path, "# " + "x" * (2 << 20) + "\n")
    assert shown.endswith("the file is 2.0 MB; config.toml may be at most 64 KB")


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    assert error_for(tmp_path, b"[sound]\n\nvolume = \xff\n") == "3: the file is not UTF-8 text"


def test_text_and_bytes_parse_alike(tmp_path: Path) -> None:
    text = '[ui]\ntheme = "nord"\n'
    path = tmp_path / "config.toml"
    assert parse_config(text, path) == parse_config(text.encode(), path)
