"""The snapshot is a cache, never a source.

It is used only when it was made from exactly the year file's bytes and its CRC-32 matches;
its records go through the records' own constructors and the year's own checks, so a value a
year file could not hold is never shown; and the store never saves from it, so even a crafted
snapshot that passes every check cannot put its values into a year file.
"""

from __future__ import annotations

import binascii
import marshal
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from freefeet_tui.core.progress import CheckIn, ProgressStore, RecordError, Skip
from freefeet_tui.core.progress import snapshot as snapshot_module
from freefeet_tui.core.progress.snapshot import load_snapshot, snapshot_path

DAY = date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    store = ProgressStore(tmp_path / "progress")
    store.add_checkin(CheckIn(DAY, 3, 3, note="three"))
    store.add_skip(Skip(date(2026, 11, 20), "travel"))
    return store


def rows(store: ProgressStore) -> tuple[bytes, list[Any]]:
    """The year file's bytes and the snapshot's decoded payload, as lists to edit."""
    path = store.path_for(2026)
    raw = path.read_bytes()
    data = snapshot_path(path).read_bytes()
    body = data[len(snapshot_module._HEAD) + 4 :]
    size = int.from_bytes(body[:8], "big")
    year, sessions, checkins, skips = marshal.loads(body[8 + size :])
    return raw, [year, sessions, [list(row) for row in checkins], skips]


def write_crafted(store: ProgressStore, raw: bytes, payload: list[Any], fix_crc: bool) -> None:
    year, sessions, checkins, skips = payload
    packed = marshal.dumps((year, sessions, [tuple(row) for row in checkins], skips))
    body = len(raw).to_bytes(8, "big") + raw + packed
    crc = binascii.crc32(body) if fix_crc else binascii.crc32(body) ^ 1
    data = snapshot_module._HEAD + crc.to_bytes(4, "big") + body
    snapshot_path(store.path_for(2026)).write_bytes(data)


def fresh(store: ProgressStore) -> ProgressStore:
    return ProgressStore(store.folder)  # a new process: no records in memory


def test_a_sound_snapshot_gives_back_the_very_records(store: ProgressStore) -> None:
    raw = store.path_for(2026).read_bytes()
    loaded = load_snapshot(store.path_for(2026), raw, 2026)
    assert loaded is not None and loaded == store.year(2026)


def test_a_snapshot_changed_after_it_was_made_is_not_used(store: ProgressStore) -> None:
    raw, payload = rows(store)
    payload[2][0][1] = 7  # pain_left 3 -> 7, the CRC left as it was
    write_crafted(store, raw, payload, fix_crc=False)
    assert load_snapshot(store.path_for(2026), raw, 2026) is None
    checkin = fresh(store).year(2026).checkins[0]
    assert checkin.pain_left == 3


def test_a_snapshot_value_no_year_file_could_hold_is_refused(store: ProgressStore) -> None:
    raw, payload = rows(store)
    payload[2][0][1] = 11  # pain 11, with a CRC to match: the constructor refuses it
    write_crafted(store, raw, payload, fix_crc=True)
    assert load_snapshot(store.path_for(2026), raw, 2026) is None
    assert fresh(store).year(2026).checkins[0].pain_left == 3


@pytest.mark.parametrize(
    "edit",
    [
        lambda p: p.__setitem__(0, 2025),  # another year
        lambda p: p[3].append(p[3][0]),  # a skip twice
        lambda p: p[2][0].__setitem__(0, date(2025, 1, 1).toordinal()),  # a day of 2025
        lambda p: p[2][0].append("extra"),  # a row that does not fit
    ],
)
def test_a_snapshot_the_year_checks_would_refuse_is_not_used(
    store: ProgressStore, edit: Any
) -> None:
    raw, payload = rows(store)
    edit(payload)
    write_crafted(store, raw, payload, fix_crc=True)
    assert load_snapshot(store.path_for(2026), raw, 2026) is None


def test_a_snapshot_of_other_bytes_is_not_used(store: ProgressStore) -> None:
    path = store.path_for(2026)
    edited = path.read_bytes().replace(b'note = "three"', b'note = "four!"')
    path.write_bytes(edited)
    assert load_snapshot(path, edited, 2026) is None
    assert fresh(store).year(2026).checkins[0].note == "four!"


def test_even_a_crafted_snapshot_that_passes_never_reaches_the_year_file(
    store: ProgressStore,
) -> None:
    raw, payload = rows(store)
    payload[2][0][1] = 8  # a valid pain, a CRC to match: read as the snapshot says...
    write_crafted(store, raw, payload, fix_crc=True)
    reader = fresh(store)
    assert reader.year(2026).checkins[0].pain_left == 8
    reader.add_skip(Skip(date(2026, 11, 21), "ill"))  # ...but a save starts from the file
    text = store.path_for(2026).read_text()
    assert "pain_left = 3" in text and "pain_left = 8" not in text
    assert fresh(store).year(2026).checkins[0].pain_left == 3


def test_snapshot_rows_are_built_by_the_records_constructors(store: ProgressStore) -> None:
    _raw, payload = rows(store)
    row = list(payload[2][0])
    row[1] = 12
    with pytest.raises(RecordError, match="pain_left must be a whole number from 0 to 10"):
        snapshot_module._unpack([tuple(row)], CheckIn)
