"""``freefeet voice render`` and ``freefeet sound test``, and opening the user's sound output.

Every command that plays sound (plain mode, ``sound test``, later the TUI) opens it the same way
with :func:`open_user_sound`: the ``[sound]`` settings of ``config.toml``, overridden by
``--audio``. A bad config file is one ``freefeet: error: FILE:LINE: ...`` line and exit code 2;
a missing library or device is one ``freefeet: notice: ...`` line and the next backend.

Building the parsers imports nothing from ``freefeet_tui.audio``: the handlers import it when
their command runs, so ``freefeet lessons list`` stays as quick as before.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from freefeet_tui.cli.common import (
    INVALID_EXIT,
    CliError,
    error_line,
    find_lesson,
    load_user_library,
    say,
    warning_line,
)
from freefeet_tui.cli.parsing import CommandBuilder, add_command_group
from freefeet_tui.core.terminal_text import visible

if TYPE_CHECKING:
    from collections.abc import Callable

    from freefeet_tui.audio import SoundConfig, SoundCueOutput

AUDIO_CHOICES = ("auto", "miniaudio", "simpleaudio", "bell", "none")
"""The ``--audio`` values: the same as ``freefeet_tui.audio.backends.BACKEND_NAMES`` (a test
checks), written out here so that building the parser never imports the audio package."""

AUDIO_HELP = (
    "where cue sounds go: auto (miniaudio, then simpleaudio, then the terminal bell), "
    'miniaudio, simpleaudio, bell or none; default: "backend" in config.toml, else auto'
)

NO_ENGINE = (
    "no voice engine found: install espeak-ng (sudo apt-get install espeak-ng) "
    "or the natural voice with: pip install 'freefeet-tui[voice]'"
)

CUE_NAMES = {
    "step-start": "a step or a rest starts",
    "countdown-tick": "the last three seconds of a step",
    "side-switch": "switch to the other side",
    "rep": "the next repetition",
    "halfway": "halfway through a long step",
    "lesson-finished": "the lesson is done",
}
"""What each cue means, printed by ``sound test`` as it plays (keys are ``Cue`` values)."""

TEST_GAP = 0.4  # seconds of silence between two cues in ``sound test``, so each stands apart
TEST_MAX_WAIT = 3.0  # the longest ``sound test`` waits for one cue to play out
BELL_GAP = 0.8  # the bell has no "still playing": leave this long between rings

VOICE_RENDER_HELP = """\
Render each cue of the lessons (and each avoid reminder) to a spoken clip in the cache
folder, ahead of time, so the player speaks from the first step. With no LESSON, every
lesson you can play. Uses the best voice engine present: Piper (pip install
'freefeet-tui[voice]'), else espeak-ng. Clips already rendered are kept and reused.
Exit code 1 when no engine is present or a clip could not be made."""

SOUND_TEST_HELP = """\
Play each cue sound once, printing its name as it plays: a quick check that sound works
and is loud enough. Uses the backend of --audio, else config.toml's, else auto."""


def add_audio_option(parser: argparse.ArgumentParser) -> None:
    """``--audio``: absent from ``args`` unless given, so ``freefeet --audio X play`` keeps X."""
    parser.add_argument(
        "--audio",
        choices=AUDIO_CHOICES,
        default=argparse.SUPPRESS,
        metavar="X",
        help=AUDIO_HELP,
    )


def sound_choice(args: argparse.Namespace) -> str | None:
    """``--audio`` as given on ``freefeet`` or its command; None: config.toml decides."""
    choice: str | None = getattr(args, "audio", None)
    return choice


# ---- opening the user's sound output ----------------------------------------------------


def user_sound_config() -> SoundConfig:
    """The ``[sound]`` settings of the user's ``config.toml``; a bad file is a CliError (2)."""
    from freefeet_tui.audio import ConfigError, load_sound_config
    from freefeet_tui.core.locations import user_locations

    try:
        return load_sound_config(user_locations().config_file)
    except ConfigError as error:
        raise CliError(str(error)) from None


def open_user_sound(
    choice: str | None,
    ring: Callable[[], None] | None = None,
    stderr: TextIO | None = None,
    config: SoundConfig | None = None,
    always_notice: bool = False,
) -> SoundCueOutput:
    """Open the sound output the user asked for and show its notice, if any, once.

    ``choice`` is ``--audio`` (None when not given). A fallback notice ("no sound device;
    using the terminal bell") is printed on ``stderr`` as ``freefeet: notice: ...`` when the
    user chose a backend (``--audio`` or ``config.toml``), or when ``stderr`` is a terminal:
    with nothing chosen, a script or log piping plain output stays free of it.
    ``always_notice`` shows it regardless (``sound test``, where sound is the point).
    """
    from freefeet_tui.audio import open_sound_output
    from freefeet_tui.core.locations import user_locations

    config = config or user_sound_config()
    output, notice = open_sound_output(config, user_locations().cache, backend=choice, ring=ring)
    stream = stderr or sys.stderr
    chosen = always_notice or choice is not None or config.backend != "auto"
    if notice and (chosen or _is_terminal(stream)):
        show_notice(notice, stream)
    return output


