"""Fault tests: savers killed with SIGKILL at random instants, and two processes racing.

(a) 200 times a child saving records is killed at a random moment; afterwards every year
file parses and holds every record whose save had returned (the child printed its id).
(b) Two processes each add 100 sessions at the same time; all 200 are recorded.
"""

from __future__ import annotations

from pathlib import Path

from freefeet_tui.core.progress import ProgressFileError, ProgressStore, SessionStatus
from freefeet_tui.core.progress.yearfile import read_year
from tests.helpers.faults import kill_many, race

KILLS = 200
LANES = 4  # folders written in parallel, one child at a time in each


def test_a_killed_saver_never_loses_a_returned_save_or_breaks_a_file(
    freefeet_home: Path,
) -> None:
    folders = [freefeet_home / f"lane{n}" / "progress" for n in range(LANES)]
    saved = kill_many(folders, freefeet_home, KILLS, seed=20261124)
    assert saved.failures == []
    assert saved.kills == KILLS
    assert len(saved.ids) >= KILLS, "every child saves at least once before it is killed"
    stored: dict[str, str] = {}
    steps: dict[str, int] = {}
    for folder in folders:
        store = ProgressStore(folder)
        assert store.problems() == []
        for year in store.years():
            log = read_year(store.path_for(year))  # every file parses and validates
            for session in log.sessions:
                stored[session.id] = "S"
                steps[session.id] = session.steps_done
                assert session.status is SessionStatus.OPEN
            stored.update({c.id: "C" for c in log.checkins})
            stored.update({k.id: "K" for k in log.skips})
    missing = {i: kind for i, kind in saved.ids.items() if stored.get(i) != kind}
    assert missing == {}
    wrong = {i: (n, steps.get(i)) for i, n in saved.steps.items() if steps.get(i) != n}
    assert wrong == {}


def test_two_processes_adding_at_once_lose_nothing(freefeet_home: Path) -> None:
    folder = freefeet_home / "data" / "progress"
    first, second = race(folder, freefeet_home, 100)
    assert len(first) == 100 and len(second) == 100
    store = ProgressStore(folder)
    history = store.all_years()
    assert history.problems == ()
    recorded = [s.id for s in history.sessions]
    assert len(recorded) == 200 and len(set(recorded)) == 200
    assert set(recorded) == set(first) | set(second)
    assert not any(isinstance(item, ProgressFileError) for item in store.iter_years())
