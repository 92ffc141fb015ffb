"""History: Pilot tests of the calendar, figures, pain trend and paged log, and of their parts.

The app runs on the fixed date and seeded store of ``tui_progress_helpers``; the pager is also
checked on ten years of records, reading only the years the pages shown need.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from freefeet_tui.core.progress import (
    CheckIn,
    History,
    ProgressStore,
    SessionStatus,
    Skip,
    YearLog,
)
from freefeet_tui.tui.app import FreefeetApp
from freefeet_tui.tui.screens.history import HistoryScreen, LogPager, year_items
from freefeet_tui.tui.screens.today import TodayScreen
from freefeet_tui.tui.widgets.calendar import DayMark, MonthCalendar, day_marks
from tests.helpers.tui import ClockLike, WriteLesson, shown
from tests.helpers.tui_progress import (
    NOTE,
    SIZE,
    MakeApp,
    at,
    log_lines,
    progress_app,
    session,
    settle,
)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


# History ----------------------------------------------------------------------------------
def history_screen(app: FreefeetApp) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen), f"expected History, found {type(screen).__name__}"
    return screen


async def test_history_shows_calendar_figures_trend_and_log(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        screen = history_screen(app)
        calendar = screen.query_one(MonthCalendar)
        assert (calendar.year, calendar.month) == (2026, 11)
        assert calendar.marks[date(2026, 11, 21)] is DayMark.COMPLETED
        assert calendar.marks[date(2026, 11, 22)] is DayMark.PARTIAL
        assert calendar.marks[date(2026, 11, 23)] is DayMark.SKIPPED
        assert calendar.marks[date(2026, 11, 1)] is DayMark.CHECKIN
        assert screen.query_one("#calendar-box").border_title == "November 2026"
        figures = shown(screen, "#figures").splitlines()
        assert figures[0] == "Streak          1 day (since 23 Nov)"
        assert figures[1] == "Best streak     1 day"
        assert figures[-1] == "Pain            7.0 → 3.8 (down 3.2)"
        log = log_lines(screen)
        assert log[:4] == [
            "Mon 23 Nov 2026  Check-in  morning pain left 3, right 2 · ran 30 min (pain 4)",
            "  " + NOTE,  # literal, markup and all
            "Mon 23 Nov 2026  Skipped  travel",
            "Sun 22 Nov 2026  My warm-up  partial · 20 s · 0 of 1 steps",
        ]
        assert screen.query_one("#log").border_title == (
            "Sessions and check-ins · page 1 · PgDn for older"
        )
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_history_pages_months_and_the_log(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        screen = history_screen(app)
        calendar = screen.query_one(MonthCalendar)
        await pilot.press("right")  # no months after this one
        assert (calendar.year, calendar.month) == (2026, 11)
        await pilot.press(*["left"] * 11)
        assert (calendar.year, calendar.month) == (2025, 12)
        assert calendar.marks == {date(2025, 12, 30): DayMark.COMPLETED}
        await pilot.press("right")
        assert (calendar.year, calendar.month) == (2026, 1) and calendar.marks == {}
        await pilot.press("pageup")  # already the newest page
        assert screen.page_number == 0
        await pilot.press("pagedown")
        assert screen.page_number == 1
        log = log_lines(screen)
        assert log[-2:] == ["Tue 30 Dec 2025  Check-in  morning pain 7", "  First day."]
        assert screen.query_one("#log").border_title == "Sessions and check-ins · page 2"
        await pilot.press("pagedown")
        assert screen.page_number == 1
        await pilot.press("pageup")
        assert screen.page_number == 0
        await pilot.press("h")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("h", "q")
        await pilot.pause()
    assert not app.is_running


async def test_history_of_an_empty_log(make_app: MakeApp) -> None:
    app = make_app(seeded=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        screen = history_screen(app)
        assert log_lines(screen)[0].startswith("Nothing logged yet.")
        assert screen.query_one(MonthCalendar).marks == {}
        assert "after two weeks of check-ins" in shown(screen, "#figures")


def test_the_log_pager_reads_only_the_years_it_shows(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    for year in range(2017, 2027):
        for day in range(1, 13):
            store.add_checkin(CheckIn(date(year, day, 1), day % 11))
    pager = LogPager(ProgressStore(tmp_path), page_size=5)
    first = pager.page(0)
    assert [item.day for item in first if isinstance(item, CheckIn)] == [
        date(2026, m, 1) for m in (12, 11, 10, 9, 8)
    ]
    assert pager.years_read == 1
    assert [item.day for item in pager.page(2) if isinstance(item, CheckIn)] == [
        date(2026, 2, 1),
        date(2026, 1, 1),
        date(2025, 12, 1),
        date(2025, 11, 1),
        date(2025, 10, 1),
    ]
    assert pager.years_read == 2
    assert not pager.has_page(24) and pager.has_page(23)
    assert pager.years_read == 10


def test_a_broken_year_shows_as_one_line_in_the_log(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.add_checkin(CheckIn(date(2026, 1, 5), 2))
    (tmp_path / "2025.toml").write_text("schema = 1\n[[checkins]]\ndate = 'nope'\n")
    items = LogPager(store).page(0)
    assert isinstance(items[0], CheckIn)
    assert str(items[1]).startswith(str(tmp_path / "2025.toml") + ":")


def test_year_items_are_newest_first() -> None:
    day = date(2026, 3, 2)
    early = session("steady-feet", day)
    late = replace(early, id="s-late", start=at(day, 18), end=at(day, 19))
    log = YearLog(2026, (early, late), (CheckIn(day, 1),), (Skip(day - timedelta(days=1), "ill"),))
    assert [getattr(i, "id", None) for i in year_items(log)] == [
        "s-late",
        early.id,
        "c-20260302",
        "k-20260301",
    ]


def test_day_marks_prefer_completed_over_partial_over_skip() -> None:
    day = date(2026, 5, 4)
    history = History.of(
        sessions=[
            session("steady-feet", day, SessionStatus.PARTIAL),
            session("my-warm-up", day, number=2),
            session("steady-feet", day + timedelta(days=1), SessionStatus.PARTIAL),
            session("steady-feet", day + timedelta(days=2), SessionStatus.OPEN),
        ],
        skips=[Skip(day + timedelta(days=1), "ill"), Skip(day + timedelta(days=3), "ill")],
        checkins=[CheckIn(day + timedelta(days=4), 2)],
    )
    assert day_marks(history, 2026, 5) == {
        day: DayMark.COMPLETED,
        day + timedelta(days=1): DayMark.PARTIAL,
        day + timedelta(days=3): DayMark.SKIPPED,
        day + timedelta(days=4): DayMark.CHECKIN,
    }


def test_a_year_with_one_bad_record_gives_its_problem_then_its_other_records(
    tmp_path: Path,
) -> None:
    store = ProgressStore(tmp_path)
    store.add_checkin(CheckIn(date(2026, 1, 5), 2))
    store.add_checkin(CheckIn(date(2026, 1, 6), 3))
    path = store.path_for(2026)
    path.write_text(path.read_text().replace("pain_left = 3", "pain_left = 33"))
    items = LogPager(ProgressStore(tmp_path)).page(0)
    assert str(items[0]).startswith(f"{path}:")
    assert "pain_left must be a whole number from 0 to 10" in str(items[0])
    assert [type(item) for item in items[1:]] == [CheckIn]
    assert isinstance(items[1], CheckIn) and items[1].day == date(2026, 1, 5)
