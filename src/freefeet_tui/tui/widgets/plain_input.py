"""An Input for free text (a check-in note): no control character gets in, none is drawn.

Keys cannot type an escape, but a paste can carry one (``\\e]0;title\\a`` copied from a
terminal). Such text is refused as it arrives: the field keeps its value and posts
:class:`PlainInput.Refused`, so the form can say why beside the field. A value set in code
that still holds a control character is drawn with one visible stand-in per character (``␛``
for ESC, ``␇`` for BEL, the Unicode control pictures), so the cursor stays where it belongs
and the terminal is never sent the character itself.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Input

# Refused when typed or pasted: C0 controls but tab and line breaks, DEL, C1, lone surrogates.
REFUSED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_PICTURES.update({code: "\ufffd" for code in range(0xD800, 0xE000)})


def pictured(text: str) -> str:
    """``text`` with each control character as one visible stand-in: ``␛`` for ESC."""
    return text if text.isprintable() else text.translate(_PICTURES)


class PlainInput(Input):
    """An :class:`Input` that refuses control characters and never draws one."""

    class Refused(Message):
        """Text holding a control character was typed or pasted in, and left out."""

        def __init__(self, field: PlainInput) -> None:
            super().__init__()
            self.field = field

    def __init__(self, value: str | None = None, **options: object) -> None:
        super().__init__(value, restrict=f"[^{REFUSED}]*", **options)  # type: ignore[arg-type]

    def restricted(self) -> None:
        """Say why the text was left out (Textual would only ring the bell)."""
        self.post_message(self.Refused(self))

    @property
    def _value(self) -> Text:
        if self.password or self.value.isprintable():
            return super()._value
        # from the value itself: Rich's Text drops some controls (BEL, backspace) silently
        return Text(pictured(self.value), no_wrap=True, overflow="ignore", end="")
