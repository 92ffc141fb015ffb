"""The ``edit``, ``delete`` and ``undo`` commands: correcting the log from the command line.

The changes go through ``core.progress.corrections`` (as the app's do), so each is written to
the undo journal and ``freefeet undo`` can take it back, from this process or a later one.
Input is checked before anything is written: a bad value is one ``freefeet: error:`` line,
exit 2, and the log untouched.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from freefeet_tui.cli.common import INVALID_EXIT, CliError, say
from freefeet_tui.cli.parsing import CommandBuilder
from freefeet_tui.cli.progress import (
    add_checkin_options,
    check_far_day,
    checked_day,
    date_option,
    lesson_titles,
    option_problem,
    whole_number,
    writing_store,
)
from freefeet_tui.cli.progress_text import checkin_text, session_text
from freefeet_tui.core.progress import (
    MAX_PAIN,
    MAX_RUN_MINUTES,
    CheckIn,
    ProgressError,
    RecordError,
    Skip,
)
from freefeet_tui.core.progress.checks import run_pain_problem
from freefeet_tui.core.progress.corrections import CorrectionError, Corrections, record_label
from freefeet_tui.core.progress.journal import Record
from freefeet_tui.core.terminal_text import control_problem, quoted
from freefeet_tui.core.wording import one_line

CLEARABLE = ("pain-left", "pain-right", "ran", "run-pain", "planned-run", "note")
CHECKIN_OPTIONS = ("pain", "pain_left", "pain_right", "ran", "run_pain", "note")


def record_text(record: Record, titles: dict[str, str]) -> str:
    """What a record says, on one line (for the question before a delete, and after edits)."""
    if isinstance(record, CheckIn):
        return checkin_text(record) or "no figures"
    if isinstance(record, Skip):
        return f"reason: {one_line(record.reason)}"
    return session_text(record, titles)


def edited_checkin(old: CheckIn, args: argparse.Namespace, day: date) -> CheckIn:
    """``old`` with the figures the options give, the fields ``--clear`` names emptied."""
    if args.reason is not None:
        raise CliError("--reason is for skips; a check-in takes the options of freefeet log")
    if args.pain is not None and (args.pain_left is not None or args.pain_right is not None):
        raise CliError("give either --pain (both feet) or --pain-left/--pain-right, not both")
    both = whole_number(args.pain, "--pain", MAX_PAIN)
    values = {
        "pain_left": both
        if both is not None
        else whole_number(args.pain_left, "--pain-left", MAX_PAIN),
        "pain_right": both
        if both is not None
        else whole_number(args.pain_right, "--pain-right", MAX_PAIN),
        "run_minutes": whole_number(args.ran, "--ran", MAX_RUN_MINUTES),
        "run_pain": whole_number(args.run_pain, "--run-pain", MAX_PAIN),
        "note": args.note,
    }
    if args.note is not None and not args.note.strip():
        raise CliError("--note is empty; to remove the note use --clear note")
    refused = None if args.note is None else control_problem(args.note)
    if refused is not None:
        raise CliError(f"--note {refused}; type the note as plain text")
    changed: dict[str, Any] = {key: value for key, value in values.items() if value is not None}
    fields = {"ran": "run_minutes", "pain-left": "pain_left", "pain-right": "pain_right"}
    cleared = {fields.get(name, name.replace("-", "_")) for name in args.clear}
    if cleared & set(changed):
        raise CliError("--clear names a field you also give; choose one")
    try:
        new = replace(old, day=day, **changed)
        emptied: dict[str, Any] = {n: False if n == "planned_run" else None for n in cleared}
        new = replace(new, **emptied)
        if args.planned_run:
            new = replace(new, planned_run=True)
    except RecordError as error:
        raise CliError(option_problem(error)) from None
    problem = run_pain_problem(new.run_minutes, new.run_pain)
    if problem is not None:
        raise CliError(f"--run-pain: {problem}; add --ran MINUTES")
    return new


def edited_skip(old: Skip, args: argparse.Namespace, day: date) -> Skip:
    given = [name for name in CHECKIN_OPTIONS if getattr(args, name) is not None]
    if given or args.planned_run or args.clear:
        raise CliError("a skip has only a --reason and a --date to change")
    reason = old.reason if args.reason is None else args.reason.strip()
    if not reason:
        raise CliError("--reason is empty; say why, e.g. --reason flare-up")
    refused = None if args.reason is None else control_problem(reason, allow_newlines=False)
    if refused is not None:
        raise CliError(f"--reason {refused}; type the reason as plain text on one line")
    try:
        return replace(old, day=day, reason=reason)
    except RecordError as error:
        raise CliError(option_problem(error)) from None


def cmd_edit(args: argparse.Namespace) -> int:
    for name in args.clear:
        if name not in CLEARABLE:
            raise CliError(f"--clear {quoted(name)}: choose from {', '.join(CLEARABLE)}")
    store = writing_store()
    fixes = Corrections(store)
    old = found(fixes, args.id)
    today = date.today()
    day = checked_day(args.date, today, future=False) if args.date else old.day
    if day != old.day:
        check_far_day(store, day, today, args.force)
    if isinstance(old, CheckIn):
        new: Record = edited_checkin(old, args, day)
    elif isinstance(old, Skip):
        new = edited_skip(old, args, day)
    else:
        raise CliError(
            f"{args.id} is a session; the player records sessions, so they cannot be edited. "
            f"To take it off your log: freefeet delete {args.id}"
        )
    stored = changing(lambda: fixes.edit(args.id, lambda _: new))
    say(f"Changed {record_label(old)}: {record_text(stored, {})} (id {stored.id})")
    say("freefeet undo takes the change back.")
    return 0


def changing(work: Callable[[], Record]) -> Record:
    """Run a change; a record or a file that stops it becomes one error line, exit 1."""
    try:
        return work()
    except (CorrectionError, ProgressError) as error:
        raise CliError(str(error), INVALID_EXIT) from None
    except OSError as error:
        raise CliError(f"cannot save the progress log: {error}", INVALID_EXIT) from None


def found(fixes: Corrections, record_id: str) -> Record:
    try:
        return fixes.found(record_id)
    except CorrectionError as error:
        raise CliError(str(error), INVALID_EXIT) from None


def cmd_delete(args: argparse.Namespace) -> int:
    store = writing_store()
    fixes = Corrections(store)
    record = found(fixes, args.id)
    titles = lesson_titles(store.history([record.day.year]))
    if not args.yes and not sys.stdin.isatty():  # a script or a pipe: nobody to answer
        raise CliError(
            f"delete asks before it deletes {record_label(record)}, and there is no terminal "
            "to answer; add --yes to delete without asking"
        )
    say(f"{record_label(record).capitalize()}: {record_text(record, titles)}", flush=True)
    if not args.yes:
        try:
            answer = input("Delete it? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            say("Not deleted.")
            return INVALID_EXIT
    changing(lambda: fixes.delete(args.id))
    say(f"Deleted {record_label(record)}; freefeet undo brings it back.")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    fixes = Corrections(writing_store())
    try:
        entry = fixes.undo()
    except CorrectionError as error:
        raise CliError(str(error), INVALID_EXIT) from None
    except ProgressError as error:
        raise CliError(str(error), INVALID_EXIT) from None
    except OSError as error:
        raise CliError(f"cannot save the progress log: {error}", INVALID_EXIT) from None
    say(f"Undone: {entry.said}.")
    left = len(fixes.journal.entries())
    if left:
        say(f"freefeet undo again takes back the change before ({left} more kept).")
    return 0


# ---- the parsers ---------------------------------------------------------------------------

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
Delete a session, check-in or skip by its id (freefeet history shows them). It asks first,
and with no terminal to answer (a script, a pipe) it refuses; --yes deletes without asking.
freefeet undo brings it back."""

