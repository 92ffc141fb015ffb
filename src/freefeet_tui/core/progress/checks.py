"""The rules of the progress log: one check per kind of value, one table of keys per record.

Each check returns what is wrong or ``None``; the texts complete a sentence that starts with
the key, e.g. ``pain_left`` + ``must be a whole number from 0 to 10``. Records built in code
and records read from a hand-edited file run the same checks: code gets a ``RecordError``
(a ``ValueError``), a file gets ``FILE:LINE: message``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypeAlias

Check: TypeAlias = Callable[[Any], str | None]

MAX_PAIN = 10
MAX_RUN_MINUTES = 24 * 60
MAX_SESSION_SECONDS = 24 * 60 * 60
MAX_STEPS = 1000
MIN_TEMPO, MAX_TEMPO = 0.25, 100.0
MAX_TITLE_LENGTH = 200
MAX_NOTE_LENGTH = 2000
MAX_REASON_LENGTH = 200
MAX_SLUG_LENGTH = 64  # a lesson or step id: the same limit as a record's id
SKIP_REASONS = ("flare-up", "travel", "ill")  # suggestions; any short text is allowed
EARLIEST_DAY = date(2000, 1, 1)  # no record is dated before it: a typo, not a memory
FAR_BEFORE = timedelta(days=365)  # a new record this far before the log's first asks first

# Patterns as text: ``re`` compiles each on first use and keeps it, so importing costs nothing.
# ``\Z``, not ``$``: ``$`` also matches before a final line break.
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z"
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*\Z"


def is_whole(value: Any) -> bool:
    """An int that is not a bool (TOML ``true`` is not a number)."""
    return isinstance(value, int) and not isinstance(value, bool)


def check_id(value: Any) -> str | None:
    if not isinstance(value, str) or not re.match(ID_PATTERN, value):
        return "must be 1 to 64 letters, digits, dots, dashes or underscores in quotes"
    return None


def is_slug(value: Any) -> bool:
    """Lowercase letters, digits and single dashes, at most :data:`MAX_SLUG_LENGTH` long."""
    return (
        isinstance(value, str)
        and len(value) <= MAX_SLUG_LENGTH
        and bool(re.match(SLUG_PATTERN, value))
    )


def check_lesson_id(value: Any) -> str | None:
    if not is_slug(value):
        return "must be a lesson id in quotes: lowercase letters, digits and dashes"
    return None


def check_step_id(value: Any) -> str | None:
    if not is_slug(value):
        return "must be a step id in quotes: lowercase letters, digits and dashes"
    return None


def check_text(limit: int, one_line: bool = False) -> Check:
    """Non-empty text of at most ``limit`` characters, optionally on one line."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be text in quotes"
        if not value.strip():
            return "is empty"
        if len(value) > limit:
            return f"has {len(value)} characters; the limit is {limit}"
        if one_line and ("\n" in value or "\r" in value):
            return "must fit on one line"
        return None

    return check


