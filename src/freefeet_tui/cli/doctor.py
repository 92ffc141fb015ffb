"""``freefeet doctor``: what freefeet sees on this machine, for bug reports and self-help.

Each check is a pure function that takes what it inspects and returns a :class:`Section` of text
lines plus a problem count, so tests can feed it anything and later checks (progress file, audio)
slot in as more sections. Versions come from package metadata, never from importing packages:
the doctor must not load Textual or audio libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from freefeet_tui import __version__
from freefeet_tui.cli.common import say
from freefeet_tui.cli.parsing import CommandBuilder
from freefeet_tui.core.library import Library, lesson_files, load_library
from freefeet_tui.core.locations import (
    HOME_ENV,
    Locations,
    builtin_audio_dir,
    builtin_lessons_dir,
    user_locations,
)
from freefeet_tui.core.wording import plural

if TYPE_CHECKING:
    from freefeet_tui.audio import VoiceEngine

DISTRIBUTION = "freefeet-tui"
FALLBACK_REQUIRED = ("platformdirs", "textual", "tomli-w")
OPTIONAL = {
    "pydub": "optional: makes the cue sounds",
    "miniaudio": "optional: plays sound",
    "simpleaudio": "optional: another way to play sound",
}
PROBLEM = "problem: "
LABEL_WIDTH = 18

VersionLookup = Callable[[str], str | None]
DeviceProbe = Callable[[], str]

DEVICE_PROBE_TIMEOUT = 10.0
DEVICE_PROBE = """\
import json, miniaudio
from freefeet_tui.audio.backends import quiet_alsa
from freefeet_tui.audio.tones import CHANNELS, SAMPLE_RATE
quiet_alsa()
try:
    device = miniaudio.PlaybackDevice(
        output_format=miniaudio.SampleFormat.SIGNED16, nchannels=CHANNELS,
        sample_rate=SAMPLE_RATE, app_name="freefeet")
except miniaudio.MiniaudioError as exc:
    print(json.dumps({"error": " ".join(str(part) for part in exc.args)}))
else:
    print(json.dumps({"backend": device.backend}))
    device.close()
"""
"""Opens (never starts) the default output device: run in a child process, so the doctor itself
never loads miniaudio, and a sound driver that hangs or crashes cannot take the doctor down."""


@dataclass(frozen=True, slots=True)
class Section:
    """A titled block of the report; ``problems`` counts the lines that need the user's action."""

    title: str
    lines: list[str] = field(default_factory=list)
    problems: int = 0


def _row(label: str, value: str) -> str:
    return f"{label:<{LABEL_WIDTH}} {value}"


def _folder_state(path: Path) -> tuple[str, str | None]:
    """A short note on a folder, and a problem when it is unusable."""
    if not path.exists():
        return "not created yet", None
    if not path.is_dir():
        return "not a folder", f"{path} is not a folder; move that file away"
    return "", None


def paths_section(
    locations: Locations, lessons_dir: Path, audio_dir: Path, environ: Mapping[str, str]
) -> Section:
    """Every folder freefeet reads or writes, with what is (or is not) there."""
    lines: list[str] = []
    problems: list[str] = []
    home = environ.get(HOME_ENV, "").strip()
    if home:
        lines.append(_row(HOME_ENV, f"{home} (set: all your freefeet files live here)"))
    else:
        lines.append(_row(HOME_ENV, "not set (using your system's usual folders)"))
    for label, path in (
        ("data", locations.data),
        ("config", locations.config),
        ("cache", locations.cache),
    ):
        note, problem = _folder_state(path)
        if problem is None and label == "data" and path.is_dir() and path.stat().st_mode & 0o077:
            problem = f"{path} can be read by other users; run: chmod 700 {path}"
        lines.append(_row(label, f"{path} ({note})" if note else str(path)))
        problems += [problem] if problem else []
    note, problem = _folder_state(locations.user_lessons)
    if not note:
        note = plural(len(lesson_files(locations.user_lessons)), "lesson file")
    lines.append(_row("user lessons", f"{locations.user_lessons} ({note})"))
    problems += [problem] if problem else []
    shipped = len(lesson_files(lessons_dir))
    lines.append(_row("built-in lessons", f"{lessons_dir} ({shipped} lesson files)"))
    if not shipped:
        problems.append(f"no built-in lessons in {lessons_dir}; reinstall freefeet")
    audio_note = "" if audio_dir.is_dir() else " (missing)"
    lines.append(_row("built-in audio", f"{audio_dir}{audio_note}"))
    lines += [PROBLEM + text for text in problems]
    return Section("Paths", lines, len(problems))


