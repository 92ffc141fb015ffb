"""Real sound: a lesson's prompts spoken by espeak-ng through miniaudio into ALSA's file sink,
one voice at a time.

The second test plays a whole small lesson talked through (get-ready count, cues, prompts
spread evenly, a rest that names what comes next, a step per side) and finds every line the
voice said in the capture (``tests/helpers/speech_capture.py``): each prompt where the plan
puts it, and no two lines sounding at once.

The lesson's prompts fall due 1 s apart while each takes some 3 s to say, so a voice that talked
over itself would mix them. At volume 1.0 the mixer hands a lone sound to the device sample
for sample, so every clip that was said alone is found in the capture exactly as the cache
holds it: finding each spoken prompt's clip whole, in order and apart, shows that nothing
sounded on top of it. A prompt that would have waited too long is not said, and plain mode's
note under its line names it.
"""

from __future__ import annotations

import ctypes.util
import shutil
from pathlib import Path

import pytest

from freefeet_tui.audio.bank import decode_file
from freefeet_tui.audio.speech_queue import LINE_GAP, PROMPT_MAX_WAIT
from freefeet_tui.audio.tones import CUE_FREQUENCIES, SAMPLE_RATE
from freefeet_tui.audio.voice import ESPEAK, clip_path
from freefeet_tui.cli.plain import NOT_SPOKEN
from freefeet_tui.core.cues import Cue
from freefeet_tui.core.engine import build_plan
from freefeet_tui.core.events import SegmentKind
from freefeet_tui.core.lesson import Origin
from freefeet_tui.core.loader import load_lesson
from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.speech import lesson_lines
from tests.helpers.alsa_sink import read_capture, run_child, tone_onsets, write_sink_config

FREEFEET = "import sys\nfrom freefeet_tui.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"

PROMPTS = (
    "Let your weight settle slowly toward your heels, and notice it.",
    "Now let it drift forward, softly, until the toes take some of it.",
    "Find the place in between where standing feels easiest of all.",
)
LESSON = f"""\
schema = 1
id = "talked-through"
title = "Talked through"
summary = "One step with prompts close together."
when = "In tests."

[[steps]]
id = "stand"
title = "Stand"
cue = "Stand easy."
duration = "16s"
prompts = [
    {{ at = "2s", text = "{PROMPTS[0]}" }},
    {{ at = "3s", text = "{PROMPTS[1]}" }},
    {{ at = "4s", text = "{PROMPTS[2]}" }},
]
"""

needs_alsa = pytest.mark.skipif(
    ctypes.util.find_library("asound") is None, reason="needs the ALSA library (libasound2)"
)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")


def found_at(capture: bytes, clip: bytes) -> int | None:
    """Where ``clip`` sits whole in ``capture``, in samples; None when it is not there intact."""
    at = capture.find(clip)
    while at >= 0 and at % 2:  # a match must start on a sample, not half-way through one
        at = capture.find(clip, at + 1)
    return None if at < 0 else at // 2


@needs_alsa
@needs_espeak
def test_prompts_are_spoken_one_at_a_time_and_a_late_one_is_noted(tmp_path: Path) -> None:
    config = user_locations().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[sound]\nvolume = 1.0\n\n[player]\nget_ready = 0\n", encoding="utf-8")
    lesson = tmp_path / "talked-through.toml"
    lesson.write_text(LESSON, encoding="utf-8")
    conf, wav = write_sink_config(tmp_path)

    rendered = run_child(FREEFEET, conf, ["voice", "render", str(lesson)])
    assert rendered.returncode == 0, rendered.stderr
    clips = [clip_path(user_locations().cache, text, ESPEAK) for text in PROMPTS]
    assert all(path.is_file() for path in clips)  # voice render renders the prompts too
    sounds = [decode_file(path).samples for path in clips]
    lengths = [len(samples) / SAMPLE_RATE for samples in sounds]
    assert all(length > 2.5 for length in lengths), lengths  # longer than the 1 s between

    played = run_child(FREEFEET, conf, ["play", str(lesson), "--plain", "--audio", "miniaudio"])
    assert played.returncode == 0, played.stderr
    lines = [line.split("] ", 1)[1] for line in played.stdout.splitlines()]
    assert all(text in lines for text in PROMPTS)  # every prompt is shown, said or not
    noted = [lines[i - 1] for i, line in enumerate(lines) if line == NOT_SPOKEN]
    assert noted == [PROMPTS[2]], played.stdout  # the third would have waited too long

    rate, samples = read_capture(wav)
    capture = samples.tobytes()
    starts = [found_at(capture, clip.tobytes()) for clip in sounds]
    said = [start for start in starts[:2] if start is not None]
    assert len(said) == 2, starts  # the first two prompts, each whole: nothing on top of it
    assert starts[2] is None  # and the skipped one never sounded
    assert rate == SAMPLE_RATE
    gap = (said[1] - said[0] - len(sounds[0])) / rate
    assert gap >= LINE_GAP - 0.01, "the second prompt began before the first had ended"
    assert gap < LINE_GAP + 0.5  # it waited for the first, then followed it at once


