"""Progress records: building them in code, their rules, and the year file round trip."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freefeet_tui.core.progress import (
    CheckIn,
    RecordError,
    Session,
    SessionStatus,
    Skip,
    YearLog,
    dump_year,
    new_session,
    parse_year,
)
from freefeet_tui.core.progress.checks import checkin_problems, session_problems, skip_problems

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 24, 7, 30, tzinfo=CET)


def fyf(now: datetime = START) -> Session:
    return new_session("free-your-feet", "Free Your Feet", 17, now=now)


def test_new_session_is_open_at_its_start() -> None:
    session = fyf()
    assert re.fullmatch(r"s-20261124-[0-9a-f]{6}", session.id)
    assert session.status is SessionStatus.OPEN
    assert (session.start, session.end, session.day) == (START, START, date(2026, 11, 24))
    assert (session.seconds, session.steps_done, session.stop_index) == (0, 0, 0)
    assert not session.finished


def test_new_session_ids_differ() -> None:
    assert len({fyf().id for _ in range(50)}) == 50


def test_local_date_is_the_date_where_the_session_started() -> None:
    late_in_tokyo = datetime(2026, 11, 24, 23, 30, tzinfo=timezone(timedelta(hours=9)))
    session = fyf(late_in_tokyo)
    assert session.day == date(2026, 11, 24)
    assert session.start.astimezone(UTC).date() == date(2026, 11, 24)
    early_in_tokyo = datetime(2026, 11, 25, 1, 0, tzinfo=timezone(timedelta(hours=9)))
    assert fyf(early_in_tokyo).day == date(2026, 11, 25)  # 2026-11-24 in UTC


def test_checkpoint_and_finish_move_the_session_on() -> None:
    session = fyf()
    later = START + timedelta(minutes=2)
    moved = session.checkpoint(
        seconds=119.6, steps_done=3, stop_index=4, stop_step="sit-down", now=later
    )
    assert moved.status is SessionStatus.OPEN
    assert (moved.seconds, moved.steps_done, moved.stop_index, moved.stop_step) == (
        120,
        3,
        4,
        "sit-down",
    )
    assert moved.end == later and moved.start == START and moved.id == session.id
    done = moved.finish(
        completed=True,
        seconds=1200,
        steps_done=17,
        stop_index=16,
        stop_step="rescan-walk",
        now=later + timedelta(minutes=18),
    )
    assert done.status is SessionStatus.COMPLETED and done.finished
    partial = moved.finish(
        completed=False, seconds=300, steps_done=5, stop_index=5, stop_step="sit-arch", now=later
    )
    assert partial.status is SessionStatus.PARTIAL and partial.counts_as_practice


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"steps_done": 18}, "steps_done 18 is more than steps_total 17"),
        ({"seconds": -1}, "seconds must be a whole number from 0 to 86400"),
        ({"tempo": 0.1}, "tempo must be a number from 0.25 to 100"),
        ({"stop_index": 17}, "stop_index 17 must be less than steps_total 17"),
        ({"end": START - timedelta(seconds=1)}, "end 2026-11-24T07:29:59+01:00 is before"),
        ({"start": datetime(2026, 11, 24, 7, 30)}, "start needs a UTC offset"),
        ({"lesson_id": "Free Feet"}, "lesson must be a lesson id"),
        ({"stop_step": "Sit down"}, "stop_step must be a step id"),
        ({"lesson_title": "two\nlines"}, "title must fit on one line"),
    ],
)
def test_bad_session_fields_are_refused_in_code(change: dict[str, object], message: str) -> None:
    session = fyf()
    fields = {name: getattr(session, name) for name in Session.__dataclass_fields__}
    fields.update(change)
    with pytest.raises(RecordError, match=re.escape(message)):
        Session(**fields)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pain_left": 11}, "check-in: pain_left must be a whole number from 0 to 10"),
        ({"pain_right": -1}, "check-in: pain_right must be a whole number from 0 to 10"),
        ({"run_pain": True}, "check-in: run_pain must be a whole number from 0 to 10"),
        ({"run_minutes": 1441}, "check-in: run_minutes must be a whole number from 0 to 1440"),
        ({"note": "   "}, "check-in: note is empty"),
        ({}, "check-in: a check-in must report a pain, a run, a planned run or a note"),
    ],
)
def test_bad_checkins_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        CheckIn(date(2026, 11, 24), **kwargs)  # type: ignore[arg-type]


def test_checkin_defaults_and_morning_pain_is_the_worse_foot() -> None:
    checkin = CheckIn(date(2026, 11, 24), pain_left=3, pain_right=6)
    assert checkin.id == "c-20261124"
    assert checkin.morning_pain == 6
    assert CheckIn(date(2026, 11, 24), pain_right=2).morning_pain == 2
    assert CheckIn(date(2026, 11, 24), note="slept badly").morning_pain is None
    assert CheckIn(date(2026, 11, 24), run_minutes=30).ran
    assert not CheckIn(date(2026, 11, 24), run_minutes=0, note="rest day").ran


def test_checkin_merge_keeps_what_the_newer_one_leaves_out() -> None:
    morning = CheckIn(date(2026, 11, 24), pain_left=4, pain_right=2, note="stiff")
    evening = CheckIn(date(2026, 11, 24), run_minutes=35, run_pain=1)
    merged = morning.merged_with(evening)
    assert (merged.pain_left, merged.pain_right, merged.run_minutes, merged.run_pain) == (
        4,
        2,
        35,
        1,
    )
    assert merged.note == "stiff" and merged.id == morning.id
    assert morning.merged_with(CheckIn(date(2026, 11, 24), pain_left=1)).pain_left == 1


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "skip: reason is empty"), ("ill\nagain", "skip: reason must fit on one line")],
)
def test_bad_skips_are_refused(reason: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Skip(date(2026, 11, 24), reason)


def test_skip_id_defaults_to_its_date() -> None:
    assert Skip(date(2026, 11, 24), "travel").id == "k-20261124"


def test_dump_writes_one_table_per_record_with_a_header() -> None:
    log = YearLog(2026, (), (), (Skip(date(2026, 11, 23), "travel"),))
    text = dump_year(log)
    assert text.startswith("# freefeet progress log for 2026")
    assert "docs/data-format.md" in text
    assert '[[skips]]\nid = "k-20261123"\ndate = 2026-11-23\nreason = "travel"\n' in text
    assert "skips = [" not in text
    assert "schema = 1\nyear = 2026\n" in text


offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
starts = st.builds(
    lambda day, seconds, tz: (
        datetime.combine(day, datetime.min.time(), tz) + timedelta(seconds=seconds)
    ),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 30)),
    st.integers(min_value=0, max_value=86_399),
    offsets,
)
texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")


@settings(max_examples=60, deadline=None)
@given(
    start=starts,
    length=st.integers(min_value=0, max_value=7200),
    done=st.integers(min_value=0, max_value=17),
    tempo=st.sampled_from([0.25, 1.0, 1.5, 100.0]),
    note=texts,
    pain=st.integers(min_value=0, max_value=10),
)
def test_records_survive_a_round_trip_exactly(
    start: datetime, length: int, done: int, tempo: float, note: str, pain: int
) -> None:
    session = new_session("free-your-feet", "Free Your Feet", 17, tempo=tempo, now=start)
    session = session.finish(
        completed=done == 17,
        seconds=length,
        steps_done=done,
        stop_index=min(done, 16),
        stop_step="scan-stand",
        now=start + timedelta(seconds=length),
    )
    checkin = CheckIn(session.day, pain_left=pain, note=note, planned_run=True)
    skip = Skip(session.day + timedelta(days=1), "flare-up") if session.day.month < 12 else None
    log = YearLog(2026, (session,), (checkin,), (skip,) if skip else ())
    text = dump_year(log)
    back = parse_year(text.encode(), Path("2026.toml"))
    assert back == log.sorted()
    assert back.sessions[0].start.isoformat() == session.start.isoformat()
    assert back.sessions[0].end.isoformat() == session.end.isoformat()
    assert dump_year(back) == text


# ---- the constructors' quick look agrees with the full checks ----------------------------------


class OtherZone(tzinfo):
    """A tzinfo that is not ``datetime.timezone``: the quick look leaves it to the full checks."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=2)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "OZ"


