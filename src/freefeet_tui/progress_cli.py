"""The progress commands: ``freefeet today``, ``log``, ``skip``, ``history`` and ``stats``.

Plain text from the core (store, schedule, stats); no Textual. Input is checked before
anything is written, so bad input (pain 11, a malformed or future date, an empty reason)
gets one ``freefeet: error:`` line, exit code 2 and an untouched log. A year file that
cannot be read is reported as ``FILE:LINE: message``: writes to it are refused (exit 1),
reads show the other years and then the error (exit 1).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, timedelta

from freefeet_tui.cli import INVALID_EXIT, CliError, error_line, load_user_library
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.program import Program
from freefeet_tui.core.program_file import PROGRAM_CACHE, ProgramError, default_program
from freefeet_tui.core.progress import (
    MAX_PAIN,
    MAX_RUN_MINUTES,
    CheckIn,
    History,
    ProgressError,
    ProgressStore,
    RecordError,
    Session,
    Skip,
)
from freefeet_tui.locations import user_locations
from freefeet_tui.progress_text import (
    DATE_WORDS,
    checkin_text,
    history_lines,
    one_line,
    stats_lines,
    today_extras,
    today_lines,
)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import TypeVar

    R = TypeVar("R", CheckIn, Skip)

    from freefeet_tui.core.progress.corrections import Corrections

MAX_HISTORY_DAYS = 100 * 366
MAX_PLAN_DAYS = 366


# ---- checking input ------------------------------------------------------------------------


def parse_day(text: str | None, today: date, *, allow_future: bool) -> date:
    """``--date``: YYYY-MM-DD, or today, yesterday, tomorrow; else a :class:`CliError`."""
    if text is None:
        return today
    word = text.strip().lower()
    if word in DATE_WORDS:
        day = today + timedelta(days=DATE_WORDS[word])
    else:
        try:
            day = date.fromisoformat(word)
        except ValueError:
            raise CliError(
                f'--date "{text}" is not a date; write it as YYYY-MM-DD, e.g. {today}'
            ) from None
        if len(word) != 10:  # fromisoformat also takes 20261124: insist on one way
            raise CliError(f'--date "{text}" is not a date; write it as YYYY-MM-DD, e.g. {today}')
    if day > today and not allow_future:
        raise CliError(f"--date {day} is in the future; you can only log today or earlier days")
    return day


def whole_number(text: str | None, option: str, high: int) -> int | None:
    """A whole number 0..``high`` given as ``option``, or ``None`` when the option is absent."""
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        raise CliError(f'{option} "{text}" is not a whole number from 0 to {high}') from None
    if not 0 <= value <= high:
        raise CliError(f"{option} {value} is out of range: use a whole number from 0 to {high}")
    return value


def checkin_from(args: argparse.Namespace, day: date) -> CheckIn:
    """The check-in the ``log`` options describe, checked; nothing is written here."""
    if args.pain is not None and (args.pain_left is not None or args.pain_right is not None):
        raise CliError("give either --pain (both feet) or --pain-left/--pain-right, not both")
    both = whole_number(args.pain, "--pain", MAX_PAIN)
    left = whole_number(args.pain_left, "--pain-left", MAX_PAIN)
    right = whole_number(args.pain_right, "--pain-right", MAX_PAIN)
    ran = whole_number(args.ran, "--ran", MAX_RUN_MINUTES)
    run_pain = whole_number(args.run_pain, "--run-pain", MAX_PAIN)
    note = args.note
    if note is not None and not note.strip():
        raise CliError("--note is empty; write a few words or leave it out")
    if all(v is None for v in (both, left, right, ran, run_pain, note)) and not args.planned_run:
        raise CliError(
            "nothing to log: give --pain, --pain-left/--pain-right, --ran, --run-pain, "
            "--planned-run or --note"
        )
    try:
        return CheckIn(
            day=day,
            pain_left=both if both is not None else left,
            pain_right=both if both is not None else right,
            run_minutes=ran,
            run_pain=run_pain,
            planned_run=bool(args.planned_run),
            note=note,
        )
    except RecordError as error:
        raise CliError(option_problem(error)) from None


def skip_from(args: argparse.Namespace, day: date) -> Skip:
    reason = args.reason.strip()
    if not reason:
        raise CliError("--reason is empty; say why, e.g. --reason flare-up")
    try:
        return Skip(day, reason)
    except RecordError as error:
        raise CliError(option_problem(error)) from None


def option_problem(error: RecordError) -> str:
    """``note has 2001 characters; ...`` as ``--note has 2001 characters; ...``."""
    option = "--" + error.key.replace("_", "-")
    return error.problem.replace(error.key, option, 1)


# ---- reading and writing the log -------------------------------------------------------------


def open_store() -> ProgressStore:
    return ProgressStore.for_user()


def saved(write: Callable[[R], R], record: R) -> R:
    """Run a store write; a file that cannot be used becomes exit 1 with ``FILE:LINE:``."""
    from freefeet_tui.core.progress.corrections import CorrectionError

    try:
        return write(record)
    except (CorrectionError, ProgressError) as error:
        raise CliError(str(error), INVALID_EXIT) from None
    except OSError as error:
        raise CliError(f"cannot save the progress log: {error}", INVALID_EXIT) from None


def report_problems(history: History) -> int:
    """Print each unreadable year file as an error line; the exit code to return."""
    for problem in history.problems:
        error_line(problem)
    return INVALID_EXIT if history.problems else 0


def load_program() -> Program:
    try:
        return default_program(user_locations().cache / PROGRAM_CACHE)
    except ProgramError as error:
        raise CliError(str(error), INVALID_EXIT) from None


def lesson_titles(history: History) -> dict[str, str]:
    """Lesson id -> title, from the library, else as recorded with the sessions."""
    titles = {s.lesson_id: s.lesson_title for s in history.sessions}
    titles.update({lesson.id: lesson.title for lesson in load_user_library()})
    return titles


def session_to_resume(lesson: Lesson, today: date | None = None) -> Session:
    """The newest unfinished session of ``lesson`` (for ``play --resume``), or a CliError."""
    for session in open_store().open_sessions(today or date.today()):
        if session.lesson_id == lesson.id:
            return session
    raise CliError(
        f'no unfinished session of "{lesson.id}" to resume; start afresh with: '
        f"freefeet play {lesson.id}"
    )


# ---- the commands --------------------------------------------------------------------------


def cmd_today(args: argparse.Namespace) -> int:
    from freefeet_tui.core.day_report import day_report, planned_report, report_json

    today = date.today()
    day = parse_day(args.date, today, allow_future=True)
    store = open_store()
    history = store.history([day.year - 1, day.year, today.year - 1, today.year])
    program = load_program()
    titles = lesson_titles(history)
    if day > today:  # a day ahead: the plan for it, as if today's things get done
        report = planned_report(day, history, program, today)
    else:
        report = day_report(day, history, program)
    if args.json:
        import json

        print(json.dumps(report_json(report, program, titles), indent=2))
        return report_problems(history)
    lines = today_lines(report, program, titles, today)
    unfinished = [s for s in store.open_sessions(max(day, today)) if s.day <= day]
    lines += today_extras(report, history, titles, unfinished)
    print("\n".join(lines))
    return report_problems(history)


def corrections() -> Corrections:
    from freefeet_tui.core.progress.corrections import Corrections  # not needed by today

    return Corrections(open_store())


def cmd_log(args: argparse.Namespace) -> int:
    day = parse_day(args.date, date.today(), allow_future=False)
    checkin = checkin_from(args, day)
    stored = saved(corrections().log_checkin, checkin)
    print(f"Logged for {day}: {checkin_text(stored)}")
    print("Changed your mind? freefeet undo takes it back.")
    return 0


def cmd_skip(args: argparse.Namespace) -> int:
    day = parse_day(args.date, date.today(), allow_future=False)
    skip = skip_from(args, day)
    stored = saved(corrections().add_skip, skip)
    print(f"Skipped {day} ({one_line(stored.reason)}); your streak is kept.")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    days = whole_number(args.days, "--days", MAX_HISTORY_DAYS)
    if not days:
        raise CliError(f"--days must be a whole number from 1 to {MAX_HISTORY_DAYS}")
    today = date.today()
    start = today - timedelta(days=days - 1)
    history = open_store().history(list(range(start.year, today.year + 1)))
    print("\n".join(history_lines(history, start, today)))
    return report_problems(history)


def cmd_stats(args: argparse.Namespace) -> int:
    history = open_store().all_years()
    program = load_program()
    print("\n".join(stats_lines(history, date.today(), program)))
    return report_problems(history)


def cmd_plan(args: argparse.Namespace) -> int:
    from freefeet_tui.core.day_report import PLAN_NOTE, plan_heading, plan_line
    from freefeet_tui.core.lesson import SAFETY_LINE
    from freefeet_tui.core.schedule import agenda

    days = whole_number(args.days, "--days", MAX_PLAN_DAYS)
    if not days:
        raise CliError(f"--days must be a whole number from 1 to {MAX_PLAN_DAYS}")
    today = date.today()
    history = open_store().history([today.year - 1, today.year])
    program = load_program()
    titles = lesson_titles(history)
    plan = agenda(today, history, program, days, today)
    print(plan_heading(plan, program))
    print("\n".join(plan_line(day, titles) for day in plan))
    print(PLAN_NOTE)
    print(SAFETY_LINE)
    return report_problems(history)
