"""Every key binding id of freefeet, its default keys and what it does: what ``[keys]`` in
config.toml may rebind.

An id is ``SCREEN.NAME``: the part before the dot names the screen (or dialog) the binding
lives on, ``app`` a binding of every screen. Two actions one key toggles between (pause and
resume) share an id, so rebinding moves both. The table is written out here, not collected
from the screens, so the command line can check a config file without importing every screen;
a test checks it against the screens' ``BINDINGS``, so a new binding must be added here (and to
docs/config.md) with its id.
"""

from __future__ import annotations

from typing import NamedTuple

from freefeet_tui.core.wording import SCAN_ANSWERS


class BindingId(NamedTuple):
    """A binding id's default keys (Textual key names, comma-separated) and what it does."""

    keys: str
    what: str

    @property
    def key_list(self) -> list[str]:
        return self.keys.split(",")


APP = "app"
"""The screen part of the ids bound on every screen."""

BINDING_IDS: dict[str, BindingId] = {
    "app.commands": BindingId("ctrl+p", "open the command palette"),
    "app.help": BindingId("question_mark,f1", "show the keys of the screen (again: close)"),
    "help.close": BindingId("escape", "close the help"),
    **{
        f"today.start_{n}": BindingId(str(n), f"start the lesson numbered {n} on Today")
        for n in range(1, 10)
    },
    "today.checkin": BindingId("c", "open the check-in form"),
    "today.plan": BindingId("p", "open the plan for the next two weeks"),
    "today.history": BindingId("h", "open History"),
    "today.lessons": BindingId("l", "open the lessons list"),
    "today.quit": BindingId("q", "quit freefeet"),
    "today.scroll_up": BindingId("up", "scroll up (on a short terminal)"),
    "today.scroll_down": BindingId("down", "scroll down"),
    "today.scroll_page_up": BindingId("pageup", "scroll up a page"),
    "today.scroll_page_down": BindingId("pagedown", "scroll down a page"),
    "today.scroll_home": BindingId("home", "scroll to the top"),
    "today.scroll_end": BindingId("end", "scroll to the bottom"),
    "lessons.up": BindingId("up", "highlight the lesson above"),
    "lessons.down": BindingId("down", "highlight the lesson below"),
    "lessons.details": BindingId("enter", "open the highlighted lesson's details"),
    "lessons.start": BindingId("s", "start the highlighted lesson"),
    "lessons.today": BindingId("escape", "back to Today"),
    "lessons.quit": BindingId("q", "quit freefeet"),
    "detail.start": BindingId("s,enter", "start this lesson"),
    "detail.back": BindingId("escape", "back to the lessons list"),
    "detail.quit": BindingId("q", "quit freefeet"),
    "history.earlier": BindingId("left", "show the month before (in the year view, the year)"),
    "history.later": BindingId("right", "show the month after (in the year view, the year)"),
    "history.calendar": BindingId("y", "switch the calendar between a month and a year"),
    "history.older": BindingId("pagedown", "older records"),
    "history.newer": BindingId("pageup", "newer records"),
    "history.edit": BindingId("enter", "edit the record picked in the log"),
    "history.delete": BindingId("d,delete", "delete the record picked (asks first)"),
    "history.undo": BindingId("u", "take back the last change to the log"),
    "history.checkin": BindingId("c", "check in for an earlier day"),
    "history.skip": BindingId("s", "mark a day off"),
    "history.export": BindingId("e", "open the export form"),
    "history.back": BindingId("escape,h", "back to Today"),
    "history.quit": BindingId("q", "quit freefeet"),
    "player.pause": BindingId("space", "pause the lesson, or carry on"),
    "player.next": BindingId("n", "skip to the next step"),
    "player.previous": BindingId("p", "back one step"),
    "player.restart": BindingId("r", "start this step again"),
    "player.mute": BindingId("m", "mute the cues, or unmute them"),
    "player.volume_up": BindingId("plus,equals_sign", "cues louder"),
    "player.volume_down": BindingId("minus", "cues softer"),
    "player.quit": BindingId("q", "stop the lesson (asks first)"),
    "quit_confirm.yes": BindingId("y,q", "stop the lesson"),
    "quit_confirm.no": BindingId("n,escape", "keep going"),
    "finished.checkin": BindingId("c", "open the check-in form"),
    "finished.back": BindingId("enter,escape", "back to where the lesson started (or close)"),
    "finished.quit": BindingId("q", "quit freefeet"),
    **{
        f"finished.scan_{n}": BindingId(
            str(n), f"after a closing scan, walking feels {answer} ({n})"
        )
        for n, answer in enumerate(SCAN_ANSWERS, start=1)
    },
    "checkin.save": BindingId("ctrl+s", "save the check-in"),
    "checkin.enter": BindingId("enter", "the next field; on the note, save"),
    "checkin.same": BindingId("ctrl+b", "same pain for both feet, or not"),
    "checkin.planned": BindingId("ctrl+r", "a run planned for later today, or not"),
    "checkin.cancel": BindingId("escape", "close the form (asks if you typed anything)"),
    "far_day.yes": BindingId("y", "save a check-in or day off dated over a year before the log"),
    "far_day.no": BindingId("n,escape", "go back to the form"),
    "export.save": BindingId("ctrl+s", "write the export file"),
    "export.enter": BindingId("enter", "in a field: write the export file"),
    "export.close": BindingId("escape", "close the export form"),
    "replace_confirm.yes": BindingId("y", "replace the existing file"),
    "replace_confirm.no": BindingId("n,escape", "keep the existing file"),
    "resume.yes": BindingId("y", "resume the unfinished lesson"),
    "resume.no": BindingId("n,escape", "not now (asked again next time)"),
    "resume.end": BindingId("e", "save the unfinished lesson as stopped"),
    "plan.more": BindingId("plus,equals_sign", "show a week more"),
    "plan.less": BindingId("minus", "show a week less"),
    "plan.back": BindingId("escape,p", "back to Today"),
    "plan.quit": BindingId("q", "quit freefeet"),
    "confirm.yes": BindingId("y", "yes: leave without saving, or delete the record"),
    "confirm.no": BindingId("n,escape", "no: keep editing, or keep the record"),
    "day_form.save": BindingId("ctrl+s", "save the day (check-in day, or day off)"),
    "day_form.enter": BindingId("enter", "the next field; on the last, save"),
    "day_form.cancel": BindingId("escape", "close without saving"),
}
"""Every binding id, in the order docs/config.md lists them."""


def screen_of(binding_id: str) -> str:
    """The screen part of an id: ``player`` for ``player.pause``."""
    return binding_id.partition(".")[0]
