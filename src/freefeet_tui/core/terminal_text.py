"""The one sanitiser for text from files and users on its way to a terminal.

A note, a lesson cue or a file name can hold bytes that a terminal obeys: ESC starts a
sequence that can retitle the window, write the clipboard or hide text; BEL rings; backspace
and carriage return overwrite what was printed. Every place that shows such text (the command
line, the app's widgets, error messages) passes it through :func:`visible`, which spells each
control character out in caret notation (``^[`` for ESC, ``^G`` for BEL), the way ``cat -v``
and ``less`` show them, so nothing is hidden and nothing is obeyed. A C1 control (U+0080 to
U+009F) is shown as its 7-bit form: CSI, U+009B, becomes ``^[[``. A lone surrogate, which
cannot be written as UTF-8, becomes U+FFFD.

Input is refused earlier where it can be (:func:`find_control`), so such characters should
rarely reach a file freefeet writes; this module is the last guard, not the only one.
"""

from __future__ import annotations

NEWLINE = "\n"
TAB = "\t"
REPLACEMENT = "\ufffd"
QUOTE_LIMIT = 60  # characters of a bad value an error line quotes before cutting it short


def _caret(code: int) -> str:
    """``^[`` for ESC (27), ``^?`` for DEL, ``^[[`` for CSI (155): what the terminal won't obey."""
    if code == 0x7F:
        return "^?"
    if code >= 0x80:  # C1: ESC followed by the character 0x40 below it
        return "^[" + chr(code - 0x40)
    return "^" + chr(code + 0x40)


_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_TABLE: dict[int, str] = {code: _caret(code) for code in _CONTROLS}
_TABLE.update({code: REPLACEMENT for code in range(0xD800, 0xE000)})  # lone surrogates
_TABLE[ord(TAB)] = TAB
_SINGLE_LINE = dict(_TABLE)
_MULTI_LINE = {**_TABLE, ord(NEWLINE): NEWLINE}


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown, never obeyed; tabs are kept.

    With ``keep_newlines`` (a note laid out over several lines) line breaks stay, a Windows
    ``\\r\\n`` counting as one; otherwise they become ``^J`` so the text stays on one line.
    """
    if text.isprintable():
        return text
    if keep_newlines:
        return text.replace("\r\n", NEWLINE).translate(_MULTI_LINE)
    return text.translate(_SINGLE_LINE)


def find_control(text: str, *, allow_newlines: bool = True) -> int | None:
    """The index of the first character freefeet refuses in typed or imported text, or None.

    Refused: C0 and C1 control characters and DEL, except tab, and newline (with its ``\\r``
    partner) when ``allow_newlines``; and lone surrogates, which no file can hold.
    """
    if text.isprintable():
        return None
    allowed = {TAB, NEWLINE, "\r"} if allow_newlines else {TAB}
    for index, char in enumerate(text):
        if char in allowed:
            continue
        code = ord(char)
        if code in _TABLE and _TABLE[code] != char:
            return index
    return None


def describe_control(char: str) -> str:
    """How an error line names a refused character: ``U+001B (^[)``."""
    code = ord(char)
    shown = _TABLE.get(code, char)
    return f"U+{code:04X} ({shown})" if shown != char else f"U+{code:04X}"


def control_problem(text: str, *, allow_newlines: bool = True) -> str | None:
    """A short reason to refuse ``text`` (``holds a control character U+001B (^[)``), or None."""
    index = find_control(text, allow_newlines=allow_newlines)
    if index is None:
        return None
    return f"holds a control character {describe_control(text[index])}"


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as an error line quotes it: one line, controls shown, cut to ``limit`` + ``...``.

    Safe for any value a parser hands over: a 10 MB string, an integer too long to print, a
    list nested thousands deep.
    """
    if isinstance(value, str):
        text = value[:limit] + "..." if len(value) > limit else value
        return '"' + visible(text) + '"'
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    import reprlib

    shortener = reprlib.Repr()
    shortener.maxlevel, shortener.maxstring, shortener.maxother = 2, limit, limit
    shortener.maxlist = shortener.maxdict = shortener.maxtuple = 4
    text = shortener.repr(value)
    return visible(text[:limit] + "..." if len(text) > limit else text)
