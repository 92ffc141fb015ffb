"""freefeet's commands in the command palette (ctrl+p): start any lesson by name, check in,
history, export, lessons, theme, help and quit.

Textual loads this module the first time the palette opens (``FreefeetApp.COMMANDS`` holds a
function that imports it), so it costs nothing before then. What is offered depends on the
screen the palette was opened on: from the player and from dialogs only what cannot lose the
lesson or the form (help, theme, the screen's own commands); elsewhere also the places to go.
Lesson titles come from files: they are matched and shown as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import length_text
from freefeet_tui.tui.screens.base import FreefeetModal, FreefeetScreen

if TYPE_CHECKING:
    from textual.fuzzy import Matcher
    from textual.screen import Screen

    from freefeet_tui.core.lesson import Lesson
    from freefeet_tui.tui.services import FreefeetServices

ID_MATCH_WEIGHT = 0.9
"""A lesson found by its id ranks just below one found by its title."""


class Entry(NamedTuple):
    """One command: its title (matched and shown), a help line, what it does, and other text
    it may be found by (a lesson's id)."""

    title: str
    help: str
    run: Callable[[], object]
    also: str = ""


class FreefeetCommands(Provider):
    """The palette's commands for the screen it was opened on."""

    @property
    def freefeet(self) -> FreefeetServices:
        return cast("FreefeetServices", self.app)

    def entries(self) -> Iterator[Entry]:
        """Places to go (where it is safe to leave), lessons to start, then help, theme, quit."""
        screen = self.screen
        own = screen if isinstance(screen, FreefeetScreen | FreefeetModal) else None
        if own is not None:
            for command in own.palette_commands():
                yield Entry(command.title, command.help, command.run)
        navigates = own is not None and own.NAVIGATES
        if navigates:
            yield from self.places()
            for lesson in self.freefeet.library:
                yield lesson_entry(lesson, self.freefeet.start_lesson)
        yield Entry("Help", "The keys of this screen", self.freefeet.action_show_keys)
        yield Entry(
            "Theme",
            "Change the colours for now; [ui] theme in config.toml keeps one",
            self.app.action_change_theme,
        )
        if navigates:  # not from a lesson or a form: they have their own way out
            yield Entry("Quit freefeet", "Close the app", self.app.exit)

    def places(self) -> Iterator[Entry]:
        """The main places of the app, each opened over the current screen."""
        yield Entry("Check in", "Log how your feet feel today", self.check_in)
        yield Entry("Plan", "The next two weeks, a line a day", self.plan)
        yield Entry("History", "Calendar, pain trend and every record", self.history)
        yield Entry("Export", "Save your log as CSV, JSON, a report or a calendar", self.export)
        yield Entry("Lessons", "Every lesson, with its details", self.lessons)
        if self.screen is not self.app.screen_stack[0]:
            yield Entry("Today", "Back to what is due today", self.today)

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(Content(visible(entry.title)), entry.run, help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            by_id = matcher.match(entry.also) * ID_MATCH_WEIGHT if entry.also else 0.0
            if max(score, by_id) > 0:
                shown = highlighted(matcher, entry.title) if score >= by_id else entry.title
                yield Hit(
                    max(score, by_id),
                    shown if isinstance(shown, Content) else Content(visible(shown)),
                    entry.run,
                    text=entry.title,
                    help=escape(entry.help),
                )

    # places -----------------------------------------------------------------------------
    def check_in(self) -> None:
        from freefeet_tui.tui.screens.checkin import CheckInForm

        self.app.push_screen(CheckInForm())

    def export(self) -> None:
        from freefeet_tui.tui.screens.export import ExportForm

        self.app.push_screen(ExportForm())

    def history(self) -> None:
        from freefeet_tui.tui.screens.history import HistoryScreen

        self.go_to(HistoryScreen, HistoryScreen)

    def plan(self) -> None:
        from freefeet_tui.tui.screens.plan import PlanScreen

        self.go_to(PlanScreen, PlanScreen)

    def lessons(self) -> None:
        from freefeet_tui.tui.screens.lessons import LessonsFromToday, LessonsScreen

        self.go_to(LessonsScreen, LessonsFromToday)

    def today(self) -> None:
        while len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def go_to(self, kind: type[Screen[None]], make: Callable[[], Screen[None]]) -> None:
        """Back to the screen of ``kind`` if it is open below, else a new one on top."""
        stack = self.app.screen_stack
        if not any(isinstance(screen, kind) for screen in stack):
            self.app.push_screen(make())
            return
        while not isinstance(self.app.screen, kind):
            self.app.pop_screen()


def lesson_entry(lesson: Lesson, start: Callable[[Lesson], None]) -> Entry:
    """``Start: TITLE``, found by its title or its id, with its length and id under it."""
    return Entry(
        f"Start: {lesson.title}",
        f"{length_text(lesson.total_seconds)} · {lesson.id}",
        lambda: start(lesson),
        also=lesson.id,
    )


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as plain text with the matched letters marked (``Matcher.highlight`` would
    read a lesson title as markup)."""
    content = Content(visible(text))
    if content.plain != text:  # control characters shown spelled out: offsets no longer fit
        return content
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
