"""The base classes of freefeet's screens: each reaches the app's services the same way, says
what its help calls it, may add commands to the palette, and has ``?`` for its keys.

Every binding of a freefeet screen has an id, ``SCREEN.NAME`` (``player.pause``), which is
what ``[keys]`` in config.toml rebinds; :mod:`freefeet_tui.tui.binding_ids` lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from freefeet_tui.tui.services import FreefeetServices

ResultT = TypeVar("ResultT")

HELP_BINDING = Binding(
    "question_mark,f1",
    "app.show_keys",
    "Help",
    tooltip="The keys of this screen",
    id="app.help",
)
"""``?`` (or F1, which an input field leaves alone) lists the current screen's keys. The app
binds it for full screens; a dialog cuts the app's keys off, so dialogs bind it themselves."""


class PaletteCommand(NamedTuple):
    """One entry a screen adds to the command palette (ctrl+p)."""

    title: str
    """What the palette shows and the typed text is matched against (plain text)."""
    help: str
    """One line under the title: what the command does (plain text)."""
    run: Callable[[], object]


class FreefeetScreen(Screen[ResultT]):
    """A full screen of freefeet."""

    HELP_NAME: ClassVar[str] = ""
    """The screen's name in its help, ``Keys · Today`` (empty: ``Keys``)."""

    NAVIGATES: ClassVar[bool] = True
    """May the command palette leave this screen for another (start a lesson, open History)?
    Not from the player: a lesson is left through its own keys."""

    @property
    def freefeet(self) -> FreefeetServices:
        """The app's data, lessons and sound (the app is always freefeet's)."""
        return cast("FreefeetServices", self.app)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """Commands only this screen offers in the palette, besides the app's."""
        return ()


class FreefeetModal(ModalScreen[ResultT]):
    """A dialog or form of freefeet, over the screen below."""

    HELP_NAME: ClassVar[str] = ""
    """The dialog's name in its help, ``Keys · Check-in`` (empty: ``Keys``)."""

    NAVIGATES: ClassVar[bool] = False
    """A dialog is answered or closed before going anywhere else."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Each dialog gets the help key after its own keys, so its key bar leads with what the
        # dialog is for (Textual lists a base class's keys first, so the base binds none).
        own = list(cls.__dict__.get("BINDINGS", []))
        if not any(getattr(binding, "id", None) == HELP_BINDING.id for binding in own):
            cls.BINDINGS = [*own, HELP_BINDING]
        super().__init_subclass__(**kwargs)

    @property
    def freefeet(self) -> FreefeetServices:
        """The app's data, lessons and sound (the app is always freefeet's)."""
        return cast("FreefeetServices", self.app)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """Commands only this dialog offers in the palette, besides the app's."""
        return ()
