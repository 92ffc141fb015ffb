"""Sound's costs: time from a cue event to its sound being queued, decoding, and memory.

* Cue to queued: ``CueRouter`` -> ``SoundCueOutput.play`` -> mixer, for every cue the longest
  built-in lesson emits, while the output stream pulls frames at its real pace (the open
  backend's device when it plays samples, otherwise a thread pulling like a device would).
  Target: median at most 2 ms. The same events through a router with an output that does
  nothing are printed alongside as the baseline.
* Decoding everything the longest lesson needs (cue sounds and every spoken clip; clips are
  rendered beforehand when an engine is present, and that time is printed apart).
* Resident memory added by sound: ``VmRSS`` from ``/proc/self/status`` before importing the
  audio package and after the output is open and the lesson's sounds are decoded.
  Target: at most 20 MiB.

Run ``.venv/bin/python benchmarks/audio.py [--backend auto] [--rounds 5] [--check]``. With no
sound card, point ALSA at the file sink (``ALSA_CONFIG_PATH``) to measure through miniaudio.
It uses a temporary ``FREEFEET_HOME``; exit code 0 unless ``--check`` and a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

CUE_TARGET_MS = 2.0
MEMORY_TARGET_MIB = 20.0


def rss_mib() -> float:
    """This process's resident memory in MiB (Linux); NaN where /proc is missing."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return float("nan")
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="auto", help="auto, miniaudio, simpleaudio...")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the lesson's cues")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    os.environ["FREEFEET_HOME"] = tempfile.mkdtemp(prefix="freefeet-bench-")

    from freefeet_tui.core.cues import CueOutput, CueRouter, cue_for
    from freefeet_tui.core.engine import Engine, Status
    from freefeet_tui.core.events import Event
    from freefeet_tui.core.library import default_library
    from freefeet_tui.core.locations import user_locations

    library = default_library()
    lesson = max(library, key=lambda candidate: candidate.total_seconds)
    cache = user_locations().cache

    # The cue events of one whole play of the lesson, from the real engine.
    now = [0.0]
    engine = Engine(lesson, lambda: now[0])
    events: list[Event] = []
    engine.subscribe(lambda event: events.append(event) if cue_for(event) else None)
    engine.start()
    while engine.status is not Status.FINISHED:
        now[0] += 0.1
        engine.tick()

    before = rss_mib()
    from freefeet_tui.audio import SAMPLE_RATE, SoundConfig, open_sound_output
    from freefeet_tui.audio.voice import best_engine, render_lesson

    voice_engine = best_engine()
    render_seconds = float("nan")
    if voice_engine is not None:
        started = time.perf_counter()
        render_lesson(lesson, cache, voice_engine)
        render_seconds = time.perf_counter() - started

    output, notice = open_sound_output(SoundConfig(backend=args.backend, volume=0.5), cache)
    started = time.perf_counter()
    preparation = output.prepare(lesson)
    preparation.wait(120)
    decode_seconds = time.perf_counter() - started
    after = rss_mib()

    stop = threading.Event()
    puller: threading.Thread | None = None
    if not output.backend.plays_samples or output.backend.name == "simpleaudio":

        def pull() -> None:  # stands in for a device: 100 ms of frames every 100 ms
            while not stop.wait(0.1):
                output.mixer.mix(SAMPLE_RATE // 10)

        puller = threading.Thread(target=pull, daemon=True)
        puller.start()

    class Nothing:
        def play(self, cue: object, event: Event) -> None:
            pass

    def time_events(target: CueOutput) -> list[float]:
        router = CueRouter(target)
        spent: list[float] = []
        for _ in range(args.rounds):
            for event in events:
                started = time.perf_counter()
                router(event)
                spent.append((time.perf_counter() - started) * 1000)
                output.mixer.clear()  # keep the queue as short as in a real lesson
        return spent

    baseline = time_events(Nothing())
    queued = time_events(output)
    stop.set()
    if puller is not None:
        puller.join()
    output.close()

    print(f"lesson: {lesson.id} ({len(lesson.steps)} steps, {len(events)} cue events)")
    print(f"backend: {output.backend.describe()}" + (f"  [{notice}]" if notice else ""))
    engine_name = voice_engine.name if voice_engine else "none"
    print(f"voice engine: {engine_name}; spoken clips decoded: {preparation.spoken}")
    if preparation.problems:
        print("problems: " + "; ".join(preparation.problems))
    print(f"render missing clips: {render_seconds * 1000:8.1f} ms (before the timed decode)")
    print(f"decode all sounds:    {decode_seconds * 1000:8.1f} ms ({len(output.bank)} files)")
    print(f"decoded samples:      {output.bank.nbytes / 2**20:8.2f} MiB")
    median = statistics.median(queued)
    print(
        f"cue to queued:        median {median:.3f} ms, max {max(queued):.3f} ms "
        f"(baseline router with a no-op output: median {statistics.median(baseline):.4f} ms)"
    )
    added = after - before
    print(f"resident memory:      {before:.1f} MiB -> {after:.1f} MiB (+{added:.1f} MiB)")

    results = [
        (median <= CUE_TARGET_MS, f"cue to queued: median {median:.3f} ms (target <= 2 ms)"),
        (added <= MEMORY_TARGET_MIB, f"memory added by sound: {added:.1f} MiB (target <= 20 MiB)"),
    ]
    for passed, line in results:
        print(("PASS  " if passed else "MISS  ") + line)
    return 1 if args.check and not all(passed for passed, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
