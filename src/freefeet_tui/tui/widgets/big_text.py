"""A widget that shows a short text as big as fits, drawn in solid half blocks.

The player's countdown, side and rep: the widget works out the largest scale of ``big_font``
at which its text fits its own size whole, so the text grows and shrinks with the terminal
and is never clipped. ``most`` caps the scale (the side and rep stay smaller than the
countdown). When even the smallest size does not fit, the text is shown as one plain line.

It draws through Textual's line API, one ready-made strip of a single style per row, and when
the text changes it repaints only the cells that changed (a countdown going from 0:39 to 0:38
repaints one digit), so big digits cost about as much CPU as small ones.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from freefeet_tui.tui.widgets import big_font


class BigText(Widget):
    """``text`` in block letters, centred, as large as the widget's size allows (up to
    ``most``)."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(
        self, text: str = "", *, most: int = 64, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.most = most
        self._lines: tuple[tuple[int, int], list[str]] | None = None  # (size, padded rows)
        self._strips: list[Strip | None] = []  # each row's strip, None until (re)built
        self._style: Style | None = None  # the rich style the strips are drawn in

    @property
    def text(self) -> str:
        """The text shown (as given: ``draw`` upper-cases letters)."""
        return self._text

    def update(self, text: str) -> None:
        """Show ``text``, repainting only the cells that change."""
        if text == self._text:
            return
        before = self._lines
        self._text = text
        width, height = self.content_size
        if before is None or before[0] != (width, height) or len(self._strips) != height:
            self._lines = None
            self.refresh()
            return
        self._lines = ((width, height), self._layout(width, height))
        changed = _changed_box(before[1], self._lines[1])
        if changed is not None:
            for y in range(changed.y, changed.bottom):
                self._strips[y] = None
            self.refresh(changed)

    def notify_style_update(self) -> None:
        """The colour or style changed (a rest began, the lesson paused): draw afresh."""
        super().notify_style_update()
        self._strips = []
        self._style = None

    @property
    def scale(self) -> int:
        """The scale the text is drawn at now; 0 when it is shown as a plain line."""
        width, height = self.content_size
        return big_font.fit_scale(self._text, width, height, self.most)

    def lines(self) -> tuple[str, ...]:
        """The rows of text as drawn now, before centring."""
        width, height = self.content_size
        scale = big_font.fit_scale(self._text, width, height, self.most)
        if scale == 0:
            return (self._text,) if self._text else ()
        return big_font.draw(self._text, scale)

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        if self._lines is None or self._lines[0] != (width, height):
            self._lines = ((width, height), self._layout(width, height))
            self._strips = []
        if not 0 <= y < height:
            return Strip.blank(width)
        if len(self._strips) != height:
            self._strips = [None] * height
        strip = self._strips[y]
        if strip is None:
            if self._style is None:
                self._style = self.rich_style
            strip = Strip([Segment(self._lines[1][y], self._style)], width)
            self._strips[y] = strip
        return strip

    def _layout(self, width: int, height: int) -> list[str]:
        """Every row of the widget as text: the drawn lines centred both ways."""
        lines = self.lines()
        top = max(0, (height - len(lines)) // 2)
        rows = [" " * width] * height
        for number, line in enumerate(lines[: max(0, height - top)]):
            left = max(0, (width - len(line)) // 2)
            rows[top + number] = (" " * left + line)[:width].ljust(width)
        return rows


def _changed_box(before: list[str], after: list[str]) -> Region | None:
    """The smallest region holding every cell that differs between two equal-sized drawings."""
    rows = [y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    if not rows:
        return None
    left, right = len(after[0]), 0
    for y in rows:
        old, new = before[y], after[y]
        first = next(x for x in range(len(new)) if old[x] != new[x])
        last = next(x for x in range(len(new) - 1, -1, -1) if old[x] != new[x])
        left, right = min(left, first), max(right, last)
    return Region(left, rows[0], right - left + 1, rows[-1] - rows[0] + 1)
