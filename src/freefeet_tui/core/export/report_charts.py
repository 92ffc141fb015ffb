"""The HTML report's charts, drawn as SVG by matplotlib (the optional ``report`` extra).

matplotlib is imported only when a chart is drawn, so nothing else pays for it, and when it is
missing :func:`require_matplotlib` says in one line how to get it. Each chart is drawn on a
``Figure`` of its own (no pyplot, no window, no global state) under fixed settings: text stays
text (``svg.fonttype: none``), ``$`` in a lesson title is not read as mathematics, and ids are
derived from a fixed salt so the same log gives the same file. :func:`inline_svg` makes the
result fit to sit inside an HTML page: no XML prologue, no metadata with links, ids prefixed
per chart so two charts never share one, and a title for screen readers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from freefeet_tui.core.export.report_data import (
    RUN_PAIN_ACCEPTABLE,
    RUN_PAIN_SAFE,
    DayKind,
    LessonRow,
)
from freefeet_tui.core.stats import FootPainPoint, RunPoint
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import length_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INSTALL_HINT = "pip install 'freefeet-tui[report]'"
WIDTH_IN = 7.0  # fits the text width of A4 and Letter with 14 mm margins
DAILY_MARKERS_UP_TO = 120  # days; past that the dots of single days blur into a band
TITLE_CHARS = 38
STRIP_WEEKS = 53  # one strip of the practice heat map: a year, as Loop Habit Tracker shows it
HEAT_CELL, HEAT_LEFT, HEAT_TOP, HEAT_LEGEND = 0.46, 0.45, 0.3, 1.3  # inches
LABEL_CHAR_IN = 0.07  # about the width of a character of a month label
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

SETTINGS = {
    "svg.fonttype": "none",
    "svg.hashsalt": "freefeet-report",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
    "figure.facecolor": "white",
}

# Colours that stay apart for colour-blind readers and in grey print (lightness differs too).
KIND_COLOURS = {
    DayKind.COMPLETED: "#1b7837",
    DayKind.PARTIAL: "#a6dba0",
    DayKind.SKIPPED: "#9970ab",
    DayKind.REST: "#d9d9d9",
    DayKind.NO_LESSON: "#deebf7",
    DayKind.MISSED: "#ffffff",
}
KIND_LABELS = {
    DayKind.COMPLETED: "completed",
    DayKind.PARTIAL: "partial",
    DayKind.SKIPPED: "skipped",
    DayKind.REST: "rest day",
    DayKind.NO_LESSON: "no lesson asked",
    DayKind.MISSED: "nothing done",
}
LEFT, RIGHT = "#1f5fa8", "#c8501e"  # blue and orange: the two feet
RUN_BARS = "#4a7ab0"
SAFE, ACCEPTABLE, TOO_MUCH = "#e3f1e0", "#fdf0cf", "#f9dcd7"


class ReportExtraMissing(ImportError):
    """matplotlib is not installed: the html report cannot draw its charts."""

    def __init__(self) -> None:
        super().__init__(
            f"the html report draws its charts with matplotlib, which is not installed: "
            f"{INSTALL_HINT}"
        )


def require_matplotlib() -> None:
    """Raise :class:`ReportExtraMissing` unless matplotlib can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ReportExtraMissing() from None


def new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def settings() -> AbstractContextManager[None]:
    """The report's matplotlib settings, for drawing one chart (they apply as artists are
    made, so the whole chart is drawn inside)."""
    import matplotlib

    return matplotlib.rc_context(SETTINGS)  # type: ignore[arg-type]


def to_svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_STYLE = re.compile(r"\s*<style type=\"text/css\">.*?</style>", re.S)
_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """matplotlib's SVG document made into an ``<svg>`` element for an HTML page."""
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = _STYLE.sub("", svg, count=1)  # "*{...}" would reach the whole page; the page has it
    svg = _XMLNS.sub("", svg).replace("xlink:href=", "href=")
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda m: f'id="{prefix}-{m[1]}"', svg)
    svg = _REFERENCE.sub(lambda m: m[1] + (f"{prefix}-{m[2]}" if m[2] in ids else m[2]), svg)
    head = f'<svg role="img" aria-labelledby="{prefix}-title"'
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">") + 1
    return f'{svg[:close]}\n <title id="{prefix}-title">{escape(title)}</title>{svg[close:]}'


