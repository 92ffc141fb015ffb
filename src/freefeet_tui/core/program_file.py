"""Reading ``lessons/program.toml``: every key checked, mistakes as ``FILE:LINE: message``.

A checked programme is cached (marshal, in the user's cache folder) with the exact bytes it
came from, so ``freefeet today`` need not load the TOML parser while the file is unchanged;
any edit means the file is read and checked afresh. docs/schedule.md describes every key.
"""

from __future__ import annotations

import contextlib
import marshal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from freefeet_tui.core.errors import FileProblem
from freefeet_tui.core.program import (
    DAYS_IN_WEEK,
    FollowRule,
    Intervals,
    Phase,
    PhaseLesson,
    PreRun,
    Program,
    RunGuideRules,
)
from freefeet_tui.core.progress.checks import MAX_REASON_LENGTH, check_lesson_id
from freefeet_tui.core.version import __version__

if TYPE_CHECKING:
    from freefeet_tui.core.toml_lines import KeyPath
    from freefeet_tui.core.toml_reader import TomlDocument

PROGRAM_FILE = "program.toml"
PROGRAM_CACHE = "program.marshal"  # in the user's cache folder; see load_program
_CACHE_FORMAT = 2
SCHEMA_VERSION = 2
MAX_FOLLOW_DAYS = 60
MAX_PHASE_WEEKS = 52
MAX_MINUTES = 600
TOP_KEYS = ("schema", "title", "checkin", "pre_run", "follow", "phases", "run_guide")
PHASE_KEYS = ("name", "weeks", "lessons", "run_days", "rest_days", "intervals")


class ProgramError(FileProblem):
    """A programme file that cannot be used: ``FILE:LINE: message``."""


