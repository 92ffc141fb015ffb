"""The ``freefeet export`` and ``freefeet import`` commands.

Export reads the years of the log the format needs (a year file that cannot be read stops it
with ``FILE:LINE:``, exit 1, so an export never silently lacks a year), renders the format
with ``core.export.render`` and writes it to standard output or, atomically, to ``-o FILE``:
an existing file is replaced only with ``--force``. ``-o FILE`` gets the exact bytes; on
standard output a control character other than tab and line breaks is shown in caret
notation (``^[``), so an export read on a terminal never drives it. Import checks the whole
file before it writes anything, then writes every year or none, and reports what it added
and skipped; a bad file is ``FILE:LINE: message``, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from freefeet_tui.cli.common import (
    INVALID_EXIT,
    CliError,
    error_line,
    load_user_library,
    option_day,
    say,
)
from freefeet_tui.cli.parsing import CommandBuilder
from freefeet_tui.cli.progress import lesson_titles, load_program, writing_store
from freefeet_tui.core.export import FORMATS
from freefeet_tui.core.export.files import ExportExistsError, write_export
from freefeet_tui.core.export.icalendar_format import PlanLesson
from freefeet_tui.core.export.importer import (
    MAX_IMPORT_BYTES,
    Imported,
    ImportFileError,
    read_export,
)
from freefeet_tui.core.export.merge import ImportReport, merge_into
from freefeet_tui.core.export.render import (
    Exported,
    ExportRangeError,
    counts,
    render,
    years_to_read,
)
from freefeet_tui.core.progress import History, ProgressError, ProgressStore
from freefeet_tui.core.progress.checks import far_before
from freefeet_tui.core.progress.corrections import Corrections
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import plural


def read_log(first_year: int | None = None, last_year: int | None = None) -> History:
    """The years from ``first_year`` to ``last_year`` (default: every year on disk). A year
    file that cannot be read is printed and ends the command (exit 1): an export never
    silently lacks a year."""
    store = ProgressStore.for_user()
    years = [y for y in store.years() if (first_year or y) <= y <= (last_year or y)]
    history = store.history(years)
    *first, last = history.problems or (None,)
    for problem in first:
        error_line(problem)
    if last is not None:
        raise CliError(f"{last} (nothing exported; fix the file first)", INVALID_EXIT)
    return history


def export_bytes(fmt: str, start: date | None, end: date | None, today: date) -> Exported:
    """Read what ``fmt`` needs from the log, the library and the programme, and render it."""
    try:
        first_year, last_year = years_to_read(fmt, start, end, today)
    except ExportRangeError as error:
        raise CliError(str(error)) from None
    if fmt == "html":
        from freefeet_tui.core.export.report_charts import ReportExtraMissing, require_matplotlib

        try:
            require_matplotlib()  # before reading the log: say at once what is missing
        except ReportExtraMissing as error:
            raise CliError(str(error), INVALID_EXIT) from None
    history = read_log(first_year, last_year)
    lessons = {}
    reminder = None
    if fmt == "ics":
        from freefeet_tui.cli.common import user_settings

        reminder = user_settings().reminder
        lessons = {
            lesson.id: PlanLesson(lesson.title, lesson.total_seconds)
            for lesson in load_user_library()
        }
    titles = lesson_titles(history) if fmt in ("md", "html", "habitbull") else {}
    return render(
        fmt,
        history,
        start=start,
        end=end,
        today=today,
        program=load_program(),
        titles=titles,
        lessons=lessons,
        now=datetime.now(UTC).replace(microsecond=0),
        reminder=reminder,
    )


def for_terminal(data: bytes) -> bytes:
    """An export as standard output shows it: every control character but tab and line ends
    in caret notation (``^[``); CSV's CRLF row ends are kept."""
    text = data.decode("utf-8")
    parts = text.split("\r\n")
    return "\r\n".join(visible(part, keep_newlines=True) for part in parts).encode("utf-8")


def write_out(data: bytes, output: str | None, force: bool) -> None:
    if output is None:
        data = for_terminal(data)
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (tests redirect to StringIO)
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        return
    path = Path(output)
    try:
        write_export(path, data, force)
    except ExportExistsError:
        raise CliError(f"{path} already exists; add --force to replace it", INVALID_EXIT) from None
    except FileNotFoundError:
        raise CliError(f"{path}: the folder {path.parent} does not exist", INVALID_EXIT) from None
    except OSError as exc:
        raise CliError(
            f"{path}: cannot write the file: {exc.strerror or exc}", INVALID_EXIT
        ) from None


STDOUT = "-"
"""``-o -`` means standard output, as for most tools (``-o ./-`` names a file called ``-``)."""


def cmd_export(args: argparse.Namespace) -> int:
    today = date.today()
    start = option_day(args.start, "--from", today)
    end = option_day(args.end, "--to", today)
    output = None if args.output == STDOUT else args.output
    if args.force and output is None:
        raise CliError("--force only makes sense with -o FILE")
    exported = export_bytes(args.format, start, end, today)
    write_out(exported.data, output, args.force)
    if output is not None:
        say(f"Wrote {exported.summary} to {output}")
    return 0


def report_lines(path: Path, report: ImportReport) -> list[str]:
    added = report.added
    lines = [
        f"Imported {path}: added "
        + counts(added["session"], added["check-in"], added["skip"])
        + "."
    ]
    if report.unchanged:
        lines.append(f"Skipped {plural(report.unchanged, 'record')} already in your log.")
    if report.differing:
        lines.append(
            f"Skipped {plural(len(report.differing), 'record')} your log already has "
            "in another version (yours is kept):"
        )
        lines += [f"  {text}" for text in report.differing]
    return lines


def read_import_file(path: Path) -> bytes:
    """The bytes of the file to import; an unreadable or oversized one is a CliError."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise CliError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    return raw


def check_far_records(store: ProgressStore, records: Imported, force: bool) -> None:
    """Without ``--force``, refuse records more than a year before the log's first one."""
    days = [s.day for s in records.sessions] + [c.day for c in records.checkins]
    days += [k.day for k in records.skips]
    if force or not days:
        return
    try:
        first = store.first_day()
    except ProgressError as error:
        raise CliError(str(error), INVALID_EXIT) from None
    earliest = min(days)
    if far_before(earliest, first):
        raise CliError(
            f"the file has records from {earliest}, more than a year before your log's "
            f"first record ({first}); add --force to import them"
        )


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    raw = read_import_file(path)
    try:
        records = read_export(raw, path)
    except ImportFileError as error:
        raise CliError(str(error)) from None
    store = writing_store()
    check_far_records(store, records, args.force)
    try:
        report = merge_into(store, records)
        Corrections(store).note_import(report.records, path.name)
    except ProgressError as error:
        raise CliError(str(error), INVALID_EXIT) from None
    except OSError as error:
        raise CliError(
            f"cannot save the progress log: {error.strerror or error}; nothing was imported",
            INVALID_EXIT,
        ) from None
    say(report_lines(path, report))
    return 0


# ---- the parsers ---------------------------------------------------------------------------

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
first; nothing is written if any record is wrong, and the year files are written all
together or not at all. Records are matched by id: new ones are added, ones already in
your log are skipped (your version is kept), so importing the same file twice changes
nothing. Dates must lie between 2000-01-01 and today; records from more than a year
before your log's first record need --force."""


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
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE, not to the screen (- for the screen)"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_export)


def add_import(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    importing = commands.add_parser(
        "import",
        help="add records from a freefeet JSON or CSV export",
        description=IMPORT_HELP,
        formatter_class=formatter,
    )
    importing.add_argument("file", metavar="FILE", help="a file made by freefeet export")
    importing.add_argument(
        "--force",
        action="store_true",
        help="import records from more than a year before your log's first record",
    )
    importing.set_defaults(handler=cmd_import)


COMMANDS: dict[str, CommandBuilder] = {"export": add_export, "import": add_import}
"""The commands this module adds, by name."""