def short(title: str) -> str:
    """A lesson title for a chart label: on one line, cut to ``TITLE_CHARS``."""
    title = visible(" ".join(title.split()))
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def day_numbers(days: Sequence[date]) -> list[float]:
    """Dates as matplotlib's day numbers (what its date axes plot)."""
    from matplotlib.dates import date2num

    return [float(date2num(datetime(d.year, d.month, d.day))) for d in days]


def date_axis(axes: Axes, start: date, end: date, labels: bool = True) -> None:
    """Dates along x: every Monday (or every few) as ``02 Nov`` on a short range."""
    from matplotlib.dates import (
        MO,
        AutoDateLocator,
        ConciseDateFormatter,
        DateFormatter,
        WeekdayLocator,
    )

    first, last = day_numbers([start, end])
    axes.set_xlim(first - 0.6, last + 0.6)
    days = (end - start).days + 1
    if days <= DAILY_MARKERS_UP_TO:
        axes.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=1 + days // 64))
        axes.xaxis.set_major_formatter(DateFormatter("%d %b"))
    else:
        locator = AutoDateLocator(minticks=4, maxticks=9)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(axis="x", labelbottom=labels)


def pain_axis(axes: Axes, label: str) -> None:
    axes.set_ylim(-0.4, 10.4)  # a 0 shows whole
    axes.set_yticks([0, 2, 4, 6, 8, 10])
    axes.set_ylabel(label)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)


def pain_chart(points: Sequence[FootPainPoint], start: date, end: date) -> str:
    """Morning pain of each foot: each morning as a dot, the 7-day average as a line."""
    with settings():
        figure = new_figure(WIDTH_IN, 3.1)
        axes = figure.add_axes((0.075, 0.27, 0.9, 0.69))
        days = day_numbers([p.day for p in points])
        nan = float("nan")
        for foot, colour, style, marker in (("left", LEFT, "-", "o"), ("right", RIGHT, "--", "s")):
            name = f"{foot.capitalize()} foot"
            averages = [nan if (v := getattr(p, f"{foot}_average")) is None else v for p in points]
            axes.plot(
                days, averages, style, color=colour, linewidth=2, label=f"{name}, 7-day average"
            )
            if len(points) <= DAILY_MARKERS_UP_TO:
                daily = [(p.day, v) for p in points if (v := getattr(p, foot)) is not None]
                axes.plot(
                    day_numbers([d for d, _ in daily]),
                    [v for _, v in daily],
                    marker,
                    color=colour,
                    markersize=3.5,
                    alpha=0.6,
                    linestyle="none",
                    label=f"{name}, each morning",
                )
        pain_axis(axes, "pain (0-10)")
        date_axis(axes, start, end)
        figure.legend(loc="lower center", ncol=2, fontsize=7.5, bbox_to_anchor=(0.52, 0.0))
        return to_svg(figure)


