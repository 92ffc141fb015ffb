"""The first screen of ``freefeet``: every lesson with its length and when to do it.

Enter opens a lesson's details, ``s`` starts the highlighted lesson at once, ``q`` quits.
A line says how many lesson files were skipped (``freefeet doctor`` tells why), and the
safety line stays at the bottom.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from freefeet_tui.core.lesson import SAFETY_LINE, Lesson
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import first_sentence, length_text, plural
from freefeet_tui.tui.screens.base import FreefeetScreen
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.lesson_text import origin_marker
from freefeet_tui.tui.widgets.literal import Literal

SHORT_HEIGHT = 24  # below this many rows the "about" box is hidden
NO_LESSONS = "No lessons found. Add lesson files to your lessons folder (freefeet doctor shows it)."


def problems_text(count: int) -> str:
    """One line about skipped lesson files, or an empty string when there are none."""
    if not count:
        return ""
    return f"⚠ {plural(count, 'lesson file')} skipped: run freefeet doctor to see why."


def lesson_prompt(lesson: Lesson, builtin_ids: frozenset[str]) -> Content:
    """Two lines for the list: the title (and whose it is), then length and when, all literal."""
    marker = origin_marker(lesson, builtin_ids)
    first = Content.assemble(
        (visible(lesson.title), "bold"), ("  · " + marker, "italic") if marker else ""
    )
    when = visible(first_sentence(lesson.when))
    second = Content.assemble((f"{length_text(lesson.total_seconds)} · {when}", "dim"))
    return Content("\n").join([first, second])


def about_text(lesson: Lesson) -> str:
    return lesson.summary


class LessonList(OptionList):
    """The lessons as a list; Enter opens the highlighted lesson's details."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Details",
            tooltip="What the lesson is for, its steps",
            id="lessons.details",
        ),
        Binding("up", "cursor_up", "Move", show=False, id="lessons.up"),
        Binding("down", "cursor_down", "Move", show=False, id="lessons.down"),
    ]


class LessonsScreen(FreefeetScreen[None]):
    """Choose a lesson: see its details or start it straight away."""

    CSS_PATH = "lessons.tcss"  # parsed when the screen first opens, not at start-up
    HELP_NAME = "Lessons"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start", tooltip="Play the highlighted lesson", id="lessons.start"),
        Binding("q", "quit_app", "Quit", tooltip="Close freefeet", id="lessons.quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.freefeet
        lessons = list(app.library)
        yield AppHeader()
        with Vertical(id="lessons-body"):
            options: list[Option | None] = []
            for lesson in lessons:
                if options:
                    options.append(None)  # a separator line between lessons
                options.append(Option(lesson_prompt(lesson, app.builtin_ids), id=lesson.id))
            if not options:
                options.append(Option(NO_LESSONS, disabled=True))
            lesson_list = LessonList(*options, id="lesson-list")
            lesson_list.border_title = "Lessons"
            yield lesson_list
            about = Literal(
                about_text(lessons[0]) if lessons else "",
                id="about",
                classes="" if lessons else "-hidden",
            )
            about.border_title = "About this lesson"
            yield about
            problems = problems_text(len(app.library.problems))
            yield Literal(problems, id="problems", classes="" if problems else "-hidden")
            yield Literal(SAFETY_LINE, id="safety")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Lessons"
        self.query_one(LessonList).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def highlighted_lesson(self) -> Lesson | None:
        """The lesson under the cursor, if there is one."""
        option_list = self.query_one(LessonList)
        index = option_list.highlighted
        if index is None:
            return None
        option_id = option_list.get_option_at_index(index).id
        return self.freefeet.library.get(option_id) if option_id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        lesson = self.highlighted_lesson()
        if lesson is not None:
            self.query_one("#about", Literal).update(about_text(lesson))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from freefeet_tui.tui.screens.detail import LessonDetailScreen

        lesson = self.highlighted_lesson()
        if lesson is not None:
            self.app.push_screen(LessonDetailScreen(lesson))

    def action_start(self) -> None:
        lesson = self.highlighted_lesson()
        if lesson is not None:
            self.freefeet.start_lesson(lesson)

    def action_quit_app(self) -> None:
        self.app.exit()


class LessonsFromToday(LessonsScreen):
    """The lessons list opened from Today: the same screen, and Escape goes back to Today."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Today", tooltip="Back to Today", id="lessons.today"),
    ]

    def action_back(self) -> None:
        self.app.pop_screen()
