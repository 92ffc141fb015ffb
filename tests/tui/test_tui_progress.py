"""Pilot tests of Today (the home screen) and the check-in form.

The app runs on a fixed date, fixed lessons and programme and a seeded store in a temp folder
(``tui_progress_helpers``), so what is due, the streak and the pain figures are known.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from freefeet_tui.core.progress import CheckIn, SessionStatus
from freefeet_tui.core.schedule import parse_program
from freefeet_tui.tui.app import FreefeetApp
from freefeet_tui.tui.screens.checkin import NOTHING_TO_SAVE, CheckInForm
from freefeet_tui.tui.screens.dialogs import CHECKIN_SAVED, FinishedScreen
from freefeet_tui.tui.screens.lessons import LessonsScreen
from freefeet_tui.tui.screens.today import (
    DONE_STYLE,
    MISSING_STYLE,
    OVERDUE_STYLE,
    TodayScreen,
)
from tests.helpers.tui import ClockLike, WriteLesson, advance, player, shown, top_screen
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
    wait_for,
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    return freeze_now(monkeypatch)


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


# Today ------------------------------------------------------------------------------------
async def test_today_shows_what_is_due_and_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert [(e.key, e.lesson_id) for e in screen.entries] == [(1, "my-warm-up"), (2, "pre-run")]
        assert due_rows(screen) == [
            "1  My warm-up  · overdue by 2 days\n   the day after Steady Feet",
            "2  Pre-run hips\n   the pre-run routine, for days you run",
        ]
        assert OVERDUE_STYLE in due_row_styles(screen, 1)
        assert not due_row_styles(screen, 2) & {OVERDUE_STYLE, DONE_STYLE, MISSING_STYLE}
        assert screen.query_one("#due").border_title == "Due today · Tuesday 24 November"
        assert shown(screen, "#streak") == "3 days in a row · best 3"
        assert checkin_lines(screen) == [
            "Yesterday: morning pain left 3, right 2",
            "ran 30 min (pain 4)",  # a figure a line: none is cut in two on a narrow box
            NOTE,  # user text, shown literally
        ]
        assert not screen.query_one("#today-notices").display


async def test_today_on_an_empty_log_starts_the_programme(make_app: MakeApp) -> None:
    app = make_app(seeded=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert due_rows(screen)[0] == "1  Steady Feet\n   where the programme begins"
        assert shown(screen, "#streak") == "0 days in a row · best 0"
        (checkin,) = checkin_lines(screen)  # no note line
        assert checkin.startswith("None yet.")


@pytest.mark.parametrize(("key", "lesson_id"), [("1", "my-warm-up"), ("2", "pre-run")])
async def test_number_keys_start_the_listed_lesson(
    make_app: MakeApp, key: str, lesson_id: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        assert player(app).lesson.id == lesson_id
        await pilot.press("q", "y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert shown(app.screen, "#streak") == "4 days in a row · best 4"  # partial, today
    (stopped,) = app.store.recent(TODAY).sessions_on(TODAY)
    assert (stopped.lesson_id, stopped.status) == (lesson_id, SessionStatus.PARTIAL)


async def test_the_key_bar_takes_its_row_once_today_is_up(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert not screen.query("#footer-space")  # the row kept for it is gone
        descriptions = [key.description for key in screen.query_one(Footer).query(FooterKey)]
        assert descriptions == ["Start", "Check in", "History", "Lessons", "Quit", "Help"]
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
        assert due_rows(screen)[0] == "1  My warm-up  ✓ done today\n   the day after Steady Feet"
        assert DONE_STYLE in due_row_styles(screen, 1)
        assert shown(screen, "#streak") == "4 days in a row · best 4"
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
        'schema = 1\n[start]\nlesson = "free-your-feet"\nreason = "the first lesson"\n',
        Path("program.toml"),
    )
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert due_rows(screen) == ["1  free-your-feet  · not in your lessons\n   the first lesson"]
        assert MISSING_STYLE in due_row_styles(screen, 1)
        await pilot.press("1")
        assert app.screen is screen
        assert notes == ["free-your-feet is not in your lessons."]


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


# the check-in form ------------------------------------------------------------------------
def form(app: FreefeetApp) -> CheckInForm:
    screen = app.screen
    assert isinstance(screen, CheckInForm), f"expected the form, found {type(screen).__name__}"
    return screen


def error_text(screen: CheckInForm, field_id: str) -> str:
    return shown(screen, f"#{field_id}-error")


async def test_check_in_saves_in_a_worker_and_today_shows_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        assert screen.query_one("#pain-both", Input).has_focus
        await pilot.press("4")  # both feet
        assert screen.query_one("#pain-left", Input).value == "4"
        assert screen.query_one("#pain-right", Input).value == "4"
        await pilot.press("tab", "tab", "backspace", "2")  # the right foot is better
        await pilot.press("tab", "2", "5", "tab", "3")  # ran 25 minutes, pain 3
        await pilot.click("#planned-run")  # and running again later
        await pilot.press("tab", *"Heel [b]sore[/b]", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        saved = app.store.recent(TODAY).checkin_on(TODAY)
        assert saved == CheckIn(TODAY, 4, 2, 25, 3, True, "Heel [b]sore[/b]")
        assert checkin_lines(today_screen(app)) == [
            "Today: morning pain left 4, right 2",
            "ran 25 min (pain 3)",
            "Heel [b]sore[/b]",
        ]
        assert due_rows(today_screen(app))[1] == "2  Pre-run hips\n   before today's run"


@pytest.mark.parametrize(
    ("field_id", "typed", "message"),
    [
        ("pain-both", "11", "✗ must be 0 to 10"),
        ("pain-left", "12", "✗ must be 0 to 10"),
        ("run-minutes", "2000", "✗ must be 0 to 1440"),
        ("run-pain", "99", "✗ must be 0 to 10"),
    ],
)
async def test_out_of_range_input_is_refused_in_place(
    make_app: MakeApp, field_id: str, typed: str, message: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        await pilot.click(f"#{field_id}")
        await pilot.press(*typed)
        assert error_text(screen, field_id) == message
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen  # not saved, still open
        assert shown(screen, "#checkin-message") == "Not saved: correct the field marked ✗ first."
        assert screen.query_one(f"#{field_id}", Input).has_focus
        assert app.store.recent(TODAY).checkin_on(TODAY) is None
        await pilot.press("backspace")
        assert error_text(screen, field_id) == ""


async def test_a_note_over_the_limit_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        screen.query_one("#note-input", Input).value = "x" * 2001
        await settle(pilot)
        assert error_text(screen, "note-input") == "✗ 2000 characters at most"
        await pilot.press("ctrl+s")
        assert shown(screen, "#checkin-message") == "Not saved: correct the field marked ✗ first."


async def test_letters_cannot_be_typed_into_a_number_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "x", "-", "5")
        assert form(app).query_one("#pain-both", Input).value == "5"


async def test_an_empty_form_is_not_saved_and_escape_cancels(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "enter")
        assert shown(form(app), "#checkin-message") == NOTHING_TO_SAVE
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("c", "ctrl+s")
        assert shown(form(app), "#checkin-message") == NOTHING_TO_SAVE
        await pilot.click("#checkin-cancel")
        assert isinstance(app.screen, TodayScreen)
    assert app.store.recent(TODAY).checkin_on(TODAY) is None


async def test_the_form_starts_from_what_is_logged_for_the_day(make_app: MakeApp) -> None:
    app = make_app(today=TODAY - timedelta(days=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = form(app)
        values = {field.id: field.value for field in screen.query(Input)}
        assert values == {
            "pain-both": "",
            "pain-left": "3",
            "pain-right": "2",
            "run-minutes": "30",
            "run-pain": "4",
            "note-input": NOTE,
        }
        await settle(pilot)  # laid out, so the click lands on the field, even on a busy machine
        right = screen.query_one("#pain-right", Input)
        await pilot.click("#pain-right")
        await wait_for(pilot, lambda: app.focused is right)
        await pilot.press("end", "backspace", "1")
        await pilot.click("#checkin-save")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
    saved = app.store.recent(TODAY).checkin_on(TODAY - timedelta(days=1))
    assert saved is not None and (saved.pain_left, saved.pain_right, saved.note) == (3, 1, NOTE)


async def test_a_failed_save_says_why_and_keeps_the_form(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()

    def refuse(checkin: CheckIn) -> CheckIn:
        raise OSError("disk full")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.store, "add_checkin", refuse)
        await pilot.press("c", "5", "enter")
        screen = form(app)
        await wait_for(pilot, lambda: not screen.saving)
        assert shown(screen, "#checkin-message") == "Not saved: disk full"
        assert app.screen is screen


async def test_the_finished_view_offers_the_check_in(make_app: MakeApp, clock: ClockLike) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await advance(pilot, clock, 45)
        finished = app.screen
        assert isinstance(finished, FinishedScreen)
        assert shown(finished, "#finished-checkin") == "Press c to log how your feet feel today."
        await pilot.press("c", "2", "enter")
        await wait_for(pilot, lambda: top_screen(app) is finished)
        assert shown(finished, "#finished-checkin") == CHECKIN_SAVED
        await pilot.press("enter")
        await settle(pilot)
        assert checkin_lines(today_screen(app)) == ["Today: morning pain 2"]


async def test_one_bad_record_shows_on_top_and_hides_only_itself(
    make_app: MakeApp, tmp_path: Path
) -> None:
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
        assert problems.startswith(f"⚠ {path}:{line}: check-in 13: pain_left must be")
        assert "3 days in a row" in shown(screen, "#streak")  # the good records still count
        assert checkin_lines(screen)[0].startswith("Yesterday")
        await pilot.press("c", "2", "tab", "2", "enter")  # saving to that year is refused
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
    assert path.read_bytes() == good + bad
