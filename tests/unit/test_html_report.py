"""The html report: parsed with the standard library's HTML parser and checked for its charts,
its escaping of the runner's words, the absence of anything fetched from a network, its print
styles and the safety line; and what it is made of (day kinds, per-foot pain, runs, lessons).

Printing it in a real browser is ``tests/e2e/test_html_report_print.py``.
"""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.core.export.merge import merge_into
from freefeet_tui.core.export.render import quiet_days, render, rest_days
from freefeet_tui.core.export.report_charts import month_labels, short
from freefeet_tui.core.export.report_data import (
    DayKind,
    practice_days,
    practice_summary,
    report_data,
    runs_summary,
)
from freefeet_tui.core.lesson import SAFETY_LINE
from freefeet_tui.core.program_file import default_program
from freefeet_tui.core.progress import History, ProgressStore
from freefeet_tui.core.schedule import ItemKind, walk
from freefeet_tui.core.stats import RunPoint, foot_pain_trend
from tests.helpers.exports import imported
from tests.helpers.report_log import (
    BOLD_NOTE,
    END,
    NOTHING_DONE,
    SCRIPT_NOTE,
    SKIP_REASON,
    SKIPPED,
    START,
    TITLE,
    thirty_days,
)

NETWORK = re.compile(r"^\s*(https?:)?//", re.I)


@dataclass
class Page(HTMLParser):
    """What the parser saw: tags, attributes, text, style sheets and the ids."""

    tags: Counter[str] = field(default_factory=Counter)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # tag, name, value
    text: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    ids: Counter[str] = field(default_factory=Counter)
    svgs: list[dict[str, str]] = field(default_factory=list)
    _in_style: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = {name: value or "" for name, value in attrs}
        self.attributes += [(tag, name, value) for name, value in values.items()]
        if "id" in values:
            self.ids[values["id"]] += 1
        if tag == "svg":
            self.svgs.append(values)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    return page


def html_of(history: History, start: date = START, end: date = END) -> bytes:
    return render(
        "html",
        history,
        start=start,
        end=end,
        today=END,
        program=default_program(),
        titles={},
        lessons={},
        now=datetime(2026, 11, 24, tzinfo=UTC),
    ).data


@pytest.fixture(scope="module")
def report() -> tuple[bytes, Page]:
    data = html_of(thirty_days())
    return data, parse(data)


def test_the_report_has_charts_each_with_a_title_and_a_summary(report: tuple[bytes, Page]) -> None:
    _, page = report
    assert len(page.svgs) >= 3
    assert page.tags["figure"] == len(page.svgs) == 4  # practice, pain, runs, lessons
    for svg in page.svgs:
        assert svg["role"] == "img"
        title, summary = svg["aria-labelledby"], svg["aria-describedby"]
        assert page.ids[title] == 1 and page.ids[summary] == 1
    assert "Morning pain logged on 30 of 30 days." in page.all_text
    assert "Left foot: 6.1 on average in the first logged week" in page.all_text
    assert "13 runs, 5 h 38 min in all" in page.all_text
    duplicated = [name for name, count in page.ids.items() if count > 1]
    assert duplicated == []  # two charts never share an id (clip paths, markers)


def test_notes_reasons_and_titles_are_escaped(report: tuple[bytes, Page]) -> None:
    data, page = report
    assert page.tags["script"] == 0 and page.tags["b"] == 0 and page.tags["i"] == 0
    assert SCRIPT_NOTE in page.all_text
    assert " ".join(BOLD_NOTE.split()) in page.all_text
    assert f"Skipped: {SKIP_REASON}" in page.all_text
    assert b"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in data
    assert b"\x1b" not in data and b"\x07" not in data  # terminal escapes spelt out:
    assert '=HYPERLINK("http://example.com") ^[]0;pwned^G odd' in page.all_text
    assert TITLE in page.all_text  # the lessons table, and the chart's tick label:
    assert "Free &lt;Your&gt; Feet &amp; $5 $shoes$" in data.decode()  # no maths made of $


def test_nothing_is_fetched_and_nothing_runs(report: tuple[bytes, Page]) -> None:
    data, page = report
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name)  # no event handlers
        if name in ("src", "href", "xlink:href", "action", "poster", "data"):
            assert value.startswith("#"), (tag, name, value)
        assert not NETWORK.match(value) or name == "content", (tag, name, value)
    css = "\n".join(page.styles) + " ".join(v for _, n, v in page.attributes if n == "style")
    assert "@import" not in css
    assert all(ref.startswith("#") for ref in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css))
    assert all(ref.startswith(b"#") for ref in re.findall(rb"url\(([^)]*)\)", data))
    assert not re.search(rb"(src|href)\s*=\s*[\"']?\s*(https?:)?//", data)
    policy = next(v for t, n, v in page.attributes if t == "meta" and n == "content" and "src" in v)
    assert "default-src 'none'" in policy


