"""What can go wrong in the progress store: an unusable year file, a lock held too long."""

from __future__ import annotations

from freefeet_tui.core.errors import FileProblem


class ProgressError(Exception):
    """Something stopped the progress store from reading or saving."""


class ProgressFileError(ProgressError, FileProblem):
    """A year file that cannot be used, with where and why: ``FILE:LINE: message``.

    While a year file has such a problem freefeet reads the other years but never writes this
    one: the user's own words stay exactly as they are until the user fixes the file.
    """

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProgressFileError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))


class ProgressWriteError(ProgressError):
    """A save that could not be made; the message says whether anything was written."""


class ProgressLockError(ProgressError):
    """Another freefeet held the progress lock for too long."""
