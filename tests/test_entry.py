"""The freefeet entry point: no garbage collection for quick commands, as usual for long ones."""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys

import pytest

from freefeet_tui import cli, entry


@pytest.mark.parametrize(
    ("argv", "handler", "collecting"),
    [
        (["lessons", "list"], "cmd_lessons_list", False),
        (["play", "tiny"], "cmd_play", True),
        ([], "cmd_tui", True),
    ],
)
def test_collection_is_back_on_only_for_lessons_and_the_app(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], handler: str, collecting: bool
) -> None:
    seen: list[bool] = []

    def record(args: argparse.Namespace) -> int:
        seen.append(gc.isenabled())
        return 7

    monkeypatch.setattr(cli, handler, record)
    monkeypatch.setattr(sys, "argv", ["freefeet", *argv])
    try:
        assert entry.run() == 7
        assert gc.get_freeze_count() > 0  # the heap was frozen on the way out
    finally:
        gc.unfreeze()
        gc.enable()
    assert seen == [collecting]


def test_python_dash_m_runs_the_same_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "freefeet_tui", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("freefeet ")