def test_it_prints_in_parts_with_the_safety_line(report: tuple[bytes, Page]) -> None:
    _, page = report
    css = "\n".join(page.styles)
    assert "@media print" in css and "@page" in css
    assert ".page + .page { break-before: page; }" in css
    assert "break-inside: avoid" in css
    assert page.tags["section"] == 3
    assert SAFETY_LINE in page.all_text
    assert "From Mon 26 Oct 2026 to Tue 24 Nov 2026 (30 days)" in page.all_text


def test_the_same_log_gives_the_same_file() -> None:
    assert html_of(thirty_days()) == html_of(thirty_days())


def test_an_empty_log_still_makes_a_report() -> None:
    page = parse(html_of(History(), END, END))
    assert "No morning pain was logged in this period." in page.all_text
    assert "No runs were logged in this period." in page.all_text
    assert "No lessons were practised in this period." in page.all_text
    assert "No days to show yet." in page.all_text
    assert page.svgs == []  # no empty charts


def test_ten_years_cut_the_heat_map_into_yearly_strips() -> None:
    start = END - timedelta(days=3652)
    log = History.of(checkins=[c for c in thirty_days().checkins])
    page = parse(html_of(log, start, END))
    practice = [s for s in page.svgs if s["aria-labelledby"].startswith("practice")]
    assert len(practice) == 10  # 522 weeks, at most 53 a strip


# what the report is made of ---------------------------------------------------------------
def test_each_day_gets_one_kind() -> None:
    history = thirty_days()
    rest = rest_days(history, default_program(), START, END)
    kinds = dict(practice_days(history, START - timedelta(days=2), END, END, rest))
    assert kinds[START - timedelta(days=1)] is DayKind.NOT_COUNTED  # before the log began
    assert kinds[START] is DayKind.COMPLETED
    assert kinds[START + timedelta(days=3)] is DayKind.PARTIAL
    assert all(kinds[START + timedelta(days=n)] is DayKind.SKIPPED for n in SKIPPED)
    quiet = {kinds[START + timedelta(days=n)] for n in NOTHING_DONE}
    assert quiet == {DayKind.MISSED, DayKind.REST}  # a lesson was due on one, not the other


def test_today_counts_once_it_has_a_session_or_a_skip() -> None:
    history = thirty_days()
    tomorrow = END + timedelta(days=1)
    days = practice_days(history, END, tomorrow, tomorrow, frozenset())
    assert dict(days)[tomorrow] is DayKind.NOT_COUNTED
    assert practice_summary(days, tomorrow) == (
        "Of 1 day: 1 with a lesson completed, 0 partly done, 0 skipped, 0 rest days, 0 with "
        "no lesson asked, 0 with nothing done though a lesson was due. Today counts once it "
        "has a session or a skip."
    )


def test_morning_pain_is_followed_per_foot() -> None:
    points = foot_pain_trend(thirty_days(), START, START + timedelta(days=6))
    assert [p.left for p in points] == [7, 6, 6, 7, 6, 5, 6]
    assert [p.right for p in points] == [3, 4, 3, 3, 3, 4, 3]
    assert points[2].left_average == pytest.approx((7 + 6 + 6) / 3)
    assert points[6].right_average == pytest.approx(23 / 7)


def test_runs_are_judged_against_the_run_guide() -> None:
    runs = [RunPoint(START, 20, 3), RunPoint(START, 25, 4), RunPoint(START, 30, 6)]
    text = runs_summary([*runs, RunPoint(START, 10, None)])
    assert text == (
        "4 runs, 1 h 25 min in all; the shortest 10 min, the longest 30 min. Pain during the "
        "runs: 1 at 0 to 3 (safe), 1 at 4 to 5 (acceptable), 1 above 5 (too much), 1 not rated."
    )


