"""A small bitmap font drawn in half blocks, for text read from two metres away.

Each glyph is 7 pixels tall (5 wide for digits and most letters), the shapes of the classic
5x7 dot-matrix fonts. A terminal cell holds two pixels one above the other (``▀``, ``▄``, ``█``
or a space), and a cell is about twice as tall as it is wide, so half-block pixels come out
square. At ``scale`` s every font pixel becomes s by s of them: the text is ``ceil(7 s / 2)``
rows tall, so 4 rows at scale 1, 7 at 2, 11 at 3 and 14 at 4.

Our own font rather than a library such as pyfiglet: no dependency for eleven-odd glyphs,
solid strokes at any size (figlet fonts come at fixed sizes, most drawn with thin line
characters), and every scale is exact, so a countdown never has a digit cut in half.
"""

from __future__ import annotations

import functools

HEIGHT = 7  # font pixels
GAP = 1  # font pixels between two glyphs

_GLYPHS_TEXT = {
    "0": ".###. #...# #...# #...# #...# #...# .###.",
    "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
    "2": ".###. #...# ....# ...#. ..#.. .#... #####",
    "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
    "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    "5": "##### #.... ####. ....# ....# #...# .###.",
    "6": "..##. .#... #.... ####. #...# #...# .###.",
    "7": "##### ....# ...#. ..#.. .#... .#... .#...",
    "8": ".###. #...# #...# .###. #...# #...# .###.",
    "9": ".###. #...# #...# .#### ....# ...#. .##..",
    "A": ".###. #...# #...# ##### #...# #...# #...#",
    "B": "####. #...# #...# ####. #...# #...# ####.",
    "C": ".###. #...# #.... #.... #.... #...# .###.",
    "D": "###.. #..#. #...# #...# #...# #..#. ###..",
    "E": "##### #.... #.... ####. #.... #.... #####",
    "F": "##### #.... #.... ####. #.... #.... #....",
    "G": ".###. #...# #.... #.### #...# #...# .####",
    "H": "#...# #...# #...# ##### #...# #...# #...#",
    "I": "### .#. .#. .#. .#. .#. ###",
    "J": "..### ...#. ...#. ...#. ...#. #..#. .##..",
    "K": "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
    "L": "#.... #.... #.... #.... #.... #.... #####",
    "M": "#...# ##.## #.#.# #.#.# #...# #...# #...#",
    "N": "#...# #...# ##..# #.#.# #..## #...# #...#",
    "O": ".###. #...# #...# #...# #...# #...# .###.",
    "P": "####. #...# #...# ####. #.... #.... #....",
    "Q": ".###. #...# #...# #...# #.#.# #..#. .##.#",
    "R": "####. #...# #...# ####. #.#.. #..#. #...#",
    "S": ".#### #.... #.... .###. ....# ....# ####.",
    "T": "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    "U": "#...# #...# #...# #...# #...# #...# .###.",
    "V": "#...# #...# #...# #...# #...# .#.#. ..#..",
    "W": "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
    "X": "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
    "Y": "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
    "Z": "##### ....# ...#. ..#.. .#... #.... #####",
    ":": ".. ## ## .. ## ## ..",
    "/": "....# ....# ...#. ..#.. .#... #.... #....",
    "-": ".... .... .... #### .... .... ....",
    ".": ".. .. .. .. .. ## ##",
    " ": ".. .. .. .. .. .. ..",
}

GLYPHS: dict[str, tuple[str, ...]] = {
    char: tuple(rows.split()) for char, rows in _GLYPHS_TEXT.items()
}
"""Each character's rows of pixels, top first: ``#`` on, ``.`` off."""

_CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def can_draw(text: str) -> bool:
    """Whether every character of ``text`` has a glyph (lower case counts as upper case)."""
    return bool(text) and all(char in GLYPHS for char in text.upper())


def pixel_width(text: str) -> int:
    """Width of ``text`` in font pixels, gaps between glyphs included."""
    glyphs = [GLYPHS[char] for char in text.upper()]
    return sum(len(glyph[0]) for glyph in glyphs) + GAP * max(0, len(glyphs) - 1)


def rows_for(scale: int) -> int:
    """Terminal rows that text at ``scale`` takes."""
    return -(-HEIGHT * scale // 2)


def size(text: str, scale: int) -> tuple[int, int]:
    """(columns, rows) of ``text`` drawn at ``scale``."""
    return pixel_width(text) * scale, rows_for(scale)


def fit_scale(text: str, width: int, height: int, most: int = 64) -> int:
    """The largest scale (at most ``most``) at which ``text`` fits ``width`` x ``height``
    cells whole; 0 when it does not fit even at scale 1 (or has a character with no glyph)."""
    if not can_draw(text) or width <= 0 or height <= 0:
        return 0
    by_width = width // pixel_width(text)
    by_height = (2 * height) // HEIGHT
    return max(0, min(most, by_width, by_height))


@functools.lru_cache(maxsize=256)
def _glyph_rows(char: str, scale: int) -> tuple[str, ...]:
    """One glyph at ``scale`` as rows of half-block characters (every glyph pairs its pixel
    rows the same way, so glyphs drawn apart line up side by side)."""
    pixels: list[list[bool]] = []
    for row in GLYPHS[char]:
        line = [pixel == "#" for pixel in row for _ in range(scale)]
        pixels += [line] * scale
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    return tuple(
        "".join(_CELLS[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(pixels[::2], pixels[1::2], strict=True)
    )


@functools.lru_cache(maxsize=64)
def draw(text: str, scale: int) -> tuple[str, ...]:
    """``text`` as lines of half-block characters at ``scale`` (all lines equally long)."""
    glyphs = [_glyph_rows(char, scale) for char in text.upper()]
    gap = " " * (GAP * scale)
    return tuple(gap.join(parts) for parts in zip(*glyphs, strict=True))
