"""The runner's own words (notes, reasons, titles), made safe to show on a terminal.

A note may hold anything typed or pasted, or written into a year file by hand, including a
terminal escape (``ESC ] 0 ; ... BEL`` retitles the window) or other control characters. Shown
as they are, they would act on the terminal instead of being read. :func:`visible` swaps each
control character for the visible picture of it (``␛``, ``␇``), so the text is shown literally.
"""

from __future__ import annotations

_PICTURES = {code: 0x2400 + code for code in range(0x20)}  # ␀ to ␟
_PICTURES[0x7F] = 0x2421  # ␡
_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})  # C1 controls: �
_KEEP_LINES = {**_PICTURES}
del _KEEP_LINES[0x0A]


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character shown as a picture; with ``lines`` a line break
    stays a line break."""
    return text.translate(_KEEP_LINES if lines else _PICTURES)
