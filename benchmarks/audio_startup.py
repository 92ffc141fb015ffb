"""Does sound slow the TUI's first screen? ``freefeet --audio auto`` against ``--audio none``.

The app opens the sound output (miniaudio, and decoding the cue sounds) in a thread after its
first refresh, so the first screen should not wait for it. This measures that: both commands
start in the tmux harness of ``startup.py``, interleaved round by round, each timed until the
Today screen's word appears in ``capture-pane``. ALSA is pointed at a file sink in a temp
folder, so miniaudio really opens a device on a machine without a sound card (and nothing is
heard on one with a card). Target: median ratio at most 1.05x.

Run it with ``.venv/bin/python benchmarks/audio_startup.py [--rounds N] [--check]``; it prints
the medians, the ratio and PASS or MISS, and exits 1 only with ``--check`` and a missed target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import FREEFEET, FREEFEET_WORD, TmuxHarness, check_setup, interleaved

TARGET = 1.05
SINK_CONF = """\
pcm.!default {{
    type file
    slave {{ pcm {{ type null }} }}
    file "{wav}"
    format "wav"
}}
"""
RUNS = {"--audio none": "none", "--audio auto": "auto"}


def environment(workdir: Path) -> dict[str, str]:
    """As ``startup.py``: compiled bytecode allowed, a fresh FREEFEET_HOME; plus the sink."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "PYTHONDONTWRITEBYTECODE")}
    env.pop("PULSE_SERVER", None)  # ALSA only: never a sound server outside the benchmark
    env["FREEFEET_HOME"] = str(workdir / "home")
    conf = workdir / "asound.conf"
    conf.write_text(SINK_CONF.format(wav=workdir / "capture.wav"), encoding="utf-8")
    env["ALSA_CONFIG_PATH"] = str(conf)
    return env


def measure(rounds: int, workdir: Path) -> dict[str, list[float]]:
    """Both commands once per round (after one warm-up round that is not counted)."""
    harness = TmuxHarness(environment(workdir), workdir / "tmux.sock")

    def first_screen(choice: str) -> Callable[[], float]:
        return lambda: harness.time_to_word([str(FREEFEET), "--audio", choice], FREEFEET_WORD)

    try:
        return interleaved({name: first_screen(choice) for name, choice in RUNS.items()}, rounds)
    finally:
        harness.close()


def report(times: dict[str, list[float]]) -> bool:
    """Print medians and the ratio; True when the target is met."""
    medians = {name: statistics.median(values) for name, values in times.items()}
    width = max(len(name) for name in medians)
    print(f"{'first screen':<{width}}  median    min       max       (seconds)")
    for name, values in times.items():
        print(f"{name:<{width}}  {medians[name]:.4f}    {min(values):.4f}    {max(values):.4f}")
    ratio = medians["--audio auto"] / medians["--audio none"]
    met = ratio <= TARGET
    print()
    print(
        f"{'PASS' if met else 'MISS'}  TUI first screen with sound: {ratio:.3f}x --audio none "
        f"(target <= {TARGET:g}x)"
    )
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=9, help="rounds per measurement (9)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    check_setup(parser)
    with tempfile.TemporaryDirectory(prefix="freefeet-audio-bench-") as workdir:
        times = measure(args.rounds, Path(workdir))
    met = report(times)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