def runs_chart(runs: Sequence[RunPoint], start: date, end: date) -> str:
    """Two panels on one time axis: the pain during each run against the run guide's
    thresholds, and the minutes run."""
    with settings():
        figure = new_figure(WIDTH_IN, 3.3)
        pain = figure.add_axes((0.075, 0.5, 0.78, 0.46))
        minutes = figure.add_axes((0.075, 0.1, 0.78, 0.33), sharex=pain)
        zones = (
            (0, RUN_PAIN_SAFE, SAFE, 1.5, "0-3 safe"),
            (RUN_PAIN_SAFE, RUN_PAIN_ACCEPTABLE, ACCEPTABLE, 4.0, "4-5 acceptable"),
            (RUN_PAIN_ACCEPTABLE, 10.4, TOO_MUCH, 7.7, "above 5:\ntoo much"),
        )
        for low, high, colour, middle, text in zones:
            pain.axhspan(low, high, color=colour, linewidth=0)
            pain.text(1.01, middle / 10.4, text, transform=pain.transAxes, fontsize=7.5,
                      va="center", ha="left", color="#333333")  # fmt: skip
        for level in (RUN_PAIN_SAFE, RUN_PAIN_ACCEPTABLE):
            pain.axhline(level, color="#555555", linestyle=(0, (4, 3)), linewidth=0.9)
        rated = [(r.day, r.pain) for r in runs if r.pain is not None]
        pain.plot(
            day_numbers([day for day, _ in rated]),
            [level for _, level in rated],
            "D",
            color="#6a1b4d",
            markersize=4.5,
            linestyle="none",
        )
        pain_axis(pain, "pain in run")
        days, lengths = day_numbers([r.day for r in runs]), [r.minutes for r in runs]
        if (end - start).days < DAILY_MARKERS_UP_TO:
            minutes.bar(days, lengths, width=0.8, color=RUN_BARS)
        else:  # a bar a day would be too thin to see, and thousands of them slow to draw
            minutes.vlines(days, 0, lengths, color=RUN_BARS, linewidth=0.8)
        minutes.set_ylabel("minutes")
        minutes.set_ylim(0, max([r.minutes for r in runs], default=10) * 1.15)
        minutes.grid(axis="y", color="#dddddd", linewidth=0.6)
        minutes.set_axisbelow(True)
        date_axis(pain, start, end, labels=False)
        date_axis(minutes, start, end)
        return to_svg(figure)


def lessons_chart(rows: Sequence[LessonRow]) -> str:
    """Sessions per lesson (completed and partial stacked), minutes beside each bar."""
    with settings():
        count = max(1, len(rows))
        height = 0.75 + 0.38 * count
        figure = new_figure(WIDTH_IN, height)
        axes = figure.add_axes((0.36, 0.45 / height, 0.56, 1 - 0.72 / height))
        places = list(range(len(rows)))
        completed = [row.totals.completed for row in rows]
        axes.barh(places, completed, color=KIND_COLOURS[DayKind.COMPLETED], label="completed")
        axes.barh(
            places,
            [row.totals.partial for row in rows],
            left=completed,
            color=KIND_COLOURS[DayKind.PARTIAL],
            edgecolor=KIND_COLOURS[DayKind.COMPLETED],
            linewidth=0.5,
            label="partial",
        )
        for place, row in zip(places, rows, strict=True):
            total = length_text(row.totals.seconds, to_minute=True)
            axes.annotate(total, (row.totals.sessions, place),
                          xytext=(4, 0), textcoords="offset points", va="center",
                          fontsize=7.5, color="#333333")  # fmt: skip
        axes.set_yticks(places, [short(row.title) for row in rows])
        axes.invert_yaxis()
        axes.set_xlabel("sessions")
        axes.set_xlim(0, max([r.totals.sessions for r in rows], default=1) * 1.3)
        axes.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        axes.legend(loc="lower right", fontsize=7.5, ncol=2, bbox_to_anchor=(1.0, 1.0))
        return to_svg(figure)


def weeks_of(days: Sequence[tuple[date, DayKind]]) -> list[list[tuple[date, DayKind]]]:
    """The days cut into strips of at most ``STRIP_WEEKS`` whole weeks (Monday to Sunday)."""
    if not days:
        return []
    first_monday = days[0][0] - timedelta(days=days[0][0].weekday())
    strips: list[list[tuple[date, DayKind]]] = []
    for day, kind in days:
        strip = (day - first_monday).days // (7 * STRIP_WEEKS)
        while len(strips) <= strip:
            strips.append([])
        strips[strip].append((day, kind))
    return strips


