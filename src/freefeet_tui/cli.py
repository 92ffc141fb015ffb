"""The ``freefeet`` command: starts the TUI, or plays, lists, shows and checks lessons as text.

Only the TUI commands import Textual, and only inside the function that starts it, so
``lessons``, ``doctor``, ``play --plain`` and ``--version`` stay quick and work without a full
terminal. Every user-facing error is one ``freefeet: error: ...`` line and a non-zero exit code:
2 for a bad command line or an unknown lesson, 1 when ``lessons validate`` finds a bad file.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from freefeet_tui import __version__
from freefeet_tui.core.lesson import MAX_TEMPO, MIN_TEMPO, Lesson, LessonError, Origin
from freefeet_tui.core.library import (
    Library,
    default_library,
    lesson_files,
    load_library,
    resolve_lesson,
)
from freefeet_tui.locations import builtin_audio_dir, builtin_lessons_dir, user_locations

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (mypy reads it so) without importing typing
if TYPE_CHECKING:  # typing costs start-up time; annotations only
    import argparse
    from typing import Any

    from freefeet_tui.core.progress import Session
    from freefeet_tui.core.settings import Settings
    from freefeet_tui.lazy_commands import CommandBuilder

INVALID_EXIT = 1
USAGE_EXIT = 2  # argparse's code for a bad command line; freefeet uses it for bad input too
INTERRUPTED_EXIT = 130


class CliError(Exception):
    """A problem to report as one ``freefeet: error:`` line, with the exit code to use."""

    def __init__(self, message: str, code: int = USAGE_EXIT) -> None:
        super().__init__(message)
        self.code = code


def error_line(message: object) -> None:
    print(f"freefeet: error: {message}", file=sys.stderr)


def user_settings() -> Settings:
    """``[reminders]`` and ``[practice]`` of the user's config.toml; a mistake is one error
    line and exit 2, before anything else happens."""
    from freefeet_tui.core.settings import SettingsError, load_settings

    try:
        return load_settings(user_locations().config_file)
    except SettingsError as error:
        raise CliError(str(error)) from None


# ---- lesson look-up -----------------------------------------------------------------------


def load_user_library() -> Library:
    """Built-in lessons plus the user's own, as every command sees them."""
    return default_library()


def find_lesson(reference: str, library: Library) -> Lesson:
    """A lesson by id or file path, or a :class:`CliError` that says what to do instead."""
    try:
        return resolve_lesson(reference, library, builtin_audio_dir())
    except LessonError as error:
        raise CliError(str(error)) from None
    except KeyError:
        for problem in library.problems:  # the user's file for this id may have been rejected
            if problem.path.stem == reference:
                raise CliError(str(problem)) from None
        raise CliError(f'no lesson "{reference}"; run freefeet lessons list') from None


# ---- lessons list / show / validate (plain.py makes the text) ---------------------------


def cmd_lessons_list(args: argparse.Namespace) -> int:
    library = load_user_library()
    if len(library):
        from freefeet_tui.lesson_text import lesson_table

        print("\n".join(lesson_table(list(library))))
    else:
        print(f"No lessons found. Put lesson files in {user_locations().user_lessons}")
    for problem in library.problems:
        error_line(problem)
    if library.problems:
        count = len(library.problems)
        print(
            f"freefeet: warning: {count} lesson file{'s' if count != 1 else ''} skipped; "
            "check with: freefeet lessons validate FILE",
            file=sys.stderr,
        )
    return 0


def cmd_lessons_show(args: argparse.Namespace) -> int:
    from freefeet_tui.lesson_text import lesson_details

    lesson = find_lesson(args.lesson, load_user_library())
    print("\n".join(lesson_details(lesson)))
    return 0


def validation_targets(paths: Sequence[str]) -> list[Path]:
    """The files to check: each path given, with a folder standing for its ``*.toml`` files."""
    targets: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found = lesson_files(path)
            if not found:
                raise CliError(f"{path}: no lesson files (*.toml) in this folder", INVALID_EXIT)
            targets += found
        else:
            targets.append(path)
    return targets


