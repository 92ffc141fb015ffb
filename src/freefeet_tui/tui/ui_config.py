"""Checks ``[ui] theme`` and ``[keys]`` of config.toml against what the app knows: Textual's
themes, freefeet's binding ids and the key names Textual understands.

The command line reads the file and runs these checks before the app starts, so a mistake is
one ``freefeet: error: FILE:LINE: ...`` line (exit 2) and never a screen that ignores it. Each
check returns the problem as a sentence (with a did-you-mean where one is close), or None.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character
from textual.theme import BUILTIN_THEMES

from freefeet_tui.core.terminal_text import quoted
from freefeet_tui.tui.binding_ids import APP, BINDING_IDS, screen_of

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
RESERVED_KEYS = {
    "ctrl+q": "quits freefeet at once",
    "ctrl+c": "copies text (and says how to quit)",
}
"""Textual's own keys, which no binding of freefeet can take over."""

NAMED_KEYS = sorted(
    {key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")}
    | {"space", "enter", "tab", "backspace", "escape", "comma", "question_mark"}
    | set(KEY_NAME_REPLACEMENTS.values())
)
"""Key names besides single characters: ``space``, ``enter``, ``f1``, ``pageup``..."""


class KeysProblem(NamedTuple):
    """What is wrong with ``[keys]``, and which entry (binding id) to point at."""

    binding_id: str
    message: str


def theme_names() -> list[str]:
    """The themes ``[ui] theme`` may name (Textual's own)."""
    return sorted(BUILTIN_THEMES)


def theme_problem(name: str) -> str | None:
    """Why ``[ui] theme = NAME`` cannot be used, or None."""
    if name in BUILTIN_THEMES:
        return None
    return f"[ui] theme {quoted(name)} is not a theme{did_you_mean(name, theme_names())}"


def key_problem(key: str) -> str | None:
    """Why ``key`` (one of the comma-separated keys of a binding) is not a key, or None."""
    if not key:
        return "a key is empty (keys are separated by commas: write comma for the , key)"
    if len(key) == 1:
        return None if key.isprintable() and not key.isspace() else f"{quoted(key)} is not a key"
    *modifiers, base = key.split("+")
    unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
    if unknown or not base:
        return f"{quoted(key)} is not a key: modifiers are {', '.join(MODIFIERS)}"
    if len(base) == 1 and base.isprintable() and not base.isspace():
        return None
    if base in NAMED_KEYS or key_to_character(base) is not None:
        return None
    return f"{quoted(key)} is not a key name{did_you_mean(base, NAMED_KEYS)}"


def normal_key(key: str) -> str:
    """``key`` as Textual stores it: ``?`` is ``question_mark``, ``+`` is ``plus``."""
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    if len(base) == 1 and not base.isalnum():  # as Textual names a character key
        name = unicodedata.name(base, base).lower().replace("-", "_").replace(" ", "_")
        base = KEY_NAME_REPLACEMENTS.get(name, name)
    return "+".join([*modifiers, base])


def keys_problem(keymap: Mapping[str, str]) -> KeysProblem | None:
    """The first problem with ``[keys]`` (binding id to keys), in the file's order, or None:
    an unknown id, a bad key name, a reserved key, or two bindings of one screen on one key."""
    for binding_id, keys in keymap.items():
        if binding_id not in BINDING_IDS:
            hint = id_hint(binding_id)
            return KeysProblem(binding_id, f"[keys] has no binding {quoted(binding_id)}{hint}")
        for key in (part.strip() for part in keys.split(",")):
            problem = key_problem(key)
            if problem is None and normal_key(key) in RESERVED_KEYS:
                problem = f"{key} {RESERVED_KEYS[normal_key(key)]} and cannot be rebound"
            if problem is not None:
                return KeysProblem(binding_id, f"[keys] {binding_id}: {problem}")
    return clash(keymap)


def clash(keymap: Mapping[str, str]) -> KeysProblem | None:
    """Two ids of one screen (or of every screen) on the same key once ``keymap`` applies."""
    final = {
        binding_id: [
            normal_key(key.strip()) for key in keymap.get(binding_id, spec.keys).split(",")
        ]
        for binding_id, spec in BINDING_IDS.items()
    }
    order = {binding_id: index for index, binding_id in enumerate(keymap)}
    screens = {screen_of(binding_id) for binding_id in BINDING_IDS} - {APP}
    for screen in sorted(screens):
        taken: dict[str, str] = {}
        ids = [i for i in BINDING_IDS if screen_of(i) in (screen, APP)]
        for binding_id in sorted(ids, key=lambda i: order.get(i, -1)):  # rebound ones last
            for key in final[binding_id]:
                other = taken.setdefault(key, binding_id)
                if other != binding_id:
                    blamed = binding_id if binding_id in order else other
                    partner = other if blamed == binding_id else binding_id
                    message = (
                        f"[keys] {blamed}: {key} is also {partner} "
                        f"({BINDING_IDS[partner].what}); give one of them another key"
                    )
                    return KeysProblem(blamed, message)
    return None


def id_hint(word: str) -> str:
    """A did-you-mean for a binding id, matched whole or by the part after the dot (``pause``
    finds ``player.pause``); else how ids are written."""
    hint = did_you_mean(word, BINDING_IDS)
    if hint:
        return hint
    names = {binding_id.partition(".")[2]: binding_id for binding_id in reversed(BINDING_IDS)}
    close = difflib.get_close_matches(word.rpartition(".")[2], list(names), n=1)
    if close:
        return f' (did you mean "{names[close[0]]}"?)'
    return ' (ids are SCREEN.NAME, such as "player.pause"; docs/config.md lists them all)'


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean "X"?)`` for the closest known word, or nothing."""
    close = difflib.get_close_matches(word, list(known), n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""
