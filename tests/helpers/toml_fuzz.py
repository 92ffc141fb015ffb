"""Run one user TOML file through freefeet's reader and its commands, in this process, and say
what broke: a traceback, a hang, a changed file, an error over one line or 300 bytes, a wrong
exit code, a control character on the terminal, a lesson that validates but cannot be saved.

Shared by the hypothesis suites (``tests/unit/test_fuzz_*.py``) and the long run
(``benchmarks/fuzz_inputs.py``). Each input gets a fresh ``FREEFEET_HOME``; the output device
probe of ``doctor`` (a child process that opens the sound card, unrelated to any file) is
replaced by a fixed answer so that a run of thousands of inputs takes minutes, not hours.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tests.helpers.toml_mutations import REPO, YEAR

Diagnose = Callable[..., tuple[list[str], int]]

TIMEOUT = 5.0  # seconds an input may take, reader and every command together
MAX_LINE_BYTES = 300
TERMINAL_CONTROLS = (b"\x1b", b"\x07", b"\x08")


class Hang(BaseException):
    """An input took longer than :data:`TIMEOUT` (a BaseException: nothing may swallow it)."""


@dataclass
class Report:
    """What one input did."""

    kind: str
    refused: str | None = None  # the reader's error line, when it refused the file
    violations: list[str] = field(default_factory=list)
    tracebacks: int = 0
    hang: bool = False
    changed: bool = False
    longest_error: int = 0  # bytes of the longest line on stderr
    controls_in_stdout: int = 0  # from a year file's own notes: the output sanitiser's job
    seconds: float = 0.0  # the slowest step: the reader or one command


def place(kind: str, data: bytes, home: Path) -> Path:
    """Put ``data`` where freefeet reads that kind of file under ``home``."""
    target = {
        "lesson": home / "data" / "lessons" / "fuzz.toml",
        "year": home / "data" / "progress" / f"{YEAR}.toml",
        "config": home / "config" / "config.toml",
        "programme": home / "shipped" / "program.toml",
    }[kind]
    for folder in reversed(target.relative_to(home).parents):  # each private, as freefeet's
        (home / folder).mkdir(exist_ok=True, mode=0o700)
    if kind == "programme":
        for lesson in (REPO / "lessons").glob("*.toml"):
            shutil.copyfile(lesson, target.parent / lesson.name)
    target.write_bytes(data)
    return target


def read(kind: str, path: Path) -> str | None:
    """The reader's verdict: None when it accepts the file, else its error line. Any other
    exception escapes, as a traceback would."""
    from freefeet_tui.core.config import ConfigError, load_config
    from freefeet_tui.core.lesson import LessonError
    from freefeet_tui.core.loader import load_lesson
    from freefeet_tui.core.program_file import ProgramError, load_program
    from freefeet_tui.core.progress import ProgressFileError, new_session, read_year

    try:
        if kind == "lesson":
            lesson = load_lesson(path)
            # What validates must be recordable: the session's own checks run here.
            new_session(lesson.id, lesson.title, len(lesson.steps))
        elif kind == "year":
            read_year(path)
        elif kind == "config":
            load_config(path)
        else:
            load_program(path)
    except (LessonError, ProgressFileError, ConfigError, ProgramError) as error:
        return str(error)
    return None


# (arguments, exit code when the reader refused the file, exit code when it accepted it);
# "{file}" stands for the file's path, "{today}" for today's date.
COMMANDS: dict[str, list[tuple[tuple[str, ...], int, int]]] = {
    "lesson": [
        (("lessons", "validate", "{file}"), 1, 0),
        (("lessons", "show", "{file}"), 2, 0),
        (("lessons", "list"), 0, 0),
        (("today",), 0, 0),
        (("doctor",), 1, 0),
    ],
    "year": [
        (("today",), 1, 0),
        (("history",), 1, 0),
        (("stats",), 1, 0),
        (("doctor",), 1, 0),
    ],
    "config": [(("doctor",), 1, 0), (("today",), 0, 0)],
    "programme": [(("today",), 1, 0), (("stats",), 1, 0)],
}
# Run only when the reader refused the file: a write to a bad year must be refused and write
# nothing; a bad config.toml must stop a lesson before it starts (a good one would play it).
ONLY_WHEN_REFUSED = {
    "year": (("log", "--pain", "2", "--date", "{today}"), 1),
    "config": (("play", "pre-run-hip-extension", "--plain"), 2),
}


@contextlib.contextmanager
def environment(home: Path, kind: str) -> Iterator[None]:
    """``FREEFEET_HOME`` at ``home``, the programme read from ``home/shipped`` and doctor's
    device probe answered at once; everything restored afterwards."""
    from freefeet_tui.cli import doctor
    from freefeet_tui.core import locations

    saved_home = os.environ.get("FREEFEET_HOME")
    saved_lessons = locations.builtin_lessons_dir
    saved_diagnose = doctor.diagnose
    os.environ["FREEFEET_HOME"] = str(home)
    if kind == "programme":
        locations.builtin_lessons_dir = lambda: home / "shipped"
    doctor.diagnose = _quick_diagnose(saved_diagnose)
    try:
        yield
    finally:
        if saved_home is None:
            os.environ.pop("FREEFEET_HOME", None)
        else:
            os.environ["FREEFEET_HOME"] = saved_home
        locations.builtin_lessons_dir = saved_lessons
        doctor.diagnose = saved_diagnose


def _quick_diagnose(diagnose: Diagnose) -> Diagnose:
    return functools.partial(diagnose, device_probe=lambda: "not probed (fuzz run)")


def run_cli(arguments: list[str]) -> tuple[int | None, bytes, bytes, str | None]:
    """``freefeet ARGUMENTS`` in this process: exit code, stdout, stderr and a traceback."""
    from freefeet_tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(arguments)
    except Hang:
        raise
    except BaseException:  # anything escaping main is what we look for
        return None, b"", b"", traceback.format_exc(limit=-3)
    return code, _bytes(out.getvalue()), _bytes(err.getvalue()), None


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _alarm(signum: int, frame: object) -> None:
    raise Hang


@contextlib.contextmanager
def time_limit(seconds: float, report: Report, name: str) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` (each command is a process of its own for a
    user, so each gets the whole limit) and note how long the slowest one took."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        took = time.perf_counter() - started
        report.seconds = max(report.seconds, took)
        if took > seconds and not report.hang:
            report.hang = True
            report.violations.append(f"{name}: took {took:.1f} s")


def check_input(kind: str, data: bytes, timeout: float = TIMEOUT) -> Report:
    """Everything one input must satisfy, with a fresh home that is removed afterwards."""
    report = Report(kind)
    home = Path(tempfile.mkdtemp(prefix="freefeet-fuzz-"))
    try:
        path = place(kind, data, home)
        with environment(home, kind):
            _check(kind, path, data, report, timeout)
    except Hang:
        report.hang = True
        report.violations.append(f"took over {timeout:g} s")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return report


def _check(kind: str, path: Path, data: bytes, report: Report, timeout: float) -> None:
    try:
        with time_limit(timeout, report, "reader"):
            report.refused = read(kind, path)
    except Hang:
        raise
    except BaseException:  # a traceback: counted, never raised
        report.tracebacks += 1
        report.violations.append("reader: " + traceback.format_exc(limit=-3))
        return
    if report.refused is not None:
        _line_rules("reader", report.refused.encode("utf-8", "replace") + b"\n", report)
    refused = report.refused is not None
    today = date.today().isoformat()
    commands = [(args, when_refused if refused else when_ok) for args, when_refused, when_ok in
                COMMANDS[kind]]  # fmt: skip
    if refused and kind in ONLY_WHEN_REFUSED:
        commands.append(ONLY_WHEN_REFUSED[kind])
    for template, expected in commands:
        arguments = [part.format(file=path, today=today) for part in template]
        name = " ".join(template)
        with time_limit(timeout, report, name):
            code, out, err, crashed = run_cli(arguments)
        if crashed is not None:
            report.tracebacks += 1
            report.violations.append(f"{name}: {crashed}")
            continue
        if code != expected:
            report.violations.append(f"{name}: exit {code}, expected {expected}: {err[:300]!r}")
        _line_rules(name, err, report)
        problems = [line for line in out.splitlines() if line.lstrip().startswith(b"problem: ")]
        _line_rules(name + " (report)", b"\n".join(problems), report)
        if b"Traceback" in err:
            report.tracebacks += 1
            report.violations.append(f"{name}: a traceback on stderr")
        found = sum(out.count(control) for control in TERMINAL_CONTROLS)
        if found and kind != "year":
            report.violations.append(f"{name}: a control character on stdout")
        report.controls_in_stdout += found
        if path.read_bytes() != data:
            report.changed = True
            report.violations.append(f"{name}: changed {path.name}")
            path.write_bytes(data)


def _line_rules(name: str, err: bytes, report: Report) -> None:
    """Every line on stderr is one freefeet message of at most 300 bytes, obeying nothing."""
    for line in err.splitlines():
        report.longest_error = max(report.longest_error, len(line) + 1)
        if len(line) > MAX_LINE_BYTES:
            report.violations.append(f"{name}: a line of {len(line)} bytes")
        if name != "reader" and "report" not in name and not line.startswith(b"freefeet: "):
            report.violations.append(f"{name}: an error over more than one line: {line[:80]!r}")
        if any(control in line for control in TERMINAL_CONTROLS):
            report.violations.append(f"{name}: a control character on stderr")