def cmd_lessons_validate(args: argparse.Namespace) -> int:
    from freefeet_tui.core.durations import format_length
    from freefeet_tui.core.loader import load_lesson  # always a fresh read, never the cache

    audio_dir = builtin_audio_dir()
    all_good = True
    seen: dict[tuple[Path, str], Path] = {}  # (folder, id) -> file: ids must be unique per folder
    for path in validation_targets(args.paths):
        try:
            lesson = load_lesson(path, Origin.FILE, audio_dir)
        except LessonError as error:
            error_line(error)
            all_good = False
            continue
        key = (path.resolve().parent, lesson.id)
        other = seen.setdefault(key, path)
        if other != path:
            error_line(f'{path}: lesson id "{lesson.id}" is already used by {other.name}')
            all_good = False
            continue
        print(f"{path}: ok ({lesson.title}, {format_length(lesson.total_seconds)})", flush=True)
    return 0 if all_good else INVALID_EXIT


# ---- play, TUI and doctor ----------------------------------------------------------------


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

    ``audio`` is ``--audio``; the ``[sound]`` settings are read first, so a bad config.toml
    is one error line (exit 2) before any screen. The app opens the sound output itself.
    ``resume`` (with ``lesson``) opens the player on that unfinished session, at its step.
    """
    # Without a config.toml the defaults hold (auto), and the audio package is not imported
    # before the first screen (that would cost it about 20 ms).
    sound_config = None
    settings = None
    if user_locations().config_file.exists():
        from freefeet_tui.sound_cli import user_sound_config

        sound_config = user_sound_config()
        settings = user_settings()
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
        settings=settings,
    )
    app.run()
    return app.return_code or 0


def sound_choice(args: argparse.Namespace) -> str | None:
    """``--audio`` as given on ``freefeet`` or ``freefeet play``; None: config.toml decides."""
    choice: str | None = getattr(args, "audio", None)
    return choice


def cmd_play(args: argparse.Namespace) -> int:
    library = load_user_library()
    lesson = find_lesson(args.lesson, library)
    resume = None
    if args.resume:
        from freefeet_tui.progress_cli import session_to_resume

        resume = session_to_resume(lesson)
    tempo = args.tempo if args.tempo is not None else (resume.tempo if resume else 1.0)
    if args.plain:
        from freefeet_tui.core.progress import ProgressStore
        from freefeet_tui.plain import run_plain  # the engine loads only when a lesson plays
        from freefeet_tui.sound_cli import open_user_sound

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
            discard_under=settings.discard_under,
        )
    return run_tui(
        library=library, lesson=lesson, tempo=tempo, audio=sound_choice(args), resume=resume
    )


def cmd_tui(args: argparse.Namespace) -> int:
    return run_tui(audio=sound_choice(args))


def cmd_doctor(args: argparse.Namespace) -> int:
    from freefeet_tui.doctor import diagnose

    locations = user_locations()
    lessons_dir, audio_dir = builtin_lessons_dir(), builtin_audio_dir()
    library = load_library(lessons_dir, locations.user_lessons, audio_dir)
    lines, code = diagnose(locations, lessons_dir, audio_dir, library, os.environ)
    print("\n".join(lines))
    return code


# ---- the command line ---------------------------------------------------------------------


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``freefeet``; each subcommand keeps its handler in ``handler``.

    With ``command`` (the name of the command being run), only that command's parser is
    made: argparse's set-up of each parser costs start-up time that ``freefeet today``
    would otherwise spend on a dozen parsers it never uses. Without it, every command is
    there, as ``freefeet --help`` and a mistyped command name need.
    """
    from freefeet_tui.cli_help import DESCRIPTION, EXAMPLES
    from freefeet_tui.cli_parser import FreefeetParser, RawFormatter
    from freefeet_tui.export_commands import EXPORT_COMMANDS
    from freefeet_tui.progress_commands import PROGRESS_COMMANDS
    from freefeet_tui.record_commands import RECORD_COMMANDS
    from freefeet_tui.sound_cli import SOUND_COMMANDS, add_audio_option

    parser = FreefeetParser(
        prog="freefeet", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=RawFormatter
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"freefeet {__version__}",
        help="print the version and exit",
    )
    parser.set_defaults(handler=cmd_tui)
    add_audio_option(parser)
    # prog given, so argparse need not build a help formatter (and import shutil) up front
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", prog="freefeet")
    builders: dict[str, CommandBuilder] = {
        "play": _add_play,
        "lessons": _add_lessons,
        "doctor": _add_doctor,
        **PROGRESS_COMMANDS,
        **RECORD_COMMANDS,
        **SOUND_COMMANDS,
        **EXPORT_COMMANDS,
    }
    if command in builders:  # else (none, or a misspelt name) all, to list them in errors
        builders = {command: builders[command]}
    for add in builders.values():
        add(commands, RawFormatter)
    return parser


