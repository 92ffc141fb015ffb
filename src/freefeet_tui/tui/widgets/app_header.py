"""The one-line bar at the top of every screen: ``freefeet — Today``, ``freefeet — <lesson>``.

Textual's ``Header`` is four widgets (an icon for the command palette, which freefeet turns
off, the title, a clock space) with their own styles to parse before the first screen shows.
This bar is one widget that says the same thing: the app's title and the screen's subtitle,
kept up to date when either changes. Lesson titles come from files, so they show literally,
control characters spelled out (``^[``).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from freefeet_tui.core.terminal_text import visible


class AppHeader(Static):
    """The app's title and the current screen's subtitle, centred on one line."""

    DEFAULT_CSS = """
    AppHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        for node, name in (
            (self.app, "title"),
            (self.app, "sub_title"),
            (self.screen, "title"),
            (self.screen, "sub_title"),
        ):
            self.watch(node, name, self.show_title, init=False)
        self.show_title()

    @property
    def title_text(self) -> str:
        """The screen's own title, else the app's."""
        title = self.screen.title
        return title if title is not None else self.app.title

    @property
    def sub_title_text(self) -> str:
        """The screen's own subtitle, else the app's."""
        sub_title = self.screen.sub_title
        return sub_title if sub_title is not None else self.app.sub_title

    def show_title(self) -> None:
        """Show ``title — subtitle`` (the subtitle dimmed); both literal text."""
        title: Content = self.app.format_title(
            visible(self.title_text), visible(self.sub_title_text)
        )
        self.update(title)
