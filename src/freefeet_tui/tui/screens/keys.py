"""Help: the keys of the screen below, in a dialog that ``?`` (or F1) opens and closes.

The list is read from the screen's active bindings when the dialog opens, so it shows the
keys as they are now: rebound by ``[keys]`` in config.toml, and only the one of a pair that
applies (Pause while playing, Resume while paused). freefeet's bindings all have ids; bindings
without one are Textual's own (a list's cursor keys, ctrl+q) and stay out of the list. The
app-wide keys (help, the command palette) come last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from freefeet_tui.tui.screens.base import HELP_BINDING, FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar

CHANGE_KEYS = "Change a key or the theme in config.toml: [keys] and [ui]."


class KeyRow(NamedTuple):
    """One line of help: the keys, their footer word and what they do."""

    keys: str
    label: str
    help: str
    app_wide: bool = False


def key_rows(active: Iterable[ActiveBinding], display: Callable[[Binding], str]) -> list[KeyRow]:
    """The rows for a screen's active bindings: one per action word, its keys together.

    Bindings that share a word and a help text (``1`` to ``9``: Start) make one row; a shown
    binding with its own key display (``1-9``) stands for its hidden siblings there.
    """
    groups: dict[tuple[object, str, str], list[Binding]] = {}
    for namespace, binding, _enabled, _tooltip in active:
        if binding.id is None or binding.system:
            continue
        groups.setdefault((namespace, binding.description, binding.tooltip), []).append(binding)
    rows: list[KeyRow] = []
    for (_namespace, label, help_text), bindings in groups.items():
        standing_in = [b for b in bindings if b.show and b.key_display]
        if standing_in and any(not b.show for b in bindings):
            shown = [display(b) for b in standing_in]  # 1-9 for 1 and its eight siblings
        else:  # each key as itself: a key bar's shorthand (←→ for one of the two) would mislead
            shown = [display(replace(b, key_display=None)) for b in bindings]
        keys = " ".join(dict.fromkeys(shown))
        app_wide = any((b.id or "").startswith("app.") for b in bindings)
        rows.append(KeyRow(keys, label, help_text, app_wide))
    return rows


def ordered(rows: list[KeyRow]) -> list[KeyRow]:
    """The screen's own keys first, then the app-wide ones, help last."""
    return sorted(rows, key=lambda row: (row.app_wide, row.label == HELP_BINDING.description))


class KeysScreen(FreefeetModal[None]):
    """The keys of ``below`` (the screen ``?`` was pressed on); Escape or ``?`` closes."""

    CSS_PATH = "keys.tcss"
    HELP_NAME = "Help"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Back to the screen", id="help.close"),
        # ``?`` again closes (the app's action sees this dialog on top); not shown twice.
        Binding("question_mark,f1", "app.show_keys", "Close", show=False, id="app.help"),
    ]

    def __init__(self, below: Screen[object], palette: KeyRow | None = None) -> None:
        super().__init__()
        self.below = below
        rows = key_rows(below.active_bindings.values(), self.app.get_key_display)
        if palette is not None and not any(row.label == palette.label for row in rows):
            rows.append(palette)  # a dialog cuts off the app's keys; ctrl+p still works there
        self.rows = ordered(rows)

    @property
    def title_text(self) -> str:
        name = getattr(self.below, "HELP_NAME", "")
        return f"Keys · {name}" if name else "Keys"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-dialog") as dialog:
            dialog.border_title = self.title_text
            with Grid(id="keys-grid"):
                for row in self.rows:
                    yield Static(row.keys, markup=False, classes="key")
                    yield Static(row.label, markup=False, classes="label")
                    yield Static(row.help, markup=False, classes="what")
            yield Static(CHANGE_KEYS, markup=False, id="keys-change")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss()
