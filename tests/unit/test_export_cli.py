"""``freefeet export`` and ``freefeet import`` as a runner uses them, against a real store."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import icalendar
import jsonschema  # type: ignore[import-untyped]
import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.core.export.common import FORMULA_STARTS, restore
from freefeet_tui.core.export.csv_format import HEADER, to_csv
from freefeet_tui.core.export.files import ExportExistsError, write_export
from freefeet_tui.core.export.json_format import schema
from freefeet_tui.core.export.merge import merge_into
from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.progress import CheckIn, ProgressStore
from tests.helpers.exports import NOTES, event_day, imported, sample_history

ERROR_LINE = re.compile(r"^freefeet: error: \S.*$")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def logged() -> ProgressStore:
    """The sample log saved in this test's FREEFEET_HOME."""
    store = ProgressStore.for_user()
    merge_into(store, imported(sample_history()))
    return store


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and ERROR_LINE.match(lines[0]), err
    return lines[0]


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html", "ics", "habitbull"])
def test_each_format_exports_to_a_private_file(
    fmt: str, logged: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"out.{fmt}"
    code, out, err = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert (code, err) == (0, "")
    assert out.startswith("Wrote ") and str(target) in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.stat().st_size > 100
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_csv_from_the_command_line_opens_with_notes_intact(
    logged: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "log.csv"
    assert run(capsys, "export", "--format", "csv", "-o", str(target))[0] == 0
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    notes = {r["date"]: r["note"] for r in rows if r["note"]}
    for day, note in NOTES.items():
        assert restore(notes[day.isoformat()]) == note
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values())


def test_stdout_gets_the_exact_bytes(logged: ProgressStore) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", "export", "--format", "csv"],
        capture_output=True,
        check=False,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"kind,id,date,") and b"\r\n" in done.stdout
    assert "🦶".encode() in done.stdout


def test_dash_as_output_means_the_screen_not_a_file(
    logged: ProgressStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "export", "--format", "csv", "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith("kind,id,date,") and "Wrote" not in out
    assert list(tmp_path.iterdir()) == []  # no file called "-"
    code, _, err = run(capsys, "export", "--format", "csv", "-o", "-", "--force")
    assert code != 0 and "--force only makes sense" in one_error(err)
    assert run(capsys, "export", "--format", "csv", "-o", "./-")[0] == 0
    assert (tmp_path / "-").read_bytes().startswith(b"kind,id,date,")


def test_date_range_limits_the_records(
    logged: ProgressStore, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "export", "--format", "json", "--from", "2026-11-09", "--to", "2026-11-12"
    )
    assert code == 0
    document = json.loads(out)
    jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)
    days = {r["date"] for key in ("sessions", "checkins", "skips") for r in document[key]}
    assert days and min(days) >= "2026-11-09" and max(days) <= "2026-11-12"
    assert (document["from"], document["to"]) == ("2026-11-09", "2026-11-12")


def test_an_existing_file_is_not_replaced_without_force(
    logged: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    target.write_text("my own report, keep me\n")
    code, out, err = run(capsys, "export", "--format", "md", "-o", str(target))
    assert code == 1 and out == ""
    assert one_error(err) == f"freefeet: error: {target} already exists; add --force to replace it"
    assert target.read_text() == "my own report, keep me\n"
    code, _, err = run(capsys, "export", "--format", "md", "-o", str(target), "--force")
    assert (code, err) == (0, "")
    assert target.read_text().startswith("# freefeet progress report")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-10", "--to", "2026-11-01"], "--from 2026-11-10 is after --to"),
        (["--from", "10/11/2026"], '--from "10/11/2026" is not a date'),
        (["--force"], "--force only makes sense with -o FILE"),
        (["-o", "/nonexistent-folder/x.csv"], "the folder /nonexistent-folder does not exist"),
    ],
)
def test_bad_options_get_one_error_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export", "--format", "csv", *args)
    assert code in (1, 2) and out == ""
    assert message in one_error(err)


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "--format", "xlsx")
    assert code == 2 and "invalid choice" in err


def test_ics_plans_the_core_lesson_the_day_after_feet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.ics"
    assert run(capsys, "export", "--format", "ics", "-o", str(target))[0] == 0
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    days = [(str(e["SUMMARY"]), event_day(e)) for e in events]
    assert days[:2] == [("Morning check-in", date.today()), ("Free Your Feet", date.today())]
    assert ("Mobilizing Your Core to Run", date.today() + timedelta(days=1)) in days
    assert not any(e.walk("VALARM") for e in events)


