"""The ``plan`` command: the days ahead, one dated line each, as the Plan view shows them.

The lines come from ``core.day_report.plan_line``, like the app's, with the note that runs
ahead assume low pain and the safety line under them.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from freefeet_tui.cli.common import CliError, say
from freefeet_tui.cli.parsing import CommandBuilder
from freefeet_tui.cli.progress import (
    lesson_titles,
    load_program,
    open_store,
    report_problems,
    whole_number,
)

MAX_PLAN_DAYS = 366

PLAN_HELP = """\
The days ahead, one line each: the lessons, the morning check-in, the runs the run guide
suggests (if your pain stays low) and the rest days. freefeet today has each day's final
word, from your latest pain figures. freefeet export --format ics puts the same plan in
your calendar."""


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
    code = report_problems(history)
    plan = agenda(today, history, program, days, today)
    say([plan_heading(plan, program), *(plan_line(day, titles) for day in plan)])
    say([PLAN_NOTE, SAFETY_LINE])
    return code


def add_plan(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    plan = commands.add_parser(
        "plan",
        help="the days ahead, one line each",
        description=PLAN_HELP,
        formatter_class=formatter,
    )
    plan.add_argument("--days", metavar="N", default="14", help="how many days (default 14)")
    plan.set_defaults(handler=cmd_plan)


COMMANDS: dict[str, CommandBuilder] = {"plan": add_plan}
"""The commands this module adds, by name."""
