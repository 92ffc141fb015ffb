"""The progress store: saving, reading back, privacy, atomicity, refusal and lazy loading."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui.core.locations import user_locations
from freefeet_tui.core.progress import (
    CheckIn,
    ProgressFileError,
    ProgressLockError,
    ProgressStore,
    ProgressWriteError,
    SessionStatus,
    Skip,
    new_session,
)
from freefeet_tui.core.progress.atomic import folder_lock
from freefeet_tui.core.progress.yearfile import dump_year

CET = timezone(timedelta(hours=1))
DAY = date(2026, 11, 24)


def at(day: date, hour: int = 7, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CET)


@pytest.fixture
def store(freefeet_home: Path) -> ProgressStore:
    return ProgressStore(user_locations().progress)


def test_nothing_is_created_until_the_first_save(store: ProgressStore) -> None:
    assert store.recent(DAY).sessions == ()
    assert store.years() == [] and store.problems() == []
    assert not store.folder.exists()


def test_a_session_is_saved_checkpointed_and_closed(store: ProgressStore) -> None:
    session = store.add_session(new_session("free-your-feet", "Free Your Feet", 17, now=at(DAY)))
    assert ProgressStore(store.folder).open_sessions(DAY) == [session]
    moved = session.checkpoint(
        seconds=130, steps_done=4, stop_index=4, stop_step="sit-down", now=at(DAY, 7, 3)
    )
    store.update_session(moved)
    fresh = ProgressStore(store.folder)
    assert fresh.session(session.id, DAY) == moved
    closed = moved.finish(
        completed=False,
        seconds=400,
        steps_done=6,
        stop_index=6,
        stop_step="sit-ankle",
        now=at(DAY, 7, 10),
    )
    store.update_session(closed)
    fresh = ProgressStore(store.folder)
    assert fresh.open_sessions(DAY) == []
    assert fresh.year(2026).sessions == (closed,)
    assert fresh.year(2026).sessions[0].status is SessionStatus.PARTIAL


def test_updating_an_unknown_session_or_adding_one_twice_fails(store: ProgressStore) -> None:
    session = new_session("free-your-feet", "Free Your Feet", 17, now=at(DAY))
    with pytest.raises(KeyError):
        store.update_session(session)
    store.add_session(session)
    with pytest.raises(ValueError, match="already recorded"):
        store.add_session(session)


def test_checkins_merge_by_date_unless_told_to_replace(store: ProgressStore) -> None:
    store.add_checkin(CheckIn(DAY, pain_left=4, pain_right=3))
    merged = store.add_checkin(CheckIn(DAY, run_minutes=40, run_pain=2, note="easy"))
    assert (merged.pain_left, merged.run_minutes, merged.note) == (4, 40, "easy")
    assert ProgressStore(store.folder).year(2026).checkins == (merged,)
    replaced = store.add_checkin(CheckIn(DAY, pain_left=1), merge=False)
    assert (replaced.pain_left, replaced.run_minutes, replaced.id) == (1, None, "c-20261124")
    assert ProgressStore(store.folder).year(2026).checkins == (replaced,)


def test_skips_one_per_date_and_can_be_taken_back(store: ProgressStore) -> None:
    store.add_skip(Skip(DAY, "travel"))
    store.add_skip(Skip(DAY, "flare-up"))
    assert [k.reason for k in store.year(2026).skips] == ["flare-up"]
    assert store.remove_skip(DAY) is True
    assert store.remove_skip(DAY) is False
    assert ProgressStore(store.folder).year(2026).skips == ()


def test_records_go_to_the_file_of_their_local_year(store: ProgressStore) -> None:
    eve = datetime(2026, 12, 31, 23, 50, tzinfo=CET)  # already 2027 in Tokyo, 2026 here
    store.add_session(new_session("free-your-feet", "Free Your Feet", 17, now=eve))
    store.add_checkin(CheckIn(date(2027, 1, 1), pain_left=2))
    assert store.years() == [2026, 2027]
    assert len(store.year(2026).sessions) == 1 and len(store.year(2027).checkins) == 1
    history = ProgressStore(store.folder).recent(date(2027, 1, 1))
    assert history.years == (2026, 2027) and len(history) == 2


def test_files_are_private_and_no_temporary_file_is_left(
    freefeet_home: Path, store: ProgressStore
) -> None:
    old = os.umask(0o022)
    try:
        store.add_checkin(CheckIn(DAY, pain_left=2))
    finally:
        os.umask(old)
    data = user_locations().data
    for folder in (data, store.folder):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    names = sorted(p.name for p in store.folder.iterdir())
    assert names == [".2026.snapshot", ".lock", "2026.toml"]
    for name in names:
        assert stat.S_IMODE((store.folder / name).stat().st_mode) == 0o600, name


def test_a_stale_temporary_file_from_a_killed_save_is_cleared(store: ProgressStore) -> None:
    store.add_checkin(CheckIn(DAY, pain_left=2))
    stale = store.folder / ".2026.toml.abc123.tmp"
    stale.write_text("half a fil")
    store.add_skip(Skip(DAY - timedelta(days=1), "ill"))
    assert not stale.exists()
    assert len(store.year(2026)) == 2


def test_saving_writes_through_a_temp_file_and_rename(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_checkin(CheckIn(DAY, pain_left=2))
    before = (store.folder / "2026.toml").read_bytes()
    calls: list[tuple[str, str]] = []

    def spy(source: Any, target: Any) -> None:
        calls.append((Path(source).name, Path(target).name))
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", spy)
    with pytest.raises(ProgressWriteError, match="disk full; nothing was written"):
        store.add_checkin(CheckIn(DAY + timedelta(days=1), pain_left=1))
    monkeypatch.undo()
    assert len(calls) == 1 and calls[0][1] == "2026.toml"
    assert calls[0][0].startswith(".2026.toml.") and calls[0][0].endswith(".tmp")
    assert (store.folder / "2026.toml").read_bytes() == before
    assert sorted(p.name for p in store.folder.iterdir()) == [
        ".2026.snapshot",
        ".lock",
        "2026.toml",
    ]


CORRUPT = b"schema = 1\nyear = 2026\n\n[[checkins]]\ndate = 2026-11-20\npain_left = 12\n"


def test_a_corrupted_year_is_never_written_and_stays_byte_for_byte(store: ProgressStore) -> None:
    store.add_checkin(CheckIn(date(2025, 6, 1), pain_left=5))
    bad = store.path_for(2026)
    bad.write_bytes(CORRUPT)
    bad.chmod(0o600)
    stat_before = bad.stat()
    expected = f"{bad}:6: check-in 1: pain_left must be a whole number from 0 to 10"
    for change in (
        lambda: store.add_checkin(CheckIn(DAY, pain_left=2)),
        lambda: store.add_skip(Skip(DAY, "ill")),
        lambda: store.add_session(new_session("free-your-feet", "F", 3, now=at(DAY))),
        lambda: store.remove_skip(DAY),
    ):
        with pytest.raises(ProgressFileError) as caught:
            change()
        assert str(caught.value) == expected
    assert bad.read_bytes() == CORRUPT
    assert bad.stat().st_ino == stat_before.st_ino
    assert bad.stat().st_mtime_ns == stat_before.st_mtime_ns
    history = ProgressStore(store.folder).recent(DAY)
    assert history.years == (2025, 2026) and [c.pain_left for c in history.checkins] == [5]
    assert [str(p) for p in history.problems] == [expected]
    assert [str(p) for p in store.problems()] == [expected]
    store.add_checkin(CheckIn(date(2025, 6, 2), pain_left=4))  # other years still save
    assert len(store.year(2025).checkins) == 2


def test_the_store_notices_changes_made_by_another_process(store: ProgressStore) -> None:
    store.add_checkin(CheckIn(DAY, pain_left=2))
    other = ProgressStore(store.folder)
    other.add_skip(Skip(DAY - timedelta(days=1), "travel"))
    assert len(store.year(2026).skips) == 1
    store.add_checkin(CheckIn(DAY - timedelta(days=2), pain_left=1))
    assert len(other.year(2026)) == 3


def test_a_held_lock_makes_a_save_wait_then_give_up(store: ProgressStore) -> None:
    impatient = ProgressStore(store.folder, lock_timeout=0.2)
    with folder_lock(store.folder), pytest.raises(ProgressLockError, match="try again"):
        impatient.add_skip(Skip(DAY, "ill"))
    impatient.add_skip(Skip(DAY, "ill"))
    assert len(store.year(2026).skips) == 1


class OpenWatch:
    """Records files opened (an audit hook cannot be removed, so it is switched on and off)."""

    active: list[str] | None = None

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if cls.active is not None and event == "open" and isinstance(args[0], str | Path):
            cls.active.append(str(args[0]))


sys.addaudithook(OpenWatch.hook)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    OpenWatch.active = []
    yield OpenWatch.active
    OpenWatch.active = None


def test_startup_reads_only_this_year_and_last(store: ProgressStore, opened: list[str]) -> None:
    from freefeet_tui.core.progress.history import YearLog

    store.folder.mkdir(parents=True)
    for year in range(2015, 2027):
        log = YearLog(year, checkins=(CheckIn(date(year, 3, 1), pain_left=year % 10),))
        store.path_for(year).write_text(dump_year(log))
    opened.clear()
    fresh = ProgressStore(store.folder)
    history = fresh.recent(DAY)
    in_folder = {Path(p).name for p in opened if Path(p).parent == store.folder}
    assert sorted(n for n in in_folder if n.endswith(".toml")) == ["2025.toml", "2026.toml"]
    assert all("2025" in n or "2026" in n for n in in_folder), in_folder  # and their snapshots
    assert history.years == (2025, 2026)
    opened.clear()
    everything = fresh.all_years()
    assert everything.years == tuple(range(2015, 2027))
    assert len(everything.checkins) == 12
    newest = next(fresh.iter_years())
    assert not isinstance(newest, ProgressFileError) and newest.year == 2026


def test_a_new_process_loads_an_unchanged_year_from_its_snapshot(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = new_session("free-your-feet", "Free Your Feet", 17, now=at(DAY))
    store.add_session(session)
    store.add_checkin(CheckIn(DAY, pain_left=3, note="stiff"))
    store.add_skip(Skip(DAY - timedelta(days=1), "travel"))
    snapshot = store.folder / ".2026.snapshot"
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    expected = ProgressStore(store.folder).year(2026)

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed the TOML although the snapshot matched")

    monkeypatch.setattr("freefeet_tui.core.progress.store.parse_year_records", no_parsing)
    loaded = ProgressStore(store.folder).year(2026)
    assert loaded == expected
    assert loaded.sessions[0].start.isoformat() == session.start.isoformat()
    assert loaded.checkins[0].note == "stiff" and loaded.skips[0].reason == "travel"


def test_an_edited_year_is_read_afresh_and_a_mistake_is_never_hidden(store: ProgressStore) -> None:
    store.add_checkin(CheckIn(DAY, pain_left=3))
    path = store.path_for(2026)
    path.write_text(path.read_text().replace("pain_left = 3", "pain_left = 5"))
    assert ProgressStore(store.folder).year(2026).checkins[0].pain_left == 5
    path.write_text(path.read_text().replace("pain_left = 5", "pain_left = 55"))
    fresh = ProgressStore(store.folder)
    with pytest.raises(ProgressFileError, match="pain_left must be a whole number"):
        fresh.year(2026)
    assert len(fresh.problems()) == 1


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe9\x00\x00"])
def test_a_damaged_snapshot_is_ignored_and_replaced(store: ProgressStore, damage: bytes) -> None:
    store.add_checkin(CheckIn(DAY, pain_left=3))
    snapshot = store.folder / ".2026.snapshot"
    good = snapshot.read_bytes()
    snapshot.write_bytes(damage)
    assert ProgressStore(store.folder).year(2026).checkins[0].pain_left == 3
    assert snapshot.read_bytes() == good


def test_unchanged_years_give_back_the_same_history_and_a_change_a_new_one(
    store: ProgressStore,
) -> None:
    today = date(2026, 11, 24)
    store.add_checkin(CheckIn(today, 3, 2))
    first = store.recent(today)
    assert first.practice_days == frozenset()  # a lookup worked out once, on first use
    assert store.recent(today) is first  # Today and History share it, lookups and all
    store.add_checkin(CheckIn(today - timedelta(days=1), 1, 1))
    changed = store.recent(today)
    assert changed is not first
    assert [c.day for c in changed.checkins] == [today - timedelta(days=1), today]
    assert ProgressStore(store.folder).recent(today) == changed  # a fresh read agrees
