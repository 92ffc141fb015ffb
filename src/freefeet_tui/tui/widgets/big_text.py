"""A widget that shows a short text as big as fits, drawn in solid half blocks.

The player's countdown, side and rep: the widget works out the largest scale of ``big_font``
at which its text fits its own size whole, so the text grows and shrinks with the terminal
and is never clipped. ``most`` caps the scale (the side and rep stay smaller than the
countdown). When even the smallest size does not fit, the text is shown as one plain line.
Drawn text is cached by (text, scale): a countdown repaints once a second at little cost.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from freefeet_tui.tui.widgets import big_font


class BigText(Widget):
    """``text`` in block letters, as large as the widget's size allows (up to ``most``)."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
    }
    """

    def __init__(
        self, text: str = "", *, most: int = 64, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.most = most

    @property
    def text(self) -> str:
        """The text shown (as given: ``draw`` upper-cases letters)."""
        return self._text

    def update(self, text: str) -> None:
        """Show ``text``; repaints only when it changed."""
        if text != self._text:
            self._text = text
            self.refresh()

    @property
    def scale(self) -> int:
        """The scale the text is drawn at now; 0 when it is shown as a plain line."""
        width, height = self.content_size
        return big_font.fit_scale(self._text, width, height, self.most)

    def render(self) -> Content:
        scale = self.scale
        if scale == 0:
            return Content(self._text)
        return Content("\n".join(big_font.draw(self._text, scale)))
