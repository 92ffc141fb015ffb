"""The check-in form: morning foot pain, the run and a note, for one day.

Focus starts on the left foot; Tab goes left foot, right foot, minutes run, pain in the run,
note. "Same for both feet" (ctrl+b, or a click) gives the right foot the left foot's figure
instead of a third pain field; "Running later today" (ctrl+r) marks a planned run. ctrl+s saves
from any field, and Enter moves to the next field or, on the note, saves. Escape with unsaved
changes asks before leaving. Every field is optional and checked as it is typed, so pain 11 or
a note holding a control character is refused beside the field, and nothing is saved until
every field is right; a pain in the run needs minutes run. The day follows the same rule as
everywhere (``checks.day_problem``: from 2000 to today), and a day more than a year before the
log's first record is saved only after a yes (``confirm.FarDayConfirm``).

Keys are taken in the order they arrive (``key_order``), so ``4 Tab 2 Tab 3 0 Tab 1 ctrl+s``
typed in one burst saves left 4, right 2, 30 minutes and run pain 1. The form opens on what is
logged for the day already and saves the whole day's check-in, through
``core.progress.corrections`` in a worker thread, so ``u`` in History or ``freefeet undo`` takes
it back. It closes with the stored :class:`CheckIn`.
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

from freefeet_tui.core.progress import MAX_PAIN, MAX_RUN_MINUTES, CheckIn, RecordError
from freefeet_tui.core.progress.checks import MAX_NOTE_LENGTH, day_problem, run_pain_problem
from freefeet_tui.core.terminal_text import control_problem, visible
from freefeet_tui.core.wording import long_day
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.screens.confirm import FarDayConfirm, first_day_if_far
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal
from freefeet_tui.tui.widgets.plain_input import PlainInput

__all__ = ["RUN_NEEDED", "CheckInForm", "FarDayConfirm", "PlainText"]

FIELDS = ("pain-left", "pain-right", "run-minutes", "run-pain", "note-input")
SHORT_HEIGHT = 30  # below this many rows the fields sit without blank lines between them
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


def number_or_none(text: str) -> int | None:
    """The whole number typed in a field, or ``None`` when it is empty."""
    text = text.strip()
    return int(text) if text else None


def field_row(label: str, *widgets: Input | Checkbox) -> Horizontal:
    """A label, the field and, beside it, the message that says what is wrong with it."""
    field_id = widgets[0].id
    message = Static("", classes="field-error", id=f"{field_id}-error")
    return Horizontal(Static(label, classes="field-label"), *widgets, message, classes="field")


def number_field(field_id: str, validator: Integer, placeholder: str) -> Input:
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


def option(label: str, field_id: str) -> Checkbox:
    """A tick box outside the Tab order (its key or a click toggles it), so Tab only ever
    moves between the five fields."""
    box = Checkbox(label, id=field_id, compact=True)
    box.can_focus = False
    return box


class CheckInForm(OrderedKeys[CheckIn | None], FreefeetModal[CheckIn | None]):
    """Log how the feet feel on ``day`` (the app's today by default)."""

    CSS_PATH = "checkin.tcss"
    HELP_NAME = "Check-in"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", "Save", priority=True, tooltip="Save the check-in", id="checkin.save"
        ),
        Binding(
            "enter",
            "enter",
            "Next · save",
            show=False,
            priority=True,
            tooltip="The next field; on the note, save",
            id="checkin.enter",
        ),
        Binding(
            "ctrl+b",
            "same_feet",
            "Same for both feet",
            tooltip="The right foot takes the left's figure",
            id="checkin.same",
        ),
        Binding(
            "ctrl+r",
            "planned_run",
            "Running later",
            tooltip="A run planned for later today",
            id="checkin.planned",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close (asks if you typed anything)",
            id="checkin.cancel",
        ),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day
        self.saving = False
        self._saved_values: tuple[object, ...] = ()
        self._note: tuple[str, str] | None = None  # the note as shown, and as logged

    @property
    def for_day(self) -> date:
        return self.day if self.day is not None else self.freefeet.today

    def compose(self) -> ComposeResult:
        minutes = Integer(0, MAX_RUN_MINUTES, failure_description=f"must be 0 to {MAX_RUN_MINUTES}")
        note_rule = Length(
            maximum=MAX_NOTE_LENGTH, failure_description=f"{MAX_NOTE_LENGTH} characters at most"
        )
        with Vertical(id="checkin-dialog") as dialog:
            day = self.for_day
            dialog.border_title = f"Check-in · {long_day(day, year=False)}"
            yield Static("Morning pain on first steps, 0 (none) to 10:", id="checkin-intro")
            yield field_row("Left foot", number_field("pain-left", pain_validator(), "0-10"))
            yield field_row(
                "Right foot",
                number_field("pain-right", pain_validator(), "0-10"),
                option("Same for both feet  ^b", "same-feet"),
            )
            yield field_row("Minutes run", number_field("run-minutes", minutes, "min"))
            yield field_row("Pain in the run", number_field("run-pain", pain_validator(), "0-10"))
            note = PlainInput(
                placeholder="anything worth remembering",
                validators=[note_rule, PlainText()],
                valid_empty=True,
                compact=True,
                id="note-input",
            )
            yield field_row("Note", note)
            yield option("Running later today  ^r", "planned-run")
            yield Literal("", id="checkin-message")
            with Horizontal(id="checkin-buttons"):
                for label, button_id, variant in (
                    ("Cancel  esc", "checkin-cancel", "default"),
                    ("Save  ^s", "checkin-save", "primary"),
                ):
                    button = Button(label, id=button_id, variant=variant, compact=True)  # type: ignore[arg-type]
                    button.can_focus = False  # a click presses it; the keys stay in the fields
                    yield button
        yield KeyBar()

    async def on_mount(self) -> None:
        old = self.freefeet.store.recent(self.for_day).checkin_on(self.for_day)
        if old is not None:
            self.fill(old)
        self._saved_values = self.values()
        # Focused now, not later as Widget.focus does: the keys that waited go in next.
        self.set_focus(self.field("pain-left"))
        await self.keys_ready()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def fill(self, checkin: CheckIn) -> None:
        """Start from what is already logged for the day, so the form shows the whole day."""

        def put(field_id: str, value: int | str | None) -> None:
            if value is not None:
                self.query_one(f"#{field_id}", Input).value = str(value)

        put("pain-left", checkin.pain_left)
        put("pain-right", checkin.pain_right)
        put("run-minutes", checkin.run_minutes)
        put("run-pain", checkin.run_pain)
        if checkin.note is not None:
            # A control character in a note would act on the terminal: the field shows it
            # spelled out, and the note is kept as written unless the field is changed.
            self._note = (visible(checkin.note, keep_newlines=True), checkin.note)
            put("note-input", self._note[0])
        self.query_one("#planned-run", Checkbox).value = checkin.planned_run

    def field(self, field_id: str) -> Input:
        return self.query_one(f"#{field_id}", Input)

    @property
    def same_feet(self) -> bool:
        return self.query_one("#same-feet", Checkbox).value

    def values(self) -> tuple[object, ...]:
        """Everything the form holds, to tell whether anything changed."""
        return (
            *(self.field(field_id).value for field_id in FIELDS),
            self.same_feet,
            self.query_one("#planned-run", Checkbox).value,
        )

    # keys and changes ------------------------------------------------------------------------
    def action_enter(self) -> None:
        """Enter saves on the last field (the note) and moves on from any other."""
        if self.focused is self.field(FIELDS[-1]):
            self.action_save()
        else:
            self.focus_next()

    def action_same_feet(self) -> None:
        box = self.query_one("#same-feet", Checkbox)
        box.value = not box.value
        self.follow_left(box.value)  # now, not when the change message comes: the next key
        # (a Tab) must already skip the right foot

    def follow_left(self, same: bool) -> None:
        """With "same for both feet" the right foot shows the left's figure and is out of the
        Tab order; without, it is a field of its own again."""
        right = self.field("pain-right")
        if right.has_focus and same:
            self.set_focus(self.field("pain-left"))
        right.disabled = same
        if same:
            right.value = self.field("pain-left").value

    def action_planned_run(self) -> None:
        box = self.query_one("#planned-run", Checkbox)
        box.value = not box.value

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "same-feet":
            self.follow_left(event.value)  # also for a click on the box
        self.say("")

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input
        result = event.validation_result
        problem = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self.query_one(f"#{field.id}-error", Static).update(f"✗ {problem}" if problem else "")
        if field.id == "pain-left" and self.same_feet:
            self.field("pain-right").value = field.value
        if not self.saving:
            self.say("")

    def on_plain_input_refused(self, event: PlainInput.Refused) -> None:
        field_id = event.field.id
        self.query_one(f"#{field_id}-error", Static).update(
            "✗ left out: it holds a control character"
        )

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
                if not field.disabled:
                    self.set_focus(field)
                self.say(NOT_VALID)
                return None

        def value(field_id: str) -> int | None:
            return number_or_none(self.field(field_id).value)

        typed = self.field("note-input").value
        note = self._note[1] if self._note and typed == self._note[0] else typed.strip() or None
        planned = self.query_one("#planned-run", Checkbox).value
        left = value("pain-left")
        right = left if self.same_feet else value("pain-right")
        minutes, run_pain = value("run-minutes"), value("run-pain")
        nothing = all(v is None for v in (left, right, minutes, run_pain, note))
        if nothing and not planned:
            self.say(NOTHING_TO_SAVE)
            return None
        problem = day_problem(self.for_day, self.freefeet.today)
        if problem is not None:
            self.say(f"Not saved: {problem}.")
            return None
        if run_pain_problem(minutes, run_pain) is not None:
            self.query_one("#run-minutes-error", Static).update(RUN_NEEDED)
            self.set_focus(self.field("run-minutes"))
            self.say(NOT_VALID)
            return None
        try:
            return CheckIn(self.for_day, left, right, minutes, run_pain, planned, note)
        except (RecordError, ValueError) as error:  # the core's own rules, as a last word
            self.say(visible(str(error)))
            return None

    # saving --------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.saving:
            return
        checkin = self.checkin()
        if checkin is None:
            return
        store = self.freefeet.store
        first = first_day_if_far(checkin.day, self.freefeet.today, store.first_day)
        if first is None:
            self.save(checkin)
            return

        def answered(save: bool | None) -> None:
            if save:
                self.save(checkin)
            else:
                self.say("Not saved: check the date.")

        self.app.push_screen(FarDayConfirm(checkin.day, first), answered)

    def save(self, checkin: CheckIn) -> None:
        """Save in a worker thread; the form closes when the store has it."""
        self.saving = True
        self.hold_keys()  # keys typed after ctrl+s go to the screen that comes next
        self.say("Saving…")
        from freefeet_tui.core.progress.corrections import Corrections

        fixes = Corrections(self.freefeet.store)
        self.run_worker(
            lambda: fixes.log_checkin(checkin, merge=False),
            name="save-checkin",
            thread=True,
            exit_on_error=False,
        )

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name != "save-checkin":
            return
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, CheckIn):
            self.dismiss(worker.result)
            self.pass_keys_on()
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.saving = False
            self.say(visible(f"Not saved: {worker.error}"))
            await self.keys_ready()

    def action_cancel(self) -> None:
        """Leave; with unsaved changes, ask first."""
        if self.saving:
            return
        if self.values() == self._saved_values:
            self.dismiss(None)
            self.pass_keys_on()
            return
        from freefeet_tui.tui.screens.confirm import Confirm

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)
                self.pass_keys_on()

        question = Confirm(
            "Unsaved check-in",
            "Leave without saving what you typed?",
            "Leave",
            "Keep editing",
        )
        self.app.push_screen(question, answered)
