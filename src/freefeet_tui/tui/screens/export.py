"""The export form on History: a format, an optional date range and where to save the file.

Dates are checked as they are typed (``YYYY-MM-DD``, or today/yesterday/tomorrow), and a
missing folder is refused beside the path, so nothing starts until the form is right. Reading
the log, rendering (``core.export.render``, as ``freefeet export`` does) and writing run in a
worker thread (``core.export.job``). The file is written with ``write_export``, which never
replaces a file: if the name is taken, :class:`ReplaceConfirm` asks "Replace FILE?" and only
a ``y`` writes over it. The form stays open afterwards and says what was written where.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Select, Static
from textual.worker import Worker, WorkerState

from freefeet_tui.core.export.job import (
    ExportOutcome,
    ExportRequest,
    default_name,
    destination,
    export_file,
    field_day,
    write_outcome,
)
from freefeet_tui.core.export.render import PLAN_DAYS, ExportRangeError, years_to_read
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import DayError
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal
from freefeet_tui.tui.widgets.plain_input import PlainInput

FORMAT_CHOICES = (
    ("CSV · spreadsheets", "csv"),
    ("JSON · programs, with a schema", "json"),
    ("Report · for a physio or coach (md)", "md"),
    ("Report with charts · to print (html)", "html"),
    ("Calendar plan (ics)", "ics"),
    ("Loop Habit Tracker (habitbull csv)", "habitbull"),
)
RANGE_HINTS = {
    "ics": f"Empty: the plan for the next {PLAN_DAYS} days, from today.",
    "md": "Empty: a report on all of your log, up to today.",
    "html": "Empty: a report on all of your log, up to today.",
}
ALL_OF_IT = "Empty: all of your log."
SHORT_HEIGHT = 26  # below this many rows the fields sit without blank lines between them
NOT_VALID = "Not exported: correct the field marked ✗ first."


class DayValidator(Validator):
    """Checks a date field as it is typed, with :func:`field_day`."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def validate(self, value: str) -> ValidationResult:
        try:
            field_day(value, self.today)
        except DayError as error:
            return self.failure(str(error))
        return self.success()


class ReplaceConfirm(OrderedKeys[bool], FreefeetModal[bool]):
    """Asks "Replace FILE?": ``y`` replaces, ``n`` or Escape keeps the file. Enter presses the
    focused button, which starts on "Keep it", so a stray Enter replaces nothing."""

    CSS_PATH = "export.tcss"
    HELP_NAME = "Replace the file?"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "y", "answer(True)", "Replace", tooltip="Write over the file", id="replace_confirm.yes"
        ),
        Binding(
            "n,escape",
            "answer(False)",
            "Keep it",
            tooltip="Leave the file as it is",
            id="replace_confirm.no",
        ),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="replace-dialog") as dialog:
            dialog.border_title = "The file exists"
            yield Literal(f"Replace {self.path}?", id="replace-question")
            yield Static("Its content is lost if you replace it.", id="replace-warning")
            with Horizontal(id="replace-buttons"):
                yield Button("Replace  y", id="replace-yes", variant="error", compact=True)
                yield Button("Keep it  n", id="replace-no", variant="primary", compact=True)
        yield KeyBar()

    async def on_mount(self) -> None:
        self.set_focus(self.query_one("#replace-no", Button))
        await self.keys_ready()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "replace-yes")

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)
        self.pass_keys_on()


def field_row(label: str, *widgets: Input | Select[str] | Static) -> Horizontal:
    return Horizontal(Static(label, classes="field-label"), *widgets, classes="field")


