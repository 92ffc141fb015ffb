"""The progress commands: ``freefeet today``, ``log``, ``skip``, ``history`` and ``stats``.

Plain text from the core (store, schedule, stats); no Textual. Input is checked before
anything is written, so bad input (pain 11, a malformed or future date, a date before 2000,
an empty reason, a note holding a control character, run pain without a run) gets one
``freefeet: error:`` line, exit code 2 and an untouched log; a date more than a year before
the log's first record needs ``--force``. A year file that cannot be read is reported as
``FILE:LINE: message``: writes to it are refused (exit 1), reads show the other years and then
the error (exit 1). Everything printed goes through ``common.say``: the user's words are shown,
never obeyed by the terminal.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from freefeet_tui.cli.common import (
    INVALID_EXIT,
    CliError,
    error_line,
    load_user_library,
    option_day,
    say,
)
from freefeet_tui.cli.parsing import CommandBuilder
from freefeet_tui.cli.progress_text import (
    checkin_text,
    history_lines,
    stats_lines,
    today_extras,
    today_lines,
)
from freefeet_tui.core.locations import user_locations
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
from freefeet_tui.core.progress.checks import (
    FAR_BEFORE,
    day_problem,
    far_before,
    run_pain_problem,
)
from freefeet_tui.core.terminal_text import control_problem, quoted
from freefeet_tui.core.wording import one_line

if TYPE_CHECKING:
    from freefeet_tui.core.lesson import Lesson
    from freefeet_tui.core.progress.corrections import Corrections

R = TypeVar("R", CheckIn, Skip)

MAX_HISTORY_DAYS = 100 * 366


# ---- checking input ------------------------------------------------------------------------


def checked_day(text: str | None, today: date, *, future: bool) -> date:
    """``--date``: a date word or YYYY-MM-DD (``option_day``, default today), then the rule
    every new record follows (``checks.day_problem``): not before 2000, and not after
    ``today`` unless ``future`` (``today --date tomorrow`` looks ahead; a log cannot)."""
    day = option_day(text, "--date", today, future=future) or today
    problem = day_problem(day, max(day, today) if future else today)
    if problem is not None:
        raise CliError(f"--date {problem}")
    return day


def check_far_day(store: ProgressStore, day: date, today: date, force: bool) -> None:
    """Refuse (without ``--force``) a day more than a year before the log's first record:
    most likely a mistyped year. Only a day over a year back can be, so only then is the
    oldest year file read."""
    if force or day >= today - FAR_BEFORE:
        return
    try:
        first = store.first_day()
    except ProgressError as error:
        raise CliError(str(error), INVALID_EXIT) from None
    if far_before(day, first):
        raise CliError(
            f"--date {day} is more than a year before your log's first record ({first}); "
            "check the year, or add --force if it is right"
        )


def whole_number(text: str | None, option: str, high: int) -> int | None:
    """A whole number 0..``high`` given as ``option``, or ``None`` when the option is absent."""
    if text is None:
        return None
    digits = text.strip()
    try:
        value = int(digits) if len(digits) <= 12 else None
    except ValueError:
        value = None
    if value is None:
        raise CliError(f"{option} {quoted(text)} is not a whole number from 0 to {high}")
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
    refused = None if note is None else control_problem(note)
    if refused is not None:
        raise CliError(f"--note {refused}; type the note as plain text")
    problem = run_pain_problem(ran, run_pain) if ran is not None else None
    if problem is not None:
        raise CliError(f"--run-pain: {problem}, e.g. --ran 30 --run-pain {run_pain}")
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
    refused = control_problem(reason, allow_newlines=False)
    if refused is not None:
        raise CliError(f"--reason {refused}; type the reason as plain text on one line")
    try:
        return Skip(day, reason)
    except RecordError as error:
        raise CliError(option_problem(error)) from None


def check_run_pain(store: ProgressStore, checkin: CheckIn) -> None:
    """A run pain needs minutes run, in the check-in as it will be saved: what is logged
    now merged into what the day already holds (the minutes may have been logged earlier)."""
    if checkin.run_pain is None and checkin.run_minutes is None:
        return
    try:
        old = store.history([checkin.day.year]).checkin_on(checkin.day)
    except ProgressError:
        return  # the save itself reports the unusable year file
    day = checkin if old is None else old.merged_with(checkin)
    problem = run_pain_problem(day.run_minutes, day.run_pain)
    if problem is not None:
        raise CliError(f"--run-pain: {problem}; add --ran MINUTES")


def option_problem(error: RecordError) -> str:
    """``note has 2001 characters; ...`` as ``--note has 2001 characters; ...``."""
    option = "--" + error.key.replace("_", "-")
    return error.problem.replace(error.key, option, 1)


# ---- reading and writing the log -------------------------------------------------------------


def open_store() -> ProgressStore:
    return ProgressStore.for_user()


def writing_store() -> ProgressStore:
    """The store, for a command about to write: stale temporary files go first."""
    from freefeet_tui.core.stale_temps import sweep_user_temps

    sweep_user_temps(user_locations())
    return open_store()


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
    """Print each year file's problem as an error line, before anything else is shown (the
    records it could read are shown as usual); the exit code to return."""
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
    day = checked_day(args.date, today, future=True)
    store = open_store()
    history = store.history([day.year - 1, day.year, today.year - 1, today.year])
    program = load_program()
    code = report_problems(history)
    titles = lesson_titles(history)
    if day > today:  # a day ahead: the plan for it, as if today's things get done
        report = planned_report(day, history, program, today)
    else:
        report = day_report(day, history, program)
    if args.json:
        import json  # json.dumps escapes every control character: nothing for the terminal

        print(json.dumps(report_json(report, program, titles), indent=2))
        return code
    lines = today_lines(report, program, titles, today)
    unfinished = [s for s in store.open_sessions(max(day, today)) if s.day <= day]
    lines += today_extras(report, history, titles, unfinished)
    say(lines)
    return code


def corrections(store: ProgressStore | None = None) -> Corrections:
    """The undoable changes to ``store`` (the user's by default)."""
    from freefeet_tui.core.progress.corrections import Corrections  # not needed by today

    return Corrections(store if store is not None else open_store())


def cmd_log(args: argparse.Namespace) -> int:
    today = date.today()
    day = checked_day(args.date, today, future=False)
    checkin = checkin_from(args, day)
    store = writing_store()
    check_far_day(store, day, today, args.force)
    check_run_pain(store, checkin)
    stored = saved(corrections(store).log_checkin, checkin)
    say(f"Logged for {day}: {checkin_text(stored)}")
    say("Changed your mind? freefeet undo takes it back.")
    return 0


def cmd_skip(args: argparse.Namespace) -> int:
    today = date.today()
    day = checked_day(args.date, today, future=False)
    skip = skip_from(args, day)
    store = writing_store()
    check_far_day(store, day, today, args.force)
    stored = saved(corrections(store).add_skip, skip)
    say(f"Skipped {day} ({one_line(stored.reason)}); your streak is kept.")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    days = whole_number(args.days, "--days", MAX_HISTORY_DAYS)
    if not days:
        raise CliError(f"--days must be a whole number from 1 to {MAX_HISTORY_DAYS}")
    today = date.today()
    start = today - timedelta(days=days - 1)
    history = open_store().history(list(range(start.year, today.year + 1)))
    code = report_problems(history)
    say(history_lines(history, start, today))
    return code


def cmd_stats(args: argparse.Namespace) -> int:
    history = open_store().all_years()
    program = load_program()
    code = report_problems(history)
    say(stats_lines(history, date.today(), program))
    return code


# ---- the parsers ---------------------------------------------------------------------------

TODAY_HELP = """\
What the programme asks of today and why: the morning check-in, the lessons due (overdue
ones first), and on run days the pre-run routine and the run the run guide suggests from
your pain. Then your streak, your last pain figures and any unfinished session to resume.
--date shows another day as if it were today (a day ahead shows the plan for it);
--json prints the same as JSON (docs/schedule.md describes its keys)."""

LOG_HELP = f"""\
Log how your feet felt: morning first-steps pain from 0 (none) to {MAX_PAIN} (worst) for
both feet (--pain) or each foot, minutes run and pain during the run. Logging the same
date again updates that day: what you give replaces, what you leave out is kept.

examples:
  freefeet log --pain 3
  freefeet log --pain-left 4 --pain-right 2 --note "stiff after the long drive"
  freefeet log --ran 35 --run-pain 2
  freefeet log --planned-run         (suggests the pre-run routine today)"""

SKIP_HELP = """\
Mark a day you chose not to practise (a flare-up, travel, illness). A skipped day keeps
your streak alive without adding to it. Skipping a date again replaces the reason."""


def date_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--date", metavar="D", help=f"{what} (YYYY-MM-DD, or yesterday)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="accept a date more than a year before your log's first record",
    )


