"""The ``edit``, ``delete`` and ``undo`` parsers: correcting the log.

Kept apart from their handlers in ``record_cli`` so that building the parser never imports
the progress store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from freefeet_tui.lazy_commands import lazy_handler
from freefeet_tui.progress_commands import add_checkin_options

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import Any

    from freefeet_tui.lazy_commands import CommandBuilder

CLEARABLE = ("pain-left", "pain-right", "ran", "run-pain", "planned-run", "note")


def _lazy(name: str) -> Callable[[argparse.Namespace], int]:
    return lazy_handler("freefeet_tui.record_cli", name)


EDIT_HELP = f"""\
Change a check-in or a skip: ID is the id freefeet history shows (c-20261124 for the
check-in of 24 November). Give what changes, with the same options as freefeet log; what
you leave out stays. --date moves it to another day; --clear empties a figure
({", ".join(CLEARABLE)}). A skip takes --reason and --date. Sessions are recorded by the
player: delete one that should not be there. freefeet undo takes the change back.

examples:
  freefeet edit c-20261124 --pain-left 5
  freefeet edit c-20261124 --date 2026-11-23
  freefeet edit c-20261124 --clear note
  freefeet edit k-20261120 --reason travel"""

DELETE_HELP = """\
Delete a session, check-in or skip by its id (freefeet history shows them). It asks first;
--yes deletes without asking. freefeet undo brings it back."""

UNDO_HELP = """\
Take back your last change to the log: a log, skip, edit, delete or import, from the command
line or the app. Run it again to go further back (the last 10 changes are kept)."""


def add_edit(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    edit = commands.add_parser(
        "edit", help="change a check-in or skip", description=EDIT_HELP, formatter_class=formatter
    )
    edit.add_argument("id", metavar="ID", help="the record's id, from freefeet history")
    edit.add_argument("--date", metavar="D", help="move it to this day (YYYY-MM-DD)")
    add_checkin_options(edit)
    edit.add_argument("--reason", metavar="TEXT", help="a skip's reason")
    edit.add_argument(
        "--clear",
        metavar="FIELD",
        action="append",
        default=[],
        help="empty a figure: " + ", ".join(CLEARABLE),
    )
    edit.set_defaults(handler=_lazy("cmd_edit"))


def add_delete(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    delete = commands.add_parser(
        "delete", help="delete a record (asks first)", description=DELETE_HELP
    )
    delete.add_argument("id", metavar="ID", help="the record's id, from freefeet history")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    delete.set_defaults(handler=_lazy("cmd_delete"))


def add_undo(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    undo = commands.add_parser("undo", help="take back your last change", description=UNDO_HELP)
    undo.set_defaults(handler=_lazy("cmd_undo"))


RECORD_COMMANDS: dict[str, CommandBuilder] = {
    "edit": add_edit,
    "delete": add_delete,
    "undo": add_undo,
}
"""Each command that corrects the log, and the function that adds its parser."""
