"""Plain mode with prompts and the get-ready count: exact lines on a fake clock, the note for a
prompt the voice could not say, the summary of a quit lesson, and the ``[player]`` setting."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from freefeet_tui.cli.plain import NOT_SPOKEN, LinePrinter, PlainFormatter, run_plain
from freefeet_tui.core.engine import Engine
from freefeet_tui.core.events import Event, PromptDue
from freefeet_tui.core.lesson import Origin
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.progress import ProgressStore
from tests.conftest import TINY_LESSON, FakeClock, write_player_config
from tests.helpers.plain import fake_sleeper, run_cli, without_times

PROMPTED = TINY_LESSON.replace(
    'rest = "5s"\n', 'rest = "5s"\nprompts = ["Notice your heels.", "Now your toes."]\n'
)

PROMPTED_WITH_GET_READY = """\
[0:00] Tiny lesson: 2 steps, 44 s
[0:00] Get ready: step 1 of 2 starts in 3 s.
[0:00] 2
[0:00] 1
[0:00] Step 1 of 2: Stand and notice. Stand easy and notice your feet.
[0:03] Notice your heels.
[0:06] Now your toes.
[0:07] 3
[0:08] 2
[0:09] 1
[0:10] Rest 5 s. Next: Bridge (left)
"""


def play(path: Path, clock: FakeClock, get_ready: float = 0.0) -> str:
    out = io.StringIO()
    lesson = load_lesson(path, Origin.FILE)
    sleep = fake_sleeper(clock)
    code = run_plain(lesson, out, clock=clock, sleep=sleep, get_ready=get_ready)
    assert code == 0
    return out.getvalue()


def test_get_ready_then_prompts_at_their_seconds(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    text = play(write_lesson(PROMPTED), clock, get_ready=3)
    assert text.startswith(PROMPTED_WITH_GET_READY)
    assert text.splitlines()[-1] == "[0:44] Finished: 2 of 2 steps in 0:44."


def test_a_prompt_the_voice_skipped_gets_a_note(
    write_lesson: Callable[..., Path], clock: FakeClock
) -> None:
    engine = Engine(load_lesson(write_lesson(PROMPTED)), clock)
    skipped: list[str] = []

    def busy_voice(event: Event) -> None:  # stands in for the voice, which hears events first
        if isinstance(event, PromptDue) and event.number == 2:
            skipped.append(event.text)

    out = io.StringIO()
    engine.subscribe(busy_voice)
    engine.subscribe(LinePrinter(PlainFormatter(engine), out, skipped))
    engine.start()
    clock.advance(6.8)  # prompts at 3.3 s and 6.7 s
    engine.tick()
    assert out.getvalue().splitlines()[-3:] == [
        "[0:03] Notice your heels.",
        "[0:06] Now your toes.",
        f"[0:06] {NOT_SPOKEN}",
    ]


def test_quitting_leaves_a_summary_that_says_it_was_saved(
    write_lesson: Callable[..., Path], clock: FakeClock, tmp_path: Path
) -> None:
    lesson = load_lesson(write_lesson(), Origin.FILE)
    store = ProgressStore(tmp_path / "progress")
    out = io.StringIO()

    def sleep(seconds: float) -> None:
        clock.advance(seconds)
        if clock.now >= 1017.0:
            raise KeyboardInterrupt

    assert run_plain(lesson, out, clock=clock, sleep=sleep, store=store) == 130
    assert out.getvalue().splitlines()[-1] == (
        "[0:17] Tiny lesson: stopped after 1 of 2 steps, 17 s practised; saved in your log."
    )
    (session,) = store.all_years().sessions
    assert (session.steps_done, session.seconds, session.status) == (1, 17, "partial")


def test_the_command_opens_with_a_get_ready_count(
    write_lesson: Callable[..., Path], freefeet_home: Path
) -> None:
    write_player_config(freefeet_home, 2)
    result = run_cli("play", str(write_lesson(PROMPTED)), "--plain", "--tempo", "10")
    assert result.returncode == 0, result.stderr
    lines = without_times(result.stdout)
    assert lines[1:5] == [
        "Get ready: step 1 of 2 starts in 2 s.",
        "1",
        "Step 1 of 2: Stand and notice. Stand easy and notice your feet.",
        "Notice your heels.",
    ]
    assert lines[-1] == "Finished: 2 of 2 steps in 0:04."  # the count is not practice


def test_a_bad_get_ready_is_one_error_line(
    write_lesson: Callable[..., Path], freefeet_home: Path
) -> None:
    config = freefeet_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[sound]\nvolume = 0.5\n\n[player]\nget_ready = "soon"\n')
    result = run_cli("play", str(write_lesson()), "--plain")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"freefeet: error: {config}:5: "
        '[player] get_ready must be a number from 0 to 30, not "soon"\n'
    )
