"""The ``export`` and ``import`` parsers.

Kept apart from their handlers in ``export_cli`` so that building the parser (for every
command) never imports the progress store or the exporters.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from freefeet_tui.core.export import FORMATS
from freefeet_tui.lazy_commands import lazy_handler

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:
    from typing import Any

    from freefeet_tui.lazy_commands import CommandBuilder


def _lazy(name: str) -> Callable[[argparse.Namespace], int]:
    return lazy_handler("freefeet_tui.export_cli", name)


EXPORT_HELP = """\
Export your log for a spreadsheet, a clinician or coach, your calendar or a habit app.
Writes to standard output unless -o names a file; an existing file is only replaced
with --force. docs/export-formats.md describes every format.

formats:
  csv        one row per session, check-in and skip (spreadsheets; freefeet import reads it)
  json       the same records as JSON with a schema (freefeet import reads it)
  md         a report: adherence, streaks, weekly pain, lessons and notes
  html       the report with charts, one file that prints on a few pages (needs
             matplotlib: pip install 'freefeet-tui[report]')
  ics        the plan for the next 28 days as all-day calendar events
  habitbull  one row per habit and day done, for Loop Habit Tracker's import

--from and --to (YYYY-MM-DD, or today, yesterday, tomorrow) limit the records to those
dates; for ics they choose the days planned.

examples:
  freefeet export --format md -o report.md
  freefeet export --format html --from 2026-10-01 -o report.html
  freefeet export --format csv --from 2026-10-01 > autumn.csv
  freefeet export --format ics -o freefeet-plan.ics"""

IMPORT_HELP = """\
Add the records of a freefeet JSON or CSV export to your log. The whole file is checked
first; nothing is written if any record is wrong. Records are matched by id: new ones are
added, ones already in your log are skipped (your version is kept), so importing the same
file twice changes nothing."""


def add_export(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    export = commands.add_parser(
        "export",
        help="export your log: csv, json, md or html report, ics plan, habitbull",
        description=EXPORT_HELP,
        formatter_class=formatter,
    )
    export.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    export.add_argument("--from", dest="start", metavar="D", help="first date (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", metavar="D", help="last date (YYYY-MM-DD)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not to the screen")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=_lazy("cmd_export"))


def add_import(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    importing = commands.add_parser(
        "import",
        help="add records from a freefeet JSON or CSV export",
        description=IMPORT_HELP,
        formatter_class=formatter,
    )
    importing.add_argument("file", metavar="FILE", help="a file made by freefeet export")
    importing.set_defaults(handler=_lazy("cmd_import"))


EXPORT_COMMANDS: dict[str, CommandBuilder] = {"export": add_export, "import": add_import}
"""Each export command's name and the function that adds its parser."""
