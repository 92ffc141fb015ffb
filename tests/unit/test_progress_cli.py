"""``freefeet today``, ``log``, ``skip``, ``history`` and ``stats`` against a real store."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.progress import ProgressStore, Session, new_session

# The command starts lessons at once here: no get-ready count (tests of it set their own).
pytestmark = pytest.mark.usefixtures("no_get_ready")

TODAY = date.today()
ERROR_LINE = re.compile(r"^freefeet: error: \S.*$")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def store() -> ProgressStore:
    return ProgressStore.for_user()


def played(
    lesson_id: str,
    title: str,
    day: date,
    *,
    completed: bool = True,
    seconds: int = 1200,
    steps: int = 8,
    hour: int = 7,
) -> Session:
    """A session of ``lesson_id`` on ``day``, saved through the store as the player would."""
    start = datetime.combine(day, time(hour, 0)).astimezone()
    session = new_session(lesson_id, title, steps, now=start)
    store().add_session(session)
    done = session.finish(
        completed=completed,
        seconds=seconds,
        steps_done=steps if completed else steps // 2,
        stop_index=None if completed else steps // 2,
        stop_step=None,
        now=start + timedelta(seconds=seconds),
    )
    return store().update_session(done)


def progress_files() -> dict[str, bytes]:
    folder = user_locations().progress
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".toml"}


# ---- the Done-when flow ------------------------------------------------------------------------


def test_after_free_your_feet_mobilizing_is_due_tomorrow_then_overdue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    played("free-your-feet", "Free Your Feet", TODAY)
    code, out, _ = run(capsys, "today")
    assert code == 0
    assert "Week 1 of 8, day 1 · Free the feet\n" in out
    assert (
        "  Free Your Feet: twice a week in the first two weeks, while your feet relearn how to "
        "move (done)\n"
    ) in out
    assert "Mobilizing" not in out  # due tomorrow, not today
    assert "No run today: today is not a run day; your next run is on" in out
    assert "freefeet is not medical advice." in out

    code, out, _ = run(capsys, "today", "--date", str(TODAY + timedelta(days=1)))
    assert code == 0
    assert out.startswith("Tomorrow, ")
    assert (
        "  Mobilizing Your Core to Run: the day after Free Your Feet, to bring back your speed\n"
        in out
    )
    assert "freefeet play mobilizing-your-core-to-run" in out
    assert "Run today: 10 min, as run 2 min then walk 1 min, 3 times, then run 1 min." in out
    assert "overdue" not in out

    code, out, _ = run(capsys, "today", "--date", str(TODAY + timedelta(days=4)))
    assert code == 0  # a day ahead is the plan: what comes before it is assumed done
    assert "overdue" not in out and "Mobilizing" in out and "Run today: 12 min" in out


def test_a_lesson_not_done_shows_overdue(capsys: pytest.CaptureFixture[str]) -> None:
    played("free-your-feet", "Free Your Feet", TODAY - timedelta(days=3))
    code, out, _ = run(capsys, "today")
    assert code == 0 and "Week 1 of 8, day 4" in out
    assert (
        "  Mobilizing Your Core to Run: the day after Free Your Feet, to bring back your speed "
        "(overdue by 2 days)\n"
    ) in out


def test_playing_free_your_feet_for_real_makes_mobilizing_due_tomorrow(
    freefeet_home: Path,
) -> None:
    """The whole flow through the installed command, in fresh processes (about 13 s)."""
    command = [sys.executable, "-m", "freefeet_tui"]
    play = subprocess.run(
        [*command, "play", "free-your-feet", "--plain", "--tempo", "100"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert play.returncode == 0, play.stderr
    assert play.stderr == ""
    tomorrow = TODAY + timedelta(days=1)
    today = subprocess.run(
        [*command, "today", "--date", tomorrow.isoformat()],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert today.returncode == 0, today.stderr
    assert "Mobilizing Your Core to Run: the day after Free Your Feet" in today.stdout
    history = subprocess.run([*command, "history"], capture_output=True, text=True, timeout=30)
    assert re.search(
        rf"^{TODAY}  s-{TODAY:%Y%m%d}-[0-9a-f]{{6}}  session   Free Your Feet: completed, "
        "18 of 18 steps",
        history.stdout,
        re.MULTILINE,
    )


# ---- log and skip show up ---------------------------------------------------------------------


def test_log_and_skip_show_in_today_and_history(capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = TODAY - timedelta(days=1)
    code, out, err = run(capsys, "log", "--pain-left", "4", "--pain-right", "2")
    assert (code, err) == (0, "")
    assert out == (
        f"Logged for {TODAY}: morning pain left 4, right 2\n"
        "Changed your mind? freefeet undo takes it back.\n"
    )
    code, out, _ = run(capsys, "log", "--ran", "30", "--run-pain", "1", "--note", "easy\nloop")
    assert out.splitlines()[0] == (
        f"Logged for {TODAY}: morning pain left 4, right 2; ran 30 min (pain 1); note: easy / loop"
    )  # the evening log kept the morning's pain
    code, out, _ = run(capsys, "skip", "--date", str(yesterday), "--reason", "travel")
    assert code == 0 and "Skipped" in out

    code, out, _ = run(capsys, "today")
    assert f"Last check-in ({TODAY}): morning pain left 4, right 2; ran 30 min" in out
    assert "  Morning check-in: how your feet feel on your first steps today (done)" in out
    code, out, _ = run(capsys, "today", "--date", "yesterday")
    assert "Skipped: travel" in out

    played("free-your-feet", "Free Your Feet", TODAY - timedelta(days=2), completed=False)
    code, out, _ = run(capsys, "history")
    assert code == 0
    session_id = store().history([TODAY.year - 1, TODAY.year]).sessions[0].id
    assert out.splitlines() == [
        f"{TODAY}  c-{TODAY:%Y%m%d}         check-in  morning pain left 4, right 2; "
        "ran 30 min (pain 1); note: easy / loop",
        f"{yesterday}  k-{yesterday:%Y%m%d}         skipped   travel",
        f"{TODAY - timedelta(days=2)}  {session_id}  session   Free Your Feet: partial, 4 of 8 "
        "steps, 20 min, started 07:00, stopped at step 5",
        "Change one with freefeet edit ID, remove one with freefeet delete ID.",
    ]
    code, out, _ = run(capsys, "history", "--days", "2")
    assert "session" not in out and "skipped   travel" in out


def test_history_lists_newest_first_and_says_when_empty(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "--days", "7")
    assert (code, out) == (0, "Nothing recorded in the last 7 days.\n")
    played("free-your-feet", "Free Your Feet", TODAY, hour=7)
    played("pre-run-hip-extension", "Pre-run Hip Extension", TODAY, hour=18, steps=4)
    played("free-your-feet", "Free Your Feet", TODAY - timedelta(days=3))
    lines = run(capsys, "history")[1].splitlines()[:-1]
    assert [line.split("  session   ")[1].split(":")[0] for line in lines] == [
        "Pre-run Hip Extension",
        "Free Your Feet",
        "Free Your Feet",
    ]


def test_today_offers_an_unfinished_session(capsys: pytest.CaptureFixture[str]) -> None:
    session = new_session("free-your-feet", "Free Your Feet", 16, start_index=3)
    store().add_session(session.checkpoint(seconds=300, steps_done=3, stop_index=3, stop_step=None))
    out = run(capsys, "today")[1]
    assert "Unfinished: Free Your Feet: unfinished, 3 of 16 steps, 5 min" in out
    assert "continue with: freefeet play free-your-feet --resume" in out


def test_stats_shows_streak_adherence_pain_trend_and_lessons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for back in range(3):
        played("free-your-feet", "Free Your Feet", TODAY - timedelta(days=back), seconds=600)
    played("pre-run-hip-extension", "Pre-run Hip Extension", TODAY, completed=False, seconds=90)
    for back in range(20, -1, -1):
        pain = 6 if back > 13 else 2
        run(capsys, "log", "--date", str(TODAY - timedelta(days=back)), "--pain", str(pain))
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "Streak: " in out and "Habit strength: " in out
    assert "Weekly adherence (days you did all the programme asked" in out
    assert "Pain trend: first week 6.0" in out and "last week 2.0" in out and "down 4.0" in out
    assert "  Free Your Feet: 3 sessions (3 completed, 0 partial), 30 min" in out
    assert "  Pre-run Hip Extension: 1 session (0 completed, 1 partial), 1 min 30 s" in out


def test_stats_on_an_empty_log(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "Streak: 0 days now, best 0" in out
    assert "Lessons: none played yet" in out
    assert progress_files() == {}  # reading never creates files


# ---- bad input --------------------------------------------------------------------------------

FUTURE = str(TODAY + timedelta(days=1))
BAD_INPUT = [
    (["log", "--pain", "11"], "--pain 11 is out of range"),
    (["log", "--pain", "-1"], "out of range"),
    (["log", "--pain-left", "3", "--pain", "2"], "not both"),
    (["log", "--run-pain", "x"], "not a whole number"),
    (["log", "--ran", "2000"], "--ran 2000 is out of range"),
    (["log", "--date", "2026-02-30", "--pain", "1"], "not a date"),
    (["log", "--date", "24/11/2026", "--pain", "1"], "not a date"),
    (["log", "--date", FUTURE, "--pain", "1"], "in the future"),
    (["log", "--note", "  "], "--note is empty"),
    (["log"], "nothing to log"),
    (["skip", "--reason", ""], "--reason is empty"),
    (["skip", "--reason", "x" * 201], "the limit is 200"),
    (["skip", "--date", "tomorrow", "--reason", "travel"], "in the future"),
    (["history", "--days", "0"], "--days"),
    (["today", "--date", "someday"], "not a date"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(capsys, "log", "--date", "yesterday", "--pain", "2")[0] == 0
    before = progress_files()
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and ERROR_LINE.match(err.strip()), err
    assert message in err
    assert progress_files() == before


def test_a_bad_date_is_quoted_and_the_line_shows_the_way(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "log", "--date", "\x1b]0;pwned\x07", "--pain", "1")
    assert code == 2
    assert err == (
        f'freefeet: error: --date "^[]0;pwned^G" is not a date; use YYYY-MM-DD, e.g. {TODAY}\n'
    )
    code, _, err = run(capsys, "skip", "--date", "Tomorrow", "--reason", "travel")
    assert err == (
        f'freefeet: error: --date "Tomorrow" is in the future ({TODAY + timedelta(days=1)}); '
        "you can only log today or earlier days\n"
    )


def test_skip_needs_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "skip")
    assert code == 2 and "--reason" in err.splitlines()[-1]
    assert progress_files() == {}


# ---- a corrupted year file --------------------------------------------------------------------


def corrupt_this_year(capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "log", "--pain", "3")[0] == 0
    path = user_locations().progress / f"{TODAY.year:04d}.toml"
    text = path.read_text(encoding="utf-8")
    assert "pain_left = 3" in text
    path.write_text(text.replace("pain_left = 3", "pain_left = 12"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--pain", "1"],
        ["log", "--date", "yesterday", "--note", "sore"],
        ["skip", "--reason", "ill"],
    ],
)
def test_writes_to_a_corrupted_year_are_refused_and_the_file_is_unchanged(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    if TODAY.month == 1 and TODAY.day == 1 and "yesterday" in args:
        pytest.skip("yesterday is in last year's file today")
    path = corrupt_this_year(capsys)
    before = path.read_bytes()
    code, out, err = run(capsys, *args)
    assert code == 1
    assert out == ""
    assert re.fullmatch(rf"freefeet: error: {re.escape(str(path))}:\d+: .*pain_left.*\n", err)
    assert path.read_bytes() == before


def test_reads_show_the_rest_and_report_the_corrupted_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = corrupt_this_year(capsys)
    for args in (["today"], ["history"], ["stats"]):
        code, out, err = run(capsys, *args)
        assert code == 1, args
        assert out  # the command still says what it can
        assert err.startswith(f"freefeet: error: {path}:")
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert f"problem: {path}:" in out


def test_doctor_lists_the_progress_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "doctor")
    folder = user_locations().progress
    assert code == 0
    assert f"progress log       {folder} (not created yet)" in out
    run(capsys, "log", "--pain", "1")
    code, out, _ = run(capsys, "doctor")
    assert code == 0
    assert f"progress log       {folder} (1 year file, {TODAY.year})" in out
