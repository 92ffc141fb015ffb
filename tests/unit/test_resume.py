"""``freefeet play ID --resume``, Ctrl-C in plain mode, and the kill -9 fault test (c)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from freefeet_tui.cli.main import main
from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.progress import ProgressStore, Session, SessionStatus, local_now, new_session

# Three steps: 3 s, then a 30 s hold (only the 10 s poll checkpoints inside it), then 3 s.
THREE_STEPS = """\
schema = 1
id = "three"
title = "Three steps"
summary = "A lesson with one long step, for resume tests."
when = "Any time"

[[steps]]
id = "warm"
title = "Warm up"
cue = "Shift your weight."
duration = "3s"

[[steps]]
id = "hold"
title = "Hold"
cue = "Stay easy."
duration = "30s"

[[steps]]
id = "end"
title = "Finish"
cue = "Stand tall."
duration = "3s"
"""

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def store() -> ProgressStore:
    return ProgressStore.for_user()


def open_session(
    lesson_id: str, title: str, steps: int, at: int, seconds: int, minutes_ago: int = 30
) -> Session:
    """An unfinished session stopped at step index ``at``, as a crash leaves it."""
    start = local_now() - timedelta(minutes=minutes_ago)
    session = new_session(lesson_id, title, steps, now=start, start_index=0)
    store().add_session(session)
    stopped = session.checkpoint(
        seconds=seconds, steps_done=at, stop_index=at, stop_step=None, now=start
    )
    return store().update_session(stopped)


def progress_files() -> dict[str, bytes]:
    folder = user_locations().progress
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".toml"}


def freefeet(*args: str) -> list[str]:
    return [sys.executable, "-m", "freefeet_tui", *args]


def test_resume_without_an_unfinished_session_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], write_lesson: Callable[..., Path]
) -> None:
    open_session("other-lesson", "Other", 4, at=2, seconds=60)  # another lesson's does not count
    before = progress_files()
    code = main(["play", str(write_lesson()), "--plain", "--resume"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == (
        'freefeet: error: no unfinished session of "tiny" to resume; '
        "start afresh with: freefeet play tiny\n"
    )
    assert progress_files() == before


def test_resume_continues_the_newest_open_session_at_its_step(
    capsys: pytest.CaptureFixture[str], write_lesson: Callable[..., Path]
) -> None:
    newer = open_session("tiny", "Tiny lesson", 2, at=1, seconds=14, minutes_ago=20)
    older = open_session("tiny", "Tiny lesson", 2, at=0, seconds=5, minutes_ago=40)
    code = main(["play", str(write_lesson()), "--plain", "--resume", "--tempo", "20"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = [line.split("] ", 1)[1] for line in out.splitlines()]
    assert lines[1].startswith("Step 2 of 2: Bridge (left)")  # step 1 is not played again
    assert lines[0].endswith("; resuming at step 2")
    assert "Step 1 of 2" not in out
    sessions = {s.id: s for s in store().all_years().sessions}
    assert len(sessions) == 2
    assert sessions[older.id] == older  # untouched
    done = sessions[newer.id]
    assert done.status is SessionStatus.COMPLETED
    assert done.steps_done == 2
    assert 14 < done.seconds <= 14 + 3  # 29 s of step 2 at tempo 20, added to the 14 s
    assert done.start == newer.start and done.day == newer.day


def test_resume_plays_at_the_sessions_tempo_unless_told(
    capsys: pytest.CaptureFixture[str], write_lesson: Callable[..., Path]
) -> None:
    start = local_now()
    session = new_session("tiny", "Tiny lesson", 2, tempo=50, now=start)
    store().add_session(session)
    assert main(["play", str(write_lesson()), "--plain", "--resume"]) == 0
    assert "at tempo 50x)" in capsys.readouterr().out


class AppRecorder:
    """Stands in for ``create_app`` in the full-screen path: records what the CLI passes.

    With ``real``, the real factory builds the app too (so its own checks run, e.g. that the
    session belongs to the lesson); only ``run`` is replaced, as a real run would take over
    the test's terminal.
    """

    def __init__(self, real: Callable[..., Any] | None = None) -> None:
        self.real = real
        self.calls: list[dict[str, Any]] = []
        self.ran = 0

    def __call__(self, **options: Any) -> Any:
        self.calls.append(options)
        fake = SimpleNamespace(return_code=0, unsaved=[])
        app = self.real(**options) if self.real is not None else fake
        app.run = self.run
        return app

    def run(self) -> None:
        self.ran += 1


@pytest.fixture
def full_screen(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], AppRecorder]:
    """Make ``freefeet play`` take the full-screen path here: a terminal, a stand-in app."""
    import freefeet_tui.tui.app as tui_app

    def install(real: bool = False) -> AppRecorder:
        # patched in the test itself: pytest swaps sys.stdout between setup and the call
        monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
        recorder = AppRecorder(tui_app.create_app if real else None)
        monkeypatch.setattr(tui_app, "create_app", recorder)
        return recorder

    return install


def test_resume_in_the_full_screen_player_gets_the_newest_open_session(
    capsys: pytest.CaptureFixture[str],
    write_lesson: Callable[..., Path],
    full_screen: Callable[[bool], AppRecorder],
) -> None:
    newer = open_session("tiny", "Tiny lesson", 2, at=1, seconds=14, minutes_ago=20)
    open_session("tiny", "Tiny lesson", 2, at=0, seconds=5, minutes_ago=40)
    open_session("other-lesson", "Other", 4, at=2, seconds=60, minutes_ago=5)
    app = full_screen(False)
    assert main(["play", str(write_lesson()), "--resume"]) == 0
    assert capsys.readouterr() == ("", "")
    (options,) = app.calls
    assert app.ran == 1
    assert options["resume"] == newer
    assert options["lesson"].id == "tiny" and options["tempo"] == newer.tempo == 1.0


def test_resume_in_the_full_screen_player_keeps_a_given_tempo(
    write_lesson: Callable[..., Path], full_screen: Callable[[bool], AppRecorder]
) -> None:
    session = new_session("tiny", "Tiny lesson", 2, tempo=50, now=local_now())
    store().add_session(session)
    app = full_screen(False)
    assert main(["play", str(write_lesson()), "--resume"]) == 0
    assert app.calls[0]["resume"] == session and app.calls[0]["tempo"] == 50
    assert main(["play", str(write_lesson()), "--resume", "--tempo", "2"]) == 0
    assert app.calls[1]["resume"] == session and app.calls[1]["tempo"] == 2


def test_resume_in_the_full_screen_player_without_a_session_opens_nothing(
    capsys: pytest.CaptureFixture[str],
    write_lesson: Callable[..., Path],
    full_screen: Callable[[bool], AppRecorder],
) -> None:
    app = full_screen(False)
    assert main(["play", str(write_lesson()), "--resume"]) == 2
    assert capsys.readouterr().err == (
        'freefeet: error: no unfinished session of "tiny" to resume; '
        "start afresh with: freefeet play tiny\n"
    )
    assert app.calls == [] and progress_files() == {}


def test_the_real_app_accepts_the_session_the_command_line_resumes(
    write_lesson: Callable[..., Path], full_screen: Callable[[bool], AppRecorder]
) -> None:
    session = open_session("tiny", "Tiny lesson", 2, at=1, seconds=14)
    app = full_screen(True)
    assert main(["play", str(write_lesson()), "--resume"]) == 0
    assert app.ran == 1 and app.calls[0]["resume"] == session


@POSIX_ONLY
def test_ctrl_c_in_plain_mode_closes_the_session_as_partial(
    write_lesson: Callable[..., Path],
) -> None:
    process = subprocess.Popen(
        freefeet("play", str(write_lesson(THREE_STEPS, name="three.toml")), "--plain"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    while "Step 2 of 3" not in process.stdout.readline():
        pass
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=10)
    assert process.returncode == 130 and errors == ""
    (session,) = store().all_years().sessions
    assert session.status is SessionStatus.PARTIAL
    assert (session.steps_done, session.stop_index, session.stop_step) == (1, 1, "hold")
    assert store().open_sessions() == []


@POSIX_ONLY
def test_a_player_killed_mid_lesson_loses_at_most_10_s_and_resume_continues(
    write_lesson: Callable[..., Path],
) -> None:
    """Fault test (c): SIGKILL 11.5 s into the 30 s step; then ``--resume`` at that step."""
    lesson = str(write_lesson(THREE_STEPS, name="three.toml"))
    process = subprocess.Popen(
        freefeet("play", lesson, "--plain"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    started = time.monotonic()
    assert first.startswith("[0:00] Three steps")
    while "Step 2 of 3" not in process.stdout.readline():
        pass
    time.sleep(11.5)  # past the poll checkpoint 10 s after the step change
    played = time.monotonic() - started
    os.kill(process.pid, signal.SIGKILL)
    killed_at = local_now()
    process.wait(timeout=10)

    (session,) = store().open_sessions()
    assert session.status is SessionStatus.OPEN
    assert (session.stop_index, session.stop_step, session.steps_done) == (1, "hold", 1)
    assert session.seconds >= 13  # the poll checkpoint, not just the step change at 3 s
    assert played - session.seconds <= 10 + 0.5  # lost at most 10 s of practice
    assert (killed_at - session.end).total_seconds() <= 10 + 1  # end is to the second

    resumed = subprocess.run(
        freefeet("play", lesson, "--plain", "--resume", "--tempo", "50"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert resumed.returncode == 0 and resumed.stderr == ""
    lines = resumed.stdout.splitlines()
    assert lines[1] == "[0:00] Step 2 of 3: Hold. Stay easy."
    assert lines[0].endswith("; resuming at step 2")
    assert lines[-1].startswith("[0:00] Finished: 3 of 3 steps")  # counted with the first run
    (final,) = store().all_years().sessions
    assert final.id == session.id
    assert final.status is SessionStatus.COMPLETED
    assert final.steps_done == 3
    assert session.seconds < final.seconds <= session.seconds + 2


def test_plain_mode_with_an_unusable_year_file_plays_and_fails_in_one_line(
    capsys: pytest.CaptureFixture[str], write_lesson: Callable[..., Path]
) -> None:
    folder = user_locations().progress
    folder.mkdir(parents=True)
    path = folder / f"{local_now().year:04d}.toml"
    path.write_bytes(b"schema = 1\nyear = [\n")
    code = main(["play", str(write_lesson()), "--plain", "--tempo", "100"])
    out, err = capsys.readouterr()
    assert code == 1 and "Finished: 2 of 2 steps" in out  # the lesson plays; the exit says
    assert err.count("\n") == 1
    assert err.startswith(f"freefeet: error: session not saved: {path}:")
    assert path.read_bytes() == b"schema = 1\nyear = [\n"