def lessons_section(library: Library) -> Section:
    """The lessons found (id and origin) and every rejected file with its error."""
    found = len(library)
    rejected = len(library.problems)
    title = f"Lessons ({found} found, {rejected} rejected)"
    width = max((len(lesson.id) for lesson in library), default=0)
    lines = [f"{lesson.id:<{width}}  {lesson.origin}" for lesson in library]
    if not found:
        lines.append("no lessons at all: freefeet has nothing to play")
    lines += [f"{PROBLEM}{error}" for error in library.problems]
    return Section(title, lines, rejected + (0 if found else 1))


def progress_section(folder: Path) -> Section:
    """The progress folder, its year files, and each one that cannot be read (never written)."""
    from freefeet_tui.core.progress import ProgressStore

    store = ProgressStore(folder)
    note, problem = _folder_state(folder)
    problems = [problem] if problem else []
    if not note:
        years = store.years()
        note = plural(len(years), "year file")
        if years:
            note += f", {years[0]}" if len(years) == 1 else f", {years[0]} to {years[-1]}"
        problems += [
            f"{error} (not written until fixed)"  # short: with the error, under 300 bytes
            for error in store.problems()
        ]
    lines = [_row("progress log", f"{folder} ({note})")]
    lines += [PROBLEM + text for text in problems]
    return Section("Progress", lines, len(problems))


def saving_section(locations: Locations) -> Section:
    """Whether freefeet can save its log and its caches: a folder it may write in, on a file
    system mounted read-write, with room left (``core.storage_check`` writes a test file)."""
    from freefeet_tui.core.storage_check import free_text, storage_state

    lines: list[str] = []
    problems: list[str] = []
    for label, path in (("progress log", locations.progress), ("cache", locations.cache)):
        state = storage_state(path)
        if state.problem is None:
            room = free_text(state)
            lines.append(
                _row(label, f"can save in {state.folder}" + (f" ({room})" if room else ""))
            )
        else:
            lines.append(_row(label, f"cannot save in {state.folder}"))
            if state.problem not in problems:
                problems.append(state.problem)
    lines += [PROBLEM + text for text in problems]
    return Section("Saving", lines, len(problems))


def probe_output_device() -> str:
    """What miniaudio finds as the default output device, asked in a child process."""
    from freefeet_tui.audio import installed_backends

    if not installed_backends()["miniaudio"]:
        return "unknown: miniaudio is not installed"
    try:
        result = subprocess.run(
            [sys.executable, "-c", DEVICE_PROBE],
            capture_output=True,
            text=True,
            timeout=DEVICE_PROBE_TIMEOUT,
            env=os.environ.copy(),
            check=False,
        )
        answer = json.loads((result.stdout.strip().splitlines() or ["{}"])[-1])
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        return f"unknown: the check could not run ({exc})"
    if "backend" in answer:
        return f"the default device, through {answer['backend']}"
    if "error" in answer:
        return f"none found ({answer['error']}): cues fall back to the terminal bell"
    return f"unknown: the check failed (exit {result.returncode})"


def sound_section(
    config_file: Path,
    cache_dir: Path,
    device: str,
    backends: Mapping[str, bool] | None = None,
    engines: Sequence[VoiceEngine] | None = None,
) -> Section:
    """Backends and voice engines present, the output device, cached clips and the config."""
    from freefeet_tui.audio import (
        ConfigError,
        find_engines,
        installed_backends,
        load_sound_config,
    )
    from freefeet_tui.audio.backends import SIMPLEAUDIO_HINT
    from freefeet_tui.audio.voice import voice_dir

    found = installed_backends() if backends is None else backends
    engines = find_engines() if engines is None else engines
    names = [name if present else f"{name} (not installed)" for name, present in found.items()]
    lines = [_row("backends", ", ".join(names))]
    if not found.get("simpleaudio", True):
        lines.append(_row("", f"simpleaudio: {SIMPLEAUDIO_HINT}"))
    lines.append(_row("output device", device))
    if engines:
        voices = ", ".join(f"{engine.name} ({engine.voice})" for engine in engines)
    else:
        voices = (
            "none: cues are a chime and text; install espeak-ng, "
            "or pip install 'freefeet-tui[voice]'"
        )
    lines.append(_row("voice engines", voices))
    folder = voice_dir(cache_dir)
    clips = [path for path in folder.glob("*.wav") if not path.name.startswith(".")]
    if clips:
        size = sum(path.stat().st_size for path in clips) / 2**20
        note = f"{plural(len(clips), 'clip')}, {size:.1f} MiB"
    else:
        note = "no clips yet; freefeet voice render makes them"
    lines.append(_row("voice cache", f"{folder} ({note})"))
    problems: list[str] = []
    try:
        config = load_sound_config(config_file)
    except ConfigError as error:
        lines.append(_row("config file", str(config_file)))
        problems.append(str(error))
    else:
        exists = "" if config_file.is_file() else " (not there: the defaults apply)"
        lines.append(_row("config file", f"{config_file}{exists}"))
        voice = "on" if config.voice else "off"
        settings = f"backend {config.backend}, volume {config.volume:g}, voice {voice}"
        lines.append(_row("sound settings", settings))
    lines += [PROBLEM + text for text in problems]
    return Section("Sound", lines, len(problems))


