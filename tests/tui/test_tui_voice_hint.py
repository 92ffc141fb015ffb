"""Today's one line on how to get a voice: shown when cues could be spoken (sound on, voice on)
but no voice engine is there, and not when there is one, the voice is off or sound is off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from freefeet_tui.audio import SoundConfig
from freefeet_tui.audio.backends import BellBackend
from freefeet_tui.audio.voice import ESPEAK
from freefeet_tui.core.progress import ProgressStore
from freefeet_tui.tui import app as app_module
from freefeet_tui.tui.app import create_app
from freefeet_tui.tui.screens.today import TodayScreen
from freefeet_tui.tui.sound import VOICE_HINT, missing_voice_hint
from tests.conftest import FakeClock
from tests.helpers.audio import QueueOnly, make_output
from tests.helpers.snapshots import SnapCompare
from tests.helpers.tui import ClockLike, WriteLesson, fixed_library, shown
from tests.helpers.tui_progress import TODAY, fixed_program, progress_library, seed


def test_the_hint_needs_sound_and_voice_but_no_engine(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    assert output.engine is None and missing_voice_hint(output) == VOICE_HINT
    output.engine = ESPEAK
    assert missing_voice_hint(output) is None
    assert missing_voice_hint(make_output(tmp_path, voice=False)) is None
    assert missing_voice_hint(make_output(tmp_path, BellBackend(lambda: None))) is None
    assert missing_voice_hint(None) is None  # the output could not be opened at all
    assert len(VOICE_HINT) + 2 <= 80  # one line on Today at 80 columns, with its mark


@pytest.mark.parametrize("engine", [None, ESPEAK], ids=["no-engine", "espeak"])
async def test_today_shows_the_hint_once_sound_has_opened(
    tmp_path: Path,
    write_lesson: WriteLesson,
    clock: ClockLike,
    monkeypatch: pytest.MonkeyPatch,
    engine: Any,
) -> None:
    output = make_output(tmp_path, QueueOnly())
    output.engine = engine
    monkeypatch.setattr(app_module, "open_app_sound", lambda *args: (output, None))
    app = create_app(
        library=fixed_library(tmp_path, write_lesson),
        clock=clock,
        audio="auto",
        sound_config=SoundConfig(),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if not app.sound.pending:
                break
        # At 80x24 the hint sits below the run guide: the runner scrolls down to it.
        app.screen.scroll_end(animate=False)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        notices = shown(screen, "#today-notices")
        if engine is None:
            assert notices == f"♪ {VOICE_HINT}"
            assert screen.query_one("#today-notices").display
        else:
            assert VOICE_HINT not in notices


def test_snapshot_of_today_with_the_hint(
    snap_compare: SnapCompare,
    tmp_path: Path,
    write_lesson: WriteLesson,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output = make_output(tmp_path, QueueOnly())
    monkeypatch.setattr(app_module, "open_app_sound", lambda *args: (output, None))
    store = ProgressStore(tmp_path / "progress")
    seed(store)
    app = create_app(
        library=progress_library(tmp_path, write_lesson),
        clock=FakeClock(),
        store=store,
        program=fixed_program(),
        today=TODAY,
        audio="auto",
        sound_config=SoundConfig(),
    )

    async def run_before(pilot: Pilot[None]) -> None:
        for _ in range(100):
            await pilot.pause(0.02)
            if not app.sound.pending:
                break
        # At 80x24 the hint sits below the run guide: the runner scrolls down to it.
        app.screen.scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
