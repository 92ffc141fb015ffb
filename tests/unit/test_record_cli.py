"""``freefeet today --json``, ``plan``, ``edit``, ``delete`` and ``undo`` against a real store.

The dates are the real today's, so ``log --date`` (today or earlier) can set up the log.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.core.lesson import SAFETY_LINE
from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.progress import CheckIn, ProgressStore, Skip
from freefeet_tui.core.wording import short_day

TODAY = date.today()
ERROR_LINE = re.compile(r"^freefeet: error: \S.*\n$")
DATED = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [ \d]\d [A-Z][a-z]{2}  ")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def store() -> ProgressStore:
    return ProgressStore.for_user()


def checkin(day: date) -> CheckIn | None:
    return store().history([day.year]).checkin_on(day)


# ---- today --json --------------------------------------------------------------------------


def test_today_json_has_exactly_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "today", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"date", "due", "run", "streak", "rest_day"}
    assert data["date"] == TODAY.isoformat() and data["rest_day"] is False
    assert data["due"] == [
        {
            "kind": "check-in",
            "id": "check-in",
            "title": "Morning check-in",
            "state": "due",
            "reason": "how your feet feel on your first steps today",
        },
        {
            "kind": "lesson",
            "id": "free-your-feet",
            "title": "Free Your Feet",
            "state": "due",
            "reason": "twice a week in the first two weeks, while your feet relearn how to move",
        },
    ]
    assert data["run"]["minutes"] == 0 and data["run"]["intervals"] is None
    assert data["run"]["reason"].startswith("today is not a run day; your next run is on ")
    assert data["streak"] == {"current": 0, "best": 0}


def test_today_json_on_a_run_day_has_the_run_and_its_intervals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "log", "--date", "yesterday", "--pain", "2")  # the programme began yesterday
    data = json.loads(run(capsys, "today", "--json")[1])
    kinds = [(item["kind"], item["state"]) for item in data["due"]]
    assert kinds[0] == ("check-in", "due") and ("run", "due") in kinds
    assert data["run"] == {
        "minutes": 10,
        "intervals": {"run": 2, "walk": 1, "repeats": 3},
        "reason": "your first run: short and easy",
    }
    assert data["streak"] == {"current": 0, "best": 0}  # yesterday's Free Your Feet was missed


# ---- plan ----------------------------------------------------------------------------------


def test_plan_shows_fourteen_dated_lines_with_the_safety_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "plan")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    dated = [line for line in lines if DATED.match(line)]
    assert len(dated) == 14
    assert dated[0].startswith(f"{short_day(TODAY, aligned=True)}  Free Your Feet")
    assert lines[0].startswith("Your plan for the next 14 days. From: Week 1 of 8, day 1")
    assert lines[-1] == SAFETY_LINE
    assert sum("rest day" in line for line in dated) == 2
    short = run(capsys, "plan", "--days", "3")[1].splitlines()
    assert len([line for line in short if DATED.match(line)]) == 3


@pytest.mark.parametrize("days", ["0", "367", "x"])
def test_plan_refuses_a_bad_number_of_days(capsys: pytest.CaptureFixture[str], days: str) -> None:
    code, out, err = run(capsys, "plan", "--days", days)
    assert code == 2 and out == "" and ERROR_LINE.match(err)


# ---- edit, delete, undo --------------------------------------------------------------------


def test_edit_changes_the_given_figures_and_undo_takes_it_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "log", "--pain-left", "4", "--pain-right", "2", "--note", "stiff")
    code, out, err = run(
        capsys, "edit", f"c-{TODAY:%Y%m%d}", "--pain-right", "5", "--clear", "note"
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        f"Changed the check-in of {TODAY}: morning pain left 4, right 5 (id c-{TODAY:%Y%m%d})"
    )
    assert checkin(TODAY) == CheckIn(TODAY, 4, 5)
    assert run(capsys, "undo")[1].startswith(f"Undone: edited the check-in of {TODAY}.")
    assert checkin(TODAY) == CheckIn(TODAY, 4, 2, note="stiff")


def test_edit_moves_a_skip_and_refuses_what_does_not_fit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    day = TODAY - timedelta(days=3)
    run(capsys, "skip", "--date", str(day), "--reason", "travel")
    skip_id = f"k-{day:%Y%m%d}"
    assert run(capsys, "edit", skip_id, "--pain", "3")[0] == 2  # a skip has no pain
    assert run(capsys, "edit", skip_id, "--date", "tomorrow")[0] == 2  # not a day yet
    code = run(capsys, "edit", skip_id, "--date", "yesterday", "--reason", "ill")[0]
    assert code == 0
    yesterday = TODAY - timedelta(days=1)
    assert store().history([yesterday.year]).skip_on(yesterday) == Skip(yesterday, "ill")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["edit", "c-20200101", "--pain", "2"], 'no record "c-20200101"'),
        (["edit", "ID", "--clear", "shoes"], '--clear "shoes": choose from'),
        (["delete", "k-20200101", "--yes"], 'no record "k-20200101"'),
    ],
)
def test_unknown_ids_and_fields_are_one_error_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code in (1, 2) and out == "" and ERROR_LINE.match(err) and message in err


class Terminal(io.StringIO):
    """Answers typed at a terminal: ``delete`` asks only when stdin is one."""

    def isatty(self) -> bool:
        return True


def test_delete_asks_first_and_keeps_the_record_on_no(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "log", "--pain", "3")
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    code, out, _ = run(capsys, "delete", f"c-{TODAY:%Y%m%d}")
    assert code == 1 and out.endswith("Delete it? [y/N] Not deleted.\n")
    assert checkin(TODAY) is not None
    monkeypatch.setattr(sys, "stdin", Terminal(""))  # no answer at all: kept as well
    assert run(capsys, "delete", f"c-{TODAY:%Y%m%d}")[0] == 1
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, out, _ = run(capsys, "delete", f"c-{TODAY:%Y%m%d}")
    assert code == 0 and f"Deleted the check-in of {TODAY}; freefeet undo brings it back." in out
    assert checkin(TODAY) is None


def test_delete_without_a_terminal_refuses_rather_than_waits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A script or a pipe cannot answer the question: one error line, the record kept, and
    no wait for an answer (stdin is /dev/null, as under cron)."""
    run(capsys, "log", "--pain", "3")
    done = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", "delete", f"c-{TODAY:%Y%m%d}"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"freefeet: error: delete asks before it deletes the check-in of {TODAY}, and there is "
        "no terminal to answer; add --yes to delete without asking\n"
    )
    assert checkin(TODAY) is not None


