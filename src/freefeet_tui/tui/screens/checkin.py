"""The quick check-in form: morning foot pain, the run and a note, for one day.

Every field is optional and checked as it is typed (Input validators), so pain 11 is refused
in place with a message beside the field, and nothing is saved until every field is valid.
"Both feet" fills in left and right at once. Enter or ctrl+s saves, Escape cancels. Saving
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
from textual.validation import Integer, Length
from textual.widgets import Button, Checkbox, Input, Static
from textual.worker import Worker, WorkerState

from freefeet_tui.core.progress import MAX_PAIN, MAX_RUN_MINUTES, CheckIn, RecordError
from freefeet_tui.core.progress.checks import MAX_NOTE_LENGTH
from freefeet_tui.core.wording import long_day
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal

PAIN_FIELDS = ("pain-both", "pain-left", "pain-right", "run-pain")
SHORT_HEIGHT = 34  # below this many rows the fields sit without blank lines between them
NOT_VALID = "Not saved: correct the field marked ✗ first."
NOTHING_TO_SAVE = "Nothing to save yet: fill in a figure or a note."


def pain_validator() -> Integer:
    return Integer(0, MAX_PAIN, failure_description=f"must be 0 to {MAX_PAIN}")


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
                Input(
                    placeholder="anything worth remembering",
                    validators=note_rule,
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
        put("note-input", checkin.note)
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

        note = self.query_one("#note-input", Input).value.strip() or None
        planned = self.query_one("#planned-run", Checkbox).value
        left, right = value("pain-left"), value("pain-right")
        minutes, run_pain = value("run-minutes"), value("run-pain")
        figures = (left, right, minutes, run_pain)
        if all(v is None for v in figures) and note is None and not planned:
            self.say(NOTHING_TO_SAVE)
            return None
        try:
            return CheckIn(self.for_day, left, right, minutes, run_pain, planned, note)
        except (RecordError, ValueError) as error:  # the core's own rules, as a last word
            self.say(str(error))
            return None

    # saving --------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.saving:
            return
        checkin = self.checkin()
        if checkin is None:
            return
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
            self.say(f"Not saved: {worker.error}")

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
