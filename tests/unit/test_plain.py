"""Plain mode: exact lines on a fake clock, and the real command in a subprocess (incl. Ctrl-C)."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.cli.common import INTERRUPTED_EXIT
from freefeet_tui.cli.main import main
from freefeet_tui.cli.plain import (
    MAX_SLEEP,
    PlainFormatter,
    run_plain,
    seconds_until_next_event,
)
from freefeet_tui.core.engine import Engine
from freefeet_tui.core.lesson import Origin
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.wording import clock_text
from tests.conftest import LESSONS_DIR, FakeClock
from tests.helpers.plain import fake_sleeper, run_cli, without_times

# The tiny lesson from conftest at tempo 1: stand 10 s, rest 5 s, bridge 4 x 3 s per side with
# a 5 s switch. Every countdown, rep and switch, at the second it happens.
TINY_AT_TEMPO_1 = """\
[0:00] Tiny lesson: 2 steps, 44 s
[0:00] Step 1 of 2: Stand and notice. Stand easy and notice your feet.
[0:07] 3
[0:08] 2
[0:09] 1
[0:10] Rest 5 s. Next: Bridge (left)
[0:12] 3
[0:13] 2
[0:14] 1
[0:15] Step 2 of 2: Bridge (left). Squeeze your buttocks to lift your hips.
[0:15] Avoid: Belly soft: do not tighten your abs.
[0:15] Rep 1 of 4
[0:18] Rep 2 of 4
[0:21] Rep 3 of 4
[0:24] Rep 4 of 4
[0:24] 3
[0:25] 2
[0:26] 1
[0:27] Switch to the right side
[0:29] 3
[0:30] 2
[0:31] 1
[0:32] Step 2 of 2: Bridge (right). Squeeze your buttocks to lift your hips.
[0:32] Avoid: Belly soft: do not tighten your abs.
[0:32] Rep 1 of 4
[0:35] Rep 2 of 4
[0:38] Rep 3 of 4
[0:41] Rep 4 of 4
[0:41] 3
[0:42] 2
[0:43] 1
[0:44] Finished: 2 of 2 steps in 0:44.
"""

# What the same lesson prints at tempo 10 (4.4 s in all; reps are 0.3 s apart, so a loaded
# machine's scheduling hiccups cannot merge two reps), without countdowns: no segment lasts
# more than 3 real seconds.
TINY_AT_TEMPO_10 = [
    "Tiny lesson: 2 steps, 44 s (4.4 s at tempo 10x)",
    "Step 1 of 2: Stand and notice. Stand easy and notice your feet.",
    "Rest 0.5 s. Next: Bridge (left)",
    "Step 2 of 2: Bridge (left). Squeeze your buttocks to lift your hips.",
    "Avoid: Belly soft: do not tighten your abs.",
    "Rep 1 of 4",
    "Rep 2 of 4",
    "Rep 3 of 4",
    "Rep 4 of 4",
    "Switch to the right side",
    "Step 2 of 2: Bridge (right). Squeeze your buttocks to lift your hips.",
    "Avoid: Belly soft: do not tighten your abs.",
    "Rep 1 of 4",
    "Rep 2 of 4",
    "Rep 3 of 4",
    "Rep 4 of 4",
    "Finished: 2 of 2 steps in 0:04.",
]

LONG_STEP = """\
schema = 1
id = "long"
title = "Long step"
summary = "One long step."
when = "Any time"