def test_reminders_in_config_give_each_plan_event_an_alarm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from freefeet_tui.core.locations import user_locations

    config = user_locations().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[reminders]\ntime = "07:30"\n', encoding="utf-8")
    target = tmp_path / "plan.ics"
    assert run(capsys, "export", "--format", "ics", "-o", str(target))[0] == 0
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) > 28 * 2
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(hours=7, minutes=30)


def test_a_bad_reminder_time_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from freefeet_tui.core.locations import user_locations

    config = user_locations().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[sound]\nvolume = 0.5\n[reminders]\ntime = "7.30"\n', encoding="utf-8")
    code, _, err = run(capsys, "export", "--format", "ics", "-o", str(tmp_path / "p.ics"))
    assert code == 2 and not (tmp_path / "p.ics").exists()
    assert err == (
        f"freefeet: error: {config}:4: [reminders] time must be a time of day in quotes, "
        'such as "07:30", not "7.30"\n'
    )


def test_a_broken_year_file_stops_the_export(
    logged: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = logged.path_for(2025)
    bad.write_text("schema = 1\nyear = 2025\n\n[[skips]]\ndate = 2025-01-01\n")
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(target))
    assert code == 1 and f"{bad}:4:" in one_error(err)
    assert not target.exists()


def test_import_round_trip_into_a_new_home(
    logged: ProgressStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = tmp_path / "first.json"
    assert run(capsys, "export", "--format", "json", "-o", str(first))[0] == 0
    monkeypatch.setenv("FREEFEET_HOME", str(tmp_path / "new-home"))
    code, out, err = run(capsys, "import", str(first))
    total = len(sample_history())
    assert (code, err) == (0, "")
    assert out == f"Imported {first}: added 18 sessions, 10 check-ins and 2 skips.\n"
    assert total == 18 + 10 + 2
    code, out, _ = run(capsys, "import", str(first))
    assert code == 0 and f"Skipped {total} records already in your log." in out
    second = tmp_path / "second.json"
    assert run(capsys, "export", "--format", "json", "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    assert user_locations().progress.is_relative_to(tmp_path / "new-home")


def test_import_reports_records_that_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "log.csv"
    source.write_bytes(to_csv(sample_history()))
    ProgressStore.for_user().add_checkin(CheckIn(date(2026, 11, 2), 0, 0))
    code, out, _ = run(capsys, "import", str(source))
    assert code == 0
    assert "Skipped 1 record your log already has in another version (yours is kept):" in out
    assert '  check-in "c-20261102" (2026-11-02)' in out.splitlines()
    assert ProgressStore.for_user().all_years().checkin_on(date(2026, 11, 2)) == CheckIn(
        date(2026, 11, 2), 0, 0
    )


def test_a_bad_file_is_refused_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "log.csv"
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\r\n")
    writer.writerow(HEADER)
    blanks = [""] * (len(HEADER) - 5)  # the columns a skip leaves empty
    writer.writerow(["skip", "k-20261106", "2026-11-06", *blanks, "travel", ""])
    writer.writerow(["skip", "k-20261107", "2026-13-07", *blanks, "ill", ""])
    source.write_text(rows.getvalue(), encoding="utf-8", newline="")
    code, out, err = run(capsys, "import", str(source))
    assert code == 2 and out == ""
    assert one_error(err) == (
        f'freefeet: error: {source}:3: skip "k-20261107": date must be a date such as 2026-11-24'
    )
    assert not ProgressStore.for_user().years()  # nothing written, not even the good row
    code, _, err = run(capsys, "import", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read the file" in one_error(err)


def test_a_file_that_appears_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.ics"
    real_link = os.link

    def racing_link(source: Path, destination: Path) -> None:
        Path(destination).write_text("written by someone else")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(ExportExistsError):
        write_export(target, b"new", force=False)
    assert target.read_text() == "written by someone else"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left


def test_without_hard_links_the_file_is_still_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: Path, destination: Path) -> None:
        raise PermissionError(1, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "log.csv"
    write_export(target, b"data", force=False)
    assert target.read_bytes() == b"data"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(ExportExistsError):
        write_export(target, b"other", force=False)
    assert target.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def test_help_lists_export_and_import(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--help")[1].count("export") >= 1
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "habitbull" in out and "--force" in out
    code, out, _ = run(capsys, "import", "--help")
    assert code == 0 and "checked" in out


def test_a_plan_longer_than_two_years_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "export", "--format", "ics", "--from", "2026-01-01", "--to", "2028-12-31"
    )
    assert code == 2 and out == ""
    assert "1096 days; plan at most 731" in one_error(err)
