"""The export form's work, apart from the screen: reading what the runner typed, and the
job a worker thread runs (read the log, render, write without replacing a file).

No Textual here, so the rules are tested directly and the worker never touches widgets.
The rendering is ``core.export.render``, the same as ``freefeet export``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from freefeet_tui.core.export.files import ExportExistsError, write_export
from freefeet_tui.core.export.icalendar_format import PlanLesson
from freefeet_tui.core.export.render import (
    SUFFIXES,
    Exported,
    ExportRangeError,
    render,
    years_to_read,
)
from freefeet_tui.core.library import Library
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress import ProgressStore
from freefeet_tui.core.wording import parse_day


def field_day(text: str, today: date) -> date | None:
    """A date field of the form, read by the one date parser (``core.wording.parse_day``):
    ``None`` when left empty. Raises :class:`DayError` saying what is wrong."""
    return parse_day(text, today) if text.strip() else None


def default_name(fmt: str, today: date) -> str:
    """``freefeet-export-2026-11-24.csv``; Loop's CSV gets ``-habitbull`` so it stands apart."""
    kind = "-habitbull" if fmt == "habitbull" else ""
    return f"freefeet-export-{today.isoformat()}{kind}{SUFFIXES[fmt]}"


def destination(text: str, fmt: str, today: date) -> Path:
    """The file a typed path means: ``~`` expanded, relative to the current folder, and a
    folder given as the path gets the default name. Raises ``ValueError`` with a message
    when there is no path or its folder does not exist."""
    typed = text.strip()
    if not typed:
        raise ValueError("say where to save the file, e.g. ~/freefeet.csv")
    try:
        path = Path(typed).expanduser()
    except RuntimeError:  # ~name of no known user, or no home folder
        raise ValueError(f"cannot tell which folder {Path(typed).parts[0]} is") from None
    if not path.is_absolute():
        path = Path.cwd() / path
    if typed.endswith(("/", os.sep)) or path.is_dir():
        if not path.is_dir():
            raise ValueError(f"no folder {path}")
        return path / default_name(fmt, today)
    if not path.parent.is_dir():
        raise ValueError(f"no folder {path.parent}")
    return path


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the form asks for, checked: the format, the dates and the file to write."""

    fmt: str
    start: date | None
    end: date | None
    path: Path


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What the worker did: ``written``; or the file exists and ``exported`` awaits a yes; or
    ``problem`` says why nothing was written."""

    request: ExportRequest
    exported: Exported | None = None
    written: bool = False
    problem: str | None = None


def export_file(
    request: ExportRequest,
    store: ProgressStore,
    library: Library,
    program: Program,
    today: date,
    reminder: time | None = None,
) -> ExportOutcome:
    """Read the years ``request`` needs, render it and write it unless the file exists (run
    in a worker thread). A year file that cannot be read stops it, as on the command line."""
    try:
        first, last = years_to_read(request.fmt, request.start, request.end, today)
    except ExportRangeError as error:
        return ExportOutcome(request, problem=str(error))
    if request.fmt == "html":
        from freefeet_tui.core.export.report_charts import ReportExtraMissing, require_matplotlib

        try:
            require_matplotlib()
        except ReportExtraMissing as error:
            return ExportOutcome(request, problem=str(error))
    years = [y for y in store.years() if (first or y) <= y <= (last or y)]
    history = store.history(years)
    if history.problems:
        return ExportOutcome(request, problem=f"{history.problems[0]} (fix the file first)")
    titles = {s.lesson_id: s.lesson_title for s in history.sessions}
    titles.update({lesson.id: lesson.title for lesson in library.lessons.values()})
    lessons = {
        lesson.id: PlanLesson(lesson.title, lesson.total_seconds)
        for lesson in library.lessons.values()
    }
    exported = render(
        request.fmt,
        history,
        start=request.start,
        end=request.end,
        today=today,
        program=program,
        titles=titles,
        lessons=lessons,
        now=datetime.now(UTC).replace(microsecond=0),
        reminder=reminder,
    )
    return write_outcome(request, exported, force=False)


def write_outcome(request: ExportRequest, exported: Exported, force: bool) -> ExportOutcome:
    """Write ``exported``; an existing file (without ``force``) comes back for a yes or no."""
    try:
        write_export(request.path, exported.data, force)
    except ExportExistsError:
        return ExportOutcome(request, exported)
    except FileNotFoundError:
        return ExportOutcome(request, problem=f"no folder {request.path.parent}")
    except OSError as error:
        return ExportOutcome(request, problem=f"cannot write {request.path}: {error.strerror}")
    return ExportOutcome(request, exported, written=True)
