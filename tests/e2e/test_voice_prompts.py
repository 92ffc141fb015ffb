"""Real sound: a lesson's prompts spoken by espeak-ng through miniaudio into ALSA's file sink,
one voice at a time.

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
from freefeet_tui.audio.speech_queue import LINE_GAP
from freefeet_tui.audio.tones import SAMPLE_RATE
from freefeet_tui.audio.voice import ESPEAK, clip_path
from freefeet_tui.cli.plain import NOT_SPOKEN
from freefeet_tui.core.locations import user_locations
from tests.helpers.alsa_sink import read_capture, run_child, write_sink_config

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
