"""Small forms for History: which day to check in for, and a skipped day (new or edited).

Dates are typed as ``YYYY-MM-DD`` or today, yesterday, under the rule every form and command
keeps (``checks.day_problem``: from 2000 to today); a day off more than a year before the log's
first record is saved only after a yes (``confirm.FarDayConfirm``), as a check-in is. A reason
holding a control character is refused (a paste can bring one). Both forms take their keys in
order (``key_order``) and save nothing themselves: they close with what was typed, and History
makes the change through the undo journal.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from freefeet_tui.core.progress import Skip
from freefeet_tui.core.progress.checks import MAX_REASON_LENGTH, day_problem
from freefeet_tui.core.terminal_text import control_problem, visible
from freefeet_tui.core.wording import parse_day
from freefeet_tui.tui.key_order import OrderedKeys
from freefeet_tui.tui.screens.base import FreefeetModal
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal
from freefeet_tui.tui.widgets.plain_input import PlainInput


def past_day(text: str, today: date) -> date:
    """A typed day, today or before, read by the one date parser (``wording.parse_day``);
    ``ValueError`` with a message for the runner."""
    if not text.strip():
        raise ValueError("type a date, e.g. yesterday or 2026-11-20")
    day = parse_day(text, today, future=False)
    problem = day_problem(day, today)
    if problem is not None:
        raise ValueError(problem)
    return day


class _DayForm(OrderedKeys[object], FreefeetModal[object]):
    """A dialog of labelled fields; Enter on the last field (or ctrl+s) saves, Escape leaves."""

    CSS_PATH = "record_forms.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save", id="day_form.save"),
        Binding(
            "enter",
            "enter",
            "Next · save",
            show=False,
            priority=True,
            tooltip="The next field; on the last, save",
            id="day_form.enter",
        ),
        Binding("escape", "leave", "Cancel", tooltip="Close without saving", id="day_form.cancel"),
    ]

    title_text = ""
    fields: tuple[tuple[str, str, str], ...] = ()  # (id, label, placeholder)

    def start_values(self) -> dict[str, str]:
        return {}

    def compose(self) -> ComposeResult:
        values = self.start_values()
        with Vertical(id="day-form") as dialog:
            dialog.border_title = self.title_text
            for field_id, label, placeholder in self.fields:
                shown = visible(values.get(field_id, ""))  # a stored reason, spelled out
                field = PlainInput(shown, placeholder=placeholder, compact=True, id=field_id)
                yield Horizontal(Static(label, classes="field-label"), field, classes="field")
            yield Literal("", id="day-form-message")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#{self.fields[0][0]}", Input))
        await self.keys_ready()

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def say(self, message: str) -> None:
        self.query_one("#day-form-message", Literal).update(message)

    def on_plain_input_refused(self, event: PlainInput.Refused) -> None:
        self.say("✗ Left out: it holds a control character; type it as plain text.")

    def action_enter(self) -> None:
        last = self.query_one(f"#{self.fields[-1][0]}", Input)
        if self.focused is last:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_leave(self) -> None:
        self.dismiss(None)
        self.pass_keys_on()

    def close_with(self, result: object) -> None:
        self.dismiss(result)
        self.pass_keys_on()


class DayPrompt(_DayForm):
    """Which day to check in for; closes with the date (the check-in form comes next)."""

    title_text = "Check in for another day"
    fields = (("day", "Day", "YYYY-MM-DD or yesterday"),)

    def start_values(self) -> dict[str, str]:
        return {"day": "yesterday"}

    def action_save(self) -> None:
        try:
            day = past_day(self.value("day"), self.freefeet.today)
        except ValueError as error:
            self.say(f"✗ {error}")
            return
        self.close_with(day)


class SkipForm(_DayForm):
    """A day off and why; with ``skip`` it edits that one. Closes with the new :class:`Skip`."""

    fields = (
        ("day", "Day", "YYYY-MM-DD or yesterday"),
        ("reason", "Why", "flare-up, travel, ill, ..."),
    )

    def __init__(self, skip: Skip | None = None) -> None:
        super().__init__()
        self.skip = skip
        self.title_text = "Change the skipped day" if skip else "Mark a day off"

    def start_values(self) -> dict[str, str]:
        if self.skip is None:
            return {"day": "yesterday"}
        return {"day": self.skip.day.isoformat(), "reason": self.skip.reason}

    def action_save(self) -> None:
        try:
            day = past_day(self.value("day"), self.freefeet.today)
        except ValueError as error:
            self.say(f"✗ Day: {error}")
            return
        typed = self.value("reason")
        unchanged = self.skip is not None and typed == visible(self.skip.reason)
        reason = self.skip.reason if self.skip is not None and unchanged else typed.strip()
        if not reason:
            self.say("✗ Why: say why in a word or two, e.g. travel")
            return
        if len(reason) > MAX_REASON_LENGTH:
            self.say(f"✗ Why: {MAX_REASON_LENGTH} characters at most")
            return
        problem = None if unchanged else control_problem(reason, allow_newlines=False)
        if problem is not None:
            self.say(f"✗ Why: {problem}")
            return
        try:
            skip = Skip(day, reason, self.skip.id if self.skip else "")
        except ValueError as error:
            self.say(visible(f"✗ {error}"))
            return
        self.close_after_asking(skip)

    def close_after_asking(self, skip: Skip) -> None:
        """Close with ``skip``; a day over a year before the log's first record asks first."""
        from freefeet_tui.tui.screens.confirm import FarDayConfirm, first_day_if_far

        store = self.freefeet.store
        first = first_day_if_far(skip.day, self.freefeet.today, store.first_day)
        if first is None or (self.skip is not None and self.skip.day == skip.day):
            self.close_with(skip)
            return

        def answered(save: bool | None) -> None:
            if save:
                self.close_with(skip)
            else:
                self.say("Not saved: check the date.")

        self.app.push_screen(FarDayConfirm(skip.day, first), answered)