def practice_chart(days: Sequence[tuple[date, DayKind]], legend: bool = True) -> str:
    """One strip of the heat map: a column per week, a row per weekday (Monday on top); the
    first strip of several carries the legend."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    with settings():
        monday = days[0][0] - timedelta(days=days[0][0].weekday())
        weeks = (days[-1][0] - monday).days // 7 + 1
        legend_right = legend and weeks <= 20
        room = WIDTH_IN - HEAT_LEFT - 0.15 - (HEAT_LEGEND if legend_right else 0)
        cell = min(HEAT_CELL, room / weeks)
        grid_w, grid_h = weeks * cell, 7 * cell
        width = HEAT_LEFT + grid_w + 0.15 + (HEAT_LEGEND if legend_right else 0)
        below = 0.35 if legend and not legend_right else 0.05
        height = HEAT_TOP + grid_h + below
        figure = new_figure(width, height)
        axes = figure.add_axes((HEAT_LEFT / width, below / height, grid_w / width, grid_h / height))
        axes.set_xlim(0, weeks)
        axes.set_ylim(7, 0)
        axes.set_axis_off()
        numbers = cell >= 0.25
        cells, colours = [], []
        for day, kind in days:
            if kind is DayKind.NOT_COUNTED:
                continue
            column, row = (day - monday).days // 7, day.weekday()
            cells.append(Rectangle((column + 0.06, row + 0.06), 0.88, 0.88))
            colours.append(KIND_COLOURS[kind])
            if numbers:
                light = kind in (DayKind.COMPLETED, DayKind.SKIPPED)
                axes.text(column + 0.5, row + 0.52, str(day.day), ha="center", va="center",
                          fontsize=7, color="white" if light else "#333333")  # fmt: skip
        # one collection, not a patch per day: ten years of days draw in a fraction of the time
        axes.add_collection(
            PatchCollection(cells, facecolors=colours, edgecolors="#9a9a9a", linewidths=0.5)
        )
        shown_rows = range(7) if cell >= 0.18 else (0, 2, 4, 6)
        for row in shown_rows:
            axes.text(-0.25, row + 0.5, WEEKDAYS[row], ha="right", va="center", fontsize=7.5)
        for column, label in month_labels(days, monday, cell):
            axes.text(column + 0.06, -0.25, label, ha="left", va="bottom", fontsize=7.5)
        handles = [
            Patch(
                facecolor=KIND_COLOURS[k], edgecolor="#9a9a9a", linewidth=0.5, label=KIND_LABELS[k]
            )
            for k in KIND_LABELS
        ]
        if legend_right:
            figure.legend(handles=handles, loc="center left", fontsize=7.5,
                          bbox_to_anchor=((HEAT_LEFT + grid_w + 0.2) / width, 0.5))  # fmt: skip
        elif legend:
            figure.legend(handles=handles, loc="lower left", ncol=5, fontsize=7.5,
                          bbox_to_anchor=(HEAT_LEFT / width, 0.0))  # fmt: skip
        return to_svg(figure)


def month_labels(
    days: Sequence[tuple[date, DayKind]], monday: date, cell: float
) -> list[tuple[int, str]]:
    """Month names over the strip's columns: over the first, and over each week that begins
    in a new month. The first names its year (or, when the next is too close, gives it to the
    next); January names its year; a label that would run into the one before is left out."""
    starts: list[tuple[int, date]] = []
    for column in range((days[-1][0] - monday).days // 7 + 1):
        first = max(monday + timedelta(days=7 * column), days[0][0])
        if not starts or first.month != starts[-1][1].month:
            starts.append((column, first))

    def fits(column: int, text: str, following: int | None) -> bool:
        return following is None or (following - column) * cell >= len(text) * LABEL_CHAR_IN

    labels: list[tuple[int, str]] = []
    year_given = False
    for index, (column, first) in enumerate(starts):
        following = starts[index + 1][0] if index + 1 < len(starts) else None
        if labels and (column - labels[-1][0]) * cell < len(labels[-1][1]) * LABEL_CHAR_IN:
            continue
        text = f"{first:%b %Y}" if not year_given or first.month == 1 else f"{first:%b}"
        if index == 0 and not fits(column, text, following):
            text = f"{first:%b}"
            if not fits(column, text, following):
                continue
        year_given = year_given or text[-4:].isdigit()
        labels.append((column, text))
    return labels