def installed_version(name: str) -> str | None:
    """The installed version of a distribution from its metadata, or None when absent."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def required_distributions(requirements: Iterable[str] | None) -> list[str]:
    """Names of the unconditional requirements (extras such as ``dev`` are left out)."""
    if requirements is None:
        return list(FALLBACK_REQUIRED)
    names: list[str] = []
    for requirement in requirements:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        name = spec.strip()
        for stop in "<>=!~[ (":
            name = name.split(stop, 1)[0]
        if name:
            names.append(name)
    return sorted(set(names), key=str.lower)


def _own_requirements() -> list[str] | None:
    try:
        return metadata.requires(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None  # running from a source tree that was never installed


def versions_section(
    required: Iterable[str], version_of: VersionLookup = installed_version
) -> Section:
    """freefeet, Python and each dependency; a missing required one is a problem."""
    lines = [
        _row("freefeet", __version__),
        _row("Python", f"{platform.python_version()} ({sys.executable})"),
    ]
    problems = 0
    required = list(required)
    for name in required:
        version = version_of(name)
        if version is None:
            problems += 1
            lines.append(_row(name, f"{PROBLEM}not installed; reinstall freefeet"))
        else:
            lines.append(_row(name, version))
    for name, purpose in OPTIONAL.items():
        if name not in required:
            version = version_of(name) or "not installed"
            lines.append(_row(name, f"{version} ({purpose})"))
    return Section("Versions", lines, problems)


def report_lines(sections: Iterable[Section]) -> list[str]:
    """The whole report: each section's title, its lines indented, then a verdict."""
    lines: list[str] = []
    problems = 0
    for section in sections:
        lines.append(section.title)
        lines += [f"  {line}" for line in section.lines]
        lines.append("")
        problems += section.problems
    if problems:
        lines.append(
            f'{plural(problems, "problem")} found: see the lines starting "{PROBLEM.strip()}"'
        )
    else:
        lines.append("Everything looks fine.")
    return lines


def diagnose(
    locations: Locations,
    lessons_dir: Path,
    audio_dir: Path,
    library: Library,
    environ: Mapping[str, str],
    version_of: VersionLookup = installed_version,
    device_probe: DeviceProbe = probe_output_device,
) -> tuple[list[str], int]:
    """Run every check; returns the report lines and the exit code (0 all good, 1 problems)."""
    sections = [
        paths_section(locations, lessons_dir, audio_dir, environ),
        lessons_section(library),
        progress_section(locations.progress),
        saving_section(locations),
        sound_section(locations.config_file, locations.cache, device_probe()),
        versions_section(required_distributions(_own_requirements()), version_of),
    ]
    return report_lines(sections), 1 if any(s.problems for s in sections) else 0


# ---- the command --------------------------------------------------------------------------

DOCTOR_HELP = """\
Show what freefeet sees on this computer: the folders it uses, the lessons it
found and the ones it had to skip, whether it can save (a folder it may write in,
a file system that is not read-only, room on the disk), and the versions of
freefeet, Python and the packages it relies on. Handy when something looks wrong
or for a bug report. Exit code 0 when all is well, 1 when a line is marked "problem"."""


def cmd_doctor(args: argparse.Namespace) -> int:
    locations = user_locations()
    lessons_dir, audio_dir = builtin_lessons_dir(), builtin_audio_dir()
    library = load_library(lessons_dir, locations.user_lessons, audio_dir)
    lines, code = diagnose(locations, lessons_dir, audio_dir, library, os.environ)
    say(lines)
    return code


def add_doctor(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    doctor = commands.add_parser(
        "doctor",
        help="check folders, lessons and versions",
        description=DOCTOR_HELP,
        formatter_class=formatter,
    )
    doctor.set_defaults(handler=cmd_doctor)


COMMANDS: dict[str, CommandBuilder] = {"doctor": add_doctor}
"""The commands this module adds, by name."""
