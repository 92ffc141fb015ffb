"""Morning pain of each foot as bars, and the runs below them, across the chart's full width.

One band of bars per foot, each labelled, so a left foot getting better while the right gets
worse shows as such (the worse foot alone would hide it). Each bar is the 7-day average of
that foot's morning pain on a fixed 0 to 10 scale (a Sparkline scales to its data, which would
make a fall from 3 to 2 look like a fall from 10 to 0); a dot marks a day with no average yet.
When runs were logged, a band below shows the minutes of each run, coloured by the pain
during it as the run guide reads it (0-3 safe, 4-5 acceptable, above 5 too much). The days
are spread over the whole width, several columns a day when there are few; when there are
more days than columns, the newest that fit are drawn. The first and last dates label the axis.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from freefeet_tui.core.progress import MAX_PAIN
from freefeet_tui.core.stats import FootPainPoint, RunPoint
from freefeet_tui.core.wording import short_day

BLOCKS = " ▁▂▃▄▅▆▇█"
GUTTER = 9  # "Right 10 " on the left
FOOT_ROWS = 3
RUN_ROWS = 2
NO_DATA = "No morning pain logged yet: check in after your first steps of the day."
FEET = (("Left", "left_average", "$primary"), ("Right", "right_average", "$accent"))
RUN_STYLES = ((3, "$success"), (5, "$warning"), (MAX_PAIN, "$error"))
RUN_LEGEND = (("0-3", "$success"), ("4-5", "$warning"), ("above 5", "$error"))


def column_cells(value: float | None, rows: int, top: float = MAX_PAIN) -> list[str]:
    """One column top to bottom: full blocks up to ``value`` (0 to ``top``) and a partial
    block on top; a dot at the bottom when there is no value."""
    if value is None:
        return [" "] * (rows - 1) + ["·"]
    eighths = round(max(0.0, min(top, value)) / top * rows * 8)
    cells: list[str] = []
    for row in range(rows - 1, -1, -1):  # from the top row down
        filled = eighths - row * 8
        cells.append(BLOCKS[max(0, min(8, filled))])
    return cells


def day_columns(days: int, width: int) -> list[int]:
    """Which day each column shows: the days spread over ``width`` columns (a day gets one
    column or more), or the newest ``width`` days, one column each."""
    if days <= 0 or width <= 0:
        return []
    if days >= width:
        return list(range(days - width, days))
    return [column * days // width for column in range(width)]


def run_style(pain: int | None) -> str:
    if pain is None:
        return "$text-muted"
    return next(style for limit, style in RUN_STYLES if pain <= limit)


def band(
    label: str, scale: tuple[str, str], style: str, columns: list[list[str]], rows: int
) -> list[Content]:
    """``rows`` lines: the label and the top of the scale on the first, the bottom of the
    scale on the last, the columns' cells in ``style``."""
    lines = []
    for row in range(rows):
        name = label if row == 0 else ""
        number = scale[0] if row == 0 else scale[1] if row == rows - 1 else ""
        cells = "".join(column[row] for column in columns)
        gutter = Content.styled(f"{name:<6}", f"bold {style}") + f"{number:>2} "
        lines.append(gutter + Content.styled(cells, style))
    return lines


def chart_content(
    points: Sequence[FootPainPoint], runs: Sequence[RunPoint], width: int
) -> list[Content]:
    """The chart's lines for ``width`` columns: the two feet, the runs if any, the dates."""
    picks = day_columns(len(points), max(1, width - GUTTER))
    shown = [points[index] for index in picks]
    lines: list[Content] = []
    for name, field, style in FEET:
        per_day = {i: column_cells(getattr(points[i], field), FOOT_ROWS) for i in set(picks)}
        lines += band(name, ("10", "0"), style, [per_day[i] for i in picks], FOOT_ROWS)
    by_day = {run.day: run for run in runs}
    shown_runs = [by_day.get(p.day) for p in shown]
    if any(shown_runs):
        longest = max(run.minutes for run in shown_runs if run is not None)
        lines += runs_band(shown_runs, longest)
    if shown:
        first, last = (short_day(p.day, weekday=False) for p in (shown[0], shown[-1]))
        gap = max(1, len(shown) - len(first) - len(last))
        lines.append(Content(" " * GUTTER + first + " " * gap + last))
    if any(shown_runs):
        lines.append(run_legend())
    return lines


def runs_band(runs: list[RunPoint | None], longest: int) -> list[Content]:
    """The runs' minutes as bars scaled to the longest, each coloured by its pain."""
    cells = {r.minutes: column_cells(r.minutes, RUN_ROWS, longest) for r in runs if r is not None}
    columns = [None if r is None else cells[r.minutes] for r in runs]
    styles = ["" if r is None else run_style(r.pain) for r in runs]
    lines = []
    for row in range(RUN_ROWS):
        name, number = ("Runs", f"{longest}m") if row == 0 else ("", "")
        pieces: list[tuple[str, str]] = [(f"{name:<4}", "bold"), (f"{number:>{GUTTER - 5}} ", "")]
        for column, style in zip(columns, styles, strict=True):  # one piece per colour run
            cell = " " if column is None else column[row]
            if pieces[-1][1] == style:
                pieces[-1] = (pieces[-1][0] + cell, style)
            else:
                pieces.append((cell, style))
        lines.append(Content.assemble(*pieces))
    return lines


def run_legend() -> Content:
    parts: list[Content | str] = [" " * GUTTER, "runs, by pain during the run:"]
    for words, style in RUN_LEGEND:
        parts += [" ", Content.styled("█", style), f" {words}"]
    return Content.assemble(*parts)


class PainChart(Widget):
    """Both feet's 7-day average morning pain, and runs; ``points`` oldest first, one a day."""

    DEFAULT_CSS = """
    PainChart {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: list[FootPainPoint] = []
        self.runs: list[RunPoint] = []
        self._drawn: tuple[int, list[Content]] | None = None  # width, lines: layout and render

    def set_data(self, points: list[FootPainPoint], runs: list[RunPoint]) -> None:
        self.points, self.runs = points, runs
        self._drawn = None
        self.refresh(layout=True)

    @property
    def has_data(self) -> bool:
        return any(p.left_average is not None or p.right_average is not None for p in self.points)

    def lines(self, width: int) -> list[Content]:
        """The chart drawn ``width`` columns wide (kept until the data or the width change)."""
        if self._drawn is None or self._drawn[0] != width:
            if not self.has_data:
                lines = [Content.styled(NO_DATA, "$text-muted")]
            else:
                lines = chart_content(self.points, self.runs, width)
            self._drawn = (width, lines)
        return self._drawn[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> RenderableType:
        return Content("\n").join(self.lines(self.content_region.width))
