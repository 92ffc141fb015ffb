"""No command lets a terminal escape from user or file data reach its output.

A home is filled with hostile text: a log whose notes, reasons and session titles hold window
title, clipboard and colour escapes, bells and backspaces (as a hand-edited year file could),
a user lesson whose every text does too, and a lesson file whose very name holds an escape.
Then every command that shows such text runs as the real program, and neither its standard
output nor its standard error may hold ESC, BEL or backspace: the text is shown spelled out
(``^[``), or refused in one line when it is typed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from freefeet_tui.core.progress import ProgressStore
from tests.helpers.hostile import HOSTILE, TITLE, dangerous_in, seed_hostile

HOSTILE_LESSON = """\
schema = 1
id = "hostile"
title = "Hostile \\u001b]0;pwned\\u0007 [b]x[/b]"
summary = "Summary \\u001b[31m red\\nsecond \\u0008 line"
when = "When \\u001b]52;c;eA==\\u0007"
notes = "Notes \\u001b[2J"

[[steps]]
id = "one"
title = "Step \\u0008 one"
cue = "Cue \\u001b]0;pwned\\u0007 [b]x[/b]"
avoid = "Avoid \\u001b[2J"
duration = "2s"
"""

HOSTILE_IMPORT = (
    '{"format": "freefeet-progress", "version": 1, "checkins": [{"id": "c-1", '
    '"date": "%s", "pain_left": 2, "note": "\\u001b]0;pwned\\u0007"}]}'
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("hostile-home")
    seed_hostile(ProgressStore(root / "data" / "progress"), date.today())
    lessons = root / "data" / "lessons"
    lessons.mkdir(parents=True)
    (lessons / "hostile.toml").write_text(HOSTILE_LESSON, encoding="utf-8")
    (lessons / f"{TITLE}.toml").write_text("schema = 1\nid = 5\n", encoding="utf-8")
    (root / "in.json").write_text(
        HOSTILE_IMPORT % (date.today() - timedelta(days=3)), encoding="utf-8"
    )
    yield root


def freefeet(home: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FREEFEET_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "freefeet_tui", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,  # no terminal: delete without --yes refuses, nothing is deleted
        env=env,
        cwd=home,
        timeout=60,
        check=False,
    )


YESTERDAY_ID = f"c-{date.today() - timedelta(days=1):%Y%m%d}"
SKIP_ID = f"k-{date.today() - timedelta(days=2):%Y%m%d}"

COMMANDS: list[tuple[str, ...]] = [
    ("today",),
    ("today", "--date", "yesterday"),
    ("today", "--json"),
    ("plan",),
    ("edit", YESTERDAY_ID, "--note", HOSTILE),
    ("edit", SKIP_ID, "--reason", HOSTILE),
    ("edit", TITLE, "--pain", "2"),
    ("edit", YESTERDAY_ID, "--date", TITLE),
    ("edit", YESTERDAY_ID, "--clear", TITLE),
    ("delete", YESTERDAY_ID),
    ("delete", SKIP_ID),
    ("delete", TITLE),
    ("undo",),
    ("history", "--days", "30"),
    ("stats",),
    ("log", "--pain", "2", "--note", HOSTILE),
    ("log", "--pain", "2", "--date", TITLE),
    ("log", "--pain", TITLE),
    ("skip", "--reason", HOSTILE),
    ("lessons", "list"),
    ("lessons", "show", "hostile"),
    ("lessons", "show", TITLE),
    ("lessons", "validate", "data/lessons"),
    ("doctor",),
    ("export", "--format", "md"),
    ("export", "--format", "csv"),
    ("export", "--format", "json"),
    ("export", "--format", "ics"),
    ("export", "--format", "habitbull"),
    ("export", "--format", "csv", "--from", TITLE),
    ("export", "--format", "md", "-o", f"{TITLE}.md"),
    ("import", "in.json"),
    ("import", f"{TITLE}.json"),
    ("play", "hostile", "--plain", "--tempo", "100", "--audio", "none"),
    ("play", TITLE, "--plain"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c)[:40] for c in COMMANDS])
def test_no_command_passes_an_escape_from_the_data_on(home: Path, args: tuple[str, ...]) -> None:
    found = freefeet(home, *args)
    assert b"Traceback" not in found.stderr, found.stderr.decode()
    assert dangerous_in(found.stdout) == [], found.stdout[:600]
    assert dangerous_in(found.stderr) == [], found.stderr[:600]
    assert found.stdout or found.stderr  # it did say something


def test_the_hostile_text_is_shown_spelled_out(home: Path) -> None:
    today = freefeet(home, "today").stdout.decode()
    assert "^[]0;pwned^G" in today and "[b]x[/b]" in today
    history = freefeet(home, "history", "--days", "30").stdout.decode()
    assert "^[[31mred" in history and "^H" in history
    listing = freefeet(home, "lessons", "list")
    errors = listing.stderr.decode()
    # A lesson file refuses control characters (one line, the character spelled out)...
    assert "holds a control character U+001B (^[)" in errors
    assert "^[]0;pwned^G.toml" in errors  # ...and a broken file is named safely


def test_delete_shows_the_record_it_deletes_spelled_out(home: Path, tmp_path: Path) -> None:
    """On a copy of the home: ``--yes`` shows the record, then deletes it."""
    own = tmp_path / "home"
    shutil.copytree(home, own)
    for record_id in (YESTERDAY_ID, SKIP_ID):
        found = freefeet(own, "delete", record_id, "--yes")
        assert found.returncode == 0, found.stderr.decode()
        assert dangerous_in(found.stdout) == [] and b"^[" in found.stdout
    assert b"nothing to undo" not in freefeet(own, "undo").stderr


def test_typed_control_characters_are_refused_in_one_line(home: Path) -> None:
    before = (home / "data" / "progress").stat().st_mtime_ns
    for args in (
        ("log", "--pain", "2", "--note", HOSTILE),
        ("skip", "--reason", HOSTILE),
        ("edit", YESTERDAY_ID, "--note", HOSTILE),
        ("edit", SKIP_ID, "--reason", HOSTILE),
    ):
        found = freefeet(home, *args)
        assert found.returncode == 2
        assert found.stderr.count(b"\n") == 1
        assert b"holds a control character U+001B (^[)" in found.stderr
    assert (home / "data" / "progress").stat().st_mtime_ns == before


def test_a_crafted_import_is_refused_and_its_escape_not_echoed(home: Path) -> None:
    found = freefeet(home, "import", "in.json")
    assert found.returncode == 2
    assert b"note holds a control character U+001B (^[)" in found.stderr