TALKED_THROUGH = """\
schema = 1
id = "whole-lesson"
title = "Whole lesson"
summary = "Two steps talked through, with a rest between."
when = "In tests."
switch = "2s"

[[steps]]
id = "settle"
title = "Settle"
cue = "Stand easy."
duration = "15s"
rest = "5s"
prompts = [
    "Notice where your weight sits, between heels and toes.",
    "Let your breath go out slowly and your knees soften.",
]

[[steps]]
id = "rock"
title = "Rock"
cue = "Rock from heel to toe."
duration = "9s"
per_side = true
prompts = ["Let the heel lift and the arch shorten as you roll."]
"""
GET_READY = 3  # seconds of count before the first step: said too


def prompt_schedule(path: Path) -> list[tuple[str, float]]:
    """Each prompt the plan says, with its time in seconds from the first step's start."""
    lesson = load_lesson(path, Origin.FILE)
    due: list[tuple[str, float]] = []
    at = 0.0
    for segment in build_plan(lesson):
        if segment.kind is SegmentKind.WORK:
            step = segment.step
            due += [(p.text, at + t) for p, t in zip(step.prompts, step.prompt_times, strict=True)]
        at += segment.duration
    return sorted(due, key=lambda item: item[1])


@needs_alsa
@needs_espeak
def test_a_lesson_talked_through_says_each_prompt_on_time_and_never_two_lines_at_once(
    tmp_path: Path,
) -> None:
    pytest.importorskip("numpy", reason="the capture analysis needs numpy")
    from tests.helpers.speech_capture import CaptureSearch, overlaps

    config = user_locations().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[sound]\nvolume = 1.0\n\n[player]\nget_ready = {GET_READY}\n")
    lesson = tmp_path / "whole-lesson.toml"
    lesson.write_text(TALKED_THROUGH, encoding="utf-8")
    conf, wav = write_sink_config(tmp_path)
    assert run_child(FREEFEET, conf, ["voice", "render", str(lesson)]).returncode == 0

    played = run_child(FREEFEET, conf, ["play", str(lesson), "--plain", "--audio", "miniaudio"])
    assert played.returncode == 0, played.stderr
    assert played.stdout.splitlines()[1].startswith("[0:00] Get ready: step 1 of 2 starts in 3 s")
    assert NOT_SPOKEN not in played.stdout  # the lesson leaves room for every prompt

    rate, capture = read_capture(wav)
    assert rate == SAMPLE_RATE
    search = CaptureSearch(capture)
    said = []
    for text in lesson_lines(load_lesson(lesson, Origin.FILE)):
        clip = decode_file(clip_path(user_locations().cache, text, ESPEAK)).samples
        said += search.find(text, clip)
    texts = [line.text for line in sorted(said, key=lambda line: line.start)]
    assert texts[0] == "Get ready.", texts  # the count is said before the first step

    # no two lines at once: each begins a breath after the one before has ended
    assert overlaps(said, gap=round((LINE_GAP - 0.02) * rate)) == [], texts

    # every prompt said, where the plan puts it, timed from the first step's chime
    first_step = tone_onsets(capture, rate, CUE_FREQUENCIES[Cue.STEP_START])[0]
    for text, due in prompt_schedule(lesson):
        heard = [line.start / rate - first_step for line in said if line.text == text]
        late = [at - due for at in heard]
        # once per side; not early, at most as late as a prompt may wait (the sink is not
        # real time, so half a second either way)
        assert any(-0.5 <= wait <= PROMPT_MAX_WAIT + 0.5 for wait in late), (text, due, heard)
    per_side = "Let the heel lift and the arch shorten as you roll."
    assert texts.count(per_side) == 2, texts  # the left side and the right side
    assert texts.count("Rest. Next: Rock, left side.") == 1, texts
