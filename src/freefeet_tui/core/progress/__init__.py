"""The runner's log: sessions, check-ins and skips in one TOML file per calendar year.

Import from here: ``ProgressStore`` reads and saves, the record classes describe what is
saved, ``History`` is what schedule and stats work on. Pure core: no Textual, no audio.
"""

from freefeet_tui.core.progress.checks import (
    MAX_PAIN,
    MAX_RUN_MINUTES,
    SKIP_REASONS,
    RecordError,
)
from freefeet_tui.core.progress.errors import (
    ProgressError,
    ProgressFileError,
    ProgressLockError,
    ProgressWriteError,
)
from freefeet_tui.core.progress.history import History, YearLog
from freefeet_tui.core.progress.records import (
    CheckIn,
    Session,
    SessionStatus,
    Skip,
    local_now,
    new_session,
)
from freefeet_tui.core.progress.store import ProgressStore
from freefeet_tui.core.progress.yearfile import (
    SCHEMA_VERSION,
    dump_year,
    parse_year,
    parse_year_records,
    read_year,
)

__all__ = [
    "MAX_PAIN",
    "MAX_RUN_MINUTES",
    "SCHEMA_VERSION",
    "SKIP_REASONS",
    "CheckIn",
    "History",
    "ProgressError",
    "ProgressFileError",
    "ProgressLockError",
    "ProgressStore",
    "ProgressWriteError",
    "RecordError",
    "Session",
    "SessionStatus",
    "Skip",
    "YearLog",
    "dump_year",
    "local_now",
    "new_session",
    "parse_year",
    "parse_year_records",
    "read_year",
]