def show_notice(notice: str, stream: TextIO | None = None) -> None:
    """One ``freefeet: notice:`` line."""
    print(f"freefeet: notice: {visible(notice)}", file=stream or sys.stderr, flush=True)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---- freefeet voice render ----------------------------------------------------------------


def cmd_voice_render(args: argparse.Namespace) -> int:
    from freefeet_tui.audio.voice import best_engine, lesson_texts, render_lesson, voice_dir
    from freefeet_tui.core.locations import ensure_private_dir, user_locations
    from freefeet_tui.core.stale_temps import sweep_user_temps

    engine = best_engine()
    if engine is None:
        error_line(NO_ENGINE)
        return INVALID_EXIT
    library = load_user_library()
    lessons = [find_lesson(reference, library) for reference in args.lessons] or list(library)
    if not args.lessons:
        for skipped in library.problems:
            warning_line(f"skipped: {skipped}")
    locations = user_locations()
    sweep_user_temps(locations)
    cache = ensure_private_dir(locations.cache)
    say(f"Voice: {engine.name} ({engine.voice}), clips in {voice_dir(cache)}", flush=True)
    all_made = True
    for lesson in lessons:
        report = render_lesson(lesson, cache, engine)
        missing = len(lesson_texts(lesson)) - len(report.rendered) - len(report.cached)
        line = f"{lesson.id}: {len(report.rendered)} rendered, {len(report.cached)} already cached"
        say(line + (f", {missing} failed" if missing else ""), flush=True)
        for problem in report.failed:
            error_line(f"{lesson.id}: {problem}")
        all_made = all_made and missing == 0 and not report.failed
    return 0 if all_made else INVALID_EXIT


# ---- freefeet sound test ------------------------------------------------------------------


def cmd_sound_test(args: argparse.Namespace) -> int:
    from freefeet_tui.audio import CLOSE_DRAIN
    from freefeet_tui.core.cues import Cue

    config = user_sound_config()
    output = open_user_sound(sound_choice(args), config=config, always_notice=True)
    try:
        backend = output.backend
        if backend.name == "none":
            print("Sound is off (backend none): nothing to play.")
            return 0
        print(f"Playing through {backend.describe()}, volume {config.volume:g}:", flush=True)
        failed = 0
        for cue in Cue:
            print(f"  {cue.value:<16} {CUE_NAMES.get(cue.value, '')}", flush=True)
            if not output.play_now(cue):
                failed += 1
                continue
            _wait_until_played(output)
        for problem in output.bank.problems:
            error_line(problem)
        return INVALID_EXIT if failed else 0
    finally:
        output.close(drain=CLOSE_DRAIN)


def _wait_until_played(output: SoundCueOutput) -> None:
    """Wait for one cue to finish, then a short gap (the bell: a fixed gap)."""
    import time

    if not output.backend.plays_samples:
        time.sleep(BELL_GAP)
        return
    deadline = time.monotonic() + TEST_MAX_WAIT
    time.sleep(0.05)  # the backend picks the sound up within one buffer
    while output.busy and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(TEST_GAP)


# ---- the parsers ----------------------------------------------------------------------------


def add_voice(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """``voice render``."""
    voice_commands = add_command_group(
        commands,
        "voice",
        help="render spoken cues ahead of time",
        description="Spoken cues: render them to clips in the cache folder.",
    )
    render = voice_commands.add_parser(
        "render",
        help="render the cues of lessons to spoken clips",
        description=VOICE_RENDER_HELP,
        formatter_class=formatter,
    )
    render.add_argument(
        "lessons", nargs="*", metavar="LESSON", help="a lesson id or file (default: every lesson)"
    )
    render.set_defaults(handler=cmd_voice_render)


def add_sound(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """``sound test``."""
    sound_commands = add_command_group(
        commands,
        "sound",
        help="check that cue sounds play",
        description="Check sound: play every cue once.",
    )
    test = sound_commands.add_parser(
        "test",
        help="play each cue sound once, with its name",
        description=SOUND_TEST_HELP,
        formatter_class=formatter,
    )
    add_audio_option(test)
    test.set_defaults(handler=cmd_sound_test)


COMMANDS: dict[str, CommandBuilder] = {"voice": add_voice, "sound": add_sound}
"""The commands this module adds, by name."""