def add_today(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    today = commands.add_parser(
        "today",
        help="what is due today, and why",
        description=TODAY_HELP,
        formatter_class=formatter,
    )
    today.add_argument("--date", metavar="D", help="another day (YYYY-MM-DD, or tomorrow)")
    today.add_argument(
        "--json", action="store_true", help="the same as JSON, for status bars and scripts"
    )
    today.set_defaults(handler=cmd_today)


def add_log(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    log = commands.add_parser(
        "log", help="log foot pain and runs", description=LOG_HELP, formatter_class=formatter
    )
    date_option(log, "the day to log, default today")
    add_checkin_options(log)
    log.set_defaults(handler=cmd_log)


def add_checkin_options(parser: argparse.ArgumentParser) -> None:
    """The figures of a check-in, shared by ``log`` and ``edit``."""
    parser.add_argument("--pain", metavar="N", help="morning pain, both feet (0 to 10)")
    parser.add_argument("--pain-left", metavar="N", help="morning pain, left foot")
    parser.add_argument("--pain-right", metavar="N", help="morning pain, right foot")
    parser.add_argument("--ran", metavar="MIN", help="minutes run")
    parser.add_argument("--run-pain", metavar="N", help="pain during the run (0 to 10)")
    parser.add_argument("--planned-run", action="store_true", help="you will run today")
    parser.add_argument("--note", metavar="TEXT", help="a note, in your own words")


def add_skip(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    skip = commands.add_parser(
        "skip", help="mark a day off (keeps the streak)", description=SKIP_HELP
    )
    date_option(skip, "the day skipped, default today")
    skip.add_argument(
        "--reason", metavar="TEXT", required=True, help="why: flare-up, travel, ill, ..."
    )
    skip.set_defaults(handler=cmd_skip)


def add_history(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    history = commands.add_parser(
        "history",
        help="sessions, check-ins and skips, newest first",
        description="List the sessions, check-ins and skipped days of the last days, newest first.",
    )
    history.add_argument("--days", metavar="N", default="30", help="how many days (default 30)")
    history.set_defaults(handler=cmd_history)


def add_stats(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    stats = commands.add_parser(
        "stats",
        help="streaks, adherence, pain trend",
        description="Your streaks, weekly adherence, habit strength, pain trend (first week "
        "against last) and sessions and minutes per lesson.",
    )
    stats.set_defaults(handler=cmd_stats)


COMMANDS: dict[str, CommandBuilder] = {
    "today": add_today,
    "log": add_log,
    "skip": add_skip,
    "history": add_history,
    "stats": add_stats,
}
"""The commands this module adds, by name."""
