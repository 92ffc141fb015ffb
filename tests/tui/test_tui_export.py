"""The export form on History: Pilot tests that fill it in as a runner would, and snapshots.

The app runs on the fixed date and seeded store of ``tui_progress_helpers``. Exports go to a
temp folder and are read back by the tools they are for: the JSON is checked against the
schema shipped in the package (``jsonschema``), the CSV is read with the ``csv`` module. An
existing file is replaced only after a ``y`` in the confirmation. Regenerate the snapshots
with ``pytest tests/tui/test_tui_export.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date, time, timedelta
from importlib import resources
from pathlib import Path

import icalendar
import jsonschema  # type: ignore[import-untyped]
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from freefeet_tui.core.export.job import (
    ExportRequest,
    default_name,
    destination,
    export_file,
    field_day,
)
from freefeet_tui.core.progress import ProgressStore
from freefeet_tui.core.settings import Settings
from freefeet_tui.core.wording import DayError
from freefeet_tui.tui.app import FreefeetApp
from freefeet_tui.tui.screens.export import (
    ALL_OF_IT,
    FORMAT_CHOICES,
    NOT_VALID,
    RANGE_HINTS,
    ExportForm,
    ReplaceConfirm,
)
from freefeet_tui.tui.screens.history import HistoryScreen
from tests.helpers.snapshots import SnapCompare, steady_cursors
from tests.helpers.tui import ClockLike, WriteLesson, shown
from tests.helpers.tui_progress import (
    NOTE,
    SIZE,
    TODAY,
    MakeApp,
    burst,
    fixed_program,
    progress_app,
    progress_library,
    seed,
    settle,
    wait_for,
)

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((60, 20), id="60x20")]


@pytest.fixture
def make_app(tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike) -> MakeApp:
    return lambda **options: progress_app(tmp_path, write_lesson, clock, **options)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


async def open_form(pilot: Pilot[None]) -> ExportForm:
    await settle(pilot)
    await pilot.press("h")
    assert isinstance(pilot.app.screen, HistoryScreen)
    await pilot.press("e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ExportForm)
    return form


async def choose_format(pilot: Pilot[None], form: ExportForm, fmt: str) -> None:
    """Open the format list and move down to ``fmt``, as with the keyboard."""
    order = [value for _, value in FORMAT_CHOICES]
    form.query_one("#format", Select).focus()
    await pilot.press("enter")
    await pilot.pause()
    steps = order.index(fmt) - order.index(form.fmt)
    await pilot.press(*["down" if steps > 0 else "up"] * abs(steps), "enter")
    await pilot.pause()
    assert form.fmt == fmt


async def type_into(pilot: Pilot[None], form: ExportForm, field_id: str, text: str) -> None:
    """Type ``text`` into a field, replacing what it held (long paths are pasted)."""
    field = form.query_one(f"#{field_id}", Input)
    field.focus()
    field.value = ""
    if len(text) <= 12:
        await pilot.press(*text)
    else:
        field.insert_text_at_cursor(text)
    await pilot.pause()
    assert field.value == text


async def export(pilot: Pilot[None], form: ExportForm) -> str:
    """Press Enter in the form and wait for the worker; the form's message after it."""
    await pilot.press("enter")
    await wait_for(pilot, lambda: not form.busy and shown(form, "#export-message") != "")
    await pilot.pause()
    return shown(form, "#export-message")


def packaged_schema() -> dict[str, object]:
    text = resources.files("freefeet_tui.core.export").joinpath("schema.json").read_text()
    loaded: dict[str, object] = json.loads(text)
    return loaded


# exporting --------------------------------------------------------------------------------
async def test_export_json_validates_against_the_packaged_schema(
    make_app: MakeApp, out: Path
) -> None:
    app: FreefeetApp = make_app()
    target = out / "log.json"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.query_one("#path", Input).value == f"~/{default_name('csv', TODAY)}"
        await choose_format(pilot, form, "json")
        assert form.query_one("#path", Input).value == "~/freefeet-export-2026-11-24.json"
        await type_into(pilot, form, "path", str(target))
        message = await export(pilot, form)
        assert message == f"✓ Wrote 4 sessions, 13 check-ins and 1 skip to {target}"
        assert form.last_written == target
        assert form.query_one("#export-message").has_class("-done")
        assert isinstance(app.screen, ExportForm)  # stays open, saying what it wrote
    data = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, packaged_schema())
    assert target.stat().st_mode & 0o777 == 0o600
    store = ProgressStore(out.parent / "progress")
    log = store.all_years()
    assert sorted(s["id"] for s in data["sessions"]) == sorted(s.id for s in log.sessions)
    assert [c["note"] for c in data["checkins"] if c["date"] == "2026-11-23"] == [NOTE]


