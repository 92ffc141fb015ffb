"""Sound in the full-screen player: volume and mute keys, opening the output late, real sound.

The Pilot tests give the app a recording output that has the sound controls (volume, mute,
prepare, close), or stand in for the slow opening with a quick one, so they check the wiring
without a sound card. The last test is the real thing: the installed ``freefeet`` in tmux with
``--audio miniaudio`` and ALSA's file sink, and the step chime counted in the captured WAV.
"""

from __future__ import annotations

import ctypes.util
import os
import shlex
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from freefeet_tui.audio import CLOSE_DRAIN, SoundConfig
from freefeet_tui.audio.tones import CUE_FREQUENCIES
from freefeet_tui.cli.main import main
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.locations import user_locations
from freefeet_tui.tui import app as app_module
from freefeet_tui.tui import sound as sound_module
from freefeet_tui.tui.app import BellCueOutput, FreefeetApp, create_app
from freefeet_tui.tui.screens import player as player_module
from freefeet_tui.tui.sound import AppSound, SilentCueOutput
from tests.helpers.alsa_sink import (
    builtin,
    chime_starts,
    read_capture,
    tone_onsets,
    write_sink_config,
)
from tests.helpers.tmux import Tmux, installed_freefeet, normalized
from tests.helpers.tmux import tmux as tmux  # the fixture
from tests.helpers.tui import (
    ClockLike,
    RecordingOutput,
    WriteLesson,
    advance,
    fixed_library,
    player,
)

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def labels_stay_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The volume label and the sound notice stay up for the whole test, however slowly a busy
    machine runs it: how long they stay is not what these tests check."""
    monkeypatch.setattr(player_module, "VOLUME_SHOWN_SECONDS", 600.0)
    monkeypatch.setattr(player_module, "NOTICE_SHOWN_SECONDS", 600.0)


class RecordingSound(RecordingOutput):
    """A cue output with the sound controls, remembering what the player asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.volume = 0.8
        self.muted = False
        self.prepared: list[str] = []
        self.stopped = 0
        self.closed: list[float] = []
        self.closed_event = threading.Event()

    def prepare(self, lesson: Lesson) -> None:
        self.prepared.append(lesson.id)

    def volume_up(self) -> float:
        self.volume = round(min(1.0, self.volume + 0.1), 3)
        return self.volume

    def volume_down(self) -> float:
        self.volume = round(max(0.0, self.volume - 0.1), 3)
        return self.volume

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted

    def stop_all(self) -> None:
        self.stopped += 1

    def close(self, drain: float = 0.0) -> None:
        self.closed.append(drain)
        self.closed_event.set()


def sound_app(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, **options: Any
) -> FreefeetApp:
    library = fixed_library(tmp_path, write_lesson)
    return create_app(library=library, lesson=library.get("steady-feet"), clock=clock, **options)


def volume_label(app: FreefeetApp) -> str | None:
    screen = player(app)
    if not screen.has_class("-volume"):
        return None
    return str(screen.query_one("#volume-badge", Static).visual)


# ---- keys ------------------------------------------------------------------------------------


