"""Words and figures that several screens and commands show the same way.

One home, so the command line and the app never describe the same thing differently: dates
(and the one parser for a typed date), lengths of time (and how lesson files write them),
counts, percentages, a check-in's figures and the first sentence of a lesson's "when".
Every phrase is plain ASCII, so the command line can print it anywhere; a front end chooses
only how to join the parts (the app with `` · ``, as in :func:`pain_text`; the command line
with ``; ``).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date
    from typing import Protocol

    from freefeet_tui.core.lesson import Step

    class CheckIn(Protocol):
        """What the wording reads of a check-in (``core.progress.CheckIn``); a protocol, so
        the progress package may use this module's words without an import cycle."""

        @property
        def pain_left(self) -> int | None: ...
        @property
        def pain_right(self) -> int | None: ...
        @property
        def run_minutes(self) -> int | None: ...
        @property
        def run_pain(self) -> int | None: ...
        @property
        def planned_run(self) -> bool: ...


# ---- dates ------------------------------------------------------------------------------------

DATE_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
"""The words a typed date may be instead of ``YYYY-MM-DD``, as days from today."""

DATE_FORMAT = "YYYY-MM-DD"


class DayError(ValueError):
    """A typed date that cannot be used. The message says what is wrong, short enough for a
    form field (``not a date; use YYYY-MM-DD``); ``example`` is a date written the right way,
    for a message with room for it."""

    def __init__(self, problem: str, example: date | None = None) -> None:
        super().__init__(problem)
        self.example = example


def parse_day(text: str, today: date, *, future: bool = True) -> date:
    """A typed date: ``YYYY-MM-DD`` or today, yesterday, tomorrow (any case, spaces around
    ignored). Raises :class:`DayError` when it is not a date, or lies after ``today`` and the
    caller does not allow the future (a check-in or skip cannot be logged ahead)."""
    from datetime import date, timedelta  # lessons list shows lengths only: no datetime there

    word = text.strip().lower()
    not_a_date = DayError(f"not a date; use {DATE_FORMAT}", example=today)
    if word in DATE_WORDS:
        day = today + timedelta(days=DATE_WORDS[word])
    elif len(word) != len(DATE_FORMAT):  # date.fromisoformat takes 20261124 too: one way only
        raise not_a_date
    else:
        try:
            day = date.fromisoformat(word)
        except ValueError:
            raise not_a_date from None
    if day > today and not future:
        raise DayError(f"in the future ({day}); you can only log today or earlier days")
    return day


def day_word(day: date, today: date) -> str | None:
    """``today``, ``yesterday`` or ``tomorrow``; ``None`` for any other day."""
    offset = (day - today).days
    return next((word for word, days in DATE_WORDS.items() if days == offset), None)


def long_day(day: date, *, year: bool = True) -> str:
    """``Tuesday 24 November 2026`` (or without the year)."""
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if year else text


def short_day(day: date, *, weekday: bool = True, year: bool = False, aligned: bool = False) -> str:
    """``Tue 3 Nov``, or ``3 Nov``, or ``Tue 3 Nov 2026``; ``aligned`` pads the day of the
    month to two places so a column of dates lines up."""
    text = f"{day.day:{2 if aligned else ''}} {day:%b}"
    text = f"{day:%a} {text}" if weekday else text
    return f"{text} {day.year}" if year else text


def near_day(day: date, today: date, *, capital: bool = False) -> str:
    """``today``, ``yesterday``, ``tomorrow``, else ``Tue 3 Nov``; ``capital`` to open a line."""
    word = day_word(day, today)
    if word is None:
        return short_day(day)
    return word.capitalize() if capital else word


# ---- lengths of time ----------------------------------------------------------------------------

# ``re`` compiles the pattern on first use. At most 5 digits of minutes and 6 of seconds: any
# duration it matches is a finite, exact number of seconds (no overflow, no infinity).
_DURATION = r"^(?:(?P<m>[0-9]{1,5})m)?(?:(?P<s>[0-9]{1,6}(?:\.[0-9]{1,3})?)s)?$"
MAX_DURATION_TEXT = 32  # characters: longer text is not a duration, and is not looked at


def parse_duration(text: str) -> float | None:
    """Seconds in a lesson file's duration (``45s``, ``2m``, ``1m30s``), or None when it is
    not one."""
    if len(text) > MAX_DURATION_TEXT:
        return None
    cleaned = text.strip().replace(" ", "")
    match = re.match(_DURATION, cleaned)
    if not cleaned or match is None or not (match["m"] or match["s"]):
        return None
    seconds = float(match["s"] or 0)
    if match["m"] and seconds >= 60:
        return None  # "1m90s" is more likely a typo than a way to write 2m30s
    return int(match["m"] or 0) * 60 + seconds


