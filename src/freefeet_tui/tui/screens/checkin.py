"""The quick check-in form: morning foot pain, the run and a note, for one day.

Every field is optional and checked as it is typed (Input validators), so pain 11 or a note
holding a control character is refused in place with a message beside the field, and nothing
is saved until every field is valid; a pain in the run needs minutes run. "Both feet" fills in
left and right at once. Enter or ctrl+s saves, Escape cancels. The day follows the same rule
as everywhere (``checks.day_problem``: from 2000 to today), and a day more than a year before
the log's first record is saved only after a confirmation (:class:`FarDayConfirm`). Saving
runs in a worker thread (the store locks and fsyncs), never in the UI loop; the form closes
with the stored :class:`CheckIn`, merged with what was already logged that day.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.validation import Integer, Length, ValidationResult, Validator
from textual.widgets import Button, Checkbox, Input, Static
from textual.worker import Worker, WorkerState

from freefeet_tui.core.progress import (
    MAX_PAIN,
    MAX_RUN_MINUTES,
    CheckIn,
    ProgressError,
    RecordError,
)
from freefeet_tui.core.progress.checks import (
    FAR_BEFORE,
    MAX_NOTE_LENGTH,
    day_problem,
    far_before,
    run_pain_problem,
)
from freefeet_tui.core.terminal_text import control_problem, visible
from freefeet_tui.core.wording import long_day
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal
from freefeet_tui.tui.widgets.plain_input import PlainInput

PAIN_FIELDS = ("pain-both", "pain-left", "pain-right", "run-pain")
SHORT_HEIGHT = 34  # below this many rows the fields sit without blank lines between them
NOT_VALID = "Not saved: correct the field marked ✗ first."
NOTHING_TO_SAVE = "Nothing to save yet: fill in a figure or a note."
RUN_NEEDED = "✗ needed for pain in the run"


def pain_validator() -> Integer:
    return Integer(0, MAX_PAIN, failure_description=f"must be 0 to {MAX_PAIN}")


class PlainText(Validator):
    """Refuses text holding a control character (what a paste can bring in)."""

    def validate(self, value: str) -> ValidationResult:
        problem = control_problem(value)
        return self.success() if problem is None else self.failure(problem)


class FarDayConfirm(FreefeetModal[bool]):
    """Asks before saving a check-in for a day more than a year before the log's first record:
    ``y`` saves, ``n`` or Escape goes back to the form. "Go back" has the focus, so a stray
    Enter saves nothing."""

    DEFAULT_CSS = """
    FarDayConfirm { align: center middle; }
    #far-dialog { width: 60; max-width: 100%; height: auto; border: round $warning;
        padding: 0 1; background: $surface; }
    #far-buttons { height: auto; align-horizontal: right; }
    #far-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Save it", tooltip="Save the check-in", id="far_day.yes"),
        Binding(
            "n,escape", "answer(False)", "Go back", tooltip="Back to the form", id="far_day.no"
        ),
    ]

    def __init__(self, day: date, first: date) -> None:
        super().__init__()
        self.day = day
        self.first = first

    def compose(self) -> ComposeResult:
        with Vertical(id="far-dialog") as dialog:
            dialog.border_title = "Check the date"
            yield Static(
                f"{self.day:%A} {self.day.day} {self.day:%B %Y} is more than a year before "
                f"your log's first record ({self.first.isoformat()}). Save it anyway?",
                id="far-question",
            )
            with Horizontal(id="far-buttons"):
                yield Button("Save it  y", id="far-yes", variant="warning", compact=True)
                yield Button("Go back  n", id="far-no", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#far-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "far-yes")

    def action_answer(self, save: bool) -> None:
        self.dismiss(save)


def number_or_none(text: str) -> int | None:
    """The whole number typed in a field, or ``None`` when it is empty."""
    text = text.strip()
    return int(text) if text else None


def field_row(label: str, field: Input) -> Horizontal:
    """A label, the input and, beside it, the message that says what is wrong with it."""
    message = Static("", classes="field-error", id=f"{field.id}-error")
    return Horizontal(Static(label, classes="field-label"), field, message, classes="field")


class CheckInForm(FreefeetModal[CheckIn | None]):
    """Log how the feet feel on ``day`` (the app's today by default)."""

    CSS_PATH = "checkin.tcss"
    HELP_NAME = "Check-in"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the check-in", id="checkin.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="checkin.cancel"),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day
        self.saving = False
        self.old: CheckIn | None = None
        """What the day already holds: the form starts from it, and saving merges into it."""
        self._shown_note: str | None = None  # the old note as the field shows it

    @property
    def for_day(self) -> date:
        return self.day if self.day is not None else self.freefeet.today

    def compose(self) -> ComposeResult:
        def number(field_id: str, validator: Integer, placeholder: str) -> Input:
            return Input(
                placeholder=placeholder,
                restrict=r"[0-9 ]*",
                max_length=4,
                validators=validator,
                valid_empty=True,
                compact=True,
                id=field_id,
                classes="number",
            )

        minutes = Integer(0, MAX_RUN_MINUTES, failure_description=f"must be 0 to {MAX_RUN_MINUTES}")
        note_rule = Length(
            maximum=MAX_NOTE_LENGTH, failure_description=f"{MAX_NOTE_LENGTH} characters at most"
        )
        with Vertical(id="checkin-dialog") as dialog:
            day = self.for_day
            dialog.border_title = f"Check-in · {long_day(day, year=False)}"
            yield Static("Morning pain on first steps, 0 (none) to 10:", id="checkin-intro")
            yield field_row("Both feet", number("pain-both", pain_validator(), "0-10"))
            yield field_row("Left foot", number("pain-left", pain_validator(), "0-10"))
            yield field_row("Right foot", number("pain-right", pain_validator(), "0-10"))
            yield field_row("Minutes run", number("run-minutes", minutes, "min"))
            yield field_row("Pain in the run", number("run-pain", pain_validator(), "0-10"))
            yield Checkbox("Running later today", id="planned-run", compact=True)
            yield field_row(
                "Note",
                PlainInput(
                    placeholder="anything worth remembering",
                    validators=[note_rule, PlainText()],
                    valid_empty=True,
                    compact=True,
                    id="note-input",
                ),
            )
            yield Literal("", id="checkin-message")
            with Horizontal(id="checkin-buttons"):
                yield Button("Cancel  esc", id="checkin-cancel", compact=True)
                yield Button("Save  enter", id="checkin-save", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        old = self.freefeet.store.recent(self.for_day).checkin_on(self.for_day)
        self.old = old
        if old is not None:
            self.fill(old)
        self.query_one("#pain-both", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def fill(self, checkin: CheckIn) -> None:
        """Start from what is already logged for the day, so the form shows the whole day."""

        def put(field_id: str, value: int | str | None) -> None:
            if value is not None:
                self.query_one(f"#{field_id}", Input).value = str(value)

        if checkin.pain_left is not None and checkin.pain_left == checkin.pain_right:
            put("pain-both", checkin.pain_left)
        put("pain-left", checkin.pain_left)
        put("pain-right", checkin.pain_right)
        put("run-minutes", checkin.run_minutes)
        put("run-pain", checkin.run_pain)
        if checkin.note is not None:  # shown, never obeyed: control characters spelled out
            self._shown_note = visible(checkin.note, keep_newlines=True)
            put("note-input", self._shown_note)
        self.query_one("#planned-run", Checkbox).value = checkin.planned_run

    # checking as the runner types ---------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input
        result = event.validation_result
        problem = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self.query_one(f"#{field.id}-error", Static).update(f"✗ {problem}" if problem else "")
        typed = event.value.strip()  # the value this event is about; the field may be ahead
        if field.id == "pain-both" and not problem and typed:
            for side in ("pain-left", "pain-right"):
                self.query_one(f"#{side}", Input).value = typed
        self.query_one("#checkin-message", Literal).update("")

    def on_plain_input_refused(self, event: PlainInput.Refused) -> None:
        field_id = event.field.id
        self.query_one(f"#{field_id}-error", Static).update(
            "✗ left out: it holds a control character"
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "checkin-save":
            self.action_save()
        else:
            self.action_cancel()

    def say(self, message: str) -> None:
        self.query_one("#checkin-message", Literal).update(message)

    def checkin(self) -> CheckIn | None:
        """The check-in the form describes, or ``None`` after saying what stops it."""
        for field in self.query(Input):
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                field.focus()
                self.say(NOT_VALID)
                return None

        def value(field_id: str) -> int | None:
            return number_or_none(self.query_one(f"#{field_id}", Input).value)

        typed_note = self.query_one("#note-input", Input).value
        if self.old is not None and typed_note == self._shown_note:
            note = self.old.note  # shown and left alone: the stored note, exactly as it is
        else:
            note = typed_note.strip() or None
        planned = self.query_one("#planned-run", Checkbox).value
        left, right = value("pain-left"), value("pain-right")
        minutes, run_pain = value("run-minutes"), value("run-pain")
        figures = (left, right, minutes, run_pain)
        if all(v is None for v in figures) and note is None and not planned:
            self.say(NOTHING_TO_SAVE)
            return None
        problem = day_problem(self.for_day, self.freefeet.today)
        if problem is not None:
            self.say(f"Not saved: {problem}.")
            return None
        try:
            checkin = CheckIn(self.for_day, left, right, minutes, run_pain, planned, note)
        except (RecordError, ValueError) as error:  # the core's own rules, as a last word
            self.say(visible(str(error)))
            return None
        day = checkin if self.old is None else self.old.merged_with(checkin)
        if run_pain_problem(day.run_minutes, day.run_pain) is not None:
            self.query_one("#run-minutes-error", Static).update(RUN_NEEDED)
            self.query_one("#run-minutes", Input).focus()
            self.say(NOT_VALID)
            return None
        return checkin

    # saving --------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.saving:
            return
        checkin = self.checkin()
        if checkin is None:
            return
        first = self.first_day_if_far(checkin.day)
        if first is not None:

            def answered(save: bool | None) -> None:
                if save:
                    self.save(checkin)
                else:
                    self.say("Not saved: check the date.")

            self.app.push_screen(FarDayConfirm(checkin.day, first), answered)
            return
        self.save(checkin)

    def first_day_if_far(self, day: date) -> date | None:
        """The log's first day when ``day`` is more than a year before it, else ``None``
        (only a day over a year back can be, so only then is the oldest year read)."""
        if day >= self.freefeet.today - FAR_BEFORE:
            return None
        try:
            first = self.freefeet.store.first_day()
        except ProgressError:
            return None  # the save itself says what is wrong with the log
        return first if far_before(day, first) else None

    def save(self, checkin: CheckIn) -> None:
        """Save in a worker thread; the form closes when the store has it."""
        self.saving = True
        self.say("Saving…")
        store = self.freefeet.store
        self.run_worker(
            lambda: store.add_checkin(checkin),
            name="save-checkin",
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name != "save-checkin":
            return
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, CheckIn):
            self.dismiss(worker.result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.saving = False
            self.say(visible(f"Not saved: {worker.error}"))

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
