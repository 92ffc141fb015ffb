"""Read a lesson TOML file and check every field, so a mistake gets one precise message.

Messages name the file, the line (where one can be found) and the key path, for example
``lessons/x.toml:14: step "bridge": duration "ten" is not a duration like 30s or 1m30s``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from freefeet_tui.core.lesson import (
    DEFAULT_SWITCH_SECONDS,
    MAX_CUE_LENGTH,
    SAFETY_LINE,
    SCHEMA_VERSION,
    Lesson,
    LessonError,
    Origin,
    Step,
)
from freefeet_tui.core.toml_check import TomlChecker
from freefeet_tui.core.toml_lines import KeyPath, decode_error_line
from freefeet_tui.core.wording import parse_duration

__all__ = ["LessonError", "load_lesson", "parse_lesson"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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


def load_lesson(path: Path, origin: Origin = Origin.FILE, audio_dir: Path | None = None) -> Lesson:
    """Load and check one lesson file; raise :class:`LessonError` on the first problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LessonError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LessonError(path, line, "the file is not UTF-8 text") from None
    # Some editors start UTF-8 files with a byte-order mark, which tomllib rejects.
    return parse_lesson(text.removeprefix("\ufeff"), path, origin, audio_dir)


def parse_lesson(
    text: str, path: Path, origin: Origin = Origin.FILE, audio_dir: Path | None = None
) -> Lesson:
    """Check the TOML ``text`` of a lesson read from ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = decode_error_line(str(exc), text)
        raise LessonError(path, line, f"not valid TOML: {message}") from None
    return _Checker(path, text, audio_dir).lesson(data, origin)


class _Checker(TomlChecker):
    """Validates one parsed lesson; every failure raises with file, line and key path."""

    error = LessonError

    def __init__(self, path: Path, text: str, audio_dir: Path | None) -> None:
        super().__init__(path, text)
        self.audio_dir = audio_dir

    def text(
        self, table: dict[str, Any], key: str, where: KeyPath, context: str, required: bool = True
    ) -> str | None:
        if key not in table:
            if required:
                self.fail(where, f'{context}missing required key "{key}"')
            return None
        value = table[key]
        if not isinstance(value, str):
            self.fail((*where, key), f'{context}"{key}" must be text in quotes')
        if not value.strip():
            self.fail((*where, key), f'{context}"{key}" is empty')
        return value.strip()

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
        if not isinstance(value, str):
            self.fail(
                (*where, key), f'{context}{label} {value!r} must be text like "30s" or "1m30s"'
            )
        seconds = parse_duration(value)
        if seconds is None:
            self.fail(
                (*where, key), f'{context}{label} "{value}" is not a duration like 30s or 1m30s'
            )
        if seconds == 0 and not allow_zero:
            self.fail((*where, key), f"{context}{label} must be longer than 0s")
        return seconds

    def lesson(self, data: dict[str, Any], origin: Origin) -> Lesson:
        self.unknown_keys(data, LESSON_KEYS, (), "")
        schema = self.schema(data, SCHEMA_VERSION)
        lesson_id = self.text(data, "id", (), "")
        assert lesson_id is not None
        if not _ID.match(lesson_id):
            self.fail(("id",), f'id "{lesson_id}" must use lowercase letters, digits and dashes')
        switch = self.seconds(data, "switch", (), "", allow_zero=True)
        steps_raw = data.get("steps")
        if steps_raw is None:
            self.fail((), 'missing required key "steps" (add at least one [[steps]] table)')
        if not isinstance(steps_raw, list) or not all(isinstance(s, dict) for s in steps_raw):
            self.fail(("steps",), "steps must be written as [[steps]] tables")
        if not steps_raw:
            self.fail(("steps",), "a lesson needs at least one step")
        steps: list[Step] = []
        seen: set[str] = set()
        for index, raw in enumerate(steps_raw):
            step = self.step(raw, index)
            if step.id in seen:
                self.fail(("steps", index, "id"), f'step id "{step.id}" is used twice')
            seen.add(step.id)
            steps.append(step)
        return Lesson(
            id=lesson_id,
            title=self.text(data, "title", (), "") or "",
            summary=self.text(data, "summary", (), "") or "",
            when=self.text(data, "when", (), "") or "",
            safety=self.text(data, "safety", (), "", required=False) or SAFETY_LINE,
            notes=self.text(data, "notes", (), "", required=False) or "",
            switch=DEFAULT_SWITCH_SECONDS if switch is None else switch,
            steps=tuple(steps),
            path=self.path,
            origin=origin,
            schema=schema,
        )

    def step(self, raw: dict[str, Any], index: int) -> Step:
        where: KeyPath = ("steps", index)
        raw_id = raw.get("id")
        context = (
            f'step "{raw_id}": ' if isinstance(raw_id, str) and raw_id else f"step {index + 1}: "
        )
        self.unknown_keys(raw, STEP_KEYS, where, context)
        step_id = self.text(raw, "id", where, context)
        assert step_id is not None
        if not _ID.match(step_id):
            self.fail((*where, "id"), f"{context}id must use lowercase letters, digits and dashes")
        cue = self.text(raw, "cue", where, context)
        avoid = self.text(raw, "avoid", where, context, required=False)
        for key, value in (("cue", cue), ("avoid", avoid)):
            if value is not None and len(value) > MAX_CUE_LENGTH:
                self.fail(
                    (*where, key),
                    f"{context}{key} has {len(value)} characters; keep it "
                    f"under {MAX_CUE_LENGTH} so it can be followed by ear",
                )
        duration = self.seconds(raw, "duration", where, context)
        rep_time = self.seconds(raw, "rep_time", where, context)
        reps = raw.get("reps")
        if reps is not None and (
            isinstance(reps, bool) or not isinstance(reps, int) or not 1 <= reps <= MAX_REPS
        ):
            self.fail(
                (*where, "reps"), f"{context}reps must be a whole number from 1 to {MAX_REPS}"
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
        clip_text = self.text(raw, "clip", where, context, required=False)
        return Step(
            id=step_id,
            title=self.text(raw, "title", where, context) or "",
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
        """Resolve a clip inside the lesson's folder or freefeet's audio folder, never outside."""
        relative = Path(text)
        if relative.is_absolute() or text.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", text):
            self.fail(where, f'{context}clip "{text}" must be a path relative to the lesson file')
        if ".." in relative.parts:
            self.fail(where, f'{context}clip "{text}" may not use ".." to leave the lesson folder')
        roots = [self.path.parent] + ([self.audio_dir] if self.audio_dir else [])
        for root in roots:
            candidate = root / relative
            if candidate.exists() or candidate.is_symlink():
                resolved = candidate.resolve()
                if not resolved.is_relative_to(root.resolve()):
                    self.fail(
                        where,
                        f'{context}clip "{text}" is a link that leads out of {root.name or root}/',
                    )
                if not resolved.is_file():
                    self.fail(where, f'{context}clip "{text}" is not a file')
                return resolved
        self.fail(where, f'{context}clip "{text}" was not found next to the lesson or in audio/')
