"""The lesson loader: a valid file becomes frozen dataclasses; each kind of mistake gets one
exact line naming the file, the line and what is wrong (the CLI adds ``freefeet: error:``)."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from freefeet_tui.core.lesson import SAFETY_LINE, Lesson, Origin, Step
from freefeet_tui.core.loader import LessonError, load_lesson, parse_lesson
from freefeet_tui.core.toml_lines import decode_error_line, key_lines, line_for, open_multiline
from tests.conftest import TINY_LESSON

WriteLesson = Callable[..., Path]

# Line numbers matter below: "stand" is lines 7-12, "bridge" lines 14-21.
LESSON = TINY_LESSON  # the shared test lesson (tests/conftest.py)


def variant(old: str, new: str) -> str:
    """LESSON with one exact piece replaced (the piece must be there, so no test goes stale)."""
    assert old in LESSON, old
    return LESSON.replace(old, new, 1)


def error_for(path: Path, audio_dir: Path | None = None) -> str:
    with pytest.raises(LessonError) as caught:
        load_lesson(path, audio_dir=audio_dir)
    return str(caught.value)


def test_valid_lesson_loads_into_frozen_dataclasses(write_lesson: WriteLesson) -> None:
    path = write_lesson(LESSON)
    lesson = load_lesson(path, Origin.USER)
    assert lesson == Lesson(
        id="tiny",
        title="Tiny lesson",
        summary="A short lesson for tests.",
        when="Any time",
        steps=(
            Step(
                id="stand",
                title="Stand and notice",
                cue="Stand easy and notice your feet.",
                duration=10.0,
                rest=5.0,
            ),
            Step(
                id="bridge",
                title="Bridge",
                cue="Squeeze your buttocks to lift your hips.",
                avoid="Belly soft: do not tighten your abs.",
                reps=4,
                rep_time=3.0,
                per_side=True,
            ),
        ),
        path=path,
        origin=Origin.USER,
        safety=SAFETY_LINE,
        notes="",
        switch=5.0,
        schema=1,
    )
    # stand 10 + rest 5, then bridge 4 x 3s on the left, a 5s switch, 4 x 3s on the right.
    assert lesson.total_seconds == 10 + 5 + 12 + 5 + 12 == 44
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.steps[0].cue = "changed"  # type: ignore[misc]


def test_optional_keys_are_read_and_switch_changes_the_total(write_lesson: WriteLesson) -> None:
    text = variant(
        'when = "Any time"\n',
        'when = "Any time"\nsafety = "Own safety line."\nnotes = """\nLine one.\nLine two."""\n'
        'switch = "0s"\n',
    )
    lesson = load_lesson(write_lesson(text))
    assert lesson.safety == "Own safety line."
    assert lesson.notes == "Line one.\nLine two."
    assert lesson.switch == 0
    assert lesson.total_seconds == 10 + 5 + 12 + 12
    assert lesson.origin is Origin.FILE


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + LESSON.encode())
    assert load_lesson(path).id == "tiny"


# (case id, piece of LESSON, replacement, line, message)
MISTAKES = [
    (
        "invalid-toml",
        'title = "Tiny lesson"',
        'title = "Tiny lesson',
        3,
        "not valid TOML: Illegal character '\\n'",
    ),
    (
        "file-cut-short",
        'rep_time = "3s"\n',
        'rep_time = "3s"\nnotes = """never closed\n',
        22,
        "not valid TOML: Unterminated string",
    ),
    (
        "duplicate-toml-key",
        'rest = "5s"',
        'rest = "5s"\nrest = "6s"',
        13,
        "not valid TOML: Cannot overwrite a value",
    ),
    ("missing-schema", "schema = 1\n", "", None, 'missing required key "schema" (use schema = 1)'),
    (
        "newer-schema",
        "schema = 1",
        "schema = 2",
        1,
        "schema 2 is newer than this freefeet understands (1); update freefeet",
    ),
    (
        "schema-not-a-number",
        "schema = 1",
        'schema = "1"',
        1,
        "schema must be a whole number such as 1",
    ),
    (
        "bad-id",
        'id = "tiny"',
        'id = "Tiny Lesson"',
        2,
        'id "Tiny Lesson" must use lowercase letters, digits and dashes (at most 64)',
    ),
    (
        "unknown-key-with-hint",
        'when = "Any time"',
        'when = "Any time"\nsumary = "typo"',
        6,
        'unknown key "sumary"; did you mean "summary"?',
    ),
    (
        "unknown-key",
        'when = "Any time"',
        'when = "Any time"\ncolour = "red"',
        6,
        'unknown key "colour"; expected one of schema, id, title, summary, when, safety, notes, '
        "switch, steps",
    ),
    (
        "unknown-step-key",
        'rest = "5s"',
        'rest = "5s"\nrests = "5s"',
        13,
        'step "stand": unknown key "rests"; did you mean "rest"?',
    ),
    (
        "unknown-key-in-step-without-id",
        'id = "bridge"\n',
        "colour = 1\n",
        15,
        'step 2: unknown key "colour"; expected one of id, title, cue, avoid, duration, reps, '
        "rep_time, per_side, rest, clip",
    ),
    ("missing-title", 'title = "Tiny lesson"\n', "", None, 'missing required key "title"'),
    (
        "missing-step-cue",
        'cue = "Stand easy and notice your feet."\n',
        "",
        7,
        'step "stand": missing required key "cue"',
    ),
    ("missing-step-id", 'id = "bridge"\n', "", 14, 'step 2: missing required key "id"'),
    ("title-wrong-type", 'title = "Tiny lesson"', "title = 3", 3, "title must be text in quotes"),
    ("title-empty", 'title = "Tiny lesson"', 'title = "  "', 3, "title is empty"),
    (
        "per-side-not-bool",
        "per_side = true",
        'per_side = "yes"',
        19,
        'step "bridge": per_side must be true or false',
    ),
    (
        "bad-duration",
        'duration = "10s"',
        'duration = "ten"',
        11,
        'step "stand": duration "ten" is not a duration like 30s or 1m30s',
    ),
    (
        "duration-not-text",
        'duration = "10s"',
        "duration = 10",
        11,
        'step "stand": duration 10 must be text like "30s" or "1m30s"',
    ),
    (
        "zero-duration",
        'duration = "10s"',
        'duration = "0s"',
        11,
        'step "stand": duration must be longer than 0s',
    ),
    (
        "bad-rest",
        'rest = "5s"',
        'rest = "5 secs"',
        12,
        'step "stand": rest "5 secs" is not a duration like 30s or 1m30s',
    ),
    (
        "bad-switch",
        'when = "Any time"',
        'when = "Any time"\nswitch = "soon"',
        6,
        'switch "soon" is not a duration like 30s or 1m30s',
    ),
    (
        "duration-and-reps",
        'rest = "5s"',
        'rest = "5s"\nreps = 3',
        11,
        'step "stand": give either duration or reps with rep_time, not both',
    ),
    (
        "no-duration-no-reps",
        'duration = "10s"\n',
        "",
        7,
        'step "stand": needs a duration, or reps with rep_time',
    ),
    (
        "reps-without-rep-time",
        'rep_time = "3s"\n',
        "",
        20,
        'step "bridge": reps needs "rep_time" too',
    ),
    (
        "rep-time-without-reps",
        "reps = 4\n",
        "",
        20,
        'step "bridge": rep_time needs "reps" too',
    ),
    (
        "reps-zero",
        "reps = 4",
        "reps = 0",
        20,
        'step "bridge": reps must be a whole number from 1 to 500, not 0',
    ),
    (
        "reps-too-many",
        "reps = 4",
        "reps = 501",
        20,
        'step "bridge": reps must be a whole number from 1 to 500, not 501',
    ),
    (
        "reps-not-whole",
        "reps = 4",
        "reps = 4.5",
        20,
        'step "bridge": reps must be a whole number from 1 to 500, not 4.5',
    ),
    ("duplicate-step-id", 'id = "bridge"', 'id = "stand"', 15, 'step id "stand" is used twice'),
    (
        "bad-step-id",
        'id = "bridge"',
        'id = "Bridge!"',
        15,
        'step 2: id "Bridge!" must use lowercase letters, digits and dashes (at most 64)',
    ),
    (
        "cue-too-long",
        "Squeeze your buttocks to lift your hips.",
        "x" * 121,
        17,
        'step "bridge": cue has 121 characters; keep it under 120 so it can be followed by ear',
    ),
    (
        "avoid-too-long",
        "Belly soft: do not tighten your abs.",
        "y" * 130,
        18,
        'step "bridge": avoid has 130 characters; keep it under 120 so it can be followed by ear',
    ),
    (
        "no-steps",
        LESSON[LESSON.index("[[steps]]") :],
        "",
        None,
        'missing required key "steps" (add at least one [[steps]] table)',
    ),
    (
        "empty-steps",
        LESSON[LESSON.index("[[steps]]") :],
        "steps = []\n",
        7,
        "a lesson needs at least one step",
    ),
    (
        "steps-as-plain-table",
        LESSON[LESSON.index("[[steps]]") :],
        '[steps]\nid = "a"\n',
        7,
        "steps must be written as [[steps]] tables",
    ),
    (
        "clip-absolute",
        'rest = "5s"',
        'rest = "5s"\nclip = "/etc/passwd"',
        13,
        'step "stand": clip "/etc/passwd" must be a path relative to the lesson file',
    ),
    (
        "clip-windows-drive",
        'rest = "5s"',
        'rest = "5s"\nclip = "C:/sounds/x.wav"',
        13,
        'step "stand": clip "C:/sounds/x.wav" must be a path relative to the lesson file',
    ),
    (
        "clip-dot-dot",
        'rest = "5s"',
        'rest = "5s"\nclip = "clips/../../secret.wav"',
        13,
        'step "stand": clip "clips/../../secret.wav" may not use ".." to leave the lesson folder',
    ),
    (
        "clip-missing",
        'rest = "5s"',
        'rest = "5s"\nclip = "nope.wav"',
        13,
        'step "stand": clip "nope.wav" was not found next to the lesson or in audio/',
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in MISTAKES],
)
def test_each_mistake_gets_one_exact_line(
    write_lesson: WriteLesson, old: str, new: str, line: int | None, message: str
) -> None:
    path = write_lesson(variant(old, new))
    where = f"{path}:{line}" if line else f"{path}"
    assert error_for(path) == f"{where}: {message}"


