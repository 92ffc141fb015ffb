"""The ``freefeet`` command line: lessons list/show/validate, play errors, doctor, --version."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui import __version__
from freefeet_tui.cli.doctor import (
    lessons_section,
    paths_section,
    report_lines,
    required_distributions,
    versions_section,
)
from freefeet_tui.cli.main import main
from freefeet_tui.core.library import load_library
from freefeet_tui.core.locations import builtin_lessons_dir, user_locations
from tests.conftest import LESSONS_DIR, TINY_LESSON

BUILT_IN = ("free-your-feet", "mobilizing-your-core-to-run", "pre-run-hip-extension")
BAD_LESSON = TINY_LESSON.replace('duration = "10s"', 'duration = "ten"')
BAD_LINE = TINY_LESSON.splitlines().index('duration = "10s"') + 1
BAD_MESSAGE = 'step "stand": duration "ten" is not a duration like 30s or 1m30s'

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Call ``main`` in-process; returns (exit code, stdout, stderr)."""

    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return call


def run_process(*args: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter, with this test's FREEFEET_HOME."""
    result = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
    )
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def user_lessons(freefeet_home: Path) -> Path:
    return freefeet_home / "data" / "lessons"


def test_version_in_a_subprocess() -> None:
    result = run_process("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"freefeet {__version__}\n", "")
    assert __version__ == "0.1.0"


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        ((), "plantar fascia"),
        (("play",), "--plain"),
        (("lessons",), "check lesson files"),
        (("lessons", "list"), "exit code stays 0"),
        (("lessons", "show"), "every step"),
        (("lessons", "validate"), "Exit code 0 when every file is good, 1 when any is not"),
        (("doctor",), "bug report"),
    ],
)
def test_every_command_has_help(run: Run, args: tuple[str, ...], phrase: str) -> None:
    code, out, _ = run(*args, "--help")
    assert code == 0
    assert out.startswith(f"usage: freefeet {' '.join(args)}".replace("  ", " ").rstrip())
    assert phrase in " ".join(out.split())


def test_list_shows_the_built_in_lessons(run: Run) -> None:
    code, out, err = run("lessons", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "LENGTH", "FROM", "WHEN"]
    assert [line.split()[0] for line in lines[1:]] == list(BUILT_IN)
    assert all("built-in" in line for line in lines[1:])
    assert "Free Your Feet" in lines[1]
    # columns line up: every row has its title where the header has TITLE
    title_at = lines[0].index("TITLE")
    assert all(line[title_at - 2 : title_at] == "  " for line in lines[1:])


