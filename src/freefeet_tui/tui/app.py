"""The freefeet Textual app and its factory, the single entry point for the CLI and the tests.

The app owns what outlives one screen: the lesson library, the progress store and programme,
the clock and tempo handed to each engine, and one :class:`CueRouter` (so mute holds from
lesson to lesson). Cues reach the user through :class:`~freefeet_tui.tui.sound.AppSound`: the
user's sound output (``audio``/``sound_config``), opened in a thread after the first refresh so
the first screen never waits for it, or a given ``cue_output``, or else :class:`BellCueOutput`.
Home is the Today screen; the lessons list is one key away.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from freefeet_tui.core.gc_policy import collector_on_for_a_long_run
from freefeet_tui.core.lesson import MAX_TEMPO, MIN_TEMPO, Lesson, Origin
from freefeet_tui.core.library import Library, default_library, load_library
from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.program import Program
from freefeet_tui.core.program_file import PROGRAM_CACHE, ProgramError, default_program
from freefeet_tui.core.progress import ProgressStore
from freefeet_tui.core.settings import Settings
from freefeet_tui.tui.screens.base import HELP_BINDING
from freefeet_tui.tui.sound import AppSound, SilentCueOutput, missing_voice_hint, open_app_sound

if TYPE_CHECKING:  # the engine's events and cues load with the first lesson, not at start-up
    from textual.command import Provider

    from freefeet_tui.audio import SoundConfig
    from freefeet_tui.core.cues import Cue, CueOutput, CueRouter
    from freefeet_tui.core.events import Event, LessonFinished
    from freefeet_tui.core.progress import Session
    from freefeet_tui.tui.services import FreefeetServices

THEME = "nord"
"""The theme unless config.toml's ``[ui] theme`` names another."""


PALETTE_HELP = "Start a lesson by name, theme, and more"


def freefeet_commands() -> type[Provider]:
    """The palette's commands, imported when the palette first opens (never at start-up)."""
    from freefeet_tui.tui.commands import FreefeetCommands

    return FreefeetCommands


class BellCueOutput:
    """Rings the terminal bell for every cue: the stand-in until cue sounds are played."""

    def __init__(self, ring: Callable[[], None]) -> None:
        self._ring = ring
        self.rung = 0

    def play(self, cue: Cue, event: Event) -> None:
        """Ring once; a cue output must return at once and never raise."""
        self.rung += 1
        with contextlib.suppress(Exception):  # a bell that cannot ring must not stop a lesson
            self._ring()


class SoundReady(Message):
    """Posted by the thread that opened the user's sound output (``output`` None: the bell)."""

    def __init__(
        self, output: CueOutput | None, notice: str | None, voice_hint: str | None = None
    ) -> None:
        super().__init__()
        self.output = output
        self.notice = notice
        self.voice_hint = voice_hint


