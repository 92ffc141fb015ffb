"""Correcting the log from History: edit, delete, undo, and check-ins or skips for past days.

Enter on a row edits it (a check-in in the check-in form, a skip in the skip form; a session is
the player's record, so it can only be deleted), ``d`` deletes it after a yes, ``u`` takes back
the last change (from here or from the command line), ``c`` checks in for a day you choose and
``s`` marks a day off. Every change goes through ``core.progress.corrections`` in a worker
thread, so it is in the undo journal, and History reads the log again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from freefeet_tui.core.progress import CheckIn, Session, Skip
from freefeet_tui.core.progress.corrections import Corrections, record_label
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.tui.screens.base import FreefeetScreen, PaletteCommand
from freefeet_tui.tui.widgets.record_list import RecordList

EDIT_BINDINGS: list[BindingType] = [
    Binding(
        "enter",
        "edit",
        "Edit",
        show=False,
        priority=True,
        tooltip="Change the record picked",
        id="history.edit",
    ),
    # Delete and Undo are in the key bar from 80 columns; below, the same keys work unlisted,
    # so the bar still fits 60 (check_action keeps one form of each active).
    Binding(
        "d,delete",
        "delete",
        "Delete",
        key_display="d",
        tooltip="Delete the record picked (asks)",
        id="history.delete",
    ),
    Binding(
        "d,delete",
        "delete_narrow",
        "Delete",
        show=False,
        tooltip="Delete the record picked (asks)",
        id="history.delete",
    ),
    Binding("u", "undo", "Undo", tooltip="Take back the last change", id="history.undo"),
    Binding(
        "u",
        "undo_narrow",
        "Undo",
        show=False,
        tooltip="Take back the last change",
        id="history.undo",
    ),
    Binding(
        "c",
        "new_checkin",
        "Check in",
        show=False,
        tooltip="Check in for an earlier day",
        id="history.checkin",
    ),
    Binding("s", "new_skip", "Skip a day", show=False, tooltip="Mark a day off", id="history.skip"),
]
NARROW_FORMS = {"delete": False, "undo": False, "delete_narrow": True, "undo_narrow": True}
"""The actions with a listed (wide) and an unlisted (narrow) form: which is the narrow one."""
SESSION_NOT_EDITED = "The player records sessions, so they cannot be edited; d deletes this one."


class RecordActions(FreefeetScreen[None]):
    """Mixed into History; it calls :meth:`reload` after each change."""

    def reload(self, keep: str | None = None) -> None:
        raise NotImplementedError

    def chosen(self) -> Session | CheckIn | Skip | None:
        return self.query_one(RecordList).chosen

    def change(self, work: Callable[[Corrections], str], keep: str | None = None) -> None:
        """Make a change in a worker (the store locks and fsyncs); say what was done."""
        fixes = Corrections(self.freefeet.store)
        self._keep = keep
        self.run_worker(
            lambda: work(fixes), name="history-change", thread=True, exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "history-change":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, str):
            self.reload(getattr(self, "_keep", None))
            self.notify(visible(event.worker.result), markup=False)
        elif event.state is WorkerState.ERROR:
            error = visible(f"Not changed: {event.worker.error}")
            self.notify(error, severity="warning", markup=False)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """The corrections, in the palette too (ctrl+p): what the keys do, found by name."""
        yield PaletteCommand(
            "Edit the record", "Change the row picked in the log", self.action_edit
        )
        yield PaletteCommand(
            "Delete the record", "Take the row picked off the log (asks)", self.action_delete
        )
        yield PaletteCommand(
            "Undo the last change",
            "Take back the last log, skip, edit, delete or import",
            self.action_undo,
        )
        yield PaletteCommand(
            "Check in for an earlier day",
            "Morning pain and runs of a past day",
            self.action_new_checkin,
        )
        yield PaletteCommand(
            "Mark a day off", "A skipped day keeps the streak", self.action_new_skip
        )

    # the actions ------------------------------------------------------------------------------
    def action_edit(self) -> None:
        from freefeet_tui.tui.screens.checkin import CheckInForm
        from freefeet_tui.tui.screens.record_forms import SkipForm

        record = self.chosen()
        if record is None:
            return
        if isinstance(record, Session):
            self.notify(SESSION_NOT_EDITED, markup=False)
        elif isinstance(record, CheckIn):
            self.app.push_screen(CheckInForm(record.day), lambda _: self.reload(record.id))
        else:
            skip = record

            def edited(new: object) -> None:
                if isinstance(new, Skip):
                    self.change(lambda fixes: said_edit(fixes, skip, new), keep=new.id)

            self.app.push_screen(SkipForm(skip), edited)

    def action_delete(self) -> None:
        from freefeet_tui.tui.screens.confirm import Confirm

        record = self.chosen()
        if record is None:
            return
        label = record_label(record)

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda fixes: said_delete(fixes, record))

        question = Confirm(
            "Delete a record",
            f"Delete {label}?",
            "Delete",
            "Keep it",
            detail="u (undo) brings it back.",
        )
        self.app.push_screen(question, answered)

    def action_delete_narrow(self) -> None:
        self.action_delete()

    def action_undo(self) -> None:
        self.change(lambda fixes: f"Undone: {fixes.undo().said}.")

    def action_undo_narrow(self) -> None:
        self.action_undo()

    def action_new_checkin(self) -> None:
        from freefeet_tui.tui.screens.checkin import CheckInForm
        from freefeet_tui.tui.screens.record_forms import DayPrompt

        def chosen(day: object) -> None:
            if isinstance(day, date):
                self.app.push_screen(CheckInForm(day), lambda _: self.reload())

        self.app.push_screen(DayPrompt(), chosen)

    def action_new_skip(self) -> None:
        from freefeet_tui.tui.screens.record_forms import SkipForm

        def made(new: object) -> None:
            if isinstance(new, Skip):
                self.change(
                    lambda fixes: f"Skipped {fixes.add_skip(new).day}; your streak is kept.",
                    keep=new.id,
                )

        self.app.push_screen(SkipForm(), made)


def said_edit(fixes: Corrections, old: Skip, new: Skip) -> str:
    stored = fixes.edit(old.id, lambda _: new)
    return f"Changed {record_label(old)}: {stored.day}, {new.reason}."


def said_delete(fixes: Corrections, record: Session | CheckIn | Skip) -> str:
    fixes.delete(record.id)
    return f"Deleted {record_label(record)}; u brings it back."
