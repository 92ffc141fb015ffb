"""The report for a physiotherapist or coach as one self-contained HTML page with charts.

Everything is in the one file: the styles inline, the charts as inline SVG (``report_charts``),
no scripts and no address outside the file, so it opens offline, can be mailed, and a content
security policy in the page forbids loading anything. It prints on A4 and Letter: the three
parts (practice; morning pain and runs; lessons and notes) each start on a new page and a
chart is never cut across two. The runner's own words (notes, skip reasons, lesson titles)
are escaped, so they read literally and can never become markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from freefeet_tui.core.export import report_charts as charts
from freefeet_tui.core.export.report_data import (
    RUN_PAIN_ACCEPTABLE,
    RUN_PAIN_SAFE,
    DayKind,
    LessonRow,
    ReportData,
    lessons_summary,
    pain_summary,
    practice_summary,
    report_data,
    runs_summary,
    scan_words,
)
from freefeet_tui.core.lesson import SAFETY_LINE
from freefeet_tui.core.program import Program
from freefeet_tui.core.progress import History
from freefeet_tui.core.stats import adherence, streaks
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.version import __version__
from freefeet_tui.core.wording import length_text, percent, plural, short_day

STYLE = """
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: #1a1a1a;
  font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial,
  sans-serif; }
