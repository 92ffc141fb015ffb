"""The html report in a real browser: headless Chromium prints thirty days of the log to PDF
on A4 and on Letter in at most four pages, and draws it as a PNG that is not blank.

Chromium is the Debian package ``chromium``; ``scripts/test.sh`` installs it. It runs with a
fresh profile and without any of its background network traffic. The paper size is what a
reader would pick in the print dialog: the test adds ``@page { size: ... }`` to a copy.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from freefeet_tui.core.export.render import render
from freefeet_tui.core.program_file import default_program
from tests.helpers.report_log import END, START, thirty_days

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs chromium (scripts/test.sh installs the Debian package)"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PAPER = {"A4": (595.3, 841.9), "letter": (612.0, 792.0)}  # points
MAX_PAGES = 4


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    exported = render(
        "html",
        thirty_days(),
        start=START,
        end=END,
        today=END,
        program=default_program(),
        titles={},
        lessons={},
        now=datetime(2026, 11, 24, tzinfo=UTC),
    )
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_bytes(exported.data)
    return path


def chromium(folder: Path, *args: str) -> None:
    """Run headless Chromium once, with a profile of its own that nothing else has used."""
    assert CHROMIUM is not None
    profile = folder / f"profile-{len(list(folder.glob('profile-*')))}"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def on_paper(report: Path, paper: str, folder: Path) -> Path:
    text = report.read_text(encoding="utf-8")
    copy = folder / f"report-{paper}.html"
    copy.write_text(text.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1))
    return copy


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of every page of a PDF as Chromium writes it (page objects are not packed)."""
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert len(boxes) >= len(pages)
    return [(float(w), float(h)) for w, h in boxes[: len(pages)]]


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_thirty_days_print_on_at_most_four_pages(
    paper: str, report_file: Path, tmp_path: Path
) -> None:
    copy = on_paper(report_file, paper, tmp_path)
    pdf = tmp_path / f"report-{paper}.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", copy.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    assert 3 <= len(pages) <= MAX_PAGES  # three parts, each from a new page
    width, height = PAPER[paper]
    for page_width, page_height in pages:
        assert abs(page_width - width) < 1 and abs(page_height - height) < 1


def test_chromium_draws_it_as_a_png_that_is_not_blank(report_file: Path, tmp_path: Path) -> None:
    from PIL import Image  # Pillow comes with matplotlib, which the report needs anyway

    png = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=800,1100", f"--screenshot={png}", report_file.as_uri())
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size == (800, 1100)
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        corner = image.convert("RGB").getpixel((0, 0))
    assert corner == (255, 255, 255)  # a white page ...
    assert dark > 800 * 1100 * 0.01  # ... with text and charts on it