def test_each_lessons_scan_answers_are_in_the_lessons_table() -> None:
    history = thirty_days()
    assert all(
        row.rated == 0 for row in report_data(history, START, END, END, {}, frozenset()).lessons
    )
    assert b"No before/after scan ratings were recorded" in html_of(history)
    answers = {"free-your-feet": [1, 1, 2, -1], "pre-run-hip-extension": [0]}
    sessions = []
    for session in history.sessions:
        left = answers.get(session.lesson_id)
        if left and session.counts_as_practice:
            session = replace(session, scan_change=left.pop(0))
        sessions.append(session)
    rated = History.of(sessions, history.checkins, history.skips)
    rows = {
        row.totals.lesson_id: row
        for row in report_data(rated, START, END, END, {}, frozenset()).lessons
    }
    assert rows["free-your-feet"].scans == {1: 2, 2: 1, -1: 1}
    assert rows["pre-run-hip-extension"].scans == {0: 1}
    assert rows["mobilizing-your-core-to-run"].rated == 0
    page = parse(html_of(rated))
    text = " ".join(" ".join(page.text).split())
    assert "Walking after vs before" in text
    assert "much easier 1, easier 2, worse 1" in text
    assert "the same 1" in text and "not rated" in text
    assert "walking felt easier after 3 of 4 rated sessions" in text
    assert "No before/after scan ratings" not in text


def test_chart_labels_are_one_line_with_control_characters_spelt_out() -> None:
    assert short("Free\nYour\x1b]0;x\x07 Feet") == "Free Your^[]0;x^G Feet"
    assert short("x" * 60) == "x" * 37 + "…"


@pytest.mark.parametrize(
    ("start", "cell", "expected"),
    [
        (date(2026, 10, 26), 0.46, [(0, "Oct"), (1, "Nov 2026")]),
        (date(2026, 11, 1), 0.46, [(0, "Nov 2026")]),
        (date(2026, 1, 5), 0.46, [(0, "Jan 2026"), (4, "Feb"), (8, "Mar")]),
    ],
)
def test_month_labels_never_run_into_each_other(
    start: date, cell: float, expected: list[tuple[int, str]]
) -> None:
    days = [
        (start + timedelta(days=n), DayKind.REST) for n in range(60 if start.month == 1 else 30)
    ]
    assert month_labels(days, start - timedelta(days=start.weekday()), cell) == expected


# the command --------------------------------------------------------------------------------
def test_export_html_writes_one_private_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merge_into(ProgressStore.for_user(), imported(thirty_days()))
    target = tmp_path / "report.html"
    code = main(["export", "--format", "html", "--to", str(END), "-o", str(target)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == f"Wrote a report from {START} to {END} to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(parse(target.read_bytes()).svgs) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


WITHOUT_MATPLOTLIB = """\
import sys
sys.modules["matplotlib"] = None  # as if it were not installed: importing it fails
from freefeet_tui.cli.main import main
sys.exit(main(["export", "--format", "html", "-o", sys.argv[1]]))
"""


def test_without_matplotlib_one_line_says_how_to_get_it(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_MATPLOTLIB, str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "freefeet: error: the html report draws its charts with matplotlib, which is not "
        "installed: pip install 'freefeet-tui[report]'"
    ]
    assert not target.exists()


LOADED = """\
import contextlib, io, sys
from freefeet_tui.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(sys.argv[1:]) == 0
import freefeet_tui.tui.app, freefeet_tui.core.export.html_report
print("matplotlib" in sys.modules)
"""


@pytest.mark.parametrize(("fmt", "loads"), [("md", False), ("html", True)])
def test_matplotlib_is_imported_only_for_the_html_report(
    fmt: str, loads: bool, tmp_path: Path
) -> None:
    """The app, the core and every other format never import it; html does (the control)."""
    args = ["export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(loads)]


def test_rest_days_are_the_ones_the_programme_declares() -> None:
    """Not a guess from a quiet day: a day asking only the check-in is no rest day, and the
    heat map calls it a day with no lesson asked, never one where a lesson was missed."""
    program = default_program()
    history = thirty_days()
    declared = {d.day for d in walk(history, program, END, END) if d.rest_day}
    check_in_only = {
        d.day
        for d in walk(history, program, END, END)
        if not d.rest_day and all(item.kind == ItemKind.CHECKIN for item in d.items)
    }
    rest, no_lesson = quiet_days(history, program, START, END)
    assert rest == rest_days(history, program, START, END)
    assert rest == {day for day in declared if day >= START}
    assert rest and check_in_only and not rest & no_lesson
    assert {day for day in check_in_only if day >= START} <= no_lesson
    kinds = dict(practice_days(history, START, END, END, rest, no_lesson))
    quiet = [day for day in no_lesson if not history.sessions_on(day) and not history.skip_on(day)]
    assert quiet and all(kinds[day] is DayKind.NO_LESSON for day in quiet)
    assert all(kinds[day] is DayKind.REST for day in rest if kinds[day] not in DONE_KINDS)


DONE_KINDS = (DayKind.COMPLETED, DayKind.PARTIAL, DayKind.SKIPPED)
