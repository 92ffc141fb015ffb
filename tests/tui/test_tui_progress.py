"""Pilot tests of Today (the home screen) and the Plan view.

The app runs on a fixed date, fixed lessons and programme and a seeded store in a temp folder
(``tui_progress_helpers``), so what is due, the streak and the pain figures are known. Today's
rows must be word for word the lines ``freefeet today`` prints.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from freefeet_tui.cli.progress_text import today_lines
from freefeet_tui.core.day_report import day_report, day_titles, due_lines
from freefeet_tui.core.lesson import SAFETY_LINE
from freefeet_tui.core.program_file import parse_program
from freefeet_tui.core.progress import SessionStatus
from freefeet_tui.core.recorder import discarded_text
from freefeet_tui.core.settings import Settings
from freefeet_tui.tui.screens.checkin import CheckInForm
from freefeet_tui.tui.screens.dialogs import FinishedScreen
from freefeet_tui.tui.screens.lessons import LessonsScreen
from freefeet_tui.tui.screens.plan import PlanScreen
from freefeet_tui.tui.screens.today import (
    DONE_STYLE,
    MISSING_STYLE,
    OVERDUE_STYLE,
    TodayScreen,
)
from tests.helpers.tui import ClockLike, WriteLesson, advance, player, shown
from tests.helpers.tui_progress import (
    NOTE,
    SIZE,
    TODAY,
    MakeApp,
    checkin_lines,
    due_row_styles,
    due_rows,
    freeze_now,
    progress_app,
    settle,
    today_screen,
)

CHECKIN_ROW = "c  Morning check-in: how your feet feel on your first steps today"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_now(monkeypatch)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


async def test_today_shows_what_is_due_and_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert [(e.key, e.lesson_id) for e in screen.entries] == [
            ("c", "check-in"),
            ("1", "my-warm-up"),
            ("2", "steady-feet"),
        ]
        assert due_rows(screen) == [
            CHECKIN_ROW,
            "1  My warm-up: the day after Steady Feet (overdue by 2 days)",
            "2  Steady Feet: once a week",
        ]
        assert OVERDUE_STYLE in due_row_styles(screen, 2)
        assert not due_row_styles(screen, 3) & {OVERDUE_STYLE, DONE_STYLE, MISSING_STYLE}
        assert screen.query_one("#due").border_title == "Due today · Tuesday 24 November"
        assert (
            screen.query_one("#due").border_subtitle == "Week 48, day 1 · Steady weeks, carrying on"
        )
        assert shown(screen, "#streak") == "1 day in a row · best 1"
        assert checkin_lines(screen) == [
            "Yesterday: morning pain left 3, right 2",
            "ran 30 min (pain 4)",  # a figure a line: none is cut in two on a narrow box
            NOTE,  # user text, shown literally
        ]
        guide = shown(screen, "#run-guide").split("\n")
        assert (
            guide[0]
            == "No run today: today is not a run day; your next run is on Wednesday 25 November."
        )
        assert guide[-1] == SAFETY_LINE  # beside every word of the run guide
        assert not screen.query_one("#today-notices").display


async def test_today_says_word_for_word_what_freefeet_today_prints(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        history = app.store.recent(TODAY)
        titles = day_titles(history, app.library)
        report = day_report(TODAY, history, app.program)
        printed = today_lines(report, app.program, titles, TODAY)
        rows = [row.split("  ", 1)[1] for row in due_rows(screen)]
        assert rows == due_lines(report, app.program, titles)
        assert all(f"  {row}" in printed for row in rows)
        for line in shown(screen, "#run-guide").split("\n")[:1]:
            assert line in printed


async def test_today_on_an_empty_log_starts_the_programme(make_app: MakeApp) -> None:
    app = make_app(seeded=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert due_rows(screen) == [CHECKIN_ROW, "1  Steady Feet: once a week"]
        assert screen.query_one("#due").border_subtitle == "Week 1 of 1, day 1 · Steady weeks"
        assert shown(screen, "#streak") == "0 days in a row · best 0"
        (checkin,) = checkin_lines(screen)  # no note line
        assert checkin.startswith("None yet.")


@pytest.mark.parametrize(("key", "lesson_id"), [("1", "my-warm-up"), ("2", "steady-feet")])
async def test_number_keys_start_the_listed_lesson(
    make_app: MakeApp, clock: ClockLike, key: str, lesson_id: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        assert player(app).lesson.id == lesson_id
        await advance(pilot, clock, 35)  # longer than an accidental start
        await pilot.press("q", "y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    (stopped,) = app.store.recent(TODAY).sessions_on(TODAY)
    assert (stopped.lesson_id, stopped.status) == (lesson_id, SessionStatus.PARTIAL)


async def test_a_lesson_quit_after_three_seconds_leaves_no_session(
    make_app: MakeApp, clock: ClockLike
) -> None:
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await advance(pilot, clock, 3)
        await pilot.press("q", "y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert shown(app.screen, "#streak") == "1 day in a row · best 1"
    assert app.store.recent(TODAY).sessions_on(TODAY) == ()
    assert notes == [discarded_text(3)]
    assert (
        notes[0]
        == "Not saved: stopped after 3 s with no step done, so it does not count as practice."
    )


async def test_keeping_every_start_is_a_setting(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app(settings=Settings(discard_under=0))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await advance(pilot, clock, 3)
        await pilot.press("q", "y")
        await settle(pilot)
    (kept,) = app.store.recent(TODAY).sessions_on(TODAY)
    assert kept.status is SessionStatus.PARTIAL and kept.seconds == 3


async def test_the_key_bar_takes_its_row_once_today_is_up(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert not screen.query("#footer-space")  # the row kept for it is gone
        descriptions = [key.description for key in screen.query_one(Footer).query(FooterKey)]
        expected = ["Start", "Check in", "Plan", "History", "Lessons", "Quit", "Help"]
        assert descriptions == expected
        assert screen.query_one(Footer).region.y == SIZE[1] - 1  # the bottom row


async def test_quitting_before_the_key_bar_comes_is_clean(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")  # no pause: the app closes while Today is still being set up
    assert app.return_code == 0


async def test_a_number_with_nothing_listed_does_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "9")
        assert isinstance(app.screen, TodayScreen)


async def test_a_finished_lesson_is_recorded_and_today_shows_it_done(
    make_app: MakeApp, clock: ClockLike
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await advance(pilot, clock, 45)
        assert isinstance(app.screen, FinishedScreen)
        assert shown(app.screen, "#finished-hint") == "Press Enter to go back to today."
        await pilot.press("enter")
        await settle(pilot)
        screen = today_screen(app)
        assert due_rows(screen)[1] == "1  My warm-up: the day after Steady Feet (done)"
        assert DONE_STYLE in due_row_styles(screen, 2)
    recorded = app.store.recent(TODAY).sessions_on(TODAY)
    assert [(s.lesson_id, s.status, s.steps_done) for s in recorded] == [
        ("my-warm-up", SessionStatus.COMPLETED, 1)
    ]


async def test_a_broken_year_file_is_reported_and_left_as_it_is(
    make_app: MakeApp, clock: ClockLike
) -> None:
    app = make_app(seeded=False)
    broken = app.store.path_for(TODAY.year)
    broken.parent.mkdir(parents=True)
    broken.write_text("schema = 1\nyear = 2026\n[[checkins]]\ndate = 2026-11-20\npain_left = 11\n")
    before = broken.read_bytes()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        problems = shown(today_screen(app), "#today-problems")
        assert problems.startswith(f"⚠ {broken}:5: ")
        await pilot.press("1")  # the lesson still plays; only its record cannot be saved
        await advance(pilot, clock, 100)
        assert isinstance(app.screen, FinishedScreen)
        assert len(notes) == 1 and notes[0].startswith(f"Progress not saved: {broken}:5: ")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert broken.read_bytes() == before


async def test_a_due_lesson_missing_from_the_library_is_marked_and_not_started(
    make_app: MakeApp,
) -> None:
    app = make_app(seeded=False)
    app.program = parse_program(
        'schema = 2\ntitle = "t"\n[[phases]]\nname = "p"\nweeks = 1\n[[phases.lessons]]\n'
        'lesson = "free-your-feet"\ndays = [1]\nreason = "the first lesson"\n',
        Path("program.toml"),
    )
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert due_rows(screen)[1] == ("1  free-your-feet: the first lesson  · not in your lessons")
        assert MISSING_STYLE in due_row_styles(screen, 2)
        await pilot.press("1")
        assert app.screen is screen
        assert notes == ["free-your-feet is not in your lessons."]


async def test_p_opens_the_plan_that_freefeet_plan_prints(make_app: MakeApp) -> None:
    from freefeet_tui.core.day_report import plan_line
    from freefeet_tui.core.schedule import agenda

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        lines = shown(screen, "#plan-days").split("\n")
        history = app.store.recent(TODAY)
        titles = day_titles(history, app.library)
        expected = [plan_line(d, titles) for d in agenda(TODAY, history, app.program, 14)]
        assert lines == expected and len(lines) == 14
        assert lines[0].startswith("Tue 24 Nov  My warm-up, Steady Feet, check-in")
        assert lines[1] == "Wed 25 Nov  My warm-up, Pre-run hips, run 30 min, check-in"  # held:
        # yesterday's 30 min hurt 4/10, acceptable
        assert shown(screen, "#plan-safety") == SAFETY_LINE
        await pilot.press("plus")
        assert len(shown(screen, "#plan-days").split("\n")) == 21
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_l_opens_the_lessons_and_escape_comes_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, LessonsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_q_on_today_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_a_rest_day_says_so_and_a_finished_day_says_nothing_is_due(make_app: MakeApp) -> None:
    app = make_app(today=TODAY + timedelta(days=6))  # a Monday: the rest day
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert screen.report is not None and screen.report.plan.rest_day
        assert due_rows(screen) == ["A rest day: only the morning check-in is asked.", CHECKIN_ROW]


async def test_a_finished_day_says_nothing_is_due_with_a_streak(make_app: MakeApp) -> None:
    app = make_app(today=TODAY - timedelta(days=1))  # yesterday: a rest day, checked in
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert due_rows(screen)[0] == "Nothing is due: everything asked of today is done."
        assert shown(screen, "#streak") == "1 day in a row · best 1"  # never with a broken one


async def test_one_bad_record_shows_on_top_and_hides_only_itself(make_app: MakeApp) -> None:
    app = make_app()  # the seeded log, then one check-in with pain 11 added by hand
    path = app.store.path_for(TODAY.year)
    good = path.read_bytes()
    bad = b"\n[[checkins]]\ndate = 2026-11-24\npain_left = 11\n"
    path.write_bytes(good + bad)
    line = good.count(b"\n") + 4
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        problems = shown(screen, "#today-problems")
        assert problems.startswith(f"⚠ {path}:{line}: check-in ")
        assert "pain_left must be" in problems
        assert checkin_lines(screen)[0].startswith("Yesterday")  # the good records still count
        await pilot.press("c", "2", "tab", "2", "ctrl+s")  # saving to that year is refused
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
    assert path.read_bytes() == good + bad
