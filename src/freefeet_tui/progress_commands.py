"""The ``today``, ``log``, ``skip``, ``history`` and ``stats`` parsers.

Kept apart from their handlers in ``progress_cli`` so that building the parser (for every
command, ``lessons list`` included) never imports the progress store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from freefeet_tui.lazy_commands import lazy_handler

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    from typing import Any

    from freefeet_tui.lazy_commands import CommandBuilder

MAX_PAIN = 10  # the same scale as freefeet_tui.core.progress.MAX_PAIN (a test checks)


def _lazy(name: str) -> Callable[[argparse.Namespace], int]:
    return lazy_handler("freefeet_tui.progress_cli", name)


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


def _date_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--date", metavar="D", help=f"{what} (YYYY-MM-DD, or yesterday)")


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
    today.set_defaults(handler=_lazy("cmd_today"))


def add_log(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    log = commands.add_parser(
        "log", help="log foot pain and runs", description=LOG_HELP, formatter_class=formatter
    )
    _date_option(log, "the day to log, default today")
    add_checkin_options(log)
    log.set_defaults(handler=_lazy("cmd_log"))


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
    _date_option(skip, "the day skipped, default today")
    skip.add_argument(
        "--reason", metavar="TEXT", required=True, help="why: flare-up, travel, ill, ..."
    )
    skip.set_defaults(handler=_lazy("cmd_skip"))


def add_history(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    history = commands.add_parser(
        "history",
        help="sessions, check-ins and skips, newest first",
        description="List the sessions, check-ins and skipped days of the last days, newest first.",
    )
    history.add_argument("--days", metavar="N", default="30", help="how many days (default 30)")
    history.set_defaults(handler=_lazy("cmd_history"))


def add_stats(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    stats = commands.add_parser(
        "stats",
        help="streaks, adherence, pain trend",
        description="Your streaks, weekly adherence, habit strength, pain trend (first week "
        "against last) and sessions and minutes per lesson.",
    )
    stats.set_defaults(handler=_lazy("cmd_stats"))


PLAN_HELP = """\
The days ahead, one line each: the lessons, the morning check-in, the runs the run guide
suggests (if your pain stays low) and the rest days. freefeet today has each day's final
word, from your latest pain figures."""


def add_plan(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    plan = commands.add_parser(
        "plan",
        help="the days ahead, one line each",
        description=PLAN_HELP,
        formatter_class=formatter,
    )
    plan.add_argument("--days", metavar="N", default="14", help="how many days (default 14)")
    plan.set_defaults(handler=_lazy("cmd_plan"))


PROGRESS_COMMANDS: dict[str, CommandBuilder] = {
    "today": add_today,
    "plan": add_plan,
    "log": add_log,
    "skip": add_skip,
    "history": add_history,
    "stats": add_stats,
}
"""Each progress command's name and the function that adds its parser."""
