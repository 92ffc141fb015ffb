"""The schedule: what is due on a local date, overdue counts, restarts, run days and agenda.

Dates come from the local date recorded with each session, so the edge cases (daylight
saving, travel, midnight, New Year) get their own parametrised and property tests.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.library import load_library
from freefeet_tui.core.progress import CheckIn, History, ProgressStore, Session, new_session
from freefeet_tui.core.schedule import (
    DueItem,
    ItemKind,
    Program,
    ProgramError,
    agenda,
    default_program,
    due_on,
    parse_program,
)

FYF, MYC, PRE = "free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension"
TITLES = {FYF: "Free Your Feet", MYC: "Mobilizing Your Core to Run", PRE: "Pre-run Hip Extension"}
CET = timezone(timedelta(hours=1))
D = date(2026, 11, 10)
PROGRAM = default_program()


def played(
    lesson: str,
    start: datetime | date,
    *,
    completed: bool = True,
    minutes: int = 20,
    tz: tzinfo = CET,
) -> Session:
    """A finished session of ``lesson`` started at ``start`` (a date means 08:00 there)."""
    if not isinstance(start, datetime):
        start = datetime(start.year, start.month, start.day, 8, tzinfo=tz)
    session = new_session(lesson, TITLES[lesson], 10, now=start)
    return session.finish(
        completed=completed,
        seconds=minutes * 60,
        steps_done=10 if completed else 4,
        stop_index=9 if completed else 4,
        stop_step="scan",
        now=start + timedelta(minutes=minutes),
    )


def due(day: date, *sessions: Session, checkins: tuple[CheckIn, ...] = ()) -> list[DueItem]:
    return due_on(day, History.of(sessions, checkins), PROGRAM)


def ids(items: list[DueItem]) -> list[str]:
    return [item.lesson_id for item in items]


def test_the_shipped_program_names_shipped_lessons_and_is_not_a_lesson() -> None:
    program_file = PROGRAM.path
    assert program_file is not None and program_file.name == "program.toml"
    library = load_library(program_file.parent, None)
    assert library.problems == ()
    assert PROGRAM.lesson_ids() <= set(library.lessons)
    assert "program" not in library.lessons and len(library) == 3
    assert PROGRAM.start_lesson == FYF and PROGRAM.days_per_week == 7


def test_with_nothing_done_free_your_feet_is_due() -> None:
    (item,) = due(D)
    assert (item.lesson_id, item.kind, item.done, item.overdue_days) == (
        FYF,
        ItemKind.START,
        False,
        0,
    )
    assert item.reason == "where the programme begins"


def test_free_your_feet_done_today_is_marked_done_and_mobilizing_is_due_tomorrow() -> None:
    fyf = played(FYF, D)
    assert [(i.lesson_id, i.done) for i in due(D, fyf)] == [(FYF, True)]
    (item,) = due(D + timedelta(days=1), fyf)
    assert (item.lesson_id, item.reason, item.overdue_days, item.done) == (
        MYC,
        "the day after Free Your Feet",
        0,
        False,
    )
    assert item.due_since == D + timedelta(days=1) and item.overdue_text == ""


@pytest.mark.parametrize(("late", "text"), [(1, "overdue by 1 day"), (2, "overdue by 2 days")])
def test_a_missed_day_stays_due_and_counts_overdue_days(late: int, text: str) -> None:
    (item,) = due(D + timedelta(days=1 + late), played(FYF, D))
    assert (item.lesson_id, item.overdue_days, item.overdue_text) == (MYC, late, text)
    assert item.overdue


def test_mobilizing_done_on_its_day_is_done_and_then_nothing_is_due() -> None:
    fyf, myc = played(FYF, D), played(MYC, D + timedelta(days=1))
    assert [(i.lesson_id, i.done) for i in due(D + timedelta(days=1), fyf, myc)] == [(MYC, True)]
    late = played(MYC, D + timedelta(days=4))
    (item,) = due(D + timedelta(days=4), fyf, late)
    assert (item.done, item.overdue_days) == (True, 3)
    assert due(D + timedelta(days=2), fyf, myc) == []
    assert due(D + timedelta(days=9), fyf, late) == []


def test_only_completed_sessions_move_the_programme_on() -> None:
    partial = played(FYF, D, completed=False)
    assert [(i.lesson_id, i.done) for i in due(D, partial)] == [(FYF, False)]
    assert ids(due(D + timedelta(days=1), partial)) == [FYF]
    fyf = played(FYF, D)
    myc_partial = played(MYC, D + timedelta(days=1), completed=False)
    (item,) = due(D + timedelta(days=2), fyf, myc_partial)
    assert (item.lesson_id, item.overdue_days) == (MYC, 1)


def test_free_your_feet_again_restarts_the_pair() -> None:
    first, myc = played(FYF, D), played(MYC, D + timedelta(days=1))
    again = played(FYF, D + timedelta(days=5))
    assert due(D + timedelta(days=5), first, myc, again) == []
    (item,) = due(D + timedelta(days=6), first, myc, again)
    assert (item.lesson_id, item.overdue_days) == (MYC, 0)


def test_restarting_while_overdue_resets_the_count() -> None:
    first, again = played(FYF, D), played(FYF, D + timedelta(days=4))
    assert ids(due(D + timedelta(days=3), first)) == [MYC]
    assert due(D + timedelta(days=4), first, again) == []  # restarted today: due tomorrow
    (item,) = due(D + timedelta(days=6), first, again)
    assert (item.overdue_days, item.due_since) == (1, D + timedelta(days=5))


def test_a_past_day_shows_what_was_due_then() -> None:
    fyf, myc = played(FYF, D), played(MYC, D + timedelta(days=3))
    (item,) = due(D + timedelta(days=2), fyf, myc)
    assert (item.lesson_id, item.overdue_days, item.done) == (MYC, 1, False)


def test_run_days_suggest_the_pre_run_routine() -> None:
    ran = CheckIn(D, run_minutes=30)
    planned = CheckIn(D + timedelta(days=1), planned_run=True)
    rest = CheckIn(D + timedelta(days=2), run_minutes=0, pain_left=3)
    fyf = played(FYF, D - timedelta(days=9))
    myc = played(MYC, D - timedelta(days=8))
    checkins = (ran, planned, rest)
    (item,) = due(D, fyf, myc, checkins=checkins)
    assert (item.lesson_id, item.kind, item.reason, item.done) == (
        PRE,
        ItemKind.RUN_DAY,
        "before today's run",
        False,
    )
    assert ids(due(D + timedelta(days=1), fyf, myc, checkins=checkins)) == [PRE]
    assert due(D + timedelta(days=2), fyf, myc, checkins=checkins) == []
    pre = played(PRE, D, minutes=6)
    assert [(i.lesson_id, i.done) for i in due(D, fyf, myc, pre, checkins=checkins)] == [
        (PRE, True)
    ]


def test_fixed_run_weekdays_and_order_of_items() -> None:
    assert PROGRAM.run_day is not None
    program = Program(
        PROGRAM.start_lesson,
        PROGRAM.start_reason,
        PROGRAM.follow,
        type(PROGRAM.run_day)(PRE, "before today's run", frozenset({D.weekday()})),
    )
    fyf = played(FYF, D - timedelta(days=3))
    items = due_on(D, History.of([fyf]), program)
    assert [(i.lesson_id, i.overdue_days) for i in items] == [(MYC, 2), (PRE, 0)]
    assert ids(due_on(D + timedelta(days=1), History.of([fyf]), program)) == [MYC]


def test_agenda_plans_fourteen_days_assuming_each_item_is_done_when_due() -> None:
    days = agenda(D, History(), PROGRAM)
    assert [a.day for a in days] == [D + timedelta(days=n) for n in range(14)]
    assert ids(list(days[0].items)) == [FYF] and not days[0].planned
    assert ids(list(days[1].items)) == [MYC] and days[1].planned
    assert all(not a.items for a in days[2:])


def test_agenda_shows_history_before_today_and_overdue_today() -> None:
    fyf = played(FYF, D)
    days = agenda(D, History.of([fyf]), PROGRAM, days=5, today=D + timedelta(days=3))
    shown = [[(i.lesson_id, i.overdue_days, i.done) for i in a.items] for a in days]
    assert shown == [[(FYF, 0, True)], [(MYC, 0, False)], [(MYC, 1, False)], [(MYC, 2, False)], []]


def test_agenda_marks_planned_run_days() -> None:
    planned = CheckIn(D + timedelta(days=3), planned_run=True)
    fyf, myc = played(FYF, D - timedelta(days=5)), played(MYC, D - timedelta(days=4))
    days = agenda(D, History.of([fyf, myc], [planned]), PROGRAM, days=7)
    assert [a.run_day for a in days] == [False, False, False, True, False, False, False]
    assert ids(list(days[3].items)) == [PRE]


# Edge cases of calendars and clocks.

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN),  # the night clocks go forward
        datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN),  # just after the jump
        datetime(2026, 10, 24, 23, 45, tzinfo=BERLIN),  # the night clocks go back
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),  # the repeated hour
        datetime(2026, 3, 8, 1, 30, tzinfo=NEW_YORK),
        datetime(2026, 11, 1, 1, 30, fold=0, tzinfo=NEW_YORK),
    ],
)
def test_daylight_saving_changes_do_not_move_the_due_date(start: datetime) -> None:
    fyf = played(FYF, start, minutes=40)
    assert fyf.day == start.date()
    assert ids(due(start.date(), fyf)) == [FYF]
    (item,) = due(start.date() + timedelta(days=1), fyf)
    assert (item.lesson_id, item.overdue_days) == (MYC, 0)
    (later,) = due(start.date() + timedelta(days=8), fyf)
    assert later.overdue_days == 7


def test_a_session_crossing_midnight_counts_on_the_day_it_started() -> None:
    fyf = played(FYF, datetime(2026, 11, 10, 23, 50, tzinfo=CET), minutes=45)
    assert fyf.end.date() == date(2026, 11, 11) and fyf.day == date(2026, 11, 10)
    (item,) = due(date(2026, 11, 11), fyf)
    assert (item.lesson_id, item.overdue_days) == (MYC, 0)
    myc = played(MYC, datetime(2026, 11, 11, 23, 55, tzinfo=CET), minutes=30)
    assert [(i.lesson_id, i.done) for i in due(date(2026, 11, 11), fyf, myc)] == [(MYC, True)]
    assert due(date(2026, 11, 12), fyf, myc) == []


def test_travel_the_local_date_recorded_counts_not_the_instant() -> None:
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    fyf = played(FYF, datetime(2026, 3, 10, 7, 0, tzinfo=tokyo))  # 2026-03-09 22:00 UTC
    assert fyf.day == date(2026, 3, 10)
    assert ids(due(date(2026, 3, 10), fyf)) == [FYF]
    (item,) = due(date(2026, 3, 11), fyf)
    assert (item.lesson_id, item.overdue_days) == (MYC, 0)
    myc = played(MYC, datetime(2026, 3, 11, 20, 0, tzinfo=new_york))  # 2026-03-12 UTC
    assert [(i.lesson_id, i.done) for i in due(date(2026, 3, 11), fyf, myc)] == [(MYC, True)]


offset_zones = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    tz=offset_zones | st.sampled_from([BERLIN, NEW_YORK, ZoneInfo("Australia/Sydney")]),
    late=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=1, max_value=180),
)
def test_property_mobilizing_is_due_the_local_day_after_wherever_and_whenever(
    day: date, minute: int, tz: tzinfo, late: int, length: int
) -> None:
    start = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=minute)
    fyf = played(FYF, start, minutes=length)
    assert fyf.day == start.date()
    assert MYC not in ids(due(fyf.day, fyf))
    (item,) = due(fyf.day + timedelta(days=1 + late), fyf)
    assert (item.lesson_id, item.overdue_days) == (MYC, late)
    assert item.due_since == fyf.day + timedelta(days=1)


@settings(max_examples=60, deadline=None)
@given(
    last_day=st.integers(min_value=28, max_value=31),
    hour=st.integers(min_value=0, max_value=23),
    late=st.integers(min_value=0, max_value=10),
)
def test_property_the_year_boundary_changes_nothing(last_day: int, hour: int, late: int) -> None:
    start = datetime(2026, 12, last_day, hour, 30, tzinfo=CET)
    fyf = played(FYF, start, minutes=50)
    due_day = fyf.day + timedelta(days=1)
    (item,) = due(due_day + timedelta(days=late), fyf)
    assert (item.lesson_id, item.overdue_days, item.due_since) == (MYC, late, due_day)


def test_new_year_through_the_store(freefeet_home: Path) -> None:
    store = ProgressStore(freefeet_home / "data" / "progress")
    store.add_session(played(FYF, datetime(2026, 12, 31, 23, 40, tzinfo=CET), minutes=30))
    new_year = date(2027, 1, 1)
    history = ProgressStore(store.folder).recent(new_year)
    (item,) = due_on(new_year, history, PROGRAM)
    assert (item.lesson_id, item.overdue_days) == (MYC, 0)
    plan = agenda(date(2026, 12, 30), history, PROGRAM, days=5, today=new_year)
    assert [ids(list(a.items)) for a in plan] == [[FYF], [FYF], [MYC], [], []]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema = 2\n", "program.toml:1: schema must be 1"),
        (
            'schema = 1\n[start]\nlesson = "Free"\nreason = "x"\n',
            'program.toml:3: "lesson" must be a lesson id such as "free-your-feet"',
        ),
        (
            'schema = 1\n[[follow]]\nafter = "a"\nlesson = "a"\nreason = "r"\n',
            'program.toml:4: lesson "a" cannot follow itself',
        ),
        (
            'schema = 1\n[[follow]]\nafter = "a"\nlesson = "b"\ndays = 0\nreason = "r"\n',
            "program.toml:5: days must be a whole number from 1 to 60",
        ),
        (
            'schema = 1\n[run_day]\nlesson = "p"\nreason = "r"\nweekdays = ["funday"]\n',
            'program.toml:5: weekdays must be a list such as ["mon", "thu"]',
        ),
        (
            "schema = 1\ndays_per_week = 9\n",
            "program.toml:2: days_per_week must be a whole number from 1 to 7",
        ),
        (
            'schema = 1\nstart_lesson = "x"\n',
            'program.toml:2: unknown key "start_lesson"; expected one of schema, days_per_week, '
            "start, follow, run_day",
        ),
        (
            'schema = 1\n[[follow]]\nafter = "a"\nlesson = "b"\n',
            'program.toml:2: "reason" must be text in quotes',
        ),
    ],
)
def test_program_mistakes_are_reported_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ProgramError) as caught:
        parse_program(text, Path("program.toml"))
    assert str(caught.value) == message


def test_program_weekdays_accept_short_and_full_names() -> None:
    text = 'schema = 1\n[run_day]\nlesson = "p"\nreason = "r"\nweekdays = ["Mon", "thursday"]\n'
    program = parse_program(text, Path("program.toml"))
    assert program.run_day is not None and program.run_day.weekdays == frozenset({0, 3})


def test_the_programme_shown_in_the_docs_is_the_shipped_one() -> None:
    from tests.conftest import REPO

    doc = (REPO / "docs" / "schedule.md").read_text(encoding="utf-8")
    shown = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    assert parse_program(shown, Path("doc"))._replace(path=None) == PROGRAM._replace(path=None)
