"""Read a lesson TOML file and check every field, so a mistake gets one precise message.

Messages name the file, the line (where one can be found) and the key path, for example
``lessons/x.toml:14: step "bridge": duration "ten" is not a duration like 30s or 1m30s``.
A lesson that passes can always be played and recorded: its id, title and step count keep
the limits the progress log holds sessions to (``core/progress/checks.py``), no text holds a
control character, and every duration is a finite number of seconds within reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from freefeet_tui.core.lesson import (
    DEFAULT_SWITCH_SECONDS,
    MAX_CUE_LENGTH,
    MAX_LESSON_SECONDS,
    MAX_NOTES_LENGTH,
    MAX_PART_SECONDS,
    MAX_PROSE_LENGTH,
    SAFETY_LINE,
    SCHEMA_VERSION,
    Lesson,
    LessonError,
    Origin,
    Step,
)
from freefeet_tui.core.lesson_clips import clip_problem
from freefeet_tui.core.progress.checks import (
    MAX_SLUG_LENGTH,
    MAX_STEPS,
    check_lesson_id,
    check_step_id,
    check_title,
)
from freefeet_tui.core.terminal_text import control_problem, quoted
from freefeet_tui.core.toml_lines import KeyPath
from freefeet_tui.core.toml_reader import LESSON_LIMITS, TomlDocument, parse_toml, read_toml
from freefeet_tui.core.wording import parse_duration

__all__ = ["LessonError", "load_lesson", "parse_lesson"]

LESSON_KEYS = ("schema", "id", "title", "summary", "when", "safety", "notes", "switch", "steps")
STEP_KEYS = (
    "id",
    "title",
    "cue",
    "avoid",
    "duration",
    "reps",
    "rep_time",
    "per_side",
    "rest",
    "clip",
)
MAX_REPS = 500
PROSE_KEYS = {  # texts that may run over several lines, and their limits
    "summary": MAX_PROSE_LENGTH,
    "when": MAX_PROSE_LENGTH,
    "safety": MAX_PROSE_LENGTH,
    "notes": MAX_NOTES_LENGTH,
}
_ID_RULE = f"must use lowercase letters, digits and dashes (at most {MAX_SLUG_LENGTH})"


def load_lesson(path: Path, origin: Origin = Origin.FILE, audio_dir: Path | None = None) -> Lesson:
    """Load and check one lesson file; raise :class:`LessonError` on the first problem."""
    try:
        document = read_toml(path, LESSON_LIMITS, LessonError)
    except FileNotFoundError:
        raise LessonError(path, None, "cannot read the file: No such file or directory") from None
    return _Checker(document, audio_dir).lesson(origin)


def parse_lesson(
    text: str, path: Path, origin: Origin = Origin.FILE, audio_dir: Path | None = None
) -> Lesson:
    """Check the TOML ``text`` of a lesson read from ``path``."""
    document = parse_toml(text.encode("utf-8", "surrogatepass"), path, LESSON_LIMITS, LessonError)
    return _Checker(document, audio_dir).lesson(origin)


def _step_context(raw_id: object, index: int) -> str:
    """How a message names a step: by its id when that is a sound one, else by its number."""
    if isinstance(raw_id, str) and check_step_id(raw_id) is None:
        return f'step "{raw_id}": '
    return f"step {index + 1}: "


class _Checker:
    """Validates one parsed lesson; every failure raises with file, line and key path."""

    def __init__(self, document: TomlDocument, audio_dir: Path | None) -> None:
        self.document = document
        self.path = document.path
        self.audio_dir = audio_dir
        self.fail = document.fail

    def text(
        self,
        table: dict[str, Any],
        key: str,
        where: KeyPath,
        context: str,
        required: bool = True,
        limit: int = MAX_CUE_LENGTH,
        one_line: bool = True,
    ) -> str | None:
        """A text value, stripped: in quotes, not empty, no control character, not too long."""
        if key not in table:
            if required:
                self.fail(where, f'{context}missing required key "{key}"')
            return None
        value = table[key]
        at = (*where, key)
        if not isinstance(value, str):
            self.fail(at, f'{context}"{key}" must be text in quotes, not {quoted(value)}')
        value = value.replace("\r\n", "\n").strip()
        if one_line and "\n" in value:
            self.fail(at, f"{context}{key} must fit on one line")
        problem = control_problem(value.replace("\n", " "), allow_newlines=False)
        if problem is not None:
            self.fail(at, f"{context}{key} {problem}")
        if not value:
            self.fail(at, f'{context}"{key}" is empty')
        if len(value) > limit:
            why = " so it can be followed by ear" if limit == MAX_CUE_LENGTH else ""
            self.fail(at, f"{context}{key} has {len(value)} characters; keep it under {limit}{why}")
        return value

    def checked(self, check: Any, table: dict[str, Any], key: str, where: KeyPath, ctx: str) -> Any:
        """A required value that must pass one of the progress log's checks, which a session
        recording it will run again."""
        if key not in table:
            self.fail(where, f'{ctx}missing required key "{key}"')
        value = table[key]
        if isinstance(value, str):
            value = value.strip()
        problem = control_problem(value) if isinstance(value, str) else None
        if problem is None and check(value) is not None:
            problem = _ID_RULE if key == "id" else check(value)
        if problem is not None:
            shown = f" {quoted(value)}" if key == "id" else ""
            self.fail((*where, key), f"{ctx}{key}{shown} {problem}")
        return value

    def seconds(
        self,
        table: dict[str, Any],
        key: str,
        where: KeyPath,
        context: str,
        allow_zero: bool = False,
    ) -> float | None:
        if key not in table:
            return None
        value = table[key]
        label = key.replace("_", " ")
        at = (*where, key)
        if not isinstance(value, str):
            self.fail(at, f'{context}{label} {quoted(value)} must be text like "30s" or "1m30s"')
        seconds = parse_duration(value)
        if seconds is None:
            self.fail(at, f"{context}{label} {quoted(value)} is not a duration like 30s or 1m30s")
        if seconds == 0 and not allow_zero:
            self.fail(at, f"{context}{label} must be longer than 0s")
        if seconds > MAX_PART_SECONDS:
            self.fail(at, f"{context}{label} {quoted(value)} is longer than an hour")
        return seconds

    def lesson(self, origin: Origin) -> Lesson:
        data = self.document.data
        self.document.unknown_keys(data, LESSON_KEYS, ())
        schema = self.document.schema(SCHEMA_VERSION)
        lesson_id = self.checked(check_lesson_id, data, "id", (), "")
        title = self.checked(check_title, data, "title", (), "")
        switch = self.seconds(data, "switch", (), "", allow_zero=True)
        prose = {
            key: self.text(data, key, (), "", key in ("summary", "when"), limit, one_line=False)
            for key, limit in PROSE_KEYS.items()
        }
        steps_raw = data.get("steps")
        if steps_raw is None:
            self.fail((), 'missing required key "steps" (add at least one [[steps]] table)')
        if not isinstance(steps_raw, list) or not all(isinstance(s, dict) for s in steps_raw):
            self.fail(("steps",), "steps must be written as [[steps]] tables")
        if not steps_raw:
            self.fail(("steps",), "a lesson needs at least one step")
        if len(steps_raw) > MAX_STEPS:
            self.fail(("steps", MAX_STEPS), f"a lesson may have at most {MAX_STEPS} steps")
        steps: list[Step] = []
        seen: set[str] = set()
        for index, raw in enumerate(steps_raw):
            step = self.step(raw, index)
            if step.id in seen:
                self.fail(("steps", index, "id"), f'step id "{step.id}" is used twice')
            seen.add(step.id)
            steps.append(step)
        lesson = Lesson(
            id=lesson_id,
            title=title,
            summary=prose["summary"] or "",
            when=prose["when"] or "",
            safety=prose["safety"] or SAFETY_LINE,
            notes=prose["notes"] or "",
            switch=DEFAULT_SWITCH_SECONDS if switch is None else switch,
            steps=tuple(steps),
            path=self.path,
            origin=origin,
            schema=schema,
        )
        if lesson.total_seconds > MAX_LESSON_SECONDS:
            hours = MAX_LESSON_SECONDS // 3600
            self.fail(("steps",), f"the lesson lasts longer than {hours} hours; make it shorter")
        return lesson

    def step(self, raw: dict[str, Any], index: int) -> Step:
        where: KeyPath = ("steps", index)
        context = _step_context(raw.get("id"), index)
        self.document.unknown_keys(raw, STEP_KEYS, where, context)
        step_id = self.checked(check_step_id, raw, "id", where, context)
        title = self.checked(check_title, raw, "title", where, context)
        cue = self.text(raw, "cue", where, context)
        avoid = self.text(raw, "avoid", where, context, required=False)
        duration = self.seconds(raw, "duration", where, context)
        rep_time = self.seconds(raw, "rep_time", where, context)
        reps = raw.get("reps")
        if reps is not None and (
            isinstance(reps, bool) or not isinstance(reps, int) or not 1 <= reps <= MAX_REPS
        ):
            self.fail(
                (*where, "reps"),
                f"{context}reps must be a whole number from 1 to {MAX_REPS}, not {quoted(reps)}",
            )
        if duration is not None and (reps is not None or rep_time is not None):
            self.fail(
                (*where, "duration"),
                f"{context}give either duration or reps with rep_time, not both",
            )
        if duration is None and reps is None and rep_time is None:
            self.fail(where, f"{context}needs a duration, or reps with rep_time")
        if duration is None and (reps is None or rep_time is None):
            given, missing = ("reps", "rep_time") if reps is not None else ("rep_time", "reps")
            self.fail((*where, given), f'{context}{given} needs "{missing}" too')
        per_side = raw.get("per_side", False)
        if not isinstance(per_side, bool):
            self.fail((*where, "per_side"), f"{context}per_side must be true or false")
        rest = self.seconds(raw, "rest", where, context, allow_zero=True)
        clip_text = self.text(raw, "clip", where, context, required=False, limit=4096)
        return Step(
            id=step_id,
            title=title,
            cue=cue or "",
            avoid=avoid,
            duration=duration,
            reps=reps,
            rep_time=rep_time,
            per_side=per_side,
            rest=rest or 0.0,
            clip=None if clip_text is None else self.clip(clip_text, (*where, "clip"), context),
        )

    def clip(self, text: str, where: KeyPath, context: str) -> Path:
        """A clip inside the lesson's folder or freefeet's audio folder, never outside."""
        roots = [self.path.parent] + ([self.audio_dir] if self.audio_dir else [])
        found = clip_problem(text, roots)
        if isinstance(found, str):
            self.fail(where, f"{context}clip {quoted(text)} {found}")
        return found
