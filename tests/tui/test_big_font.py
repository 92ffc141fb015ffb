"""The half-block font: every glyph well formed, sizes by scale, fitting, and BigText's
partial repaint when a countdown ticks."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from freefeet_tui.tui.widgets import big_font
from freefeet_tui.tui.widgets.big_text import BigText, _changed_box

SOLID = set("█▀▄ ")


def test_every_glyph_is_seven_rows_of_one_width() -> None:
    for char, rows in big_font.GLYPHS.items():
        assert len(rows) == big_font.HEIGHT, char
        assert len({len(row) for row in rows}) == 1, char
        assert set("".join(rows)) <= {"#", "."}, char
    digits = {len(big_font.GLYPHS[d][0]) for d in "0123456789"}
    assert digits == {5}  # a countdown never shifts sideways as its digits change


@pytest.mark.parametrize(("scale", "rows"), [(1, 4), (2, 7), (3, 11), (4, 14), (9, 32)])
def test_rows_per_scale(scale: int, rows: int) -> None:
    drawn = big_font.draw("0:40", scale)
    assert len(drawn) == rows == big_font.rows_for(scale)
    assert {len(line) for line in drawn} == {big_font.pixel_width("0:40") * scale}
    assert set("".join(drawn)) <= SOLID  # solid blocks only, no thin line characters


def test_a_digit_drawn_at_scale_one() -> None:
    assert big_font.draw("4", 1) == (
        "  ▄█ ",
        "▄▀ █ ",
        "▀▀▀█▀",
        "   ▀ ",
    )


def test_letters_are_drawn_in_upper_case() -> None:
    assert big_font.draw("left", 2) == big_font.draw("LEFT", 2)


def test_fit_scale_takes_the_largest_whole_size() -> None:
    width = big_font.pixel_width("1:00")
    assert width == 20
    assert big_font.fit_scale("1:00", 76, 10) == 2  # 10 rows: 7 fit, 11 do not
    assert big_font.fit_scale("1:00", 76, 11) == 3
    assert big_font.fit_scale("1:00", 59, 40) == 2  # 60 columns needed for scale 3
    assert big_font.fit_scale("1:00", 19, 40) == 0
    assert big_font.fit_scale("1:00", 200, 3) == 0
    assert big_font.fit_scale("1:00", 400, 100, most=3) == 3
    assert big_font.fit_scale("héllo", 400, 100) == 0  # no glyph: shown as plain text
    assert not big_font.can_draw("") and big_font.can_draw("RIGHT 12 / 12")


def test_changed_box_covers_only_the_cells_that_differ() -> None:
    before = ["abcd", "efgh", "ijkl"]
    after = ["abcd", "eXgh", "ijYl"]
    assert _changed_box(before, after) == Region(1, 1, 2, 2)
    assert _changed_box(before, before) is None


class Shows(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield BigText(self.text)


async def test_big_text_centres_its_text_and_falls_back_to_a_line() -> None:
    app = Shows("0:40")
    async with app.run_test(size=(40, 10)) as pilot:
        big = app.query_one(BigText)
        assert big.scale == 2
        rows = [big.render_line(y).text for y in range(10)]
        drawn = big_font.draw("0:40", 2)
        assert rows[1:8] == [line.center(40) for line in drawn]  # 7 rows in 10, centred
        assert rows[0].strip() == "" and rows[8].strip() == ""
        big.update("10:00")
        await pilot.pause()
        assert big.scale == 1
        await pilot.resize_terminal(8, 10)
        await pilot.pause()
        assert big.scale == 0 and big.lines() == ("10:00",)