[[steps]]
id = "hold"
title = "Hold"
cue = "Press [bold]lightly[/bold] into the floor, [red]slowly[/] $var \\\\[not-a-tag]."
duration = "{duration}"
rest = "{rest}"
"""


def play_fake(path: Path, clock: FakeClock, tempo: float = 1.0, extra: float = 0.0) -> str:
    out = io.StringIO()
    lesson = load_lesson(path, Origin.FILE)
    code = run_plain(lesson, out, tempo=tempo, clock=clock, sleep=fake_sleeper(clock, extra))
    assert code == 0
    return out.getvalue()


# ---- formatting on a fake clock ------------------------------------------------------------


def test_tiny_lesson_lines_exactly(write_lesson: Callable[..., Path], clock: FakeClock) -> None:
    assert play_fake(write_lesson(), clock) == TINY_AT_TEMPO_1


def test_oversleeping_does_not_shift_the_schedule(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    """Time comes from the clock, not from counting wake-ups: late wake-ups change nothing."""
    text = play_fake(write_lesson(), clock, extra=0.3)
    lines = text.splitlines()
    assert lines[-1] == "[0:44] Finished: 2 of 2 steps in 0:44."
    starts = [line for line in lines if "Step " in line or "Rest " in line or "Switch" in line]
    assert [line[:6] for line in starts] == ["[0:00]", "[0:10]", "[0:15]", "[0:27]", "[0:32]"]


def test_halfway_and_a_final_rest(write_lesson: Callable[..., Path], clock: FakeClock) -> None:
    path = write_lesson(LONG_STEP.format(duration="40s", rest="4s"))
    lines = play_fake(path, clock).splitlines()
    assert "[0:20] Halfway" in lines
    assert "[0:40] Rest 4 s. Then the lesson ends." in lines
    assert lines[-1] == "[0:44] Finished: 1 of 1 steps in 0:44."


def test_markup_in_a_cue_is_printed_verbatim(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    lines = play_fake(write_lesson(LONG_STEP.format(duration="5s", rest="0s")), clock).splitlines()
    cue = "Press [bold]lightly[/bold] into the floor, [red]slowly[/] $var \\[not-a-tag]."
    assert lines[1] == f"[0:00] Step 1 of 1: Hold. {cue}"


@pytest.mark.usefixtures("no_get_ready")
def test_markup_through_the_command(
    write_lesson: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lesson(LONG_STEP.format(duration="1s", rest="0s"))
    assert main(["play", str(path), "--plain", "--tempo", "100"]) == 0
    assert "into the floor, [red]slowly[/] $var \\[not-a-tag]." in capsys.readouterr().out


def test_interrupt_prints_a_summary_and_returns_130(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    lesson = load_lesson(write_lesson(), Origin.FILE)
    out = io.StringIO()

    def sleep(seconds: float) -> None:
        clock.advance(seconds)
        if clock.now >= 1020.0:
            raise KeyboardInterrupt

    assert run_plain(lesson, out, clock=clock, sleep=sleep) == INTERRUPTED_EXIT
    assert out.getvalue().splitlines()[-2:] == [
        "[0:20] Stopped at step 2 of 2 after 0:20.",
        "[0:20] Tiny lesson: stopped after 1 of 2 steps, 20 s practised.",
    ]


def test_paused_and_resumed_lines(write_lesson: Callable[..., Path], clock: FakeClock) -> None:
    engine = Engine(load_lesson(write_lesson(), Origin.FILE), clock)
    formatter = PlainFormatter(engine)
    seen: list[str] = []
    engine.subscribe(lambda event: seen.extend(formatter.lines(event)))
    engine.start()
    clock.advance(4.5)
    engine.pause()
    clock.advance(100)
    engine.resume()
    assert seen[-2:] == ["[0:04] Paused", "[0:04] Resumed"]


def test_seconds_until_next_event(write_lesson: Callable[..., Path], clock: FakeClock) -> None:
    engine = Engine(load_lesson(write_lesson(), Origin.FILE), clock)
    engine.start()
    assert seconds_until_next_event(engine) == MAX_SLEEP  # nothing due for 7 s
    clock.advance(6.8)
    engine.tick()
    assert seconds_until_next_event(engine) == pytest.approx(0.2)  # the "3" at 7 s
    clock.advance(8.2 + 2.9)  # 2.9 s into the left bridge: rep 2 starts at 3 s
    engine.tick()
    assert seconds_until_next_event(engine) == pytest.approx(0.1)
    engine.stop()
    assert seconds_until_next_event(engine) == 0.0


def test_seconds_until_halfway(write_lesson: Callable[..., Path], clock: FakeClock) -> None:
    engine = Engine(load_lesson(write_lesson(LONG_STEP.format(duration="40s", rest="0s"))), clock)
    engine.start()
    clock.advance(19.7)
    engine.tick()
    assert seconds_until_next_event(engine) == pytest.approx(0.3)


# ---- the real command ----------------------------------------------------------------------


@pytest.mark.usefixtures("no_get_ready")
def test_plain_tiny_lesson_in_a_subprocess(write_lesson: Callable[..., Path]) -> None:
    result = run_cli("play", str(write_lesson()), "--plain", "--tempo", "10")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert without_times(result.stdout) == TINY_AT_TEMPO_10
    starts = [line[:6] for line in result.stdout.splitlines() if "Step " in line]
    assert starts == ["[0:00]", "[0:01]", "[0:03]"]  # 0 s, 1.5 s and 3.2 s: from the schedule


@pytest.mark.usefixtures("no_get_ready")
def test_plain_at_tempo_50_keeps_the_order(write_lesson: Callable[..., Path]) -> None:
    """At full speed (0.9 s) the lines that mark the lesson's shape all come, in order."""
    result = run_cli("play", str(write_lesson()), "--plain", "--tempo", "50")
    assert result.returncode == 0, result.stderr
    shape = [line for line in without_times(result.stdout) if not line.startswith("Rep ")]
    assert shape == [
        "Tiny lesson: 2 steps, 44 s (0.9 s at tempo 50x)",
        "Step 1 of 2: Stand and notice. Stand easy and notice your feet.",
        "Rest 0.1 s. Next: Bridge (left)",
        "Step 2 of 2: Bridge (left). Squeeze your buttocks to lift your hips.",
        "Avoid: Belly soft: do not tighten your abs.",
        "Switch to the right side",
        "Step 2 of 2: Bridge (right). Squeeze your buttocks to lift your hips.",
        "Avoid: Belly soft: do not tighten your abs.",
        "Finished: 2 of 2 steps in 0:00.",
    ]
    last_rep = 0  # a loaded machine may merge reps at this speed, but never reorder them
    for line in without_times(result.stdout):
        if line.startswith("Step "):
            last_rep = 0
        elif line.startswith("Rep "):
            number = int(line.split()[1])
            assert number > last_rep, result.stdout
            last_rep = number