class FreefeetApp(App[None]):
    """Today, history, lessons list, details and player; or only the player for
    ``freefeet play LESSON``."""

    TITLE = "freefeet"
    # Today is the first screen, so its styles load with the app's.
    CSS_PATH = ["app.tcss", "screens/today.tcss"]  # noqa: RUF012
    # ctrl+p opens the palette with freefeet's commands only: Textual's system commands
    # (screenshot, maximize, its own key panel) would stand beside ours and say less.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {freefeet_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            tooltip=PALETTE_HELP,
            id="app.commands",
        ),
        HELP_BINDING,
    ]

    def __init__(
        self,
        library: Library,
        *,
        lesson: Lesson | None,
        tempo: float,
        clock: Callable[[], float],
        cue_output: CueOutput | None,
        store: ProgressStore,
        program: Program,
        today: date | None = None,
        resume: Session | None = None,
        builtin_ids: frozenset[str] = frozenset(),
        audio: str | None = None,
        sound_config: SoundConfig | None = None,
        sound_notice: bool = True,
        get_ready: float = 0.0,
        settings: Settings | None = None,
        theme: str = THEME,
        keymap: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        # The theme is chosen before any CSS is parsed: setting ``self.theme`` would run its
        # watcher and parse every stylesheet a second time, which slows the first screen.
        self.set_reactive(App.theme, theme)
        self.stylesheet.set_variables(self.get_css_variables())
        self.keymap = dict(keymap or {})
        """Binding id to keys, from ``[keys]`` in config.toml (checked before the app started)."""
        if keymap:
            self.set_keymap(keymap)
        self.library = library
        self.play_lesson = lesson
        self.tempo = tempo
        self.clock = clock
        self.builtin_ids = builtin_ids
        self.store = store
        self.program = program
        self.settings = settings if settings is not None else Settings()
        """Reminders and how short an accidental start is (``[reminders]``, ``[practice]``)."""
        self._today = today
        self.play_resume = resume
        self._cue_output = cue_output
        self._audio = audio
        self._sound_config = sound_config
        self._sound_notice = sound_notice
        self.sound_notice: str | None = None
        """Why sound fell back (no library, no device), once known; Today keeps showing it."""
        self.voice_hint: str | None = None
        """How to get a voice, when cues could be spoken but no engine is there (Today)."""
        self.sound = self._make_sound(cue_output, audio, sound_config)
        """The cue output and its controls (volume, mute), shared by every lesson."""
        self.sessions: list[tuple[Lesson, LessonFinished]] = []
        """Every lesson played in this run and how it ended (for the progress log to read)."""
        self.get_ready = get_ready
        """Seconds of get-ready count before a lesson's first step and after each pause."""
        self.summaries: list[str] = []
        """One line per lesson quit part way, for the command line to print after the app."""
        self.unsaved: list[str] = []
        """Why sessions of this run could not be saved: the command then exits with code 1."""

    @cached_property
    def cue_router(self) -> CueRouter:
        """Routes engine events to the cue output (made when first needed, kept across lessons
        so mute holds from one to the next)."""
        from freefeet_tui.core.cues import CueRouter

        return CueRouter(self.sound if self.sound.pending else self.sound.fallback)

    def _make_sound(
        self, given: CueOutput | None, audio: str | None, config: SoundConfig | None
    ) -> AppSound:
        """A given output as is; with neither ``audio`` nor ``config``, the bell; with
        ``bell`` or ``none`` chosen, that at once; else the user's output, opened later."""
        bell = BellCueOutput(lambda: self.bell())
        if given is not None:
            return AppSound(given, given)
        if audio is None and config is None:
            return AppSound(bell, bell)
        chosen = audio or (config.backend if config is not None else "auto")
        if chosen == "none":
            silent = SilentCueOutput()
            return AppSound(silent, silent)
        if chosen == "bell":
            return AppSound(bell, bell)
        return AppSound(bell)  # pending: opened by open_sound after the first refresh

    def open_sound(self) -> None:
        """Open the user's sound output in a thread; :class:`SoundReady` says when it is."""
        if not self.sound.pending:
            return

        def opening() -> None:
            output, notice = open_app_sound(self._sound_config, self._audio, lambda: self.bell())
            ready = SoundReady(output, notice, missing_voice_hint(output))
            if not self.post_message(ready) and output is not None:
                close = getattr(output, "close", None)  # the app has gone meanwhile
                if close is not None:
                    close()

        threading.Thread(target=opening, name="freefeet-sound-open", daemon=True).start()

    def on_sound_ready(self, message: SoundReady) -> None:
        self.sound.attach(message.output)
        if message.voice_hint:
            self.voice_hint = message.voice_hint
            show_notices = getattr(self.screen, "show_notices", None)
            if show_notices is not None:
                show_notices()
        if message.notice and self._sound_notice:
            self.sound_notice = message.notice
            # Said where it cannot cover the lesson: a steady line on Today and a few seconds
            # in the player's top bar (each screen also shows it when it opens or comes back).
            show = getattr(self.screen, "show_sound_notice", None)
            if show is not None:
                show(message.notice)

    def on_unmount(self) -> None:
        self.sound.close()

    async def on_event(self, event: events.Event) -> None:
        """New keys for a screen that takes its keys in order (``tui/key_order.py``: Today and
        the forms) go to it one at a time, so keys typed in a burst land where they were typed."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            take_key = getattr(self.screen, "take_key", None)
            if take_key is not None:
                self.app_focus = True
                await take_key(event)
                return
        await super().on_event(event)

    @property
    def play_only(self) -> bool:
        """True when started on one lesson: leaving the player then leaves the app."""
        return self.play_lesson is not None

    @property
    def today(self) -> date:
        """The local date the screens work on (fixed in tests, else the computer's date)."""
        return self._today if self._today is not None else date.today()

    def on_ready(self) -> None:
        """The first screen is up: the garbage collector's long-run setting from now on
        (``core/gc_policy.py``; ``freefeet`` starts with it off)."""
        collector_on_for_a_long_run()

    def on_mount(self) -> None:
        self.call_after_refresh(self.open_sound)
        self.call_after_refresh(self.sweep_temps)
        if self.play_lesson is not None:
            self.start_lesson(self.play_lesson, resume=self.play_resume)
        else:
            self.call_after_refresh(self.offer_resume)

    def get_default_screen(self) -> Screen[None]:
        """Today; in play mode a blank base the player is pushed onto (and replaced by the
        finished view, which the base screen of the stack could not be)."""
        from freefeet_tui.tui.screens.today import TodayScreen

        return Screen() if self.play_only else TodayScreen()

    def offer_resume(self) -> None:
        """Ask about the newest unfinished session whose lesson is in the library, if any."""
        from freefeet_tui.tui.screens.resume import ResumePrompt, resumable

        found = resumable(self.store, self.library, self.today)
        if found is None:
            return
        lesson, session = found

        def answered(answer: str | None) -> None:
            if answer == "resume":  # at the session's own tempo, as it was played
                self.start_lesson(lesson, resume=session, tempo=session.tempo)

        self.push_screen(ResumePrompt(lesson, session, self.store, self.today), answered)

    def start_lesson(
        self,
        lesson: Lesson,
        *,
        replace: bool = False,
        resume: Session | None = None,
        tempo: float | None = None,
    ) -> None:
        """Open the player on ``lesson``, over the current screen or in its place; ``resume``
        carries on an unfinished session at its step; ``tempo`` (default: the app's) sets
        how fast it plays."""
        from freefeet_tui.tui.screens.player import PlayerScreen

        player = PlayerScreen(lesson, resume=resume, tempo=tempo)
        if replace:
            self.switch_screen(player)
        else:
            self.push_screen(player)

    def leave_lesson(self) -> None:
        """Back to the screen below the player or finished view, or exit in play mode."""
        if self.play_only:
            self.exit()
        else:
            self.pop_screen()

    def record_session(self, lesson: Lesson, finished: LessonFinished) -> None:
        self.sessions.append((lesson, finished))

    def session_not_saved(self, message: str) -> None:
        self.unsaved.append(message)

    def sweep_temps(self) -> None:
        """Remove the temporary files a killed freefeet left, in a thread: the app writes."""
        from freefeet_tui.core.stale_temps import sweep_progress, sweep_user_temps

        def sweeping() -> None:
            sweep_progress(self.store.folder)
            sweep_user_temps(user_locations())

        threading.Thread(target=sweeping, name="freefeet-sweep", daemon=True).start()

    def action_show_keys(self) -> None:
        """``?``: the keys of the screen on top, in a dialog over it (``?`` again closes it)."""
        from freefeet_tui.tui.screens.keys import KeyRow, KeysScreen

        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss()
            return
        keys = self.keymap.get("app.commands", "ctrl+p").split(",")
        shown = " ".join(self.get_key_display(Binding(key.strip(), "")) for key in keys)
        palette = KeyRow(shown, "Commands", PALETTE_HELP, app_wide=True)
        self.push_screen(KeysScreen(self.screen, palette))

    @property
    def services(self) -> FreefeetServices:
        """The app as its screens see it (mypy checks the app provides every service)."""
        return self


def builtin_lesson_ids(library: Library) -> frozenset[str]:
    """Ids of the shipped lessons, to mark user lessons that replace one (only read if needed)."""
    if not any(lesson.origin is Origin.USER for lesson in library):
        return frozenset()
    from freefeet_tui.core.locations import builtin_lessons_dir

    return frozenset(load_library(builtin_lessons_dir(), None).lessons)


def create_app(
    *,
    library: Library | None = None,
    lesson: Lesson | None = None,
    tempo: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
    cue_output: CueOutput | None = None,
    store: ProgressStore | None = None,
    program: Program | None = None,
    today: date | None = None,
    resume: Session | None = None,
    audio: str | None = None,
    sound_config: SoundConfig | None = None,
    sound_notice: bool = True,
    get_ready: float = 0.0,
    settings: Settings | None = None,
    theme: str | None = None,
    keymap: dict[str, str] | None = None,
) -> FreefeetApp:
    """Build the app: Today, or the player on ``lesson`` (quitting it exits).

    ``store`` defaults to the user's progress folder, ``program`` to the shipped programme and
    ``today`` to the computer's date (tests fix all three). ``resume`` (with ``lesson``)
    carries on that unfinished session of the lesson at its step. Cues go to ``cue_output``
    when given; else to the user's sound output when ``audio`` (``--audio``) or
    ``sound_config`` is given (the CLI always gives the config); else to the terminal bell.
    A fallback ("no sound device; using the terminal bell") pops up once unless
    ``sound_notice`` is False: the CLI shows it only when the user chose a backend.
    ``get_ready`` seconds of count come before each lesson's first step and after each pause
    (the CLI gives config.toml's, 5 s by default; none here, so tests start at the step).
    ``theme`` (default nord) and ``keymap`` (binding id to keys) come from config.toml's
    ``[ui]`` and ``[keys]``, checked by the CLI with :mod:`freefeet_tui.tui.ui_config`.
    """
    if resume is not None and (lesson is None or resume.lesson_id != lesson.id):
        raise ValueError("resume needs the lesson of the session it continues")
    if not MIN_TEMPO <= tempo <= MAX_TEMPO:
        raise ValueError(f"tempo must be between {MIN_TEMPO:g} and {MAX_TEMPO:g}, not {tempo:g}")
    chosen = library if library is not None else default_library()
    return FreefeetApp(
        chosen,
        lesson=lesson,
        tempo=tempo,
        clock=clock,
        cue_output=cue_output,
        store=store if store is not None else ProgressStore.for_user(),
        program=program if program is not None else shipped_program(),
        today=today,
        resume=resume,
        builtin_ids=builtin_lesson_ids(chosen),
        audio=audio,
        sound_config=sound_config,
        sound_notice=sound_notice,
        get_ready=get_ready,
        settings=settings,
        theme=checked_theme(theme),
        keymap=keymap,
    )


def checked_theme(name: str | None) -> str:
    """``name``, or the default theme; a theme Textual lacks is a ValueError (the CLI has
    said so on one line already, so only a caller that skipped the check meets it)."""
    if name is None:
        return THEME
    from freefeet_tui.tui.ui_config import theme_problem

    problem = theme_problem(name)
    if problem is not None:
        raise ValueError(problem)
    return name


def shipped_program() -> Program:
    """The shipped programme, or none at all if its file is unusable (doctor reports it).

    Taken from the user's cache while the file is unchanged, as the commands do, so the first
    screen need not load the TOML parser."""
    try:
        return default_program(user_locations().cache / PROGRAM_CACHE)
    except ProgramError:
        return Program()
