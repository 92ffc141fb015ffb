"""What is due on a day, and why: the programme in ``lessons/program.toml`` applied to the log.

Everything works on the local calendar date recorded with each session (``Session.day``, the
date of its start where it started), never on UTC instants, so daylight-saving changes, travel
between time zones, sessions that cross midnight and the turn of the year change nothing.
Only completed sessions move the programme on; the rules are described in docs/schedule.md.
"""

from __future__ import annotations

import contextlib
import marshal
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.progress.checks import MAX_REASON_LENGTH, check_lesson_id
from freefeet_tui.core.progress.history import History, session_order
from freefeet_tui.core.progress.records import SessionStatus
from freefeet_tui.core.version import __version__

if TYPE_CHECKING:
    from freefeet_tui.core.toml_lines import KeyPath
    from freefeet_tui.core.toml_reader import TomlDocument

PROGRAM_FILE = "program.toml"
PROGRAM_CACHE = "program.marshal"  # in the user's cache folder; see load_program
_CACHE_FORMAT = 2  # 2: checked by the one TOML reader
SCHEMA_VERSION = 1
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = {
    name: index
    for index, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (full, full[:3])
}
MAX_FOLLOW_DAYS = 60


class ItemKind:
    START = "start"
    FOLLOW = "follow"
    RUN_DAY = "run-day"


class FollowRule(NamedTuple):
    """``lesson`` is due ``days`` after the last completed ``after`` until it is completed."""

    after: str
    lesson: str
    days: int
    reason: str


class RunDayRule(NamedTuple):
    """``lesson`` is suggested on run days (check-in run or plan, or a fixed weekday)."""

    lesson: str
    reason: str
    weekdays: frozenset[int] = frozenset()  # 0 = Monday, as date.weekday()


class Program(NamedTuple):
    start_lesson: str | None = None
    start_reason: str = ""
    follow: tuple[FollowRule, ...] = ()
    run_day: RunDayRule | None = None
    days_per_week: int = 7
    path: Path | None = None

    def lesson_ids(self) -> set[str]:
        """Every lesson the programme names (to check them against the library)."""
        ids = {rule.after for rule in self.follow} | {rule.lesson for rule in self.follow}
        if self.start_lesson:
            ids.add(self.start_lesson)
        if self.run_day:
            ids.add(self.run_day.lesson)
        return ids


class DueItem(NamedTuple):
    """A lesson due on a day. ``done`` when a completed session of it is recorded that day."""

    lesson_id: str
    reason: str
    overdue_days: int = 0
    done: bool = False
    kind: str = ItemKind.FOLLOW
    due_since: date | None = None

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def overdue_text(self) -> str:
        """``""``, ``"overdue by 1 day"`` or ``"overdue by N days"``."""
        if not self.overdue_days:
            return ""
        unit = "day" if self.overdue_days == 1 else "days"
        return f"overdue by {self.overdue_days} {unit}"


class AgendaDay(NamedTuple):
    """One day of the agenda. ``planned`` days lie ahead: their items assume the runner does
    what is due on the day it is due."""

    day: date
    items: tuple[DueItem, ...]
    run_day: bool = False
    planned: bool = False


class _Done:
    """A completed session as the rules see it: which lesson, which local date, which order.

    A plain class rather than a dataclass: it is internal, never compared, and defining a
    dataclass costs start-up time that ``freefeet today`` would pay.
    """

    __slots__ = ("day", "lesson_id", "order")

    def __init__(self, lesson_id: str, day: date, order: tuple[date, float, str]) -> None:
        self.lesson_id = lesson_id
        self.day = day
        self.order = order


def _completions(history: History) -> list[_Done]:
    done = [
        _Done(s.lesson_id, s.day, session_order(s))
        for s in history.sessions
        if s.status is SessionStatus.COMPLETED
    ]
    return sorted(done, key=lambda d: d.order)


def is_run_day(day: date, history: History, program: Program) -> bool:
    """A check-in that day with minutes run above 0 or a planned run, or a fixed run weekday."""
    checkin = history.checkin_on(day)
    if checkin is not None and (checkin.ran or checkin.planned_run):
        return True
    return program.run_day is not None and day.weekday() in program.run_day.weekdays


