"""History's log as a list you can move through: one row per session, check-in or skip.

Up and Down highlight a row; the History screen edits the highlighted record on Enter and
deletes it on ``d``. A year file that cannot be read shows as one row that cannot be picked.
Titles, reasons and notes come from the runner and stay literal (``Content``, never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from freefeet_tui.core.progress import CheckIn, ProgressFileError, Session, Skip

LogItem = Session | CheckIn | Skip | ProgressFileError


class RecordList(OptionList):
    """The records of one page of the log; ``records`` maps each row's id to its record."""

    DEFAULT_CSS = """
    RecordList {
        height: auto;
        max-height: 100%;
        background: transparent;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.records: dict[str, Session | CheckIn | Skip] = {}

    def show(self, items: Sequence[LogItem], contents: Sequence[Content], keep: str | None) -> None:
        """Show ``items`` (drawn as ``contents``); highlight the row of id ``keep`` if it is
        still there, else the first."""
        self.records = {item.id: item for item in items if not isinstance(item, ProgressFileError)}
        options = [
            Option(content, id=None, disabled=True)
            if isinstance(item, ProgressFileError)
            else Option(content, id=item.id)
            for item, content in zip(items, contents, strict=True)
        ]
        self.set_options(options)
        if not options:
            return
        index = 0
        if keep is not None and keep in self.records:
            index = self.get_option_index(keep)
        self.highlighted = index

    @property
    def chosen(self) -> Session | CheckIn | Skip | None:
        """The highlighted record, if a row is highlighted."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.records.get(option.id)