UNDO_HELP = """\
Take back your last change to the log: a log, skip, edit, delete or import, from the command
line or the app. Run it again to go further back (the last 10 changes are kept)."""


def add_edit(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    edit = commands.add_parser(
        "edit", help="change a check-in or skip", description=EDIT_HELP, formatter_class=formatter
    )
    edit.add_argument("id", metavar="ID", help="the record's id, from freefeet history")
    date_option(edit, "move it to this day")
    add_checkin_options(edit)
    edit.add_argument("--reason", metavar="TEXT", help="a skip's reason")
    edit.add_argument(
        "--clear",
        metavar="FIELD",
        action="append",
        default=[],
        help="empty a figure: " + ", ".join(CLEARABLE),
    )
    edit.set_defaults(handler=cmd_edit)


def add_delete(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    delete = commands.add_parser(
        "delete", help="delete a record (asks first)", description=DELETE_HELP
    )
    delete.add_argument("id", metavar="ID", help="the record's id, from freefeet history")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    delete.set_defaults(handler=cmd_delete)


def add_undo(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    undo = commands.add_parser("undo", help="take back your last change", description=UNDO_HELP)
    undo.set_defaults(handler=cmd_undo)


COMMANDS: dict[str, CommandBuilder] = {
    "edit": add_edit,
    "delete": add_delete,
    "undo": add_undo,
}
"""The commands this module adds, by name."""