def check_instant(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return "must be a date and time such as 2026-11-24T07:30:00+01:00"
    if value.utcoffset() is None:
        return "needs a UTC offset, such as 2026-11-24T07:30:00+01:00"
    return None


def check_date(value: Any) -> str | None:
    if isinstance(value, datetime) or not isinstance(value, date):
        return "must be a date such as 2026-11-24"
    if value < EARLIEST_DAY:
        return f"{value.isoformat()} is before {EARLIEST_DAY.isoformat()}; check the year"
    return None


def day_problem(day: date, today: date) -> str | None:
    """The date rule for a new record, wherever it is typed or imported (the CLI's ``--date``,
    ``import``, the app's forms): from 2000-01-01 to ``today``. ``None`` when ``day`` fits."""
    if day < EARLIEST_DAY:
        return f"{day.isoformat()} is before {EARLIEST_DAY.isoformat()}; check the year"
    if day > today:
        return f"{day.isoformat()} is in the future; only today or earlier days can be logged"
    return None


def far_before(day: date, first_day: date | None) -> bool:
    """True when ``day`` lies more than a year before the log's first record: likely a typo,
    so the CLI asks for ``--force`` and the app for a confirmation."""
    return first_day is not None and day < first_day - FAR_BEFORE


def run_pain_problem(run_minutes: int | None, run_pain: int | None) -> str | None:
    """Pain during a run needs a run: minutes run above zero (checked on the whole day's
    check-in, after what was logged before is merged in)."""
    if run_pain is not None and not run_minutes:
        return "a pain during the run needs the minutes run (more than 0)"
    return None


def check_range(low: int, high: int) -> Check:
    """A whole number from ``low`` to ``high`` inclusive."""

    def check(value: Any) -> str | None:
        if not is_whole(value) or not low <= value <= high:
            return f"must be a whole number from {low} to {high}"
        return None

    return check


def check_tempo(value: Any) -> str | None:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not is_number or not MIN_TEMPO <= value <= MAX_TEMPO:
        return f"must be a number from {MIN_TEMPO} to {MAX_TEMPO:g}"
    return None


def check_status(value: Any) -> str | None:
    if value not in ("completed", "partial", "open"):
        return 'must be "completed", "partial" or "open"'
    return None


def check_flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


check_pain = check_range(0, MAX_PAIN)
check_run_minutes = check_range(0, MAX_RUN_MINUTES)
check_seconds = check_range(0, MAX_SESSION_SECONDS)
check_steps_total = check_range(1, MAX_STEPS)
check_title = check_text(MAX_TITLE_LENGTH, one_line=True)
check_note = check_text(MAX_NOTE_LENGTH)
check_reason = check_text(MAX_REASON_LENGTH, one_line=True)


Problem = tuple[str, str]  # (the key in the file, what is wrong with it)
Keys = dict[str, tuple["Check", bool]]  # key -> (its check, required); in the order written


SESSION_KEYS: Keys = {
    "id": (check_id, True),
    "lesson": (check_lesson_id, True),
    "title": (check_title, True),
    "start": (check_instant, True),
    "end": (check_instant, True),
    "date": (check_date, True),
    "seconds": (check_seconds, True),
    "steps_done": (check_range(0, MAX_STEPS), True),
    "steps_total": (check_steps_total, True),
    "status": (check_status, True),
    "stop_index": (check_range(0, MAX_STEPS - 1), False),
    "stop_step": (check_step_id, False),
    "tempo": (check_tempo, False),
}
CHECKIN_KEYS: Keys = {
    "id": (check_id, False),
    "date": (check_date, True),
    "pain_left": (check_pain, False),
    "pain_right": (check_pain, False),
    "run_minutes": (check_run_minutes, False),
    "run_pain": (check_pain, False),
    "planned_run": (check_flag, False),
    "note": (check_note, False),
}
SKIP_KEYS: Keys = {
    "id": (check_id, False),
    "date": (check_date, True),
    "reason": (check_reason, True),
}


def field_problems(values: dict[str, Any], keys: Keys) -> list[Problem]:
    """Missing required keys and values that fail their check, in key order."""
    found: list[Problem] = []
    for key, (check, required) in keys.items():
        value = values.get(key)
        if value is None:
            if required:
                found.append((key, f'missing required key "{key}"'))
            continue
        problem = check(value)
        if problem is not None:
            found.append((key, f"{key} {problem}"))
    return found


def session_problems(values: dict[str, Any]) -> list[Problem]:
    """What is wrong with a session given by its file keys; empty when it is sound."""
    found = field_problems(values, SESSION_KEYS)
    if found:
        return found
    start, end = values["start"], values["end"]
    done, total = values["steps_done"], values["steps_total"]
    if end < start:
        found.append(("end", f"end {end.isoformat()} is before the start {start.isoformat()}"))
    if done > total:
        found.append(("steps_done", f"steps_done {done} is more than steps_total {total}"))
    stop = values.get("stop_index")
    if stop is not None and stop >= total:
        found.append(("stop_index", f"stop_index {stop} must be less than steps_total {total}"))
    return found


def checkin_problems(values: dict[str, Any]) -> list[Problem]:
    found = field_problems(values, CHECKIN_KEYS)
    reports = ("pain_left", "pain_right", "run_minutes", "run_pain", "note")
    if not found and all(values.get(k) is None for k in reports) and not values.get("planned_run"):
        found.append(("date", "a check-in must report a pain, a run, a planned run or a note"))
    return found


def skip_problems(values: dict[str, Any]) -> list[Problem]:
    return field_problems(values, SKIP_KEYS)


class RecordError(ValueError):
    """A record with a bad field: ``key`` is the file key, ``problem`` the sentence about it."""

    def __init__(self, kind: str, key: str, problem: str) -> None:
        super().__init__(f"{kind}: {problem}")
        self.key = key
        self.problem = problem


def raise_first(kind: str, problems: list[Problem]) -> None:
    """Raise :class:`RecordError` for the first problem, if any."""
    if problems:
        raise RecordError(kind, *problems[0])
