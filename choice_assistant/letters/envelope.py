"""Where a letter's first page puts the addressee, so a DL window envelope shows the name and postal address.

An A4 letter folded in three fits a DL envelope; its window shows a band on the left of the top
third, about 45-90 mm from the top of the page. Every format places the addressee block inside
that band, a little in from its edges, with the date and the identifiers beside it to the right
(outside the window). The measures here are the one source for the PDF, the Word document and
the HTML page.
"""

from __future__ import annotations

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_LEFT_MM = 20.0
MARGIN_RIGHT_MM = 20.0

# The band a DL window shows, and the block placed inside it with a little room to spare.
WINDOW_BAND_MM = (45.0, 90.0)
WINDOW_TOP_MM = 47.0
WINDOW_HEIGHT_MM = 41.0  # so the block ends by 88 mm
WINDOW_LEFT_MM = MARGIN_LEFT_MM
WINDOW_WIDTH_MM = 85.0

# The date and the identifiers: beside the window, never inside it.
ASIDE_LEFT_MM = 118.0
ASIDE_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_RIGHT_MM - ASIDE_LEFT_MM

LINE_SPACING = 1.25  # line height as a multiple of the text size, in the window
SMALLEST_PT = 9.0
PT_TO_MM = 25.4 / 72


def line_height_mm(size_pt: float) -> float:
    return size_pt * LINE_SPACING * PT_TO_MM


def wrapped_lines(lines: list[str], size_pt: float, width_mm: float = WINDOW_WIDTH_MM, width_of=None) -> int:
    """How many printed lines these lines take at a text size: measured with width_of(text, size) -> mm
    when given, else estimated generously (an average letter is taken as 0.6 of the size wide)."""
    import math

    total = 0
    for line in lines:
        width = width_of(line, size_pt) if width_of else len(line) * 0.6 * size_pt * PT_TO_MM
        total += max(1, math.ceil(width / width_mm))
    return total


def window_text_size(lines: list[str], size_pt: float, width_of=None) -> float:
    """The largest text size, at most size_pt, at which the addressee block fits the window (never below 9 pt)."""
    size = size_pt
    while size > SMALLEST_PT and wrapped_lines(lines, size, width_of=width_of) * line_height_mm(size) > WINDOW_HEIGHT_MM:
        size -= 0.5
    return size