def test_list_marks_user_lessons_and_reports_bad_files(
    run: Run, write_lesson: Callable[..., Path], user_lessons: Path
) -> None:
    write_lesson(folder=user_lessons)
    bad = write_lesson(BAD_LESSON, name="broken.toml", folder=user_lessons)
    code, out, err = run("lessons", "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert set(rows) == {*BUILT_IN, "tiny"}
    assert rows["tiny"].split()[-3:] == ["user", "Any", "time"]
    assert "44 s" in rows["tiny"]
    assert err.splitlines() == [
        f"freefeet: error: {bad}:{BAD_LINE}: {BAD_MESSAGE}",
        "freefeet: warning: 1 lesson file skipped; check with: freefeet lessons validate FILE",
    ]


def test_a_user_lesson_with_a_built_in_id_takes_its_place(
    run: Run, write_lesson: Callable[..., Path], user_lessons: Path
) -> None:
    write_lesson(TINY_LESSON.replace('"tiny"', '"free-your-feet"'), folder=user_lessons)
    code, out, _ = run("lessons", "list")
    rows = out.splitlines()[1:]
    assert code == 0
    assert [row.split()[0] for row in rows] == list(BUILT_IN)
    assert rows[0].split()[1:5] == ["Tiny", "lesson", "44", "s"]
    assert " user " in rows[0]


def test_show_prints_the_whole_lesson(
    run: Run, write_lesson: Callable[..., Path], user_lessons: Path
) -> None:
    extra = 'safety = "Stop if it hurts."\nnotes = """\nFirst line of notes.\nSecond line."""\n'
    path = write_lesson(
        TINY_LESSON.replace("\n\n[[steps]]", f"\n{extra}\n[[steps]]", 1), folder=user_lessons
    )
    code, out, err = run("lessons", "show", "tiny")
    assert (code, err) == (0, "")
    assert out == (
        "Tiny lesson\n"
        f"id tiny, user, {path}\n"
        "\n"
        "A short lesson for tests.\n"
        "\n"
        "When:   Any time\n"
        "Length: 44 s, 2 steps\n"
        "Safety: Stop if it hurts.\n"
        "\n"
        "Notes:\n"
        "  First line of notes.\n"
        "  Second line.\n"
        "\n"
        "Steps:\n"
        "  0:00  1. Stand and notice (10 s)\n"
        "           Stand easy and notice your feet.\n"
        "           Rest 5 s\n"
        "  0:15  2. Bridge (4 reps of 3 s, each side)\n"
        "           Squeeze your buttocks to lift your hips.\n"
        "           Avoid: Belly soft: do not tighten your abs.\n"
        "           Switch sides: 5 s\n"
        "\n"
        "Total: 44 s (0:44)\n"
    )


def test_show_a_built_in_lesson_and_notes_stay_literal(run: Run) -> None:
    code, out, _ = run("lessons", "show", "free-your-feet")
    assert code == 0
    assert out.startswith("Free Your Feet\nid free-your-feet, built-in, ")
    assert "\nNotes:\n" in out
    assert "\nSteps:\n" in out
    assert out.rstrip().splitlines()[-1].startswith("Total: ")
    # each prompt under its step, with its time into the step
    assert (
        "            +0:10  As you step forward, does the back foot slip a little backwards "
        "under you?\n" in out
    )


def test_show_markup_is_not_interpreted(run: Run, write_lesson: Callable[..., Path]) -> None:
    marked = TINY_LESSON.replace('title = "Bridge"', 'title = "[b]Bridge[/b]"')
    path = write_lesson(marked.replace("Any time", "Any time [red]now[/]"))
    code, out, _ = run("lessons", "show", str(path))
    assert code == 0
    assert "When:   Any time [red]now[/]" in out
    assert "2. [b]Bridge[/b] (4 reps" in out


def test_show_unknown_id(run: Run) -> None:
    code, out, err = run("lessons", "show", "no-such-lesson")
    assert (code, out) == (2, "")
    assert err == 'freefeet: error: no lesson "no-such-lesson"; run freefeet lessons list\n'


def test_show_a_rejected_user_lesson_explains_why(
    run: Run, write_lesson: Callable[..., Path], user_lessons: Path
) -> None:
    bad = write_lesson(BAD_LESSON, name="tiny.toml", folder=user_lessons)
    code, _, err = run("lessons", "show", "tiny")
    assert code == 2
    assert err == f"freefeet: error: {bad}:{BAD_LINE}: {BAD_MESSAGE}\n"


def test_validate_good_file(run: Run, write_lesson: Callable[..., Path]) -> None:
    path = write_lesson()
    assert run("lessons", "validate", str(path)) == (0, f"{path}: ok (Tiny lesson, 44 s)\n", "")


def test_validate_bad_file(run: Run, write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(BAD_LESSON, name="bad.toml")
    expected_err = f"freefeet: error: {path}:{BAD_LINE}: {BAD_MESSAGE}\n"
    assert run("lessons", "validate", str(path)) == (1, "", expected_err)


def test_validate_mixed_and_missing(
    run: Run, write_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    good = write_lesson()
    bad = write_lesson(BAD_LESSON, name="bad.toml")
    missing = tmp_path / "missing.toml"
    code, out, err = run("lessons", "validate", str(good), str(bad), str(missing))
    assert code == 1
    assert out == f"{good}: ok (Tiny lesson, 44 s)\n"
    assert err.splitlines() == [
        f"freefeet: error: {bad}:{BAD_LINE}: {BAD_MESSAGE}",
        f"freefeet: error: {missing}: cannot read the file: No such file or directory",
    ]


def test_validate_a_folder(run: Run, write_lesson: Callable[..., Path], tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    first = write_lesson(folder=folder, name="a.toml")
    second = write_lesson(TINY_LESSON.replace('"tiny"', '"other"'), folder=folder, name="b.toml")
    (folder / "notes.txt").write_text("not a lesson", encoding="utf-8")
    code, out, err = run("lessons", "validate", str(folder))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{first}: ok (Tiny lesson, 44 s)",
        f"{second}: ok (Tiny lesson, 44 s)",
    ]


def test_validate_the_built_in_lessons(run: Run) -> None:
    code, out, err = run("lessons", "validate", str(LESSONS_DIR))
    assert (code, err) == (0, "")
    assert [Path(line.split(":")[0]).stem for line in out.splitlines()] == list(BUILT_IN)


def test_validate_duplicate_ids_in_one_folder(
    run: Run, write_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    first = write_lesson(folder=tmp_path / "dup", name="a.toml")
    second = write_lesson(folder=tmp_path / "dup", name="b.toml")
    code, out, err = run("lessons", "validate", str(tmp_path / "dup"))
    assert code == 1
    assert out == f"{first}: ok (Tiny lesson, 44 s)\n"
    assert err == f'freefeet: error: {second}: lesson id "tiny" is already used by a.toml\n'


def test_validate_an_empty_folder(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    expected = f"freefeet: error: {empty}: no lesson files (*.toml) in this folder\n"
    assert run("lessons", "validate", str(empty)) == (1, "", expected)


def test_validate_needs_a_path(run: Run) -> None:
    code, _, err = run("lessons", "validate")
    assert code == 2
    assert err.splitlines()[-1] == "freefeet: error: the following arguments are required: PATH"


def test_play_unknown_id_in_a_subprocess() -> None:
    result = run_process("play", "no-such-lesson", "--plain")
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr == 'freefeet: error: no lesson "no-such-lesson"; run freefeet lessons list\n'
    )


def test_play_bad_file_in_a_subprocess(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(BAD_LESSON, name="bad.toml")
    for extra in (["--plain"], []):  # the TUI path reports it the same way, before any screen
        result = run_process("play", str(path), *extra)
        assert result.returncode == 2
        assert result.stderr == f"freefeet: error: {path}:{BAD_LINE}: {BAD_MESSAGE}\n"


@pytest.mark.parametrize("tempo", ["0", "0.2", "101", "abc", "nan", "-1"])
def test_bad_tempo_is_a_usage_error(run: Run, tempo: str) -> None:
    code, out, err = run("play", "free-your-feet", "--plain", f"--tempo={tempo}")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith("usage: freefeet play ")
    assert lines[-1].startswith(f"freefeet: error: argument --tempo: {tempo}") or lines[
        -1
    ].startswith(f'freefeet: error: argument --tempo: "{tempo}" is not a number')
    assert len(lines) == 2


def test_unknown_command_is_a_usage_error(run: Run) -> None:
    code, _, err = run("dance")
    assert code == 2
    assert err.splitlines()[-1].startswith("freefeet: error: argument COMMAND: invalid choice")


def test_the_player_needs_a_terminal() -> None:
    for args in ((), ("play", "free-your-feet")):
        result = run_process(*args)
        assert result.returncode == 2
        assert result.stderr == (
            "freefeet: error: the player needs a terminal; "
            "add --plain to print the lesson as text\n"
        )


class FakeApp:
    """Stands in for the Textual app: a real one would take over the test's terminal."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.ran = False
        self.return_code: int | None = None
        self.summaries: list[str] = []
        self.unsaved: list[str] = []

    def run(self) -> None:
        self.ran = True


def test_play_opens_the_player_on_the_lesson(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import freefeet_tui.tui.app as tui_app

    apps: list[FakeApp] = []

    def create_app(**options: Any) -> FakeApp:
        apps.append(FakeApp(options))
        return apps[-1]

    monkeypatch.setattr(tui_app, "create_app", create_app)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert run("play", "pre-run-hip-extension", "--tempo", "2")[0] == 0
    assert run()[0] == 0
    first, second = apps
    assert first.ran and second.ran
    assert first.options["lesson"].id == "pre-run-hip-extension"
    assert first.options["tempo"] == 2.0
    assert set(first.options["library"].lessons) == set(BUILT_IN)
    assert second.options == {
        "library": None,
        "lesson": None,
        "tempo": 1.0,
        "audio": "auto",
        "sound_config": None,
        "resume": None,
        "get_ready": 5.0,  # no config.toml: the default count
        "settings": None,
        "theme": None,
        "keymap": {},
    }


def test_play_exits_1_in_one_line_when_the_app_could_not_save_a_session(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import freefeet_tui.tui.app as tui_app

    def create_app(**options: Any) -> FakeApp:
        app = FakeApp(options)
        app.unsaved = ["first problem", "/x/progress: cannot save 2026.toml: Read-only file system"]
        return app

    monkeypatch.setattr(tui_app, "create_app", create_app)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, out, err = run("play", "pre-run-hip-extension")
    assert code == 1 and out == ""
    assert err == (
        "freefeet: error: session not saved: "
        "/x/progress: cannot save 2026.toml: Read-only file system\n"
    )


# ---- doctor --------------------------------------------------------------------------------


def test_doctor_all_good(run: Run, freefeet_home: Path) -> None:
    code, out, err = run("doctor")
    assert (code, err) == (0, "")
    assert f"FREEFEET_HOME      {freefeet_home} (set" in out
    assert f"data               {freefeet_home / 'data'} (not created yet)" in out
    assert f"built-in lessons   {builtin_lessons_dir()} (3 lesson files)" in out
    assert "built-in audio" in out
    for lesson_id in BUILT_IN:
        assert f"  {lesson_id}" in out
    assert "\n  textual " in out and "\n  Python " in out
    assert out.rstrip().endswith("Everything looks fine.")


def test_doctor_reports_a_rejected_file(
    write_lesson: Callable[..., Path], user_lessons: Path, freefeet_home: Path
) -> None:
    bad = write_lesson(BAD_LESSON, name="broken.toml", folder=user_lessons)
    write_lesson(folder=user_lessons)
    for folder in (freefeet_home / "data", user_lessons):
        folder.chmod(0o700)
    result = run_process("doctor")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"  problem: {bad}:{BAD_LINE}: {BAD_MESSAGE}" in lines
    assert "Lessons (4 found, 1 rejected)" in lines
    assert any(line.split() == ["tiny", "user"] for line in lines)
    assert f"  user lessons       {user_lessons} (2 lesson files)" in lines
    assert lines[-1] == '1 problem found: see the lines starting "problem:"'


def test_doctor_flags_a_data_folder_others_can_read(freefeet_home: Path) -> None:
    data = freefeet_home / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    section = paths_section(user_locations(), LESSONS_DIR, LESSONS_DIR, os.environ)
    assert section.problems == 1
    assert section.lines[-1] == f"problem: {data} can be read by other users; run: chmod 700 {data}"
    data.chmod(0o700)
    assert paths_section(user_locations(), LESSONS_DIR, LESSONS_DIR, os.environ).problems == 0


def test_doctor_without_freefeet_home_or_built_in_lessons(tmp_path: Path) -> None:
    section = paths_section(user_locations(), tmp_path / "gone", tmp_path / "gone", {})
    assert section.lines[0] == "FREEFEET_HOME      not set (using your system's usual folders)"
    assert section.problems == 1
    assert (
        section.lines[-1]
        == f"problem: no built-in lessons in {tmp_path / 'gone'}; reinstall freefeet"
    )


def test_doctor_lessons_section(write_lesson: Callable[..., Path], tmp_path: Path) -> None:
    empty = load_library(tmp_path / "none", None)
    assert lessons_section(empty).problems == 1
    folder = tmp_path / "user"
    write_lesson(folder=folder)
    library = load_library(LESSONS_DIR, folder)
    section = lessons_section(library)
    assert section.title == "Lessons (4 found, 0 rejected)"
    assert section.problems == 0
    assert section.lines[-1] == "tiny                         user"


def test_doctor_versions_from_metadata() -> None:
    versions = {"textual": "8.2.8", "pydub": "0.25.1"}
    section = versions_section(["platformdirs", "textual"], versions.get)
    assert section.problems == 1
    lines = section.lines
    assert lines[0] == f"freefeet           {__version__}"
    assert lines[1].startswith("Python             3.")
    assert "platformdirs       problem: not installed; reinstall freefeet" in lines
    assert "textual            8.2.8" in lines
    assert "pydub              0.25.1 (optional: makes the cue sounds)" in lines
    assert "simpleaudio        not installed (optional: another way to play sound)" in lines


def test_required_distributions_skip_extras() -> None:
    requires = [
        "textual>=8.0",
        "tomli-w>=1.0",
        "platformdirs (>=4.0)",
        "pydub[x]~=0.25",
        "pytest<9,>=8.0; extra == 'dev'",
        'miniaudio; extra == "sound"',
    ]
    assert required_distributions(requires) == ["platformdirs", "pydub", "textual", "tomli-w"]
    assert required_distributions(None) == ["platformdirs", "textual", "tomli-w"]


def test_report_verdict() -> None:
    from freefeet_tui.cli.doctor import Section

    assert report_lines([Section("A", ["x"])]) == ["A", "  x", "", "Everything looks fine."]
    lines = report_lines([Section("A", ["problem: x"], 1), Section("B", ["problem: y"], 1)])
    assert lines[-1] == '2 problems found: see the lines starting "problem:"'