def command_named(arguments: Sequence[str]) -> str | None:
    """The command ``arguments`` start with (``today`` in ``today --date tomorrow``), or None
    when they start with an option: only then can the parser be cut down to one command."""
    if arguments and not arguments[0].startswith("-"):
        return arguments[0]
    return None


def _add_play(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    from freefeet_tui.cli_help import PLAY_HELP
    from freefeet_tui.sound_cli import add_audio_option

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


def _add_lessons(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    from freefeet_tui.cli_help import LIST_HELP, VALIDATE_HELP

    lessons = commands.add_parser(
        "lessons",
        help="list, show or check lessons",
        description="List the lessons, show one in full, or check lesson files.",
    )
    lesson_commands = lessons.add_subparsers(
        title="commands", metavar="COMMAND", required=True, prog="freefeet lessons"
    )
    listing = lesson_commands.add_parser(
        "list",
        help="one line per lesson",
        description=LIST_HELP.format(user_lessons=_user_lessons_for_help()),
        formatter_class=formatter,
    )
    listing.set_defaults(handler=cmd_lessons_list)
    show = lesson_commands.add_parser(
        "show",
        help="everything about one lesson",
        description="Print a lesson in full: what it is for, when to do it, the safety note, "
        "its notes, and every step with its start time, cue, rests and reminders.",
    )
    show.add_argument("lesson", metavar="ID", help="a lesson id, or the path of a lesson file")
    show.set_defaults(handler=cmd_lessons_show)
    validate = lesson_commands.add_parser(
        "validate", help="check lesson files", description=VALIDATE_HELP, formatter_class=formatter
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a lesson file or a folder")
    validate.set_defaults(handler=cmd_lessons_validate)


def _add_doctor(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    from freefeet_tui.cli_help import DOCTOR_HELP

    doctor = commands.add_parser(
        "doctor",
        help="check folders, lessons and versions",
        description=DOCTOR_HELP,
        formatter_class=formatter,
    )
    doctor.set_defaults(handler=cmd_doctor)


def _user_lessons_for_help() -> str:
    try:
        return str(user_locations().user_lessons)
    except Exception:  # help must show even when the folders cannot be worked out
        return "your freefeet data folder, under lessons/"


def _exit_code(code: object) -> int:
    """SystemExit's code as an int (argparse uses 0 for --help and 2 for usage errors)."""
    if code is None:
        return 0
    return code if isinstance(code, int) else USAGE_EXIT


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``freefeet`` with ``argv`` (default: the real command line); returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        if not arguments:
            # Plain ``freefeet`` opens the app: nothing to parse, so argparse is neither
            # imported nor set up before the first screen.
            return run_tui()
        try:
            args = build_parser(command_named(arguments)).parse_args(arguments)
        except SystemExit as exit_request:
            return _exit_code(exit_request.code)
        if args.handler is cmd_play and args.plain:
            gc.enable()  # a lesson runs for minutes: collect cycles as usual
        # The app turns the collector on itself once its first screen is up (see
        # FreefeetApp.on_ready): start-up only builds objects that live as long as it does.
        return int(args.handler(args))
    except CliError as error:
        error_line(error)
        return error.code
    except KeyboardInterrupt:
        return INTERRUPTED_EXIT
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, without a shutdown warning
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return INVALID_EXIT
