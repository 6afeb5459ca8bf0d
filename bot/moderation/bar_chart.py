"""A small horizontal bar chart as PNG bytes, drawn with Pillow: no files, no fonts from the system."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

WIDTH = 640
ROW_HEIGHT = 30
TOP = 44
BOTTOM = 12
LABEL_WIDTH = 190
VALUE_WIDTH = 60
MARGIN = 14
BACKGROUND = (255, 255, 255)
TEXT = (35, 39, 42)
BAR = (88, 101, 242)


def bar_chart_png(title: str, bars: Sequence[tuple[str, int]]) -> bytes:
    """One bar per (label, value), longest first as given; values are non-negative."""
    font = ImageFont.load_default(size=15)
    title_font = ImageFont.load_default(size=18)
    image = Image.new("RGB", (WIDTH, TOP + ROW_HEIGHT * len(bars) + BOTTOM), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, 12), _drawable(title), font=title_font, fill=TEXT)
    largest = max((value for _, value in bars), default=0) or 1
    bar_room = WIDTH - 2 * MARGIN - LABEL_WIDTH - VALUE_WIDTH
    for row, (label, value) in enumerate(bars):
        top = TOP + row * ROW_HEIGHT
        middle = top + ROW_HEIGHT // 2
        draw.text((MARGIN, middle), _fit(_drawable(label), font, LABEL_WIDTH - 10), font=font, fill=TEXT, anchor="lm")
        left = MARGIN + LABEL_WIDTH
        length = max(2, round(bar_room * value / largest))
        draw.rectangle((left, top + 6, left + length, top + ROW_HEIGHT - 6), fill=BAR)
        draw.text((left + length + 8, middle), str(value), font=font, fill=TEXT, anchor="lm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _drawable(text: str) -> str:
    """Pillow's built-in font covers ASCII only: "Sjögren’s" is drawn as "Sjogren's" rather than as boxes."""
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _fit(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "...") > width:
        text = text[:-1]
    return text.rstrip() + "..."