async def test_volume_keys_change_the_outputs_volume_and_say_so(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    output = RecordingSound()
    app = sound_app(tmp_path, write_lesson, clock, cue_output=output)
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        assert output.prepared == ["steady-feet"]  # decoding starts with the lesson
        shown = {binding.id for _, binding, enabled, _ in screen.active_bindings.values()}
        assert {"player.volume_up", "player.volume_down"} <= shown
        footer = " ".join(str(key) for key in app.screen.active_bindings)
        assert "plus" in footer and "minus" in footer
        assert volume_label(app) is None
        await pilot.press("+")
        assert output.volume == 0.9 and volume_label(app) == "Volume 90%"
        await pilot.press("=")  # the same key without shift
        assert output.volume == 1.0 and volume_label(app) == "Volume 100%"
        await pilot.press("-", "-", "-")
        assert output.volume == 0.7 and volume_label(app) == "Volume 70%"
        assert output.cues == [Cue.STEP_START]  # volume keys play nothing themselves


async def test_mute_mutes_the_output_itself_and_keeps_the_badge(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    output = RecordingSound()
    app = sound_app(tmp_path, write_lesson, clock, cue_output=output)
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        await pilot.press("m")
        assert output.muted and app.cue_router.muted
        assert screen.query_one("#muted-badge").display
        await advance(pilot, clock, 21)  # the next step starts: not even queued while muted
        assert output.cues == [Cue.STEP_START]
        await pilot.press("m")
        assert not output.muted and not screen.query_one("#muted-badge").display


async def test_a_finished_play_closes_the_output_after_its_chord_and_a_quit_stops_sound(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    output = RecordingSound()
    app = sound_app(tmp_path, write_lesson, clock, cue_output=output)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await advance(pilot, clock, 60)
        assert output.cues[-1] is Cue.LESSON_FINISHED
        assert output.closed_event.wait(5)
        assert output.closed == [CLOSE_DRAIN]  # drained, in the background
        await pilot.press("q")
    assert output.closed == [CLOSE_DRAIN]  # not closed a second time

    stopped = RecordingSound()
    app = sound_app(tmp_path / "again", write_lesson, clock, cue_output=stopped)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "y")  # stop the lesson midway
        await pilot.pause()
    assert stopped.stopped >= 1  # what was playing is silenced
    assert stopped.closed == [CLOSE_DRAIN]  # leaving the app closes the output


async def test_with_the_bell_the_volume_keys_say_there_is_no_volume(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = sound_app(tmp_path, write_lesson, clock, audio="bell")
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        assert rings == ["ding"]  # no waiting: the bell needs no opening
        await pilot.press("+")
        assert volume_label(app) == "No volume: sound goes to the terminal bell"


async def test_audio_none_is_silent_from_the_first_cue(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike
) -> None:
    app = sound_app(tmp_path, write_lesson, clock, sound_config=SoundConfig(backend="none"))
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.cue_router.output, SilentCueOutput)
        await advance(pilot, clock, 21)
        await pilot.press("-")
        assert rings == []
        assert volume_label(app) == "No volume: sound goes to no sound"


# ---- opening the output after the first screen ------------------------------------------------


async def test_the_output_opens_after_the_first_screen_and_gets_the_held_first_chime(
    tmp_path: Path, write_lesson: WriteLesson, clock: ClockLike, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = RecordingSound()
    let_open = threading.Event()
    calls: list[tuple[SoundConfig | None, str | None]] = []

    def slow_open(
        config: SoundConfig | None, audio: str | None, ring: object
    ) -> tuple[RecordingSound, str]:
        calls.append((config, audio))
        let_open.wait(5)  # held here until the test has seen the first screen
        return opened, "sound: miniaudio: no sound device (-401); using the terminal bell"

    monkeypatch.setattr(app_module, "open_app_sound", slow_open)
    # However slowly a busy machine runs the test, the chime is still held when the output
    # comes (how long it is held is the next tests' business).
    monkeypatch.setattr(sound_module, "HOLD_SECONDS", 120.0)
    config = SoundConfig(voice=False)
    app = sound_app(tmp_path, write_lesson, clock, audio="miniaudio", sound_config=config)
    rings: list[str] = []
    app.bell = lambda: rings.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = player(app)
        assert str(screen.query_one("#step-title", Static).visual)  # the screen is up...
        assert app.sound.pending and opened.cues == []  # ...while the output still opens
        await pilot.press("m", "m")  # mute and unmute before it is there: nothing lost
        let_open.set()
        for _ in range(500):
            await pilot.pause(0.02)
            if not app.sound.pending:
                break
        assert app.sound.output is opened
        assert calls == [(config, "miniaudio")]
        assert opened.cues == [Cue.STEP_START] and rings == []  # the held chime, not the bell
        assert opened.prepared == ["steady-feet"] and not opened.muted
        badge = str(screen.query_one("#volume-badge", Static).visual)
        assert badge == "sound: miniaudio: no sound device (-401); using the terminal bell"
        assert screen.has_class("-volume")  # said in the top bar, clear of the countdown
        assert not app._notifications  # no toast over the time left
        await pilot.press("+")
        assert opened.volume == 0.9
    assert opened.closed  # the app closed it on the way out


async def test_today_keeps_saying_why_sound_fell_back(
    tmp_path: Path, write_lesson: WriteLesson, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = "sound: no sound device; using the terminal bell"

    def quick_open(config: SoundConfig | None, audio: str | None, ring: object) -> tuple[None, str]:
        return None, notice

    monkeypatch.setattr(app_module, "open_app_sound", quick_open)
    app = create_app(library=fixed_library(tmp_path, write_lesson), audio="auto")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if not app.sound.pending:
                break
        line = app.screen.query_one("#today-notices", Static)
        assert line.display and str(line.visual) == f"♪ {notice}"
        await pilot.press("h", "escape")  # Today shows it again when it comes back
        assert str(app.screen.query_one("#today-notices", Static).visual) == f"♪ {notice}"


def test_cues_held_too_long_ring_the_fallback_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    rings: list[str] = []
    sound = AppSound(BellCueOutput(lambda: rings.append("ding")))
    event: Any = object()
    sound.play(Cue.STEP_START, event)  # held: the output may open any moment
    assert rings == []
    monkeypatch.setattr(sound_module, "HOLD_SECONDS", 0.0)
    time.sleep(0.01)
    sound.play(Cue.COUNTDOWN_TICK, event)  # too late to wait: the bell now
    assert rings == ["ding"]
    late = RecordingSound()
    sound.set_muted(True)
    sound.attach(late)
    assert late.cues == []  # the held chime is stale by now: dropped, not played late
    assert late.muted  # the mute chosen meanwhile holds
    sound.attach(None)  # opening failed: the fallback takes over
    sound.play(Cue.REP, event)
    assert rings == ["ding", "ding"]


def test_a_bad_config_file_stops_the_tui_before_any_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = user_locations().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[sound]\nbackend = "loud"\n', encoding="utf-8")
    for argv in (["play", "pre-run-hip-extension"], []):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"freefeet: error: {path}:2: [sound] backend must be one of")
        assert err.count("\n") == 1


# ---- real sound, in a real terminal -------------------------------------------------------------

LESSON = "pre-run-hip-extension"
TEMPO = 20.0
CHIME = CUE_FREQUENCIES[Cue.STEP_START]
PLAY_LIMIT = 60.0
# The player's 0.1 s timer sets cues off up to a tick late, more on a busy machine; 0.4 s is
# still well under the shortest gap between two chimes (0.7 s), so each maps to its own.
TIMING = 0.4
# The chimes planned while the output may still be opening (at 0 and 0.75 s): held for it and
# played together when it comes, or, past HOLD_SECONDS on a busy machine, dropped. The Pilot
# tests above check that hold exactly; here the rest must sound, in time.
OPENING = 2


def wait_until(session: Tmux, done: Any, what: str, limit: float = PLAY_LIMIT) -> str:
    deadline = time.monotonic() + limit
    screen = session.screen()
    while not done(screen):
        if time.monotonic() > deadline:
            pytest.fail(f"waited {limit:g} s for {what}; the screen shows:\n{screen}")
        time.sleep(0.1)
        screen = session.screen()
    return screen


@pytest.mark.tmux
@pytest.mark.skipif(ctypes.util.find_library("asound") is None, reason="needs libasound2")
def test_the_player_sounds_every_step_chime_through_miniaudio(tmux: Tmux, tmp_path: Path) -> None:
    config = user_locations().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[sound]\nvoice = false\n", encoding="utf-8")
    conf, wav = write_sink_config(tmp_path)
    exit_file = tmp_path / "exit-code"
    command = (
        f"env FREEFEET_HOME={shlex.quote(os.environ['FREEFEET_HOME'])} "
        f"ALSA_CONFIG_PATH={shlex.quote(str(conf))} "
        f"{shlex.quote(str(installed_freefeet()))} play {LESSON} --tempo 20 --audio miniaudio; "
        f"echo $? > {shlex.quote(str(exit_file))}"
    )
    tmux.start(command)
    wait_until(tmux, lambda screen: "Well done." in screen, "the finished view")
    # miniaudio opened: no fallback notice (Textual draws on stderr, so the screen is read)
    assert "no sound device" not in normalized(tmux.screen())
    time.sleep(CLOSE_DRAIN + 0.3)  # the chord plays out while the view is up
    tmux.keys("q")
    wait_until(tmux, lambda _: exit_file.exists() and not tmux.alive(), "freefeet to exit", 15)
    assert exit_file.read_text().strip() == "0"

    expected = chime_starts(builtin(LESSON), TEMPO)
    assert len(expected) == 12  # 8 work segments and 4 rests
    assert expected[OPENING] > 2 * sound_module.HOLD_SECONDS
    rate, samples = read_capture(wav)
    onsets = tone_onsets(samples, rate, CHIME)
    # Every chime after the opening sounds, each as far from the first of them as planned.
    settled = expected[OPENING:]
    assert len(settled) <= len(onsets) <= len(expected), (onsets, expected)
    heard = onsets[len(onsets) - len(settled) :]
    for onset, planned in zip(heard, settled, strict=True):
        assert onset - heard[0] == pytest.approx(planned - settled[0], abs=TIMING), (
            onsets,
            expected,
        )
    if len(onsets) == len(expected):  # the output opened in time for the first chime, which
        # waited for it (at most HOLD_SECONDS) and the second sounded as planned
        late = (expected[1] - expected[0]) - (onsets[1] - onsets[0])
        assert -TIMING <= late <= sound_module.HOLD_SECONDS, (onsets, expected)
        assert onsets[2] - onsets[1] == pytest.approx(expected[2] - expected[1], abs=TIMING)
    finished = tone_onsets(samples, rate, CUE_FREQUENCIES[Cue.LESSON_FINISHED])
    assert finished and finished[-1] > onsets[-1], (finished, onsets)  # the chord played out


# ---- the command line -----------------------------------------------------------------------


class FakeApp:
    """Stands in for the app: remembers what ``create_app`` was given, runs nothing."""

    return_code = 0

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.unsaved: list[str] = []

    def run(self) -> None:
        pass


def test_the_cli_hands_the_audio_choice_and_the_config_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    apps: list[FakeApp] = []

    def fake_create_app(**options: Any) -> FakeApp:
        apps.append(FakeApp(options))
        return apps[-1]

    monkeypatch.setattr(app_module, "create_app", fake_create_app)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert main([]) == 0  # no config.toml: auto, and the defaults
    assert main(["--audio", "none"]) == 0
    path = user_locations().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[sound]\nbackend = "bell"\nvolume = 0.5\n', encoding="utf-8")
    assert main(["play", LESSON, "--audio", "miniaudio"]) == 0
    assert main([]) == 0
    chosen = [(app.options["audio"], app.options["sound_config"]) for app in apps]
    from_file = SoundConfig(backend="bell", volume=0.5)
    assert chosen == [
        ("auto", None),  # nothing chosen: auto, and a fallback is said on screen
        ("none", None),
        ("miniaudio", from_file),
        (None, from_file),  # the config's backend chosen
    ]
    assert all("sound_notice" not in app.options for app in apps)  # the default: always said
    assert apps[2].options["lesson"].id == LESSON