def test_undo_works_from_a_new_process_a_few_steps_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each command below is a process of its own: the journal is on disk."""
    command = [sys.executable, "-m", "freefeet_tui"]

    def freefeet(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], capture_output=True, text=True, timeout=60)

    assert freefeet("log", "--pain", "3").returncode == 0
    assert freefeet("skip", "--date", "yesterday", "--reason", "travel").returncode == 0
    assert freefeet("delete", f"c-{TODAY:%Y%m%d}", "--yes").returncode == 0
    steps = [freefeet("undo").stdout.splitlines()[0] for _ in range(3)]
    assert steps == [
        f"Undone: deleted the check-in of {TODAY}.",
        f"Undone: skipped {TODAY - timedelta(days=1)} (travel).",
        f"Undone: logged the check-in of {TODAY}.",
    ]
    last = freefeet("undo")
    assert last.returncode == 1 and last.stderr == "freefeet: error: nothing to undo\n"
    assert store().all_years().checkins == () and store().all_years().skips == ()


def test_history_shows_ids_that_edit_and_delete_take(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "log", "--pain", "1", "--note", "ok")
    line = run(capsys, "history", "--days", "1")[1].splitlines()[0]
    assert line.startswith(f"{TODAY}  c-{TODAY:%Y%m%d}         check-in  morning pain 1")


# ---- config.toml -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[player]\ndiscard_under = -1\n", ":2: [player] discard_under must be a whole number"),
        ("[player]\nkeep = 1\n", ':2: [player] unknown key "keep"'),
        ("[practice]\ndiscard_under = 5\n", ":1: unknown table [practice]"),
        ('[reminders]\ntime = "25:00"\n', ":2: [reminders] time must be a time of day"),
        ("reminders = 3\n", ":1: reminders must be a table"),
    ],
)
def test_a_bad_setting_is_one_error_line(
    capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    config = user_locations().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "play", "pre-run-hip-extension", "--plain", "--tempo", "100")
    assert code == 2 and ERROR_LINE.match(err) and f"{config}{message}" in err