async def test_export_csv_for_a_date_range(make_app: MakeApp, out: Path) -> None:
    app: FreefeetApp = make_app()
    target = out / "november.csv"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, form, "from-day", "2026-11-21")
        await type_into(pilot, form, "to-day", "yesterday")
        await type_into(pilot, form, "path", str(target))
        message = await export(pilot, form)
        assert message == f"✓ Wrote 2 sessions, 2 check-ins and 1 skip to {target}"
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [(row["kind"], row["date"]) for row in rows] == [
        ("session", "2026-11-21"),
        ("check-in", "2026-11-21"),
        ("session", "2026-11-22"),
        ("check-in", "2026-11-23"),
        ("skip", "2026-11-23"),
    ]
    note = next(row["note"] for row in rows if row["date"] == "2026-11-23" and row["note"])
    assert note == NOTE


async def test_a_folder_as_destination_gets_the_default_name(make_app: MakeApp, out: Path) -> None:
    app: FreefeetApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_format(pilot, form, "ics")
        assert shown(form, "#range-hint") == RANGE_HINTS["ics"]
        await type_into(pilot, form, "path", f"{out}/")
        message = await export(pilot, form)
    target = out / "freefeet-export-2026-11-24.ics"
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    count = len(events)
    assert message == (
        f"✓ Wrote the plan from 2026-11-24 to 2026-12-21 ({count} events) to {target}"
    )
    assert [(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events][:3] == [
        (TODAY, "Morning check-in"),
        (TODAY, "My warm-up"),
        (TODAY, "Steady Feet"),
    ]
    assert not any(e.walk("VALARM") for e in events)


async def test_the_plan_gets_reminders_from_the_settings(make_app: MakeApp, out: Path) -> None:
    app: FreefeetApp = make_app(settings=Settings(reminder=time(6, 45)))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_format(pilot, form, "ics")
        await type_into(pilot, form, "path", f"{out}/plan.ics")
        assert (await export(pilot, form)).startswith("✓ Wrote the plan")
    events = icalendar.Calendar.from_ical((out / "plan.ics").read_bytes()).walk("VEVENT")
    assert all(
        e.walk("VALARM")[0].decoded("TRIGGER") == timedelta(hours=6, minutes=45) for e in events
    )


async def test_keys_typed_in_one_burst_land_in_their_fields(make_app: MakeApp, out: Path) -> None:
    """From the format list: Tab, a date, Tab, a date, Tab, clear the path, type it, Enter,
    all in one burst; the export covers exactly those dates and goes to that file."""
    app: FreefeetApp = make_app()
    target = out / "burst.csv"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await burst(
            pilot,
            "tab",
            *"2026-11-21",
            "tab",
            *"2026-11-22",
            "tab",
            "ctrl+u",
            *str(target),
            "enter",
        )
        await wait_for(pilot, lambda: not form.busy and shown(form, "#export-message") != "")
        assert shown(form, "#export-message") == (
            f"✓ Wrote 2 sessions, 1 check-in and 0 skips to {target}"
        )
    assert target.is_file()


# never over a file by accident -----------------------------------------------------------
async def test_an_existing_file_is_kept_unless_the_runner_says_yes(
    make_app: MakeApp, out: Path
) -> None:
    app: FreefeetApp = make_app()
    target = out / "log.csv"
    target.write_text("keep me\n")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, form, "path", str(target))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplaceConfirm))
        assert shown(app.screen, "#replace-question") == f"Replace {target}?"
        assert target.read_text() == "keep me\n"  # nothing written while it asks
        await pilot.press("enter")  # the focused button keeps the file
        await pilot.pause()
        assert app.screen is form
        assert shown(form, "#export-message") == (
            f"Not replaced: {target} is unchanged. Choose another name."
        )
        assert target.read_text() == "keep me\n"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplaceConfirm))
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "keep me\n"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplaceConfirm))
        await pilot.press("y")
        await wait_for(pilot, lambda: shown(form, "#export-message").startswith("✓"))
        assert shown(form, "#export-message") == (
            f"✓ Wrote 4 sessions, 13 check-ins and 1 skip to {target}"
        )
    assert target.read_text(encoding="utf-8").startswith("kind,id,date,")
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in out.iterdir()] == ["log.csv"]  # no temporary file left behind


# refused in place ------------------------------------------------------------------------
async def test_a_bad_date_is_refused_in_place(make_app: MakeApp, out: Path) -> None:
    app: FreefeetApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, form, "path", str(out / "log.csv"))
        await type_into(pilot, form, "from-day", "2026-13-01")
        assert shown(form, "#from-day-error") == "✗ not a date; use YYYY-MM-DD"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(form, "#export-message") == NOT_VALID
        assert form.focused is form.query_one("#from-day", Input)
        await type_into(pilot, form, "from-day", "2026-11-20")
        assert shown(form, "#from-day-error") == ""
        await type_into(pilot, form, "to-day", "2026-11-01")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(form, "#export-message") == (
            "Not exported: From 2026-11-20 is after to 2026-11-01"
        )
        assert not form.busy
    assert list(out.iterdir()) == []