class ExportForm(OrderedKeys[None], FreefeetModal[None]):
    """Export the log to a file: format, dates (optional) and path; Escape closes.

    Keys are taken in the order they arrive (``key_order``), so a date, a Tab and a path
    typed in one burst each land in their own field; Enter in a field exports at once,
    with what the fields hold at that key."""

    CSS_PATH = "export.tcss"
    HELP_NAME = "Export"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", tooltip="Write the file", id="export.save"),
        Binding(
            "enter",
            "submit_form",
            "Export",
            show=False,
            priority=True,
            tooltip="In a field: write the file",
            id="export.enter",
        ),
        Binding("escape", "close", "Close", tooltip="Close the form", id="export.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.last_written: Path | None = None
        self._default_path = ""

    def compose(self) -> ComposeResult:
        today = self.freefeet.today

        def day_input(field_id: str) -> Input:
            return PlainInput(
                placeholder="YYYY-MM-DD",
                max_length=10,
                validators=DayValidator(today),
                valid_empty=True,
                compact=True,
                id=field_id,
                classes="day",
            )

        def error(field_id: str) -> Literal:
            return Literal("", classes="field-error", id=f"{field_id}-error")

        self._default_path = f"~/{default_name('csv', today)}"
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export your log"
            yield field_row(
                "Format",
                Select(FORMAT_CHOICES, value="csv", allow_blank=False, compact=True, id="format"),
            )
            yield field_row("From", day_input("from-day"), error("from-day"))
            yield field_row("To", day_input("to-day"), error("to-day"))
            yield Static(ALL_OF_IT, id="range-hint")
            yield field_row("Save to", PlainInput(self._default_path, compact=True, id="path"))
            yield Literal("", classes="field-error", id="path-error")
            yield Literal("", id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Close  esc", id="export-close", compact=True)
                yield Button("Export  enter", id="export-go", variant="primary", compact=True)
        yield KeyBar()

    async def on_mount(self) -> None:
        self.set_focus(self.query_one("#format", Select))  # now: keys may be waiting
        await self.keys_ready()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter exports from a text field; on the format list it opens or picks as usual."""
        if action == "submit_form":
            return isinstance(self.focused, Input)
        return True

    def action_submit_form(self) -> None:
        self.action_export()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    @property
    def fmt(self) -> str:
        value = self.query_one("#format", Select).value
        return value if isinstance(value, str) else "csv"

    def say(self, message: str, done: bool = False) -> None:
        line = self.query_one("#export-message", Literal)
        line.update(message)
        line.set_class(done, "-done")

    # reacting as the runner fills the form -----------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        fmt = self.fmt
        self.query_one("#range-hint", Static).update(RANGE_HINTS.get(fmt, ALL_OF_IT))
        path = self.query_one("#path", Input)
        new_default = f"~/{default_name(fmt, self.freefeet.today)}"
        if path.value == self._default_path:  # untouched: follow the format
            path.value = new_default
        self._default_path = new_default

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input
        result = event.validation_result
        problem = "" if result is None or result.is_valid else result.failure_descriptions[0]
        if field.id in ("from-day", "to-day"):
            self.query_one(f"#{field.id}-error", Static).update(f"✗ {problem}" if problem else "")
        elif field.id == "path":
            self.query_one("#path-error", Static).update("")
        if not self.busy:
            self.say("")

    def on_plain_input_refused(self, event: PlainInput.Refused) -> None:
        """A pasted control character is left out of a field, and said beside it."""
        self.query_one(f"#{event.field.id}-error", Static).update(
            "✗ left out: it holds a control character"
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.action_export()
        else:
            self.action_close()

    def read_form(self) -> ExportRequest | None:
        """The export the form describes, or ``None`` after saying, in place, what stops it."""
        today = self.freefeet.today
        days: list[date | None] = []
        for field_id in ("from-day", "to-day"):
            field = self.query_one(f"#{field_id}", Input)
            try:
                days.append(field_day(field.value, today))
            except DayError as error:
                self.query_one(f"#{field_id}-error", Static).update(f"✗ {error}")
                self.set_focus(field)
                self.say(NOT_VALID)
                return None
        start, end = days
        fmt = self.fmt
        try:
            years_to_read(fmt, start, end, today)
        except ExportRangeError as error:
            self.set_focus(self.query_one("#to-day", Input))
            self.say(f"Not exported: {str(error).replace('--from', 'From').replace('--to', 'to')}")
            return None
        path_field = self.query_one("#path", Input)
        try:
            path = destination(path_field.value, fmt, today)
        except ValueError as error:
            self.query_one("#path-error", Static).update(f"✗ {error}")
            self.set_focus(path_field)
            self.say(NOT_VALID)
            return None
        return ExportRequest(fmt, start, end, path)

    # exporting, in a worker thread -------------------------------------------------------
    def action_export(self) -> None:
        if self.busy:
            return
        request = self.read_form()
        if request is None:
            return
        app = self.freefeet
        store, library, program, today = app.store, app.library, app.program, app.today
        reminder = app.settings.reminder
        self.start_work(lambda: export_file(request, store, library, program, today, reminder))

    def start_work(self, job: Callable[[], ExportOutcome]) -> None:
        self.busy = True
        self.hold_keys()  # keys typed meanwhile wait: for the question that may come, or here
        self.say("Exporting…")
        self.run_worker(job, name="export", thread=True, exit_on_error=False)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name != "export":
            return
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, ExportOutcome):
            self.busy = False
            self.finished(worker.result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.busy = False
            self.say(f"Not exported: {worker.error}")
        if not self.busy and self.app.screen is self:
            await self.keys_ready()

    def finished(self, outcome: ExportOutcome) -> None:
        path = outcome.request.path
        if outcome.problem is not None:
            self.say(f"Not exported: {outcome.problem}")
        elif outcome.written and outcome.exported is not None:
            self.last_written = path
            self.say(f"✓ Wrote {outcome.exported.summary} to {path}", done=True)
            self.notify(visible(f"Wrote {path}"), title="Exported", markup=False)
        elif outcome.exported is not None:
            self.say(f"{path} exists: replace it?")
            exported = outcome.exported

            def answered(replace: bool | None) -> None:
                if replace:
                    self.start_work(lambda: write_outcome(outcome.request, exported, force=True))
                    return
                self.say(f"Not replaced: {path} is unchanged. Choose another name.")
                self.set_focus(self.query_one("#path", Input))
                self.call_later(self.keys_ready)

            self.app.push_screen(ReplaceConfirm(path), answered)
            self.pass_keys_on()  # a "y" typed with the Enter answers the question

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(None)
            self.pass_keys_on()
