"""The programme as values: phases of weeks, lessons on days, run days, rest days, the run guide.

``lessons/program.toml`` is read into these (``program_file.py``); ``schedule.py`` applies them
to the log day by day. Day 1 of the programme is the day the runner began, so a phase's week is
seven days counted from that weekday. After the last phase, its week carries on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

DAYS_IN_WEEK = 7


class PhaseLesson(NamedTuple):
    """``lesson`` is asked on each of ``days`` (1 to 7) of every week of its phase."""

    lesson: str
    days: tuple[int, ...]
    reason: str


class Intervals(NamedTuple):
    """Walk/run intervals: run ``run`` minutes, walk ``walk`` minutes, ``repeats`` times."""

    run: int
    walk: int
    repeats: int = 0


class Phase(NamedTuple):
    """A stretch of ``weeks`` weeks that repeat one week's pattern."""

    name: str
    weeks: int
    lessons: tuple[PhaseLesson, ...] = ()
    run_days: tuple[int, ...] = ()
    rest_days: tuple[int, ...] = ()
    intervals: Intervals | None = None

    def lessons_on(self, weekday: int) -> list[PhaseLesson]:
        return [item for item in self.lessons if weekday in item.days]


class FollowRule(NamedTuple):
    """``lesson`` is due ``days`` after each completed ``after``, until it is completed."""

    after: str
    lesson: str
    days: int
    reason: str


class PreRun(NamedTuple):
    """The routine asked before every run."""

    lesson: str
    reason: str


class RunGuideRules(NamedTuple):
    """The run guide's thresholds and steps (see ``run_guide.py`` and docs/schedule.md)."""

    safe_pain: int = 3
    acceptable_pain: int = 5
    first_minutes: int = 10
    step_minutes: int = 2
    step_back_minutes: int = 5
    min_minutes: int = 6
    max_minutes: int = 40
    restart_after_days: int = 14
    rising_days: int = 7
    rising_by: int = 2


class ProgramDay(NamedTuple):
    """Where a date falls in the programme: week and day counted from 1, and its phase."""

    week: int
    weekday: int
    phase: Phase
    phase_number: int


class Program(NamedTuple):
    """The whole programme. An empty one (no phases) asks for nothing but the check-in."""

    title: str = ""
    phases: tuple[Phase, ...] = ()
    follow: tuple[FollowRule, ...] = ()
    pre_run: PreRun | None = None
    checkin_title: str = "Morning check-in"
    checkin_reason: str = "how your feet feel on your first steps today"
    guide: RunGuideRules = RunGuideRules()
    path: Path | None = None

    @property
    def weeks(self) -> int:
        """The programme's length in weeks (the last phase carries on after it)."""
        return sum(phase.weeks for phase in self.phases)

    def lesson_ids(self) -> set[str]:
        """Every lesson the programme names (to check them against the library)."""
        ids = {rule.after for rule in self.follow} | {rule.lesson for rule in self.follow}
        ids |= {item.lesson for phase in self.phases for item in phase.lessons}
        if self.pre_run is not None:
            ids.add(self.pre_run.lesson)
        return ids

    def day(self, start: date, day: date) -> ProgramDay | None:
        """Where ``day`` falls in a programme begun on ``start``; ``None`` before it began or
        when there are no phases."""
        offset = (day - start).days
        if offset < 0 or not self.phases:
            return None
        week, weekday = divmod(offset, DAYS_IN_WEEK)
        first_week = 0
        for number, phase in enumerate(self.phases, 1):
            if week < first_week + phase.weeks:
                return ProgramDay(week + 1, weekday + 1, phase, number)
            first_week += phase.weeks
        return ProgramDay(week + 1, weekday + 1, self.phases[-1], len(self.phases))
