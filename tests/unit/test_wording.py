"""The shared wording: dates and the one date parser, lengths of time, counts and a check-in.

The command line and the app both take these words from ``core.wording``; the last tests
check that both show the same thing where they show the same fact.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from freefeet_tui.core.lesson import Step
from freefeet_tui.core.progress import CheckIn
from freefeet_tui.core.wording import (
    DATE_WORDS,
    NO_FIGURES,
    DayError,
    checkin_figures,
    clock_text,
    countdown_text,
    day_word,
    first_sentence,
    length_text,
    long_day,
    near_day,
    one_line,
    pain_text,
    parse_day,
    percent,
    plural,
    practised_text,
    short_day,
    step_time,
    tempo_length_text,
)

TODAY = date(2026, 11, 24)  # a Tuesday


# ---- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-02-03", date(2026, 2, 3)),
        (" 2026-02-03 ", date(2026, 2, 3)),
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 23)),
        (" TOMORROW ", date(2026, 11, 25)),
        ("2027-01-01", date(2027, 1, 1)),
    ],
)
def test_parse_day_reads_iso_dates_and_the_three_words(text: str, day: date) -> None:
    assert parse_day(text, TODAY) == day


@pytest.mark.parametrize(
    "text", ["", "  ", "soon", "2026-2-3", "20261124", "03/02/2026", "2026-02-30", "2026-11-24x"]
)
def test_parse_day_refuses_anything_else_and_shows_the_way(text: str) -> None:
    with pytest.raises(DayError) as refused:
        parse_day(text, TODAY)
    assert str(refused.value) == "not a date; use YYYY-MM-DD"  # short: it fits beside a field
    assert refused.value.example == TODAY  # a date written the right way, where there is room


def test_the_caller_says_whether_the_future_is_allowed() -> None:
    assert parse_day("tomorrow", TODAY, future=True) == date(2026, 11, 25)
    assert parse_day("today", TODAY, future=False) == TODAY
    for ahead in ("tomorrow", "2026-12-01"):
        with pytest.raises(DayError, match=r"^in the future \(2026-1\d-\d\d\); you can only log"):
            parse_day(ahead, TODAY, future=False)


def test_day_words_name_exactly_the_days_the_parser_reads() -> None:
    for word in DATE_WORDS:
        assert day_word(parse_day(word, TODAY), TODAY) == word
    assert day_word(date(2026, 11, 21), TODAY) is None


def test_dates_in_words() -> None:
    assert long_day(TODAY) == "Tuesday 24 November 2026"
    assert long_day(date(2026, 12, 1), year=False) == "Tuesday 1 December"
    assert short_day(date(2026, 11, 3)) == "Tue 3 Nov"
    assert short_day(date(2026, 11, 3), weekday=False) == "3 Nov"
    assert short_day(date(2026, 11, 3), year=True, aligned=True) == "Tue  3 Nov 2026"
    assert short_day(TODAY, year=True, aligned=True) == "Tue 24 Nov 2026"
    assert near_day(TODAY, TODAY) == "today"
    assert near_day(date(2026, 11, 23), TODAY, capital=True) == "Yesterday"
    assert near_day(date(2026, 11, 3), TODAY, capital=True) == "Tue 3 Nov"  # not "Tue 3 nov"


# ---- lengths of time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (0.2, "0:01"),
        (9, "0:09"),
        (59, "0:59"),
        (59.01, "1:00"),
        (60, "1:00"),
        (60.0000001, "1:00"),  # float sums land a hair over
        (61, "1:01"),
        (1259, "20:59"),
        (3600, "60:00"),
        (-3, "0:00"),
    ],
)
def test_a_countdown_rounds_up_so_zero_means_done(seconds: float, shown: str) -> None:
    assert countdown_text(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (59.999, "0:59"), (1139.9999999, "19:00"), (3725, "62:05"), (-1, "0:00")],
)
def test_a_running_clock_counts_whole_seconds_passed(seconds: float, shown: str) -> None:
    assert clock_text(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0 s"),
        (0.26, "0.3 s"),  # a rest at a fast tempo
        (2.5, "2.5 s"),  # a rep time as the lesson wrote it
        (9.96, "10 s"),
        (45, "45 s"),
        (59.4, "59 s"),
        (59.5, "1 min"),
        (90, "1 min 30 s"),
        (355, "5 min 55 s"),
        (1080, "18 min"),
        (1139.9999999, "19 min"),
        (3600, "1 h"),
        (3929, "1 h 5 min"),
        (4500, "1 h 15 min"),
        (-3, "0 s"),
    ],
)
def test_length_text(seconds: float, shown: str) -> None:
    assert length_text(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 min"), (2.5, "0 min"), (750, "13 min"), (3780, "1 h 3 min"), (8640, "2 h 24 min")],
)
def test_report_totals_are_to_the_minute(seconds: float, shown: str) -> None:
    assert length_text(seconds, to_minute=True) == shown


def test_time_practised_and_the_length_at_a_tempo() -> None:
    assert practised_text(0.4) == "under a second"
    assert practised_text(250) == "4 min 10 s"
    assert tempo_length_text(1080, 1) == "18 min"
    assert tempo_length_text(1080, 1.5) == "18 min (12 min at tempo 1.5x)"


@pytest.mark.parametrize(
    ("step", "shown"),
    [
        (Step("a", "Stand", "Stand.", duration=45), "45 s"),
        (Step("b", "Bridge", "Lift.", reps=8, rep_time=4), "8 reps of 4 s"),
        (Step("c", "Lift", "Lift.", reps=1, rep_time=2.5), "1 rep of 2.5 s"),
        (Step("d", "Roll", "Roll.", duration=60, per_side=True), "1 min, each side"),
        (Step("e", "Heel", "Lift.", reps=6, rep_time=5, per_side=True), "6 reps of 5 s, each side"),
    ],
)
def test_step_time(step: Step, shown: str) -> None:
    assert step_time(step) == shown


# ---- counts, ratios, sentences ----------------------------------------------------------------


def test_plural_percent_and_one_line() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert plural(2, "check-in") == "2 check-ins"
    assert plural(3, "foot", "feet") == "3 feet"
    assert [percent(r) for r in (None, 0.0, 0.755, 1.0)] == ["-", "0%", "76%", "100%"]
    assert one_line("stiff\n\n  better later \n") == "stiff / better later"


@pytest.mark.parametrize(
    ("when", "first"),
    [
        ("Before a run. Not after.", "Before a run."),
        ("Before a run!  Any day.", "Before a run!"),
        ("Before a run?\nAny day.", "Before a run?"),
        ("  Any day, whenever  ", "Any day, whenever"),
        ("Version 1.5 works.", "Version 1.5 works."),
    ],
)
def test_first_sentence(when: str, first: str) -> None:
    assert first_sentence(when) == first


# ---- a check-in's figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("checkin", "figures"),
    [
        (CheckIn(TODAY, 3, 3), ["morning pain 3"]),
        (CheckIn(TODAY, 4, 2), ["morning pain left 4, right 2"]),
        (CheckIn(TODAY, None, 2), ["morning pain right 2"]),
        (CheckIn(TODAY, 1, 1, 30, 4), ["morning pain 1", "ran 30 min (pain 4)"]),
        (CheckIn(TODAY, run_minutes=0), ["no run"]),
        (CheckIn(TODAY, run_pain=2), ["run pain 2"]),
        (CheckIn(TODAY, planned_run=True), ["run planned"]),
        (CheckIn(TODAY, run_minutes=20, planned_run=True), ["ran 20 min"]),
        (CheckIn(TODAY, note="only words"), []),
    ],
)
def test_checkin_figures(checkin: CheckIn, figures: list[str]) -> None:
    assert checkin_figures(checkin) == figures


def test_the_app_joins_the_figures_and_says_when_there_are_none() -> None:
    assert pain_text(CheckIn(TODAY, 4, 2, 30)) == "morning pain left 4, right 2 · ran 30 min"
    assert pain_text(CheckIn(TODAY, note="only words")) == NO_FIGURES


# ---- the command line and the app agree -------------------------------------------------------


def test_the_lessons_list_shows_the_same_when_on_the_command_line_and_in_the_app(
    tmp_path: Path,
) -> None:
    from freefeet_tui.cli.lessons import lesson_table
    from freefeet_tui.core.lesson import Lesson, Origin
    from freefeet_tui.tui.screens.lessons import lesson_prompt

    when = "After a run!  Or on an easy day.\nNever when it hurts."
    lesson = Lesson(
        id="x",
        title="X",
        summary="S.",
        when=when,
        steps=(Step("a", "Stand", "Stand.", duration=62),),
        origin=Origin.USER,
        path=tmp_path / "x.toml",
    )
    cli_when = lesson_table([lesson])[1].split("user  ", 1)[1]
    app_second_line = lesson_prompt(lesson, frozenset()).plain.splitlines()[1]
    assert cli_when == "After a run!"
    assert app_second_line == "1 min 2 s · After a run!"