def test_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(LESSON.replace('"Bridge"', '"Br\xfccke"').encode("latin-1"))
    assert error_for(path) == f"{path}:16: the file is not UTF-8 text"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    assert error_for(path) == f"{path}: cannot read the file: No such file or directory"


def test_error_keeps_its_parts(write_lesson: WriteLesson) -> None:
    path = write_lesson(variant('duration = "10s"', 'duration = "ten"'))
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert (caught.value.path, caught.value.line) == (path, 11)
    assert caught.value.message.startswith('step "stand": duration "ten"')


def with_clip(clip: str) -> str:
    return variant('rest = "5s"', f'rest = "5s"\nclip = "{clip}"')


def test_clip_symlink_leading_out_is_refused(tmp_path: Path, write_lesson: WriteLesson) -> None:
    outside = tmp_path / "outside.wav"
    outside.write_bytes(b"RIFF")
    folder = tmp_path / "mine"
    path = write_lesson(with_clip("sneaky.wav"), folder=folder)
    (folder / "sneaky.wav").symlink_to(outside)
    assert error_for(path) == (
        f'{path}:13: step "stand": clip "sneaky.wav" is a link that leads out of mine/'
    )


def test_clip_folder_symlink_leading_out_is_refused(
    tmp_path: Path, write_lesson: WriteLesson
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.wav").write_bytes(b"RIFF")
    folder = tmp_path / "mine"
    path = write_lesson(with_clip("clips/a.wav"), folder=folder)
    (folder / "clips").symlink_to(elsewhere, target_is_directory=True)
    assert error_for(path) == (
        f'{path}:13: step "stand": clip "clips/a.wav" is a link that leads out of mine/'
    )


def test_clip_that_is_a_folder_is_refused(tmp_path: Path, write_lesson: WriteLesson) -> None:
    path = write_lesson(with_clip("clips"), folder=tmp_path / "mine")
    (tmp_path / "mine" / "clips").mkdir()
    assert error_for(path) == f'{path}:13: step "stand": clip "clips" is not a file'


def test_clip_inside_the_lesson_folder(tmp_path: Path, write_lesson: WriteLesson) -> None:
    folder = tmp_path / "mine"
    path = write_lesson(with_clip("clips/stand.wav"), folder=folder)
    (folder / "clips").mkdir()
    (folder / "clips" / "stand.wav").write_bytes(b"RIFF")
    (folder / "same.wav").symlink_to(folder / "clips" / "stand.wav")
    lesson = load_lesson(path)
    assert lesson.steps[0].clip == (folder / "clips" / "stand.wav").resolve()
    assert lesson.steps[1].clip is None
    # A link that stays inside the folder is fine.
    linked = write_lesson(with_clip("same.wav"), name="linked.toml", folder=folder)
    assert load_lesson(linked).steps[0].clip == (folder / "clips" / "stand.wav").resolve()


def test_clip_in_the_audio_folder(tmp_path: Path, write_lesson: WriteLesson) -> None:
    audio = tmp_path / "audio"
    audio.mkdir()
    (audio / "voice.wav").write_bytes(b"RIFF")
    path = write_lesson(with_clip("voice.wav"), folder=tmp_path / "mine")
    lesson = load_lesson(path, audio_dir=audio)
    assert lesson.steps[0].clip == (audio / "voice.wav").resolve()
    # Without the audio folder the same clip is not found.
    assert error_for(path).endswith(
        'clip "voice.wav" was not found next to the lesson or in audio/'
    )


def test_clip_in_the_lesson_folder_wins_over_the_audio_folder(
    tmp_path: Path, write_lesson: WriteLesson
) -> None:
    audio = tmp_path / "audio"
    audio.mkdir()
    (audio / "voice.wav").write_bytes(b"RIFF")
    folder = tmp_path / "mine"
    path = write_lesson(with_clip("voice.wav"), folder=folder)
    (folder / "voice.wav").write_bytes(b"RIFF")
    assert load_lesson(path, audio_dir=audio).steps[0].clip == (folder / "voice.wav").resolve()


def test_line_numbers_survive_multiline_strings(write_lesson: WriteLesson) -> None:
    text = variant(
        'when = "Any time"\n',
        'when = """\nAny time,\n[[steps]]\nreally."""\n'
        "notes = '''\nA note with \"\"\" inside.\n'''\n",
    )
    path = write_lesson(text.replace('duration = "10s"', 'duration = "ten"'))
    # Six lines were added above "stand": its duration moves from line 11 to 17.
    assert error_for(path) == (
        f'{path}:17: step "stand": duration "ten" is not a duration like 30s or 1m30s'
    )


def test_parse_lesson_reports_the_given_path() -> None:
    with pytest.raises(LessonError) as caught:
        parse_lesson(variant("schema = 1", "schema = 9"), Path("somewhere/x.toml"))
    assert str(caught.value) == (
        "somewhere/x.toml:1: schema 9 is newer than this freefeet understands (1); update freefeet"
    )


# toml_lines: the scanner that gives the loader its line numbers.

TRICKY = textwrap.dedent(
    """\
    a = 'say \"\"\" loud'
    [[steps]]
    b = "it's ''' fine"
    c = \"\"\"one
    two \\\"\"\" still open
    three\"\"\"
    [[steps]]
    "quoted key" = 1
    'x.y'.z = 2
    d = \"\"\"\"\"\"   # empty
    e = '''a
    [[steps]]
    b'''''
    f = 1 # comment with ''' in it
    [ table ]
    g = 2
    """
)


def test_key_lines_handles_multiline_strings_and_quoted_keys() -> None:
    assert key_lines(TRICKY) == {
        ("a",): 1,
        ("steps",): 2,
        ("steps", 0): 2,
        ("steps", 0, "b"): 3,
        ("steps", 0, "c"): 4,
        ("steps", 1): 7,
        ("steps", 1, "quoted key"): 8,
        ("steps", 1, "x.y", "z"): 9,
        ("steps", 1, "d"): 10,
        ("steps", 1, "e"): 11,
        ("steps", 1, "f"): 14,
        ("table",): 15,
        ("table", "g"): 16,
    }


def test_tricky_sample_is_valid_toml() -> None:
    import tomllib

    data = tomllib.loads(TRICKY)
    assert data["steps"][0]["c"] == 'one\ntwo """ still open\nthree'
    assert data["steps"][1]["e"] == "a\n[[steps]]\nb''"
    assert len(data["steps"]) == 2


@pytest.mark.parametrize(
    ("text", "already_open", "still_open"),
    [
        (' """starts here', None, '"""'),
        (" '''starts here", None, "'''"),
        (' """opens and closes"""', None, None),
        (' "one line with \\" and """ inside"', None, None),
        ("middle of a long string", '"""', '"""'),
        ('escaped \\""" is not the end', '"""', '"""'),
        ('ends here""" # done', '"""', None),
        ("literal ends here'''", "'''", None),
        (" 12 # '''", None, None),
        (' "a" """b""""  # four quotes close it', None, None),
        (" " + "x" * 100_000 + ' """', None, '"""'),
        ('\\\\""" ends: the backslash is escaped', '"""', None),
    ],
)
def test_open_multiline(text: str, already_open: str | None, still_open: str | None) -> None:
    assert open_multiline(text, already_open) == still_open


def test_line_for_falls_back_to_the_enclosing_table() -> None:
    lines = key_lines(LESSON)
    assert line_for(lines, ("steps", 1, "reps")) == 20
    assert line_for(lines, ("steps", 1, "clip")) == 14
    assert line_for(lines, ("nowhere",)) is None
    assert line_for(lines, ()) is None


def test_decode_error_line() -> None:
    assert decode_error_line("Invalid value (at line 3, column 7)") == (3, "Invalid value")
    assert decode_error_line("Something else") == (None, "Something else")
    cut = "a = 1\nb = [\n"
    assert decode_error_line("Invalid value (at end of document)", cut) == (2, "Invalid value")