def _due(day: date, done: list[_Done], run_day: bool, program: Program) -> list[DueItem]:
    """The rules applied to completions sorted by local date, then start instant."""
    upto = [d for d in done if d.day <= day]
    on_day = {d.lesson_id for d in upto if d.day == day}
    items: list[DueItem] = []
    for rule in program.follow:
        last_after = max((i for i, d in enumerate(upto) if d.lesson_id == rule.after), default=-1)
        if last_after < 0 or upto[last_after].day == day:
            continue  # never started, or (re)started today: due on a later day
        due_day = upto[last_after].day + timedelta(days=rule.days)
        followed = next((d for d in upto[last_after + 1 :] if d.lesson_id == rule.lesson), None)
        if day < due_day or (followed is not None and followed.day < day):
            continue
        overdue = (day - due_day).days
        items.append(
            DueItem(
                rule.lesson, rule.reason, overdue, followed is not None, ItemKind.FOLLOW, due_day
            )
        )
    items.sort(key=lambda item: -item.overdue_days)
    start = program.start_lesson
    if start and not any(d.lesson_id == start and d.day < day for d in upto):
        items.append(DueItem(start, program.start_reason, 0, start in on_day, ItemKind.START))
    if run_day and program.run_day is not None:
        pre_run = program.run_day
        items.append(
            DueItem(pre_run.lesson, pre_run.reason, 0, pre_run.lesson in on_day, ItemKind.RUN_DAY)
        )
    return _one_per_lesson(items)


def _one_per_lesson(items: list[DueItem]) -> list[DueItem]:
    """Two rules may name the same lesson on one day; show it once, with the first reason."""
    seen: set[str] = set()
    kept: list[DueItem] = []
    for item in items:
        if item.lesson_id not in seen:
            seen.add(item.lesson_id)
            kept.append(item)
    return kept


def due_on(day: date, history: History, program: Program) -> list[DueItem]:
    """What is due on local date ``day``: overdue first, then due, start, run-day suggestion.

    Completions of earlier dates decide what is due and an item completed on ``day`` stays
    listed as ``done``; completing a rule's ``after`` lesson on ``day`` moves it to a later day.
    Later dates are ignored, so asking about a past day shows what was due then.
    """
    return _due(day, _completions(history), is_run_day(day, history, program), program)


def agenda(
    start: date,
    history: History,
    program: Program,
    days: int = 14,
    today: date | None = None,
) -> list[AgendaDay]:
    """``days`` days from ``start``. Days before ``today`` show what the log says; from
    ``today`` on, each item not yet done is assumed done on its day, to plan the next ones."""
    today = start if today is None else today
    done = _completions(history)
    result: list[AgendaDay] = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        run_day = is_run_day(day, history, program)
        items = _due(day, done, run_day, program)
        if day >= today:
            assumed = [_Done(i.lesson_id, day, (day, float("inf"), i.lesson_id)) for i in items]
            done.extend(a for a, i in zip(assumed, items, strict=True) if not i.done)
            done.sort(key=lambda d: d.order)
        result.append(AgendaDay(day, tuple(items), run_day, planned=day > today))
    return result


class ProgramError(FileProblem):
    """A programme file that cannot be used: ``FILE:LINE: message``."""


def load_program(path: Path, cache_file: Path | None = None) -> Program:
    """Read and check a programme file; raise :class:`ProgramError` on the first problem.

    With ``cache_file``, a programme checked before is taken from it while the file's bytes
    are exactly those it was read from (and freefeet's version the same), so a quick command
    need not load the TOML parser; any edit means the file is read and checked afresh. The
    cache is only an optimisation: missing, stale or damaged, it is ignored and rewritten.
    """
    from freefeet_tui.core.toml_bounds import PROGRAM_LIMITS, read_bounded

    try:
        raw = read_bounded(path, PROGRAM_LIMITS, ProgramError)
    except FileNotFoundError:
        raise ProgramError(path, None, "cannot read the file: No such file or directory") from None
    cached = _cached_program(cache_file, raw, path) if cache_file is not None else None
    if cached is not None:
        return cached
    program = parse_program(raw, path)
    if cache_file is not None:
        _save_program(cache_file, raw, program)
    return program


def default_program(cache_file: Path | None = None) -> Program:
    """The programme shipped with freefeet's lessons; ``cache_file`` as for load_program
    (the commands pass ``Locations.cache / PROGRAM_CACHE``)."""
    from freefeet_tui.core.locations import builtin_lessons_dir

    return load_program(builtin_lessons_dir() / PROGRAM_FILE, cache_file)


def _cached_program(cache_file: Path, raw: bytes, path: Path) -> Program | None:
    try:
        stamp, start, reason, follow, run_day, days = marshal.loads(cache_file.read_bytes())
        if stamp != (_CACHE_FORMAT, __version__, str(path), raw):
            return None
        return Program(
            start,
            reason,
            tuple(FollowRule(*rule) for rule in follow),
            None if run_day is None else RunDayRule(run_day[0], run_day[1], frozenset(run_day[2])),
            days,
            path,
        )
    except (OSError, EOFError, ValueError, TypeError, IndexError, OverflowError):
        return None