main { max-width: 182mm; margin: 0 auto; padding: 10mm 6mm; }
h1 { font-size: 18pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; padding-bottom: 1mm;
  border-bottom: 1.5pt solid #1b7837; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0; }
p { margin: 1mm 0; }
.range { color: #333; }
.safety { margin: 3mm 0; padding: 2mm 3mm; border-left: 3pt solid #c8501e;
  background: #fdf3ee; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm 5mm; margin: 2mm 0; }
.figures div { border-top: 0.5pt solid #ccc; padding-top: 1mm; }
.figures dt { font-size: 8.5pt; color: #555; }
.figures dd { margin: 0; font-size: 12pt; font-weight: 600; }
.figures dd small { font-size: 8.5pt; font-weight: 400; color: #444; }
figure { margin: 3mm 0 4mm; break-inside: avoid; }
figure.strips { break-inside: auto; }
figcaption { margin-bottom: 1.5mm; }
.summary { font-size: 9pt; color: #333; }
svg { display: block; max-width: 100%; height: auto; break-inside: avoid; }
svg * { stroke-linejoin: round; stroke-linecap: butt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm;
  border-bottom: 0.5pt solid #ccc; }
th { font-size: 8.5pt; color: #444; border-bottom-width: 1pt; }
th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.notes { padding-left: 0; list-style: none; font-size: 9.5pt; }
.notes li { display: grid; grid-template-columns: 34mm 1fr; gap: 2mm; margin: 0 0 1.5mm;
  break-inside: avoid; }
.notes time { font-weight: 600; font-variant-numeric: tabular-nums; }
.notes .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #555; }
.page + .page { break-before: page; }
@page { margin: 14mm; }
@media print {
  main { max-width: none; padding: 0; }
  h2:first-child { margin-top: 0; }
}
"""

# Nothing may be loaded: no scripts, no fonts, images only from inside the file.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def text(value: str) -> str:
    """The runner's words as HTML text: control characters spelt out (``^[``), as everywhere
    freefeet shows them, and markup escaped."""
    return escape(visible(value, keep_newlines=True), quote=True)


def day_text(day: date) -> str:
    """``Tue 3 Nov 2026``: the report's dates, worded as the app's log words them."""
    return short_day(day, year=True)


def figure(name: str, title: str, summary: str, svgs: Sequence[str]) -> str:
    """A chart with its title and a text summary; the SVG points at both."""
    drawn = "\n".join(
        charts.inline_svg(svg, f"{name}{n}" if len(svgs) > 1 else name, title).replace(
            "<svg ", f'<svg aria-describedby="{name}-summary" ', 1
        )
        for n, svg in enumerate(svgs, start=1)
    )
    kind = ' class="strips"' if len(svgs) > 1 else ""
    return (
        f'<figure id="{name}"{kind}>\n<figcaption><h3>{text(title)}</h3>\n'
        f'<p class="summary" id="{name}-summary">{text(summary)}</p></figcaption>\n'
        f"{drawn}\n</figure>"
    )


def figures_list(data: ReportData, history: History, program: Program) -> str:
    shown = data.shown
    counted = adherence(history, data.start, data.end, data.today, program)
    streak = streaks(history, min(data.end, data.today), program)
    practice = [s for s in shown.sessions if s.counts_as_practice]
    completed = sum(1 for s in practice if s.status == "completed")
    since = ""
    if streak.current_since:
        since = f"since {short_day(streak.current_since, weekday=False)}"
    items = [
        ("Adherence", percent(counted.ratio), "of the days the programme asked"),
        (
            "Days kept",
            str(counted.kept_days),
            f"{counted.missed_days} missed, {counted.skipped_days} skipped",
        ),
        ("Current streak", plural(streak.current, "day"), since),
        ("Best streak", plural(streak.best, "day"), ""),
        (
            "Sessions",
            str(len(practice)),
            f"{completed} completed, {len(practice) - completed} partial",
        ),
        ("Practice time", length_text(sum(s.seconds for s in practice), to_minute=True), ""),
    ]
    cells = "\n".join(
        f"<div><dt>{name}</dt><dd>{value}" + (f" <small>{text(note)}</small>" if note else "")
        + "</dd></div>"
        for name, value, note in items
    )  # fmt: skip
    return f'<dl class="figures">\n{cells}\n</dl>'


def lessons_table(rows: Sequence[LessonRow]) -> str:
    # The scan column: each lesson's answers to the closing-scan question (``scan_change``).
    scans = any(row.rated for row in rows)
    numbers = "".join(
        f'<th class="n">{name}</th>' for name in ("Sessions", "Completed", "Partial", "Time")
    )
    head = f"<tr><th>Lesson</th>{numbers}"
    head += "<th>Walking after vs before</th></tr>" if scans else "</tr>"
    lines = []
    for row in rows:
        t = row.totals
        cells = [
            f"<td>{text(row.title)}</td>",
            *(f'<td class="n">{n}</td>' for n in (t.sessions, t.completed, t.partial)),
            f'<td class="n">{length_text(t.seconds, to_minute=True)}</td>',
        ]
        if scans:
            cells.append(f"<td>{text(scan_words(row))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    note = (
        ""
        if scans
        else '<p class="muted">No before/after scan ratings were recorded with these sessions.</p>'
    )
    return (
        f"<table>\n<thead>{head}</thead>\n<tbody>\n"
        + "\n".join(lines)
        + "\n</tbody>\n</table>"
        + note
    )


def notes_list(history: History) -> str:
    items = []
    for day in sorted({*history.checkin_by_day, *history.skip_by_day}):
        skip = history.skip_on(day)
        if skip is not None:
            items.append((day, f"Skipped: {skip.reason}"))
        checkin = history.checkin_on(day)
        if checkin is not None and checkin.note is not None and checkin.note.strip():
            items.append((day, checkin.note))
    if not items:
        return '<p class="muted">No notes in this period.</p>'
    lines = "\n".join(
        f'<li><time datetime="{day.isoformat()}">{day_text(day)}</time>'
        f'<span class="text">{text(note)}</span></li>'
        for day, note in items
    )
    return f'<ul class="notes">\n{lines}\n</ul>'


def to_html(
    history: History,
    start: date,
    end: date,
    today: date,
    program: Program,
    titles: Mapping[str, str],
    rest_days: frozenset[date],
    no_lesson: frozenset[date] = frozenset(),
) -> bytes:
    """The report for ``start``..``end``; ``history`` should hold the days before ``start``
    too (the streaks and the first 7-day averages look back). ``rest_days`` are the
    programme's declared rest days, ``no_lesson`` the other days it asked no lesson of."""
    charts.require_matplotlib()
    data = report_data(history, start, end, today, titles, rest_days, no_lesson)
    days = (end - start).days + 1
    counted = any(kind is not DayKind.NOT_COUNTED for _, kind in data.days)
    strips = [
        charts.practice_chart(strip, legend=n == 0)
        for n, strip in enumerate(charts.weeks_of(data.days) if counted else [])
    ]
    practice = figure("practice", "Practice day by day", practice_summary(data.days, today), strips)
    pain = figure(
        "pain",
        "Morning first-steps pain, left and right foot",
        pain_summary(data.pain),
        [charts.pain_chart(data.pain, start, end)] if data.pain_logged else [],
    )
    runs = figure(
        "runs",
        f"Runs: minutes and pain during the run (guide: up to {RUN_PAIN_SAFE} safe, "
        f"up to {RUN_PAIN_ACCEPTABLE} acceptable)",
        runs_summary(data.runs),
        [charts.runs_chart(data.runs, start, end)] if data.runs else [],
    )
    lessons = (
        figure(
            "lessons",
            "Sessions per lesson",
            lessons_summary(data.lessons),
            [charts.lessons_chart(data.lessons)],
        )
        + "\n"
        + lessons_table(data.lessons)
        if data.lessons
        else '<p class="muted">No lessons were practised in this period.</p>'
    )
    title = f"freefeet progress report, {start} to {end}"
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="freefeet {__version__}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<section class="page" aria-labelledby="practice-heading">
<header>
<h1>freefeet progress report</h1>
<p class="range">From <strong>{day_text(start)}</strong> to <strong>{day_text(end)}</strong>
({plural(days, "day")}), prepared on {day_text(today)}. These are the runner's own records.</p>
<p class="safety" role="note"><strong>Safety:</strong> {text(SAFETY_LINE)}</p>
</header>
<h2 id="practice-heading">Practice</h2>
{figures_list(data, history, program)}
{practice}
</section>
<section class="page" aria-labelledby="pain-heading">
<h2 id="pain-heading">Morning pain and runs</h2>
{pain}
{runs}
</section>
<section class="page" aria-labelledby="lessons-heading">
<h2 id="lessons-heading">Lessons</h2>
{lessons}
<h2 id="notes-heading">Notes</h2>
{notes_list(data.shown)}
</section>
</main>
</body>
</html>
"""
    return page.encode("utf-8")


__all__ = ["DayKind", "to_html"]
