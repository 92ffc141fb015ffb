"""Keys typed in one burst land where they were typed: on Today and in the forms.

Textual hands each key to the widget focused *when the app reads the key* and queues it there;
a Tab moves the focus only later, when the focused field gets round to that Tab and it bubbles
back up to the app's binding. Keys that arrive together (typed fast over SSH, pasted, sent by
``tmux send-keys``) are therefore all queued on the first field: ``4 Tab 2 Tab 3 0`` typed at
once put ``4230`` in one field. And keys that arrive while a form is still being built reach a
screen with nothing focused and are lost, or the screen below acts on them.

A screen that mixes in :class:`OrderedKeys` takes its keys itself, one at a time in the order
they came, and applies each before the next: a binding runs at once (a Tab moves the focus,
ctrl+s saves), a printable key goes into the focused field straight away, anything else is
passed to the focused widget. Keys that come before the screen is ready wait in a queue and go
in when it is. ``FreefeetApp.on_event`` hands keys to such screens.
"""

from __future__ import annotations

from collections import deque
from typing import TypeVar

from textual import events
from textual.screen import Screen

ResultT = TypeVar("ResultT")


class OrderedKeys(Screen[ResultT]):
    """Mix in before a Textual screen class: ``class Form(OrderedKeys[X], ModalScreen[X])``.

    Call :meth:`keys_ready` once the screen can take keys (its first field focused with
    ``Screen.set_focus``, which focuses at once, not ``Widget.focus``, which does it later);
    :meth:`hold_keys` while it is busy (saving), :meth:`pass_keys_on` once it has closed.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._waiting_keys: deque[events.Key] = deque()
        self._keys_ready = False
        self._applying = False

    async def take_key(self, event: events.Key) -> None:
        """Called by the app with each new key, in the order they arrive."""
        self._waiting_keys.append(event)
        await self._apply_waiting()

    async def keys_ready(self) -> None:
        """The screen is built and focused: apply what waited, then each key as it comes."""
        self._keys_ready = True
        await self._apply_waiting()

    def hold_keys(self) -> None:
        """Keep new keys waiting (the screen is saving and about to close)."""
        self._keys_ready = False

    def pass_keys_on(self) -> None:
        """The screen has closed: the keys that waited go to the screen now on top."""
        if self._waiting_keys and self.app.screen is not self:
            self._hand_over()

    async def _apply_waiting(self) -> None:
        if not self._keys_ready or self._applying:
            return  # the call already applying keys takes this one too, in turn
        self._applying = True
        try:
            while self._waiting_keys:
                if self.app.screen is not self:
                    self._hand_over()
                    return
                await self.apply_key(self._waiting_keys.popleft())
        finally:
            self._applying = False

    def _hand_over(self) -> None:
        """Another screen came on top (a confirmation): it gets the keys that wait."""
        top = self.app.screen
        keys, self._waiting_keys = list(self._waiting_keys), deque()
        if isinstance(top, OrderedKeys):
            top._waiting_keys.extendleft(reversed(keys))
            self.app.call_later(top._apply_waiting)
        else:
            for key in keys:
                self.app.post_message(events.Key(key.key, key.character))

    async def apply_key(self, event: events.Key) -> None:
        """One key, now: a binding of the focused widget, the screen or the app; text into the
        focused field; else the focused widget handles it as Textual would."""
        from textual.widgets import Input  # here: Today, the first screen, has no text field

        focused = self.focused
        typing = isinstance(focused, Input) and event.is_printable
        active = self.active_bindings.get(event.key)
        if active is not None and active.enabled and (not typing or active.binding.priority):
            await self.app.run_action(active.binding.action, active.node)
            return
        if typing and isinstance(focused, Input) and event.character is not None:
            selection = focused.selection
            if selection.is_empty:
                focused.insert_text_at_cursor(event.character)
            else:
                focused.replace(event.character, *selection)
            return
        target = focused if focused is not None else self
        target._forward_event(event)  # as the app would have: the widget's own key handling
