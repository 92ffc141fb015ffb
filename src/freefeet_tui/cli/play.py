"""``freefeet`` (the app) and ``freefeet play``: the full-screen player, or plain text lines.

Only these handlers import Textual, and only inside the function that starts the app, so every
other command stays quick and works without a full terminal. Plain mode (``--plain``) lives in
:mod:`freefeet_tui.cli.plain`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from freefeet_tui.cli.common import CliError, find_lesson, load_user_library
from freefeet_tui.core.lesson import MAX_TEMPO, MIN_TEMPO

if TYPE_CHECKING:  # plain ``freefeet`` comes through here: argparse stays unloaded
    import argparse

    from freefeet_tui.cli.parsing import CommandBuilder
    from freefeet_tui.core.lesson import Lesson
    from freefeet_tui.core.library import Library
    from freefeet_tui.core.progress import Session

PLAY_HELP = """\
Play one lesson from start to end. LESSON is a lesson id (see: freefeet lessons list)
or the path of a lesson file, handy for trying your own lesson before adding it.

By default the full-screen player opens. With --plain the lesson is printed as it
happens, one line per moment, each starting with the time since the start, e.g.
  [0:45] Rest 15 s. Next: Heel lifts (left)
That suits screen readers, logs and scripts. Ctrl-C stops it (exit code 130).

Each playing is saved in your progress log as it goes; a session cut short by a
crash can be continued where it stopped with --resume."""


def tempo_value(text: str) -> float:
    """argparse type for ``--tempo``: a number from 0.25 (slower) to 100 (faster)."""
    import argparse  # loaded already: this runs while the command line is parsed

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number, try 0.5 or 2') from None
    if not MIN_TEMPO <= value <= MAX_TEMPO:  # also rejects nan
        raise argparse.ArgumentTypeError(
            f"{text} is out of range: use {MIN_TEMPO:g} (slower) to {MAX_TEMPO:g} (faster)"
        )
    return value


def run_tui(
    library: Library | None = None,
    lesson: Lesson | None = None,
    tempo: float = 1.0,
    audio: str | None = None,
    resume: Session | None = None,
) -> int:
    """Start the Textual app (imported here, so text commands never load Textual).

    ``audio`` is ``--audio``; the ``[sound]``, ``[ui]`` and ``[keys]`` settings are read and
    checked first, so a bad config.toml is one error line (exit 2) before any screen. The app
    opens the sound output itself. ``resume`` (with ``lesson``) opens the player on that
    unfinished session, at its step.
    A session that could not be saved makes the exit code 1, with one error line.
    """
    from freefeet_tui.core.locations import user_locations
    from freefeet_tui.core.settings import Settings

    # Without a config.toml the defaults hold (auto, nord, the usual keys), and the audio
    # package is not imported before the first screen (that would cost it about 20 ms).
    sound_config = None
    settings = None
    theme: str | None = None
    keymap: dict[str, str] = {}
    if user_locations().config_file.exists():
        from freefeet_tui.cli.common import user_settings
        from freefeet_tui.cli.sound import user_sound_config

        sound_config = user_sound_config()
        settings = user_settings()
        theme, keymap = user_ui_settings()
    # A fallback (no library, no device) is always said once on screen: a line on Today, a
    # few seconds in the player's top bar.
    if audio is None and sound_config is None:
        audio = "auto"
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError("the player needs a terminal; add --plain to print the lesson as text")
    from freefeet_tui.tui.app import create_app

    app = create_app(
        library=library,
        lesson=lesson,
        tempo=tempo,
        audio=audio,
        sound_config=sound_config,
        resume=resume,
        get_ready=(settings or Settings()).get_ready,
        settings=settings,
        theme=theme,
        keymap=keymap,
    )
    app.run()
    from freefeet_tui.cli.common import INVALID_EXIT, error_line, say

    if app.summaries:  # each lesson quit part way, said once the screen is gone
        say(app.summaries)
    if app.unsaved:
        error_line(f"session not saved: {app.unsaved[-1]}")
        return INVALID_EXIT
    return app.return_code or 0


def user_ui_settings() -> tuple[str | None, dict[str, str]]:
    """The theme (None: the default) and the keymap from config.toml's ``[ui]`` and ``[keys]``,
    each name checked by the app's rules (a theme it has, a binding id it knows, real key
    names): a mistake is a CliError naming the file and line, with a did-you-mean."""
    from freefeet_tui.core.config import ConfigError, load_ui_tables
    from freefeet_tui.core.locations import user_locations
    from freefeet_tui.tui.ui_config import keys_problem, theme_problem

    try:
        tables = load_ui_tables(user_locations().config_file)
    except ConfigError as error:
        raise CliError(str(error)) from None
    if tables.theme is not None:
        problem = theme_problem(tables.theme)
        if problem is not None:
            raise CliError(str(tables.config.problem(("ui", "theme"), problem)))
    found = keys_problem(tables.keys)
    if found is not None:
        raise CliError(str(tables.config.problem(("keys", found.binding_id), found.message)))
    return tables.theme, tables.keys


def cmd_play(args: argparse.Namespace) -> int:
    from freefeet_tui.cli.sound import sound_choice
    from freefeet_tui.core.locations import user_locations
    from freefeet_tui.core.stale_temps import sweep_user_temps

    library = load_user_library()
    lesson = find_lesson(args.lesson, library)
    sweep_user_temps(user_locations())  # playing writes the log: a killed writer's files go
    resume = None
    if args.resume:
        from freefeet_tui.cli.progress import session_to_resume

        resume = session_to_resume(lesson)
    tempo = args.tempo if args.tempo is not None else (resume.tempo if resume else 1.0)
    if args.plain:
        from freefeet_tui.cli.common import user_settings
        from freefeet_tui.cli.plain import run_plain  # the engine loads only when a lesson plays
        from freefeet_tui.cli.sound import open_user_sound
        from freefeet_tui.core.progress import ProgressStore

        sound = open_user_sound(sound_choice(args))  # a bad config.toml stops here, exit 2
        settings = user_settings()
        store = ProgressStore.for_user()
        return run_plain(
            lesson,
            sys.stdout,
            tempo=tempo,
            store=store,
            resume=resume,
            sound=sound,
            get_ready=settings.get_ready,
            discard_under=settings.discard_under,
        )
    return run_tui(
        library=library, lesson=lesson, tempo=tempo, audio=sound_choice(args), resume=resume
    )


def cmd_tui(args: argparse.Namespace) -> int:
    from freefeet_tui.cli.sound import sound_choice

    return run_tui(audio=sound_choice(args))


def add_play(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    from freefeet_tui.cli.sound import add_audio_option

    play = commands.add_parser(
        "play", help="play a lesson", description=PLAY_HELP, formatter_class=formatter
    )
    play.add_argument("lesson", metavar="LESSON", help="a lesson id or a lesson file")
    play.add_argument(
        "--tempo",
        type=tempo_value,
        default=None,
        metavar="X",
        help="speed: 2 plays twice as fast, 0.5 at half speed (0.25 to 100, default 1; "
        "with --resume, the tempo of the session resumed)",
    )
    play.add_argument(
        "--plain", action="store_true", help="print the lesson as text lines, no full screen"
    )
    play.add_argument(
        "--resume",
        action="store_true",
        help="continue your newest unfinished session of this lesson at its step",
    )
    add_audio_option(play)
    play.set_defaults(handler=cmd_play)


COMMANDS: dict[str, CommandBuilder] = {"play": add_play}
"""The commands this module adds, by name."""