def _save_program(cache_file: Path, raw: bytes, program: Program) -> None:
    from freefeet_tui.core.progress.atomic import write_atomic

    run_day = program.run_day
    data = (
        (_CACHE_FORMAT, __version__, str(program.path), raw),
        program.start_lesson,
        program.start_reason,
        tuple((rule.after, rule.lesson, rule.days, rule.reason) for rule in program.follow),
        None if run_day is None else (run_day.lesson, run_day.reason, sorted(run_day.weekdays)),
        program.days_per_week,
    )
    with contextlib.suppress(OSError, ValueError):
        write_atomic(cache_file, marshal.dumps(data), durable=False)


def parse_program(raw: bytes | str, path: Path) -> Program:
    """Check a programme file's bytes (or text) read from ``path``."""
    from freefeet_tui.core.toml_reader import PROGRAM_LIMITS, parse_toml

    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    return _ProgramChecker(parse_toml(data, path, PROGRAM_LIMITS, ProgramError)).program()


class _ProgramChecker:
    """Validates a parsed programme file; every failure raises with file, line and key path."""

    def __init__(self, document: TomlDocument) -> None:
        self.document = document
        self.path = document.path
        self.fail = document.fail

    def table(self, data: dict[str, Any], where: KeyPath, allowed: tuple[str, ...]) -> None:
        self.document.unknown_keys(data, allowed, where)

    def text_value(self, data: dict[str, Any], key: str, where: KeyPath, slug: bool = False) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail((*where, key) if key in data else where, f'"{key}" must be text in quotes')
        from freefeet_tui.core.terminal_text import control_problem

        problem = control_problem(value, allow_newlines=False)
        if problem is not None:
            self.fail((*where, key), f'"{key}" {problem}')
        if slug and check_lesson_id(value) is not None:
            self.fail((*where, key), f'"{key}" must be a lesson id such as "free-your-feet"')
        if len(value) > MAX_REASON_LENGTH:
            self.fail((*where, key), f'"{key}" is longer than {MAX_REASON_LENGTH} characters')
        return value.strip()

    def program(self) -> Program:
        data = self.document.data
        self.table(data, (), ("schema", "days_per_week", "start", "follow", "run_day"))
        schema = data.get("schema")
        if schema != SCHEMA_VERSION or isinstance(schema, bool):
            self.fail(("schema",) if "schema" in data else (), f"schema must be {SCHEMA_VERSION}")
        per_week = data.get("days_per_week", 7)
        if not isinstance(per_week, int) or isinstance(per_week, bool) or not 1 <= per_week <= 7:
            self.fail(("days_per_week",), "days_per_week must be a whole number from 1 to 7")
        start_lesson, start_reason = None, ""
        if "start" in data:
            start = self.sub_table(data, "start")
            self.table(start, ("start",), ("lesson", "reason"))
            start_lesson = self.text_value(start, "lesson", ("start",), slug=True)
            start_reason = self.text_value(start, "reason", ("start",))
        follow_raw = data.get("follow", [])
        if not isinstance(follow_raw, list) or not all(isinstance(f, dict) for f in follow_raw):
            self.fail(("follow",), "follow must be written as [[follow]] tables")
        follow = tuple(self.follow(rule, index) for index, rule in enumerate(follow_raw))
        run_day = self.run_day(self.sub_table(data, "run_day")) if "run_day" in data else None
        return Program(start_lesson, start_reason, follow, run_day, per_week, self.path)

    def sub_table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data[key]
        if not isinstance(value, dict):
            self.fail((key,), f"{key} must be written as a [{key}] table")
        return value

    def follow(self, raw: dict[str, Any], index: int) -> FollowRule:
        where: KeyPath = ("follow", index)
        self.table(raw, where, ("after", "lesson", "days", "reason"))
        after = self.text_value(raw, "after", where, slug=True)
        lesson = self.text_value(raw, "lesson", where, slug=True)
        days = raw.get("days", 1)
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_FOLLOW_DAYS:
            self.fail((*where, "days"), f"days must be a whole number from 1 to {MAX_FOLLOW_DAYS}")
        if after == lesson:
            self.fail((*where, "lesson"), f'lesson "{lesson}" cannot follow itself')
        return FollowRule(after, lesson, days, self.text_value(raw, "reason", where))

    def run_day(self, raw: dict[str, Any]) -> RunDayRule:
        where: KeyPath = ("run_day",)
        self.table(raw, where, ("lesson", "reason", "weekdays"))
        names = raw.get("weekdays", [])
        if not isinstance(names, list) or not all(
            isinstance(n, str) and n.lower() in _WEEKDAY_NAMES for n in names
        ):
            self.fail((*where, "weekdays"), 'weekdays must be a list such as ["mon", "thu"]')
        weekdays = frozenset(_WEEKDAY_NAMES[n.lower()] for n in names)
        return RunDayRule(
            self.text_value(raw, "lesson", where, slug=True),
            self.text_value(raw, "reason", where),
            weekdays,
        )