class Whole(int):
    pass


INSTANTS = st.sampled_from(
    [
        START,
        START + timedelta(hours=1),
        START.replace(tzinfo=None),
        START.replace(tzinfo=OtherZone()),
        "2026-11-24T07:30:00+01:00",
    ]
)
DAYS = st.sampled_from([date(2026, 11, 24), date(1999, 12, 31), date(2000, 1, 1), START, "x"])
WHOLES = st.one_of(
    st.integers(-2, 1500), st.sampled_from([True, 3.0, "3", None, Whole(3), 86400, 86401])
)
TEXTS = st.one_of(
    st.sampled_from(["Free Your Feet", " ", "", "a\nb", "x" * 200, "x" * 201, 5, None]),
    st.text(max_size=12),
)
IDS = st.one_of(
    st.sampled_from(["s-1", "free-your-feet", "-a", "a--b", "A", "é", "a.b_c", "x" * 65, 7]),
    st.from_regex(r"\A[a-zA-Z0-9_.\- ]{0,6}\Z"),
)


def with_default_id(values: dict[str, object], prefix: str) -> dict[str, object]:
    """The values as the constructor checks them: an empty id becomes ``c-``/``k-`` + date."""
    day = values["date"]
    if not values["id"] and isinstance(day, date):
        return {**values, "id": f"{prefix}-{day:%Y%m%d}"}
    return values


