"""The programme and the schedule: what each day asks, overdue counts, rest days, verdicts.

The shipped eight weeks are checked as shipped; the rules about following lessons, overdue
counts and local dates run on a small programme of their own (one lesson a week and the lesson
that follows it), so each test shows one rule. Dates come from the local date recorded with
each session, so the edge cases (daylight saving, travel, midnight, New Year) get their own
parametrised and property tests.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.library import load_library
from freefeet_tui.core.program import Program
from freefeet_tui.core.program_file import ProgramError, default_program, parse_program
from freefeet_tui.core.progress import CheckIn, History, ProgressStore, Session, new_session
from freefeet_tui.core.run_guide import Decision
from freefeet_tui.core.schedule import (
    CHECKIN_ID,
    RUN_ID,
    DueItem,
    ItemKind,
    State,
    Verdict,
    agenda,
    due_on,
    plan_day,
    walk,
)

FYF, MYC, PRE = "free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension"
TITLES = {FYF: "Free Your Feet", MYC: "Mobilizing Your Core to Run", PRE: "Pre-run Hip Extension"}
CET = timezone(timedelta(hours=1))
D = date(2026, 11, 10)
SHIPPED = default_program()

WEEKLY = parse_program(
    f"""\
schema = 2
title = "One lesson a week"
[pre_run]
lesson = "{PRE}"
reason = "before today's run"
[[follow]]
after = "{FYF}"
lesson = "{MYC}"
days = 1
reason = "the day after Free Your Feet"
[[phases]]
name = "Weekly"
weeks = 1
[[phases.lessons]]
lesson = "{FYF}"
days = [1]
reason = "once a week"
""",
    Path("program.toml"),
)


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


def lessons(
    day: date, *sessions: Session, checkins: tuple[CheckIn, ...] = (), program: Program = WEEKLY
) -> list[DueItem]:
    """The lessons asked on ``day`` (treated as today)."""
    items = due_on(day, History.of(sessions, checkins), program)
    return [item for item in items if item.kind == ItemKind.LESSON]


def item(lesson_id: str, items: list[DueItem]) -> DueItem:
    return next(i for i in items if i.id == lesson_id)


def ids(items: list[DueItem]) -> list[str]:
    return [i.id for i in items]


# The shipped programme.


def test_the_shipped_programme_is_eight_weeks_of_shipped_lessons() -> None:
    program_file = SHIPPED.path
    assert program_file is not None and program_file.name == "program.toml"
    library = load_library(program_file.parent, None)
    assert library.problems == () and "program" not in library.lessons and len(library) == 3
    assert SHIPPED.lesson_ids() <= set(library.lessons)
    assert SHIPPED.weeks == 8 and len(SHIPPED.phases) == 3
    assert SHIPPED.pre_run is not None and SHIPPED.pre_run.lesson == PRE
    assert [(r.after, r.lesson, r.days) for r in SHIPPED.follow] == [(FYF, MYC, 1)]
    for phase in SHIPPED.phases:
        assert phase.rest_days and phase.run_days
        assert not set(phase.rest_days) & set(phase.run_days)


def test_on_the_first_day_the_check_in_and_free_your_feet_are_asked() -> None:
    plan = plan_day(D, History(), SHIPPED)
    assert [(i.kind, i.id, i.state) for i in plan.items] == [
        (ItemKind.CHECKIN, CHECKIN_ID, State.DUE),
        (ItemKind.LESSON, FYF, State.DUE),
    ]
    assert plan.where is not None and (plan.where.week, plan.where.weekday) == (1, 1)
    assert not plan.rest_day and plan.run.minutes == 0 and plan.run.decision == Decision.OFF
    assert "next run is on Wednesday 11 November" in plan.run.reason


def test_the_second_day_asks_mobilizing_the_pre_run_routine_and_a_first_short_run() -> None:
    history = History.of([played(FYF, D)], [CheckIn(D, pain_left=2, pain_right=2)])
    plan = plan_day(D + timedelta(days=1), history, SHIPPED)
    assert ids(list(plan.items)) == [CHECKIN_ID, MYC, PRE, RUN_ID]
    assert plan.run.minutes == 10 and plan.run.decision == Decision.FIRST
    assert plan.run.intervals is not None and plan.run.intervals[:2] == (2, 1)
    assert item(RUN_ID, list(plan.items)).reason == plan.run.reason


def test_a_rest_day_asks_only_the_check_in_and_keeps_an_overdue_lesson_waiting() -> None:
    history = History.of([], [CheckIn(D, pain_left=2)])  # day 1 begun, Free Your Feet missed
    rest = plan_day(D + timedelta(days=2), history, SHIPPED)
    assert rest.rest_day and ids(list(rest.items)) == [CHECKIN_ID]
    after = plan_day(D + timedelta(days=3), history, SHIPPED)
    assert item(FYF, list(after.items)).state == State.DUE  # day 4 asks it afresh


def test_free_your_feet_comes_back_twice_a_week_then_weekly_for_eight_weeks() -> None:
    days = agenda(D, History(), SHIPPED, 8 * 7)
    feet = [d.where.week for d in days if FYF in ids(list(d.items)) if d.where is not None]
    assert feet == [1, 1, 2, 2, 3, 4, 5, 6, 7, 8]
    core = [d.day - timedelta(days=1) for d in days if MYC in ids(list(d.items))]
    assert core == [d.day for d in days if FYF in ids(list(d.items))]
    runs = [d for d in days if RUN_ID in ids(list(d.items))]
    assert all(PRE in ids(list(d.items)) for d in runs) and len(runs) == 6 + 6 * 3
    assert all(ids(list(d.items)) == [CHECKIN_ID] for d in days if d.rest_day)
    assert all(d.items for d in days)  # every day asks something, rest days the check-in


def test_after_the_last_week_its_rhythm_carries_on() -> None:
    days = agenda(D, History(), SHIPPED, 10 * 7)
    last_phase = [d for d in days if d.where is not None and d.where.week > 8]
    assert len(last_phase) == 14 and all(d.where.phase.name == "Longer runs" for d in last_phase)  # type: ignore[union-attr]
    assert sum(FYF in ids(list(d.items)) for d in last_phase) == 2


def test_the_programme_begins_on_the_first_record() -> None:
    history = History.of([], [CheckIn(D - timedelta(days=3), pain_left=1)])
    plan = plan_day(D, history, SHIPPED)
    assert plan.where is not None and plan.where.weekday == 4
    assert plan_day(D, History(), SHIPPED).where.weekday == 1  # type: ignore[union-attr]


# Following lessons, overdue counts, what counts as done.


def test_free_your_feet_done_today_is_done_and_mobilizing_is_due_tomorrow() -> None:
    fyf = played(FYF, D)
    assert [(i.id, i.state) for i in lessons(D, fyf)] == [(FYF, State.DONE)]
    (core,) = lessons(D + timedelta(days=1), fyf)
    assert (core.id, core.reason, core.overdue_days, core.state) == (
        MYC,
        "the day after Free Your Feet",
        0,
        State.DUE,
    )


@pytest.mark.parametrize(("late", "text"), [(1, "overdue by 1 day"), (2, "overdue by 2 days")])
def test_a_missed_day_stays_due_and_counts_overdue_days(late: int, text: str) -> None:
    (core,) = lessons(D + timedelta(days=1 + late), played(FYF, D))
    assert (core.id, core.overdue_days, core.overdue_text, core.state) == (
        MYC,
        late,
        text,
        State.OVERDUE,
    )


def test_mobilizing_done_is_done_that_day_and_not_asked_after() -> None:
    fyf, myc = played(FYF, D), played(MYC, D + timedelta(days=1))
    assert [(i.id, i.state) for i in lessons(D + timedelta(days=1), fyf, myc)] == [
        (MYC, State.DONE)
    ]
    assert lessons(D + timedelta(days=2), fyf, myc) == []
    late = played(MYC, D + timedelta(days=4))
    assert [(i.id, i.state, i.overdue_days) for i in lessons(D + timedelta(days=4), fyf, late)] == [
        (MYC, State.DONE, 3)
    ]


def test_only_completed_sessions_move_the_programme_on() -> None:
    partial = played(FYF, D, completed=False)
    assert [(i.id, i.state) for i in lessons(D, partial)] == [(FYF, State.DUE)]
    (still,) = lessons(D + timedelta(days=1), partial)
    assert (still.id, still.state, still.overdue_days) == (FYF, State.OVERDUE, 1)
    fyf = played(FYF, D)
    myc_partial = played(MYC, D + timedelta(days=1), completed=False)
    (core,) = lessons(D + timedelta(days=2), fyf, myc_partial)
    assert (core.id, core.overdue_days) == (MYC, 1)


def test_a_missed_lesson_is_overdue_until_its_next_day_comes_round() -> None:
    start = CheckIn(D, pain_left=1)
    (feet,) = lessons(D + timedelta(days=3), checkins=(start,))
    assert (feet.id, feet.overdue_days) == (FYF, 3)
    (again,) = lessons(D + timedelta(days=7), checkins=(start,))
    assert (again.id, again.state, again.overdue_days) == (FYF, State.DUE, 0)


def test_free_your_feet_again_restarts_the_pair() -> None:
    first, myc = played(FYF, D), played(MYC, D + timedelta(days=1))
    again = played(FYF, D + timedelta(days=7))
    assert ids(lessons(D + timedelta(days=7), first, myc, again)) == [FYF]
    (core,) = lessons(D + timedelta(days=8), first, myc, again)
    assert (core.id, core.overdue_days) == (MYC, 0)


def test_a_past_day_shows_what_was_asked_then() -> None:
    fyf, myc = played(FYF, D), played(MYC, D + timedelta(days=3))
    (core,) = lessons(D + timedelta(days=2), fyf, myc)
    assert (core.id, core.overdue_days, core.state) == (MYC, 1, State.OVERDUE)


def test_a_planned_run_puts_the_pre_run_routine_on_the_list() -> None:
    fyf, myc = played(FYF, D), played(MYC, D + timedelta(days=1))
    planned = CheckIn(D + timedelta(days=2), planned_run=True)
    ran_only = CheckIn(D + timedelta(days=3), run_minutes=25)
    assert ids(lessons(D + timedelta(days=2), fyf, myc, checkins=(planned,))) == [PRE]
    assert lessons(D + timedelta(days=3), fyf, myc, checkins=(planned, ran_only)) == []
    pre = played(PRE, D + timedelta(days=2), minutes=6)
    done = lessons(D + timedelta(days=2), fyf, myc, pre, checkins=(planned,))
    assert [(i.id, i.state) for i in done] == [(PRE, State.DONE)]


# Verdicts: what the streak and the habit figures count.


def test_each_day_gets_a_verdict_from_what_it_asked() -> None:
    def full_day(day: date) -> tuple[list[Session], list[CheckIn]]:
        plan = plan_day(day, History(), SHIPPED)
        return [played(i.id, day) for i in plan.items if i.kind == ItemKind.LESSON], [
            CheckIn(day, pain_left=1)
        ]

    sessions, checkins = full_day(D)
    checkins.append(CheckIn(D + timedelta(days=1), pain_left=1))  # day 2: lessons and run missed
    history = History.of(sessions, checkins)
    days = walk(history, SHIPPED, D + timedelta(days=3), D + timedelta(days=4))
    assert [d.verdict for d in days] == [
        Verdict.KEPT,
        Verdict.MISSED,
        Verdict.REST,  # day 3, a rest day, check-in not logged: neither kept nor missed
        Verdict.OPEN,  # today, not done yet
        Verdict.AHEAD,
    ]


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
    assert [(i.id, i.state) for i in lessons(start.date(), fyf)] == [(FYF, State.DONE)]
    (core,) = lessons(start.date() + timedelta(days=1), fyf)
    assert (core.id, core.overdue_days) == (MYC, 0)
    later = item(MYC, lessons(start.date() + timedelta(days=8), fyf))
    assert later.overdue_days == 7


def test_a_session_crossing_midnight_counts_on_the_day_it_started() -> None:
    fyf = played(FYF, datetime(2026, 11, 10, 23, 50, tzinfo=CET), minutes=45)
    assert fyf.end.date() == date(2026, 11, 11) and fyf.day == date(2026, 11, 10)
    (core,) = lessons(date(2026, 11, 11), fyf)
    assert (core.id, core.overdue_days) == (MYC, 0)
    myc = played(MYC, datetime(2026, 11, 11, 23, 55, tzinfo=CET), minutes=30)
    assert [(i.id, i.state) for i in lessons(date(2026, 11, 11), fyf, myc)] == [(MYC, State.DONE)]
    assert lessons(date(2026, 11, 12), fyf, myc) == []


def test_travel_the_local_date_recorded_counts_not_the_instant() -> None:
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    fyf = played(FYF, datetime(2026, 3, 10, 7, 0, tzinfo=tokyo))  # 2026-03-09 22:00 UTC
    assert fyf.day == date(2026, 3, 10)
    (core,) = lessons(date(2026, 3, 11), fyf)
    assert (core.id, core.overdue_days) == (MYC, 0)
    myc = played(MYC, datetime(2026, 3, 11, 20, 0, tzinfo=new_york))  # 2026-03-12 UTC
    assert [(i.id, i.state) for i in lessons(date(2026, 3, 11), fyf, myc)] == [(MYC, State.DONE)]


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
    assert MYC not in ids(lessons(fyf.day, fyf))
    core = item(MYC, lessons(fyf.day + timedelta(days=1 + late), fyf))
    assert core.overdue_days == late


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
    core = item(MYC, lessons(due_day + timedelta(days=late), fyf))
    assert core.overdue_days == late


def test_new_year_through_the_store(freefeet_home: Path) -> None:
    store = ProgressStore(freefeet_home / "data" / "progress")
    store.add_session(played(FYF, datetime(2026, 12, 31, 23, 40, tzinfo=CET), minutes=30))
    new_year = date(2027, 1, 1)
    history = ProgressStore(store.folder).recent(new_year)
    (core,) = [i for i in due_on(new_year, history, WEEKLY) if i.kind == ItemKind.LESSON]
    assert (core.id, core.overdue_days) == (MYC, 0)
    plan = agenda(date(2026, 12, 30), history, WEEKLY, days=5, today=new_year)
    shown = [[i.id for i in a.items if i.kind == ItemKind.LESSON] for a in plan]
    assert shown == [[], [FYF], [MYC], [], []]


# The programme file.


def program_text(extra: str) -> str:
    return 'schema = 2\ntitle = "t"\n[[phases]]\nname = "p"\nweeks = 1\n' + extra


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema = 1\n", "program.toml:1: schema must be 2"),
        (
            'schema = 2\ntitle = "t"\n',
            "program.toml: the programme needs at least one [[phases]] table",
        ),
        (
            program_text("run_days = [2, 8]\n"),
            "program.toml:6: run_days must be a list of days of the week (1 to 7)",
        ),
        (
            program_text("run_days = [2]\nrest_days = [2]\n"),
            "program.toml:7: day 2 is a rest day and a run day",
        ),
        (
            program_text('[[phases.lessons]]\nlesson = "Free"\ndays = [1]\nreason = "r"\n'),
            'program.toml:7: "lesson" must be a lesson id such as "free-your-feet"',
        ),
        (
            'schema = 2\ntitle = "t"\n[[follow]]\nafter = "a"\nlesson = "a"\nreason = "r"\n',
            'program.toml:5: lesson "a" cannot follow itself',
        ),
        (
            program_text("weeks_long = 3\n"),
            'program.toml:6: unknown key "weeks_long"; did you mean "weeks"?',
        ),
        (
            program_text("")
            + '[[follow]]\nafter = "a"\nlesson = "b"\nreason = "r"\n'
            + '[[phases.lessons]]\nlesson = "a"\ndays = [6]\nreason = "r"\n',
            "",
        ),
        (
            program_text(
                'rest_days = [7]\n[[phases.lessons]]\nlesson = "a"\ndays = [6]\n'
                'reason = "r"\n[[follow]]\nafter = "a"\nlesson = "b"\nreason = "r"\n'
            ),
            "program.toml:6: b follows a on day 6 and would fall on rest day 7",
        ),
        (
            program_text("[run_guide]\nsafe_pain = 6\nacceptable_pain = 4\n"),
            "program.toml:8: acceptable_pain must not be below safe_pain",
        ),
        (
            program_text("[run_guide]\nmax_minutes = 0\n"),
            "program.toml:7: max_minutes must be a whole number from 1 to 600",
        ),
    ],
)
def test_program_mistakes_are_reported_with_file_and_line(text: str, message: str) -> None:
    if not message:  # a well-formed programme: nothing to report
        parse_program(text, Path("program.toml"))
        return
    with pytest.raises(ProgramError) as caught:
        parse_program(text, Path("program.toml"))
    assert str(caught.value) == message


def test_the_programme_shown_in_the_docs_is_the_shipped_one() -> None:
    from tests.conftest import REPO

    doc = (REPO / "docs" / "schedule.md").read_text(encoding="utf-8")
    shown = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    assert parse_program(shown, Path("doc"))._replace(path=None) == SHIPPED._replace(path=None)
