"""Small PDFs drawn with reportlab for the cases no real report shows on a few pages.

Text uses reportlab's built-in CID font STSong-Light (no font file); tables are drawn with
rules the way Word draws them. Every helper writes a real PDF that the readers then parse
with pdfplumber, like any report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT = 60.0, WIDTH - 60.0
SIZE = 10.5


class Page:
    """Draws top-down on one page: ``y`` is the distance from the top."""

    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self.y = 80.0

    def text(self, text: str, x: float = LEFT, size: float = SIZE, gap: float = 6.0) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, HEIGHT - self.y - size, text)
        self.y += size + gap

    def wrapped(self, text: str, x0: float = LEFT, x1: float = RIGHT, size: float = SIZE,
                indent: bool = True) -> None:
        """A paragraph broken into lines at the column width (as a word processor does)."""
        self.c.setFont(FONT, size)
        line = "\u3000\u3000" if indent else ""
        for ch in text:
            if pdfmetrics.stringWidth(line + ch, FONT, size) > x1 - x0:
                self.text(line, x0, size)
                line = ""
            line += ch
        if line:
            self.text(line, x0, size)

    def table(self, rows: Sequence[Sequence[str]], widths: Sequence[float],
              height: float = 20.0, x: float = LEFT) -> None:
        """A ruled table, one line of text a cell, every cell boxed."""
        c = self.c
        c.setFont(FONT, SIZE)
        c.setLineWidth(0.5)
        for row in rows:
            top = HEIGHT - self.y
            cx = x
            for cell, w in zip(row, widths, strict=True):
                c.rect(cx, top - height, w, height)
                c.drawString(cx + 3, top - height + 6, cell)
                cx += w
            self.y += height
        self.y += 10


def make_pdf(path: Path, pages: Sequence[object], encrypt: str | None = None) -> Path:
    """Write a PDF, one page per callable in ``pages`` (each gets a :class:`Page`)."""
    kwargs = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword=encrypt + "-owner")
    c = Canvas(str(path), pagesize=A4, **kwargs)  # type: ignore[arg-type]
    for draw in pages:
        draw(Page(c))  # type: ignore[operator]
        c.showPage()
    c.save()
    return path


def image_page(page: Page) -> None:
    """A scanned page: a picture of text, no text layer."""
    img = Image.new("RGB", (400, 300), "white")
    for x in range(40, 360):
        for y in (60, 100, 140):
            img.putpixel((x, y), (0, 0, 0))
    page.c.drawImage(ImageReader(img), LEFT, HEIGHT - 400, width=400, height=300)
