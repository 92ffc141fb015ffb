"""``[ui] theme`` and ``[keys]`` in config.toml: read with their lines, checked by the app's
rules, and a mistake refused with one ``freefeet: error: FILE:LINE:`` line before any screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from freefeet_tui.cli.main import main
from freefeet_tui.core.config import ConfigError, load_ui_tables
from freefeet_tui.core.locations import user_locations
from freefeet_tui.tui.binding_ids import BINDING_IDS
from freefeet_tui.tui.ui_config import (
    KeysProblem,
    key_problem,
    keys_problem,
    normal_key,
    theme_problem,
)


def write_config(text: str) -> Path:
    path = user_locations().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- reading ------------------------------------------------------------------------------


def test_no_file_sets_nothing(tmp_path: Path) -> None:
    tables = load_ui_tables(tmp_path / "config.toml")
    assert (tables.theme, tables.keys) == (None, {})


def test_theme_and_keys_are_read_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '\ufeff[sound]\nvolume = 0.5\n\n[ui]\ntheme = "dracula"\n\n'
        '[keys]\n"player.pause" = "space,k"\nlessons.down = "down,j"\n',
        encoding="utf-8",
    )
    tables = load_ui_tables(path)
    assert tables.theme == "dracula"
    assert tables.keys == {"player.pause": "space,k", "lessons.down": "down,j"}
    assert tables.line_of("ui", "theme") == 5
    assert tables.line_of("keys", "player.pause") == 8
    assert tables.line_of("keys", "lessons.down") == 9  # written without quotes: dotted


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[ui]\ntheme = 3\n", 2, "[ui] theme must be a theme's name in quotes, not 3"),
        ('[ui]\ntheme = "nord"\ncolour = "red"\n', 3, '[ui] unknown key "colour"; expected'),
        ('ui = "nord"\n', 1, "ui must be a table"),
        ('[keys]\n"player.pause" = ["k"]\n', 2, '[keys] "player.pause" must be keys in quotes'),
        ("[keys]\nplayer.next = 1\n", 2, '[keys] "player.next" must be keys in quotes'),
        ('[ui\ntheme = "nord"\n', 1, "not valid TOML"),
    ],
)
def test_a_table_of_the_wrong_shape_is_refused_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_ui_tables(path)
    assert caught.value.line == line
    assert message in caught.value.message


# ---- the app's rules ----------------------------------------------------------------------


def test_every_textual_theme_is_accepted_and_a_typo_gets_a_did_you_mean() -> None:
    assert theme_problem("nord") is None
    assert theme_problem("textual-light") is None
    assert theme_problem("nrod") == '[ui] theme "nrod" is not a theme (did you mean "nord"?)'
    hostile = theme_problem("\x1b]0;pwned\x07")
    assert hostile is not None and "\x1b" not in hostile and "^[" in hostile


@pytest.mark.parametrize(
    "key", ["k", "K", "?", "+", "space", "enter", "f1", "ctrl+s", "shift+tab", "comma", "é"]
)
def test_real_key_names_pass(key: str) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("spcae", '"spcae" is not a key name (did you mean "space"?)'),
        ("pgdn", '"pgdn" is not a key name (did you mean "pagedown"?)'),
        ("ctl+s", '"ctl+s" is not a key: modifiers are'),
        ("", "a key is empty"),
        ("[b]x[/b]", '"[b]x[/b]" is not a key name'),
    ],
)
def test_a_bad_key_name_is_said(key: str, message: str) -> None:
    problem = key_problem(key)
    assert problem is not None and problem.startswith(message)


def test_keys_are_normalised_as_textual_does() -> None:
    keymap = {"a": "?", "b": "+", "c": "ctrl+s", "d": "k", "e": "-", "f": "ctrl+x"}
    normalised = App._normalize_keymap(keymap)  # what set_keymap stores
    for binding_id, key in keymap.items():
        assert normal_key(key) == normalised[binding_id]


def test_a_good_keymap_passes() -> None:
    assert keys_problem({"player.pause": "space,k", "lessons.down": "down,j"}) is None
    assert keys_problem({"player.next": "p", "player.previous": "b"}) is None  # swapped


@pytest.mark.parametrize(
    ("keymap", "problem"),
    [
        (
            {"player.pasue": "k"},
            KeysProblem(
                "player.pasue",
                '[keys] has no binding "player.pasue" (did you mean "player.pause"?)',
            ),
        ),
        (
            {"volume_up": "u"},
            KeysProblem(
                "volume_up", '[keys] has no binding "volume_up" (did you mean "player.volume_up"?)'
            ),
        ),
        (
            {"player.pause": "spcae"},
            KeysProblem(
                "player.pause",
                '[keys] player.pause: "spcae" is not a key name (did you mean "space"?)',
            ),
        ),
        (
            {"today.quit": "ctrl+q"},
            KeysProblem(
                "today.quit",
                "[keys] today.quit: ctrl+q quits freefeet at once and cannot be rebound",
            ),
        ),
        (
            {"player.next": "p"},
            KeysProblem(
                "player.next",
                "[keys] player.next: p is also player.previous "
                "(back one step); give one of them another key",
            ),
        ),
    ],
)
def test_a_bad_keymap_names_the_entry_and_why(keymap: dict[str, str], problem: KeysProblem) -> None:
    assert keys_problem(keymap) == problem


def test_an_app_wide_key_may_not_take_a_key_a_screen_uses() -> None:
    found = keys_problem({"app.help": "c"})
    assert found is not None and found.binding_id == "app.help"
    assert "c is also" in found.message


def test_every_default_key_is_a_real_key_and_no_screen_clashes() -> None:
    for spec in BINDING_IDS.values():
        assert all(key_problem(key) is None for key in spec.key_list), spec
    assert keys_problem({}) is None


# ---- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[ui]\ntheme = "nrod"\n', 2, '[ui] theme "nrod" is not a theme (did you mean "nord"?)'),
        (
            '[ui]\ntheme = "nord"\n\n[keys]\n"player.pasue" = "k"\n',
            5,
            '[keys] has no binding "player.pasue" (did you mean "player.pause"?)',
        ),
        ("[ui]\nthem = 1\n", 2, '[ui] unknown key "them"; did you mean "theme"?'),
    ],
)
def test_freefeet_refuses_a_bad_config_in_one_line_before_any_screen(
    capsys: pytest.CaptureFixture[str], text: str, line: int, message: str
) -> None:
    path = write_config(text)
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"freefeet: error: {path}:{line}: {message}\n"


def test_play_checks_the_config_too(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_config('[keys]\n"player.pause" = "spcae"\n')
    assert main(["play", "free-your-feet"]) == 2
    _out, err = capsys.readouterr()
    assert err.startswith(f"freefeet: error: {path}:2: [keys] player.pause:")
    assert err.count("\n") == 1


def test_a_good_config_goes_on_to_the_terminal_check(capsys: pytest.CaptureFixture[str]) -> None:
    write_config('[ui]\ntheme = "dracula"\n[keys]\n"player.pause" = "space,k"\n')
    assert main([]) == 2  # under pytest there is no terminal: the next check speaks
    _out, err = capsys.readouterr()
    assert "needs a terminal" in err


def test_the_example_in_the_docs_is_a_good_config(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "config.md").read_text("utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    tables = load_ui_tables(path)
    assert tables.theme is not None and theme_problem(tables.theme) is None
    assert tables.keys and keys_problem(tables.keys) is None
