"""Read freefeet's own JSON or CSV export back into records, checking the whole file first.

Every record goes through the same checks as a year file (``Session.from_values`` and
friends) and the import's own (``import_common``: no control characters, dates from 2000 to
today), so anything freefeet would refuse to save is refused here, before a single record
reaches the store. A problem is reported as ``FILE:LINE: message``: for JSON the line of the
offending key (or of the syntax error), for CSV the first line of the offending row. The
JSON reader is in ``import_json``; this module tells the formats apart and reads CSV.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from freefeet_tui.core.export.common import KINDS, Record, restore
from freefeet_tui.core.export.csv_format import COLUMNS, HEADER
from freefeet_tui.core.export.import_common import (
    MAX_IMPORT_BYTES,
    Collector,
    DayCheck,
    Imported,
    ImportFileError,
    build_checked,
    context,
    typed,
)
from freefeet_tui.core.export.import_json import MAX_DIGITS, JsonReader
from freefeet_tui.core.progress.checks import day_problem
from freefeet_tui.core.terminal_text import quoted

__all__ = ["MAX_IMPORT_BYTES", "ImportFileError", "Imported", "read_csv", "read_export"]

_WHOLE = r"-?[0-9]+\Z"


def read_export(raw: bytes, path: Path, today: date | None = None) -> Imported:
    """Check a JSON or CSV export (told apart by a leading ``{``) and return its records.

    ``today`` (default: the computer's date) is the last date a record may have.
    """
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            path, None, f"the file is over {MAX_IMPORT_BYTES // 2**20} MB; an export is smaller"
        )
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(path, line, "the file is not UTF-8 text") from None
    if not text.strip():
        raise ImportFileError(path, None, "the file is empty")
    last_day = today or date.today()

    def check_day(record: Record) -> str | None:
        return day_problem(record.day, last_day)

    if text.lstrip().startswith("{"):
        return JsonReader(path, text, check_day).read()
    return read_csv(text, path, check_day)


# ---- CSV -------------------------------------------------------------------------------------


def csv_value(how: str, cell: str) -> Any:
    """A CSV cell as the type its column holds; text that does not fit is passed on as text
    so that the record checks name the problem."""
    if cell == "":
        return None
    if how in ("free", "text"):  # every text cell was neutralised against formulas
        return restore(cell)
    if how == "whole" and len(cell) <= MAX_DIGITS and re.match(_WHOLE, cell):
        return int(cell)
    if how == "number":
        try:
            return float(cell)
        except ValueError:
            return cell
    if how == "flag" and cell in ("true", "false"):
        return cell == "true"
    if how in ("date", "instant"):
        return typed("date" if how == "date" else "start", cell)
    return cell


def read_csv(text: str, path: Path, check_day: DayCheck | None = None) -> Imported:
    """Check a CSV export; ``check_day`` (default: from 2000 to today) checks each date."""
    if check_day is None:
        today = date.today()

        def check_day(record: Record) -> str | None:
            return day_problem(record.day, today)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    collector = Collector(path)
    line = 1
    try:
        header = next(reader)
        if tuple(header) != HEADER:
            raise ImportFileError(
                path,
                1,
                "not a freefeet CSV export: the first row must be freefeet's header, "
                f"{','.join(HEADER[:4])},...",
            )
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not cells:
                continue
            collector.add(*csv_record(cells, start, path, check_day), partial(int, start))
    except csv.Error as exc:
        raise ImportFileError(path, line, f"not valid CSV: {str(exc)[:120]}") from None
    return collector.result("csv")


def csv_record(cells: list[str], line: int, path: Path, check_day: DayCheck) -> tuple[str, Record]:
    if len(cells) != len(HEADER):
        raise ImportFileError(
            path, line, f"this row has {len(cells)} cells; the header has {len(HEADER)}"
        )
    row = dict(zip(HEADER, cells, strict=True))
    kind = row["kind"]
    if kind not in KINDS:
        raise ImportFileError(path, line, f"kind {quoted(kind)} must be one of {', '.join(KINDS)}")
    values: dict[str, Any] = {}
    for name, (kinds, how) in COLUMNS.items():
        if name == "kind":
            continue
        if kind not in kinds:
            if row[name]:
                raise ImportFileError(path, line, f"a {kind} has no {name}; leave that cell empty")
            continue
        values[name] = csv_value(how, row[name])
    record, _, problem = build_checked(kind, values, check_day)
    if record is None:
        raise ImportFileError(path, line, context(kind, values, line) + problem)
    return kind, record