@pytest.mark.usefixtures("no_get_ready")
def test_plain_countdown_in_a_subprocess(write_lesson: Callable[..., Path]) -> None:
    # 4m10s at tempo 50 is 5 real seconds: the 3 comes 2 s in, halfway at 2.5 s, the 2 at 3 s,
    # the 1 at 4 s and the end at 5 s, half a second apart at least
    path = write_lesson(LONG_STEP.format(duration="4m10s", rest="0s"))
    result = run_cli("play", str(path), "--plain", "--tempo", "50")
    assert result.returncode == 0, result.stderr
    expected = ["3", "Halfway", "2", "1", "Finished: 1 of 1 steps in 0:05."]
    assert without_times(result.stdout)[2:] == expected
    assert result.stdout.splitlines()[-1].startswith("[0:05] ")


@pytest.mark.usefixtures("no_get_ready")
def test_builtin_lesson_runs_to_the_end() -> None:
    path = LESSONS_DIR / "pre-run-hip-extension.toml"
    lesson = load_lesson(path, Origin.BUILT_IN)
    result = run_cli("play", "pre-run-hip-extension", "--plain", "--tempo", "100")
    assert result.returncode == 0, result.stderr
    took = clock_text(lesson.total_seconds / 100)
    count = len(lesson.steps)
    assert result.stdout.splitlines()[-1] == (
        f"[{took}] Finished: {count} of {count} steps in {took}."
    )
    assert result.stdout.splitlines()[0].startswith(f"[0:00] {lesson.title}: {count} steps")


@pytest.mark.usefixtures("no_get_ready")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_ends_cleanly(write_lesson: Callable[..., Path]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "freefeet_tui", "play", str(write_lesson()), "--plain"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell may start background jobs with SIGINT ignored; a terminal user's Ctrl-C is not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    second = process.stdout.readline()  # the engine has started: we are in the sleep loop
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=10)
    assert process.returncode == 130
    assert errors == ""
    assert first.startswith("[0:00] Tiny lesson")
    assert second.startswith("[0:00] Step 1 of 2")
    assert rest == (  # an accidental start (config.toml's [player] discard_under) is not kept
        "[0:00] Stopped at step 1 of 2 after 0:00.\n"
        "[0:00] Tiny lesson: stopped after 0 of 2 steps, under a second practised; "
        "not kept: an accidental start is not practice.\n"
    )
