"""History's charts: the pain of each foot and the runs across the full width, and the year
view of the calendar one key away. Pilot tests on the seeded app of ``tui_progress_helpers``,
tests of the drawing functions, and snapshots.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from freefeet_tui.core.progress import CheckIn, History, Skip
from freefeet_tui.core.stats import FootPainPoint, RunPoint
from freefeet_tui.tui.app import FreefeetApp
from freefeet_tui.tui.screens.history import HistoryScreen
from freefeet_tui.tui.widgets.calendar import (
    DayMark,
    YearCalendar,
    marks_between,
    month_header,
    year_content,
    year_span,
    year_weeks,
)
from freefeet_tui.tui.widgets.calendar_box import CalendarBox
from freefeet_tui.tui.widgets.pain_chart import (
    GUTTER,
    PainChart,
    chart_content,
    column_cells,
    day_columns,
)
from tests.helpers.snapshots import SnapCompare
from tests.helpers.tui import ClockLike, WriteLesson, shown
from tests.helpers.tui_progress import SIZE, TODAY, MakeApp, progress_app, session, settle


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


def history_screen(app: FreefeetApp) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen), f"expected History, found {type(screen).__name__}"
    return screen


def chart_text(chart: PainChart) -> list[str]:
    return [line.plain for line in chart.lines(chart.content_region.width)]


# the pain chart -----------------------------------------------------------------------------
async def test_the_pain_chart_shows_each_foot_and_the_runs_across_its_width(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        chart = history_screen(app).query_one(PainChart)
        lines = chart_text(chart)
        width = chart.content_region.width
        assert [line[:GUTTER] for line in lines[:8]] == [
            "Left  10 ",
            "         ",
            "       0 ",
            "Right 10 ",
            "         ",
            "       0 ",
            "Runs 30m ",
            "         ",
        ]
        left, right = lines[0:3], lines[3:6]
        assert left != right  # the seeded feet differ by one point every morning
        assert all(len(line) == width for line in [*left, *right])  # every column used
        assert lines[8].strip().split() == ["1", "Nov", "24", "Nov"]
        assert lines[9].strip().startswith("runs, by pain during the run:")
        run_columns = [i for i, cell in enumerate(lines[7]) if i >= GUTTER and cell != " "]
        assert run_columns and run_columns[-1] < width - 1  # the run was the day before today
        assert chart.border_title == "Morning pain, left and right foot · 7-day average"


def point(day: int, left: float | None, right: float | None) -> FootPainPoint:
    return FootPainPoint(date(2026, 1, day), None, None, left, right)


def test_days_spread_over_the_width_or_the_newest_fill_it() -> None:
    assert day_columns(3, 7) == [0, 0, 0, 1, 1, 2, 2]
    assert day_columns(10, 4) == [6, 7, 8, 9]
    assert day_columns(0, 5) == [] and day_columns(4, 0) == []


def test_columns_use_a_fixed_scale() -> None:
    assert column_cells(10, 2) == ["█", "█"]
    assert column_cells(5, 2) == [" ", "█"]
    assert column_cells(2.5, 2) == [" ", "▄"]
    assert column_cells(None, 3) == [" ", " ", "·"]
    assert column_cells(30, 2, top=60) == [" ", "█"]  # run minutes scale to the longest


def test_the_feet_are_drawn_apart_and_runs_only_when_there_are_some() -> None:
    points = [point(1, 10.0, 0.0), point(2, 10.0, None), point(3, 5.0, 2.5)]
    lines = [line.plain for line in chart_content(points, [], GUTTER + 6)]
    assert lines == [
        "Left  10 ████  ",
        "         ████▄▄",
        "       0 ██████",
        "Right 10       ",
        "               ",
        "       0   ··▆▆",
        "         1 Jan 3 Jan",
    ]
    runs = [RunPoint(date(2026, 1, 2), 40, 7)]
    with_runs = [line.plain for line in chart_content(points, runs, GUTTER + 3)]
    assert with_runs[6:8] == ["Runs 40m  █ ", "          █ "]
    assert with_runs[-1].endswith("█ 0-3 █ 4-5 █ above 5")


# the year view --------------------------------------------------------------------------------
async def test_y_shows_a_year_and_the_arrows_page_years(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h", "y")
        screen = history_screen(app)
        box = screen.query_one(CalendarBox)
        year = screen.query_one(YearCalendar)
        assert box.year_view and screen.has_class("-year")
        assert box.border_title == "24 Nov 2025 – 24 Nov 2026"
        assert year.marks[date(2026, 11, 21)] is DayMark.COMPLETED
        assert year.marks[date(2026, 11, 22)] is DayMark.PARTIAL
        assert year.marks[date(2026, 11, 23)] is DayMark.SKIPPED
        assert year.marks[date(2025, 12, 30)] is DayMark.COMPLETED  # last year's file too
        grid = shown(screen, "#year-calendar").splitlines()
        assert grid[0].split() == [
            *["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"],
        ]
        assert [row[:3] for row in grid[1:]] == ["Mo ", "Tu ", "We ", "Th ", "Fr ", "Sa ", "Su "]
        assert grid[1].endswith("■")  # Monday 23 November: skipped
        assert grid[2].endswith("·")  # today, nothing logged yet
        assert grid[3].endswith("· ") and grid[7].endswith("■ ")  # the rest of the week to come
        assert grid[4].endswith("▪ ")  # Thursday 19 November: a check-in, no practice
        await pilot.press("right")  # nothing after today
        assert box.year_end == TODAY
        await pilot.press("left")
        assert box.year_end == TODAY - timedelta(weeks=52)
        assert box.border_title == "25 Nov 2024 – 30 Nov 2025"
        assert year.marks == {}
        await pilot.press("right", "y")
        assert not box.year_view and box.border_title == "November 2026"
        await pilot.press("left")
        assert box.border_title == "October 2026"  # the arrows page months again


async def test_the_footer_names_the_view_y_switches_to(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        screen = history_screen(app)

        def footer() -> list[str]:
            keys = screen.active_bindings.values()
            return [f"{b.binding.key} {b.binding.description}" for b in keys if b.enabled]

        assert {"y Year", "right Month"} <= set(footer())
        await pilot.press("y")
        assert {"y Month", "right Year"} <= set(footer())
        assert "y Year" not in footer() and "right Month" not in footer()


async def test_a_narrow_screen_keeps_y_out_of_the_footer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("h", "y")
        screen = history_screen(app)
        box = screen.query_one(CalendarBox)
        assert box.year_view
        shown_keys = [b.binding.key for b in screen.active_bindings.values() if b.binding.show]
        assert "y" not in shown_keys
        assert len(shown(screen, "#year-calendar").splitlines()[1]) <= 60 - 4
        await pilot.press("y")
        assert not box.year_view


def test_marks_between_read_each_year_it_crosses() -> None:
    logs = {
        2025: History.of(sessions=[session("steady-feet", date(2025, 12, 31))]),
        2026: History.of(
            skips=[Skip(date(2026, 1, 1), "ill")], checkins=[CheckIn(date(2026, 1, 2), 1)]
        ),
    }
    read: list[int] = []

    def history_for(year: int) -> History:
        read.append(year)
        return logs.get(year, History())

    marks = marks_between(history_for, date(2025, 12, 30), date(2026, 1, 3))
    assert marks == {
        date(2025, 12, 31): DayMark.COMPLETED,
        date(2026, 1, 1): DayMark.SKIPPED,
        date(2026, 1, 2): DayMark.CHECKIN,
    }
    assert set(read) == {2025, 2026}


def test_a_year_is_53_weeks_ending_with_the_week_of_its_last_day() -> None:
    first, last = year_span(TODAY)
    assert (first, last) == (date(2025, 11, 24), date(2026, 11, 29))
    assert first.weekday() == 0 and last.weekday() == 6
    assert year_weeks(200) == 53 and year_weeks(40) == 37 and year_weeks(5) == 13
    assert month_header(date(2025, 11, 24)).startswith(" Dec  Jan")  # November would not fit
    lines = year_content(TODAY, {}, TODAY, weeks=20).plain.splitlines()
    assert len(lines) == 8 and all(len(line) <= 3 + 20 for line in lines)
    assert lines[2].endswith("·") and lines[3].endswith("· ")  # today; tomorrow to come


# snapshots ----------------------------------------------------------------------------------
Steps = Callable[[Pilot[None]], Awaitable[None]]


def snapshot(
    snap_compare: SnapCompare,
    tmp_path: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    size: tuple[int, int],
    keys: tuple[str, ...],
) -> bool:
    app = progress_app(tmp_path, write_lesson, clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize(
    "size", [(100, 30), (60, 20), (140, 45)], ids=["100x30", "60x20", "140x45"]
)
def test_year_view(
    snap_compare: SnapCompare,
    tmp_path: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    size: tuple[int, int],
) -> None:
    assert snapshot(snap_compare, tmp_path, write_lesson, clock, size, ("h", "y"))


def test_pain_chart_and_runs_full_width(
    snap_compare: SnapCompare, tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    """At 140x45 the chart sits below the calendar and figures in full, with the runs."""
    assert snapshot(snap_compare, tmp_path, write_lesson, clock, (140, 45), ("h",))