async def test_a_missing_folder_is_refused_in_place(make_app: MakeApp, out: Path) -> None:
    app: FreefeetApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, form, "path", str(out / "nope" / "log.csv"))
        await pilot.press("enter")
        await pilot.pause()
        assert shown(form, "#path-error") == f"✗ no folder {out / 'nope'}"
        assert shown(form, "#export-message") == NOT_VALID
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert list(out.iterdir()) == []


async def test_a_broken_year_file_stops_the_export(make_app: MakeApp, out: Path) -> None:
    app: FreefeetApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        broken = out.parent / "progress" / "2024.toml"
        broken.write_text("schema = 1\nyear = 2024\n[[checkins]]\ndate = 'nope'\n")
        await type_into(pilot, form, "path", str(out / "log.csv"))
        message = await export(pilot, form)
    assert message.startswith(f"Not exported: {broken}:")
    assert message.endswith("(fix the file first)")
    assert list(out.iterdir()) == []


async def test_changing_the_format_follows_with_the_default_path_only(
    make_app: MakeApp, out: Path
) -> None:
    app: FreefeetApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert shown(form, "#range-hint") == ALL_OF_IT
        await choose_format(pilot, form, "habitbull")
        path = form.query_one("#path", Input)
        assert path.value == "~/freefeet-export-2026-11-24-habitbull.csv"
        await type_into(pilot, form, "path", str(out / "mine.csv"))
        await choose_format(pilot, form, "md")
        assert path.value == str(out / "mine.csv")  # typed by the runner: kept
        assert shown(form, "#range-hint") == RANGE_HINTS["md"]


# the parts -------------------------------------------------------------------------------
def test_a_date_field_is_the_one_date_parser_or_empty() -> None:
    assert field_day("", TODAY) is None
    assert field_day("  ", TODAY) is None
    assert field_day(" 2026-02-03 ", TODAY) == date(2026, 2, 3)
    assert field_day("Tomorrow", TODAY) == date(2026, 11, 25)  # an export may reach ahead
    for bad in ("2026-2-3", "03/02/2026", "2026-02-30", "soon"):
        with pytest.raises(DayError, match=r"^not a date; use YYYY-MM-DD$"):
            field_day(bad, TODAY)


def test_destination_expands_home_and_reads_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert destination("~/log.md", "md", TODAY) == tmp_path / "log.md"
    assert destination("sub/log.csv", "csv", TODAY) == tmp_path / "sub" / "log.csv"
    assert destination("sub", "json", TODAY) == tmp_path / "sub" / "freefeet-export-2026-11-24.json"
    assert destination(".", "ics", TODAY) == tmp_path / "freefeet-export-2026-11-24.ics"
    with pytest.raises(ValueError, match="no folder"):
        destination("missing/log.csv", "csv", TODAY)
    with pytest.raises(ValueError, match="no folder"):
        destination("missing/", "csv", TODAY)
    with pytest.raises(ValueError, match="cannot tell which folder ~no-such-user-here is"):
        destination("~no-such-user-here/log.csv", "csv", TODAY)
    with pytest.raises(ValueError, match="say where"):
        destination("  ", "csv", TODAY)


def test_the_job_reports_a_folder_gone_since_the_form_checked_it(
    tmp_path: Path, write_lesson: WriteLesson
) -> None:
    store = ProgressStore(tmp_path / "progress")
    seed(store)
    library = progress_library(tmp_path, write_lesson)
    gone = tmp_path / "gone" / "log.md"
    request = ExportRequest("md", None, None, gone)
    outcome = export_file(request, store, library, fixed_program(), TODAY)
    assert (outcome.problem, outcome.written) == (f"no folder {gone.parent}", False)
    gone.parent.mkdir()
    outcome = export_file(request, store, library, fixed_program(), TODAY)
    assert outcome.written and outcome.exported is not None
    assert outcome.exported.summary == "a report from 2025-12-30 to 2026-11-24"
    assert gone.read_bytes() == outcome.exported.data
    again = export_file(request, store, library, fixed_program(), TODAY)
    assert not again.written and again.problem is None  # exists: asks before replacing


# snapshots -------------------------------------------------------------------------------
ShootForm = Callable[..., bool]


@pytest.fixture
def shoot_form(
    snap_compare: SnapCompare, tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> ShootForm:
    def take(size: tuple[int, int], bad_date: bool = False) -> bool:
        app = progress_app(tmp_path, write_lesson, clock)

        async def run_before(pilot: Pilot[None]) -> None:
            form = await open_form(pilot)
            if bad_date:
                await type_into(pilot, form, "from-day", "2026-11-31")
                await pilot.press("enter")
            await pilot.pause()
            await steady_cursors(pilot)

        return snap_compare(app, terminal_size=size, run_before=run_before)

    return take


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_export_form(shoot_form: ShootForm, size: tuple[int, int]) -> None:
    assert shoot_form(size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_export_form_refuses_a_bad_date(
    shoot_form: ShootForm, size: tuple[int, int]
) -> None:
    assert shoot_form(size, bad_date=True)
