"""The base classes of freefeet's screens: each reaches the app's services the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from freefeet_tui.tui.services import FreefeetServices

ResultT = TypeVar("ResultT")


class FreefeetScreen(Screen[ResultT]):
    """A full screen of freefeet."""

    @property
    def freefeet(self) -> FreefeetServices:
        """The app's data, lessons and sound (the app is always freefeet's)."""
        return cast("FreefeetServices", self.app)


class FreefeetModal(ModalScreen[ResultT]):
    """A dialog or form of freefeet, over the screen below."""

    @property
    def freefeet(self) -> FreefeetServices:
        """The app's data, lessons and sound (the app is always freefeet's)."""
        return cast("FreefeetServices", self.app)