_EPSILON = 1e-6  # sums of float durations land a hair short of whole seconds


def countdown_text(seconds: float) -> str:
    """Time left as ``m:ss``, rounding partial seconds up so ``0:00`` means done."""
    whole = max(0, math.ceil(seconds - _EPSILON))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def clock_text(seconds: float) -> str:
    """Time passed as ``m:ss``, in whole seconds gone by, so the first moment reads ``0:00``."""
    whole = max(0, math.floor(seconds + _EPSILON))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def length_text(seconds: float, *, to_minute: bool = False) -> str:
    """A length in words: ``45 s``, ``6 min 30 s``, ``18 min``, ``1 h 5 min`` (to the minute
    from an hour up, or throughout with ``to_minute``, as totals in a report are). Under ten
    seconds a tenth stays (``2.5 s``, ``0.3 s`` at a fast tempo)."""
    seconds = max(0.0, seconds)
    tenths = round(seconds * 10)
    if tenths < 100 and tenths % 10 and not to_minute:
        return f"{tenths / 10:.1f} s"
    whole = math.floor(seconds + 0.5)
    if whole >= 3600 or to_minute:
        hours, minutes = divmod(math.floor(whole / 60 + 0.5), 60)
        if not hours:
            return f"{minutes} min"
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"


def practised_text(seconds: float) -> str:
    """How long a lesson was practised: its length, or ``under a second``."""
    return length_text(seconds) if seconds >= 1 else "under a second"


def tempo_length_text(seconds: float, tempo: float) -> str:
    """A lesson's length, with the time it takes at ``tempo`` when that is not 1:
    ``18 min (12 min at tempo 1.5x)``."""
    if tempo == 1:
        return length_text(seconds)
    return f"{length_text(seconds)} ({length_text(seconds / tempo)} at tempo {tempo:g}x)"


def step_time(step: Step) -> str:
    """How a step is timed: ``45 s``, ``8 reps of 4 s``, ``1 min, each side``."""
    if step.reps is not None and step.rep_time is not None:
        text = f"{plural(step.reps, 'rep')} of {length_text(step.rep_time)}"
    else:
        text = length_text(step.work_seconds)
    return f"{text}, each side" if step.per_side else text


# ---- counts, ratios, sentences -------------------------------------------------------------------


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``; ``many`` for a word that does not just take an s."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def percent(ratio: float | None) -> str:
    """``75%``, or ``-`` when there is nothing to measure."""
    return "-" if ratio is None else f"{round(ratio * 100)}%"


_SENTENCE_END = r"(?<=[.!?])\s+"  # ``re`` compiles it on first use, not at import


def first_sentence(text: str) -> str:
    """The first sentence of ``text``: lists show that much of a lesson's "when"."""
    return re.split(_SENTENCE_END, text.strip(), maxsplit=1)[0]


def one_line(text: str) -> str:
    """The user's words as written, on one line (a note may hold line breaks)."""
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


# ---- a check-in's figures ------------------------------------------------------------------------

NO_FIGURES = "no figures"


def checkin_figures(checkin: CheckIn) -> list[str]:
    """The figures of a check-in in words: ``morning pain 3`` (both feet) or ``morning pain
    left 4, right 2``, ``ran 30 min (pain 2)``, ``run planned``; empty when it has none (a
    note alone). Short, so a line of the app's log holds them at 80 columns."""
    parts: list[str] = []
    left, right = checkin.pain_left, checkin.pain_right
    if left is not None and left == right:
        parts.append(f"morning pain {left}")  # one figure: both feet
    elif left is not None or right is not None:
        feet = [
            f"{side} {pain}"
            for side, pain in (("left", left), ("right", right))
            if pain is not None
        ]
        parts.append("morning pain " + ", ".join(feet))
    minutes, run_pain = checkin.run_minutes, checkin.run_pain
    if minutes:
        parts.append(f"ran {minutes} min" + (f" (pain {run_pain})" if run_pain is not None else ""))
    else:
        if minutes == 0:
            parts.append("no run")
        if run_pain is not None:
            parts.append(f"run pain {run_pain}")
        if checkin.planned_run:
            parts.append("run planned")
    return parts


def pain_text(checkin: CheckIn) -> str:
    """A check-in's figures on one line for the app: ``morning pain 3 · ran 30 min``."""
    return " · ".join(checkin_figures(checkin)) or NO_FIGURES