def built(kind: type, values: dict[str, object]) -> bool:
    try:
        kind(**values)
    except RecordError:
        return False
    return True


@settings(max_examples=600, deadline=None)
@given(
    id=IDS,
    lesson_id=IDS,
    lesson_title=TEXTS,
    start=INSTANTS,
    end=INSTANTS,
    day=DAYS,
    seconds=WHOLES,
    steps_done=WHOLES,
    steps_total=WHOLES,
    status=st.sampled_from([*SessionStatus, "completed", "done", None]),
    stop_index=st.one_of(st.none(), WHOLES),
    stop_step=st.one_of(st.none(), IDS),
    tempo=st.sampled_from([1.0, 1, 0.25, 100, 0.2, 101.0, float("nan"), True, "1"]),
)
def test_a_session_is_built_exactly_when_the_full_checks_find_nothing(**values: object) -> None:
    keys = {"lesson_id": "lesson", "lesson_title": "title", "day": "date"}
    problems = session_problems({keys.get(k, k): v for k, v in values.items()})
    assert built(Session, values) == (problems == []), problems


@settings(max_examples=400, deadline=None)
@given(
    day=DAYS,
    pain_left=st.one_of(st.none(), WHOLES),
    pain_right=st.one_of(st.none(), WHOLES),
    run_minutes=st.one_of(st.none(), WHOLES),
    run_pain=st.one_of(st.none(), WHOLES),
    planned_run=st.sampled_from([False, True, 1, None]),
    note=st.one_of(st.none(), TEXTS),
    id=IDS,
)
def test_a_checkin_is_built_exactly_when_the_full_checks_find_nothing(**values: object) -> None:
    looked = {("date" if k == "day" else k): v for k, v in values.items()}
    looked["planned_run"] = None if values["planned_run"] is False else values["planned_run"]
    problems = checkin_problems(with_default_id(looked, "c"))
    assert built(CheckIn, values) == (problems == []), problems


@settings(max_examples=200, deadline=None)
@given(day=DAYS, reason=TEXTS, id=IDS)
def test_a_skip_is_built_exactly_when_the_full_checks_find_nothing(**values: object) -> None:
    looked = {("date" if k == "day" else k): v for k, v in values.items()}
    problems = skip_problems(with_default_id(looked, "k"))
    assert built(Skip, values) == (problems == []), problems
