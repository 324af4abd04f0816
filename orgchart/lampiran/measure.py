"""Text widths from the metrics of the font the charts ship with (static/fonts), and wrapping.

The layout is computed in Python, so it must know how wide a name is before any renderer sees
it: the advance widths come straight from the TrueType file WeasyPrint and the browser use.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

FONT_FAMILY = "Portal Condensed"
FONT_FILES = {False: "DejaVuSansCondensed.ttf", True: "DejaVuSansCondensed-Bold.ttf"}
LINE_HEIGHT = 1.2  # in ems


def font_path(bold: bool) -> Path:
    return Path(settings.BASE_DIR) / "static" / "fonts" / FONT_FILES[bold]


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """{code point: advance in ems}, and the advance of a character the font lacks."""
    font = TTFont(font_path(bold), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"]
    advances = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return advances, advances.get(ord("M"), 0.8)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set at ``size`` points."""
    advances, fallback = _advances(bold)
    return sum(advances.get(ord(char), fallback) for char in text) * size


@functools.lru_cache(maxsize=65536)
def wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width``: at spaces, or after a slash; a word
    wider than the line is broken between characters, so nothing ever spills out of a box."""
    words = _breakable(text)
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = current + word
        if current and text_width(candidate.rstrip(), size, bold) > width:
            lines.append(current.rstrip())
            current = word.lstrip()
        else:
            current = candidate
        while text_width(current.rstrip(), size, bold) > width and len(current.strip()) > 1:
            head, current = _split_to_width(current.strip(), width, size, bold)
            lines.append(head)
    if current.strip():
        lines.append(current.rstrip())
    return tuple(lines) or ("",)


def _breakable(text: str) -> list[str]:
    """Words keep their trailing space; a slash ends a word so "negeri/swasta" can break."""
    pieces: list[str] = []
    for word in text.split(" "):
        parts = word.split("/")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            pieces.append(part + (" " if last else "/"))
    if pieces:
        pieces[-1] = pieces[-1].rstrip(" ")
    return [piece for piece in pieces if piece]


def _split_to_width(word: str, width: float, size: float, bold: bool) -> tuple[str, str]:
    for cut in range(len(word) - 1, 0, -1):
        if text_width(word[:cut], size, bold) <= width:
            return word[:cut], word[cut:]
    return word[:1], word[1:]
