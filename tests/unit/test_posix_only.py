"""freefeet runs on POSIX systems only (it locks its progress files with fcntl); elsewhere the
command stops at once with one line that says so, before it loads or touches anything."""

from __future__ import annotations

import gc
import sys

import pytest

from freefeet_tui import entry


def test_without_fcntl_freefeet_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fcntl", None)  # importing it now fails, as on Windows
    monkeypatch.delitem(sys.modules, "freefeet_tui.cli.main", raising=False)
    monkeypatch.setattr(sys, "argv", ["freefeet", "lessons", "list"])
    assert entry.run() == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "freefeet: error: freefeet runs on Linux and macOS (it needs fcntl, which this system"
        " lacks); on Windows, use it inside WSL\n"
    )
    assert "freefeet_tui.cli.main" not in sys.modules  # stopped before the command line loaded
    assert gc.isenabled()  # and before it switched anything off


def test_on_posix_the_lock_module_is_there() -> None:
    import fcntl

    assert callable(fcntl.flock)
