"""The rules on what goes into the log, on the command line and in the app.

Dates from 2000-01-01 to today, one line when not (``checks.day_problem``); a day more than a
year before the log's first record needs ``--force`` (or a confirmation in the app); a pain
during a run needs minutes run; a session that could not be saved makes ``play`` exit 1 with
one line. Every refusal leaves the log exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.cli.plain import run_plain
from freefeet_tui.core.engine import Engine
from freefeet_tui.core.export.importer import ImportFileError, read_export
from freefeet_tui.core.lesson import Origin
from freefeet_tui.core.library import load_library
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.progress import CheckIn, ProgressError, ProgressStore, Session
from freefeet_tui.core.progress.checks import day_problem, far_before
from freefeet_tui.core.recorder import SessionRecorder
from tests.conftest import TINY_LESSON, FakeClock

TODAY = date.today()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def store() -> ProgressStore:
    return ProgressStore.for_user()


def log_bytes() -> dict[str, bytes]:
    folder = store().folder
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in folder.glob("*.toml")}


def one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("freefeet: error: "), err
    return lines[0]


def test_the_one_date_rule() -> None:
    assert day_problem(date(2000, 1, 1), TODAY) is None
    assert day_problem(TODAY, TODAY) is None
    assert "before 2000-01-01" in str(day_problem(date(1999, 12, 31), TODAY))
    assert "in the future" in str(day_problem(TODAY + timedelta(days=1), TODAY))
    assert far_before(date(2024, 1, 1), date(2025, 1, 2))
    assert not far_before(date(2024, 1, 3), date(2025, 1, 2))
    assert not far_before(date(2001, 1, 1), None)  # an empty log: nothing to compare with


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("1999-01-01", "is before 2000-01-01"),
        ("0001-01-06", "is before 2000-01-01"),
        ("tomorrow", "is in the future"),
        ((TODAY + timedelta(days=400)).isoformat(), "is in the future"),
    ],
)
@pytest.mark.parametrize("command", [("log", "--pain", "2"), ("skip", "--reason", "ill")])
def test_dates_out_of_range_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], command: tuple[str, ...], day: str, said: str
) -> None:
    code, out, err = run(capsys, *command, "--date", day)
    assert code == 2 and out == ""
    assert said in one_error(err)
    assert log_bytes() == {}


def test_a_day_far_before_the_log_needs_force(capsys: pytest.CaptureFixture[str]) -> None:
    store().add_checkin(CheckIn(TODAY - timedelta(days=10), 3, 3))
    far = (TODAY - timedelta(days=10 + 400)).isoformat()
    before = log_bytes()
    code, _, err = run(capsys, "log", "--pain", "4", "--date", far)
    assert code == 2 and "more than a year before your log's first record" in one_error(err)
    assert "--force" in err and log_bytes() == before
    code, _, err = run(capsys, "skip", "--reason", "ill", "--date", far)
    assert code == 2 and log_bytes() == before
    code, out, _ = run(capsys, "log", "--pain", "4", "--date", far, "--force")
    assert code == 0 and out.startswith(f"Logged for {far}")
    near = (TODAY - timedelta(days=300)).isoformat()  # within a year of the first: no question
    assert run(capsys, "skip", "--reason", "ill", "--date", near)[0] == 0


def test_run_pain_needs_minutes_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "log", "--ran", "0", "--run-pain", "3")
    assert code == 2 and "needs the minutes run" in one_error(err)
    code, _, err = run(capsys, "log", "--run-pain", "3")
    assert code == 2 and "add --ran MINUTES" in one_error(err)
    assert log_bytes() == {}
    assert run(capsys, "log", "--ran", "30")[0] == 0
    code, out, _ = run(capsys, "log", "--run-pain", "3")  # the minutes were logged this morning
    assert code == 0 and "ran 30 min (pain 3)" in out
    code, _, err = run(capsys, "log", "--ran", "0")  # taking the run back leaves its pain alone
    assert code == 2 and "needs the minutes run" in one_error(err)


def test_an_import_refuses_future_and_too_early_dates(tmp_path: Path) -> None:
    document = {
        "format": "freefeet-progress",
        "version": 1,
        "skips": [{"id": "k-1", "date": (TODAY + timedelta(days=1)).isoformat(), "reason": "x"}],
    }
    path = tmp_path / "future.json"
    with pytest.raises(ImportFileError, match="is in the future"):
        read_export(json.dumps(document).encode(), path)
    document["skips"] = [{"id": "k-1", "date": "1999-12-31", "reason": "x"}]
    with pytest.raises(ImportFileError, match=r"future.json:1: skip \"k-1\": date 1999-12-31 is"):
        read_export(json.dumps(document).encode(), path)


def test_an_import_far_before_the_log_needs_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store().add_checkin(CheckIn(TODAY - timedelta(days=3), 3, 3))
    far = (TODAY - timedelta(days=800)).isoformat()
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "format": "freefeet-progress",
                "version": 1,
                "skips": [{"id": "k-old", "date": far, "reason": "travel"}],
            }
        )
    )
    before = log_bytes()
    code, _, err = run(capsys, "import", str(path))
    assert code == 2 and "add --force to import them" in one_error(err)
    assert log_bytes() == before
    code, out, _ = run(capsys, "import", str(path), "--force")
    assert code == 0 and "and 1 skip." in out


def test_plain_play_exits_1_in_one_line_when_the_session_is_not_saved(
    tmp_path: Path, write_lesson: object, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson_file = tmp_path / "lessons" / "tiny.toml"
    lesson_file.parent.mkdir()
    lesson_file.write_text(TINY_LESSON)
    lesson = load_library(lesson_file.parent, None).lessons["tiny"]

    class Unwritable(ProgressStore):
        def change_years(self, changes: object) -> list[int]:
            raise ProgressError(f"{self.folder}: cannot save 2026.toml: Read-only file system")

    clock = [0.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        code = run_plain(
            lesson,
            handle,
            tempo=100,
            clock=lambda: clock[0],
            sleep=sleep,
            store=Unwritable(tmp_path / "progress"),
        )
    err = capsys.readouterr().err
    assert code == 1
    assert "session not saved:" in one_error(err) and "Read-only file system" in err
    assert "Finished" in out.read_text()


def test_a_failed_save_followed_by_a_good_one_leaves_the_session_saved(
    tmp_path: Path, write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    lesson = load_lesson(write_lesson(), Origin.FILE, None)
    failing: list[str] = []

    class Flaky(ProgressStore):
        def update_session(self, session: Session) -> Session:
            if failing:
                raise ProgressError(failing.pop())
            return super().update_session(session)

    store = Flaky(tmp_path / "progress")
    engine = Engine(lesson, clock)
    recorder = SessionRecorder(store, lesson, engine, clock=clock)
    engine.subscribe(recorder)
    engine.start()
    assert recorder.flush() and recorder.unsaved is None
    failing.append("the lock was held too long")
    engine.next()  # a checkpoint that fails
    assert recorder.flush() and recorder.unsaved == "the lock was held too long"
    engine.next()  # the next one goes through: the log is up to date again
    assert recorder.flush() and recorder.unsaved is None
    recorder.close()
    assert recorder.errors == ["the lock was held too long"]  # still told, once
