"""The pain trend as bars: one column per day, the 7-day average of morning pain on 0 to 10.

The scale is fixed at 0 to 10 (a Sparkline scales to its data, which would make a fall from
3 to 2 look like a fall from 10 to 0). The chart fits its width: the newest days that fit are
drawn, a dot marks a day with no average yet, and the first and last dates label the axis.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.content import Content
from textual.widget import Widget

from freefeet_tui.core.progress import MAX_PAIN
from freefeet_tui.core.stats import PainPoint

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS_WIDTH = 3  # "10 " on the left
NO_DATA = "No morning pain logged yet: check in after your first steps of the day."


def column_cells(value: float | None, rows: int) -> list[str]:
    """One column top to bottom: full blocks up to ``value`` (0-10) and a partial block on top."""
    if value is None:
        return [" "] * (rows - 1) + ["·"]
    eighths = round(max(0.0, min(float(MAX_PAIN), value)) / MAX_PAIN * rows * 8)
    cells: list[str] = []
    for row in range(rows - 1, -1, -1):  # from the top row down
        filled = eighths - row * 8
        cells.append(BLOCKS[max(0, min(8, filled))])
    return cells


def chart_lines(points: list[PainPoint], width: int, rows: int) -> list[str]:
    """The chart as text lines: ``rows`` rows of bars with a 0/5/10 axis, then the dates."""
    columns = max(1, width - AXIS_WIDTH)
    shown = points[-columns:]
    grid = [column_cells(p.average, rows) for p in shown]
    labels = {0: f"{MAX_PAIN:>2} ", rows - 1: " 0 "}
    if rows >= 5:
        labels[rows // 2] = f"{MAX_PAIN // 2:>2} "  # the row whose top is nearest to 5
    lines = [
        labels.get(row, "   ") + "".join(column[row] for column in grid) for row in range(rows)
    ]
    if shown:
        first, last = f"{shown[0].day:%d %b}", f"{shown[-1].day:%d %b}"
        gap = max(1, len(shown) - len(first) - len(last))
        lines.append(" " * AXIS_WIDTH + first + " " * gap + last)
    return lines


class PainChart(Widget):
    """Bars of the 7-day average morning pain; ``points`` oldest first, one per day."""

    DEFAULT_CSS = """
    PainChart {
        height: 6;
        color: $warning;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: list[PainPoint] = []

    def set_points(self, points: list[PainPoint]) -> None:
        self.points = points
        self.refresh()

    @property
    def has_data(self) -> bool:
        return any(p.average is not None for p in self.points)

    def render(self) -> RenderableType:
        if not self.has_data:
            return Content.styled(NO_DATA, "$text-muted")
        rows = max(1, self.content_region.height - 1)
        return Content("\n".join(chart_lines(self.points, self.content_region.width, rows)))