def load_program(path: Path, cache_file: Path | None = None) -> Program:
    """Read and check a programme file; raise :class:`ProgramError` on the first problem.

    With ``cache_file``, a programme checked before is taken from it while the file's bytes
    are exactly those it was read from (and freefeet's version the same). The cache is only
    an optimisation: missing, stale or damaged, it is ignored and rewritten. The file is read
    by the one TOML reader (``toml_reader``): its size is bounded before it is read whole.
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


# ---- the cache: the programme as plain tuples (marshal takes no named tuples) ------------


def _plain(program: Program) -> tuple[Any, ...]:
    phases = tuple(
        (
            phase.name,
            phase.weeks,
            tuple(tuple(item) for item in phase.lessons),
            phase.run_days,
            phase.rest_days,
            None if phase.intervals is None else tuple(phase.intervals),
        )
        for phase in program.phases
    )
    return (
        program.title,
        phases,
        tuple(tuple(rule) for rule in program.follow),
        None if program.pre_run is None else tuple(program.pre_run),
        program.checkin_title,
        program.checkin_reason,
        tuple(program.guide),
    )


def _from_plain(data: Any, path: Path) -> Program:
    title, phases, follow, pre_run, checkin_title, checkin_reason, guide = data
    return Program(
        title,
        tuple(
            Phase(
                name,
                weeks,
                tuple(PhaseLesson(*item) for item in lessons),
                tuple(run_days),
                tuple(rest_days),
                None if intervals is None else Intervals(*intervals),
            )
            for name, weeks, lessons, run_days, rest_days, intervals in phases
        ),
        tuple(FollowRule(*rule) for rule in follow),
        None if pre_run is None else PreRun(*pre_run),
        checkin_title,
        checkin_reason,
        RunGuideRules(*guide),
        path,
    )


def _cached_program(cache_file: Path, raw: bytes, path: Path) -> Program | None:
    try:
        stamp, data = marshal.loads(cache_file.read_bytes())
        if stamp != (_CACHE_FORMAT, __version__, str(path), raw):
            return None
        return _from_plain(data, path)
    except (OSError, EOFError, ValueError, TypeError, IndexError, OverflowError):
        return None


def _save_program(cache_file: Path, raw: bytes, program: Program) -> None:
    from freefeet_tui.core.progress.atomic import write_atomic

    data = ((_CACHE_FORMAT, __version__, str(program.path), raw), _plain(program))
    with contextlib.suppress(OSError, ValueError):
        write_atomic(cache_file, marshal.dumps(data), durable=False)


# ---- checking ----------------------------------------------------------------------------


def parse_program(raw: bytes | str, path: Path) -> Program:
    """Check a programme file's bytes (or text) read from ``path``."""
    from freefeet_tui.core.toml_reader import PROGRAM_LIMITS, parse_toml

    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    document = parse_toml(data, path, PROGRAM_LIMITS, ProgramError)
    return _ProgramChecker(document).program(document.data)


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _ProgramChecker:
    """Validates a parsed programme file; every failure raises with file, line and key path."""

    def __init__(self, document: TomlDocument) -> None:
        self.path = document.path
        self.fail = document.fail
        self.unknown_keys = document.unknown_keys

    def table(self, data: Any, where: KeyPath, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            name = ".".join(str(part) for part in where)
            self.fail(where, f"{name} must be a table such as [{name}]")
        self.unknown_keys(data, allowed, where, "")
        return data

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

    def whole(self, data: dict[str, Any], key: str, where: KeyPath, low: int, high: int) -> int:
        value: Any = data.get(key)
        if not _is_whole(value) or not low <= value <= high:
            target = (*where, key) if key in data else where
            self.fail(target, f"{key} must be a whole number from {low} to {high}")
        return int(value)

    def weekdays(self, data: dict[str, Any], key: str, where: KeyPath) -> tuple[int, ...]:
        days = data.get(key, [])
        if not isinstance(days, list) or not all(
            _is_whole(day) and 1 <= day <= DAYS_IN_WEEK for day in days
        ):
            self.fail((*where, key), f"{key} must be a list of days of the week (1 to 7)")
        if len(set(days)) != len(days):
            self.fail((*where, key), f"{key} names a day twice")
        return tuple(sorted(days))

    def program(self, data: dict[str, Any]) -> Program:
        self.unknown_keys(data, TOP_KEYS, (), "")
        schema = data.get("schema")
        if schema != SCHEMA_VERSION or isinstance(schema, bool):
            self.fail(("schema",) if "schema" in data else (), f"schema must be {SCHEMA_VERSION}")
        title = self.text_value(data, "title", ())
        checkin = self.table(data.get("checkin", {}), ("checkin",), ("title", "reason"))
        defaults = Program()
        checkin_title = self.text_value(checkin, "title", ("checkin",)) if checkin else ""
        checkin_reason = self.text_value(checkin, "reason", ("checkin",)) if checkin else ""
        pre_run = None
        if "pre_run" in data:
            raw = self.table(data["pre_run"], ("pre_run",), ("lesson", "reason"))
            pre_run = PreRun(
                self.text_value(raw, "lesson", ("pre_run",), slug=True),
                self.text_value(raw, "reason", ("pre_run",)),
            )
        follow_raw = data.get("follow", [])
        if not isinstance(follow_raw, list) or not all(isinstance(f, dict) for f in follow_raw):
            self.fail(("follow",), "follow must be written as [[follow]] tables")
        follow = tuple(self.follow(rule, index) for index, rule in enumerate(follow_raw))
        phases_raw = data.get("phases", [])
        if not isinstance(phases_raw, list) or not all(isinstance(p, dict) for p in phases_raw):
            self.fail(("phases",), "phases must be written as [[phases]] tables")
        if not phases_raw:
            self.fail((), "the programme needs at least one [[phases]] table")
        phases = tuple(self.phase(phase, index) for index, phase in enumerate(phases_raw))
        for index, phase in enumerate(phases):
            self.follow_days(phase, index, follow)
        guide = self.guide(data.get("run_guide", {}))
        return Program(
            title,
            phases,
            follow,
            pre_run,
            checkin_title or defaults.checkin_title,
            checkin_reason or defaults.checkin_reason,
            guide,
            self.path,
        )

    def follow(self, raw: dict[str, Any], index: int) -> FollowRule:
        where: KeyPath = ("follow", index)
        self.unknown_keys(raw, ("after", "lesson", "days", "reason"), where, "")
        after = self.text_value(raw, "after", where, slug=True)
        lesson = self.text_value(raw, "lesson", where, slug=True)
        days = self.whole(raw, "days", where, 1, MAX_FOLLOW_DAYS) if "days" in raw else 1
        if after == lesson:
            self.fail((*where, "lesson"), f'lesson "{lesson}" cannot follow itself')
        return FollowRule(after, lesson, days, self.text_value(raw, "reason", where))

    def phase(self, raw: dict[str, Any], index: int) -> Phase:
        where: KeyPath = ("phases", index)
        self.unknown_keys(raw, PHASE_KEYS, where, "")
        name = self.text_value(raw, "name", where)
        weeks = self.whole(raw, "weeks", where, 1, MAX_PHASE_WEEKS)
        run_days = self.weekdays(raw, "run_days", where)
        rest_days = self.weekdays(raw, "rest_days", where)
        lessons_raw = raw.get("lessons", [])
        if not isinstance(lessons_raw, list) or not all(isinstance(x, dict) for x in lessons_raw):
            self.fail((*where, "lessons"), "lessons must be written as [[phases.lessons]] tables")
        lessons: list[PhaseLesson] = []
        for number, item in enumerate(lessons_raw):
            at: KeyPath = (*where, "lessons", number)
            self.unknown_keys(item, ("lesson", "days", "reason"), at, "")
            lesson = self.text_value(item, "lesson", at, slug=True)
            days = self.weekdays(item, "days", at)
            if not days:
                self.fail((*at, "days"), "days must name at least one day of the week, 1 to 7")
            lessons.append(PhaseLesson(lesson, days, self.text_value(item, "reason", at)))
        for day in rest_days:
            clash = "a run day" if day in run_days else None
            clash = clash or next((f"a {x.lesson} day" for x in lessons if day in x.days), None)
            if clash:
                self.fail((*where, "rest_days"), f"day {day} is a rest day and {clash}")
        intervals = None
        if "intervals" in raw:
            table = self.table(raw["intervals"], (*where, "intervals"), ("run", "walk"))
            intervals = Intervals(
                self.whole(table, "run", (*where, "intervals"), 1, 60),
                self.whole(table, "walk", (*where, "intervals"), 1, 60),
            )
        return Phase(name, weeks, tuple(lessons), run_days, rest_days, intervals)

    def follow_days(self, phase: Phase, index: int, follow: tuple[FollowRule, ...]) -> None:
        """A lesson that follows another must not land on one of the phase's rest days."""
        for rule in follow:
            for item in phase.lessons:
                if item.lesson != rule.after:
                    continue
                for day in item.days:
                    lands = (day - 1 + rule.days) % DAYS_IN_WEEK + 1
                    if lands in phase.rest_days:
                        self.fail(
                            ("phases", index, "rest_days"),
                            f"{rule.lesson} follows {rule.after} on day {day} and would fall "
                            f"on rest day {lands}",
                        )

    def guide(self, raw: Any) -> RunGuideRules:
        where: KeyPath = ("run_guide",)
        defaults = RunGuideRules()
        table = self.table(raw, where, defaults._fields)
        limits = {
            "safe_pain": (0, 10),
            "acceptable_pain": (0, 10),
            "first_minutes": (1, MAX_MINUTES),
            "step_minutes": (0, MAX_MINUTES),
            "step_back_minutes": (0, MAX_MINUTES),
            "min_minutes": (1, MAX_MINUTES),
            "max_minutes": (1, MAX_MINUTES),
            "restart_after_days": (1, 365),
            "rising_days": (2, 60),
            "rising_by": (1, 10),
        }
        values = {
            key: self.whole(table, key, where, *limits[key]) if key in table else default
            for key, default in zip(defaults._fields, defaults, strict=True)
        }
        guide = RunGuideRules(**values)
        if guide.acceptable_pain < guide.safe_pain:
            self.fail((*where, "acceptable_pain"), "acceptable_pain must not be below safe_pain")
        if not guide.min_minutes <= guide.first_minutes <= guide.max_minutes:
            self.fail(
                (*where, "first_minutes"),
                "first_minutes must lie between min_minutes and max_minutes",
            )
        return guide
