"""A letter's blocks as an A4 PDF: every name printed in its own script, a framed summary box, page numbers."""

from __future__ import annotations

import unicodedata

from choice_assistant.letters import envelope
from choice_assistant.letters.blocks import Block
from choice_assistant.letters.fonts import FontPlan

# The blocks of the first page's head: placed where the window envelope and the reader expect them.
HEAD_KINDS = {"team", "from", "private", "to", "date", "ident"}

_ASCII_STANDINS = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                   "\u2026": "...", "\u2022": "-", "\u00a0": " ", "\u0141": "L", "\u0142": "l", "\u0110": "D",
                   "\u0111": "d", "\u00f8": "o", "\u00d8": "O", "\u0131": "i", "\u00df": "ss"}


def latin1_text(text: str) -> str:
    """Text the built-in PDF fonts can show: accents kept where Latin-1 has them, else dropped."""
    out = []
    for ch in text:
        if ord(ch) < 256 and ch != "\u00a0":
            out.append(ch)
        elif ch in _ASCII_STANDINS:
            out.append(_ASCII_STANDINS[ch])
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


_INK = (33, 37, 41)
_ACCENT = (31, 78, 95)
_GREY = (90, 90, 90)


def to_pdf(blocks: list[Block], team: str, fonts: FontPlan, size: float = 11) -> tuple[bytes, int]:
    """The letter as an A4 PDF, and its number of pages. size is the body text in points (16+ for large print)."""
    from fpdf import FPDF

    k = size / 11  # everything scales with the body text
    large = size >= 16

    def pt(base: float) -> float:
        """A font size: scaled with the body text, and never below it in large print."""
        return max(base * k, size) if large else base

    class _Letter(FPDF):
        def footer(self) -> None:
            self.set_y(-13)
            use_font(self, family, "", pt(8.5))
            self.set_text_color(110, 110, 110)
            self.cell(0, 5, clean(f"{team}  -  page {self.page_no()} of {{nb}}"), align="C")

    pdf = _Letter(format="A4", unit="mm")
    pdf.set_margins(envelope.MARGIN_LEFT_MM, 15, envelope.MARGIN_RIGHT_MM)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(f"Letter from {team}")
    pdf.set_author(team)
    pdf.set_lang("en-GB")
    if fonts.main:
        pdf.add_font("Letter", "", str(fonts.main[0]))
        pdf.add_font("Letter", "B", str(fonts.main[1]))
        names = []
        for name, regular, bold in fonts.fallbacks:
            pdf.add_font(name, "", str(regular))
            if bold is not None:
                pdf.add_font(name, "B", str(bold))
            names.append(name)
        if names:
            pdf.set_fallback_fonts(names, exact_match=False)
        if fonts.shaping:
            pdf.set_text_shaping(True, direction="ltr")  # a letter in English: right-to-left names inside it
        family, clean = "Letter", (lambda s: s)
    else:
        family, clean = "Helvetica", latin1_text
    pdf.add_page()
    width = pdf.epw
    line = 5.1 * k
    head = 0
    while head < len(blocks) and blocks[head].kind in HEAD_KINDS:
        head += 1
    _letterhead(pdf, blocks[:head], family, clean, size, pt)
    previous = None
    box_top: tuple[int, float] | None = None
    body = blocks[head:]
    for n, b in enumerate(body):
        if b.part == "signoff" and (n == 0 or body[n - 1].part != "signoff"):
            rest = sum(1 for later in body[n:] if later.part == "signoff")
            if pdf.will_page_break(rest * (line + 1) + 11 * k):  # the sign-off stays together, with room to sign
                pdf.add_page()
        if box_top is not None and b.kind != "box":
            page, top = box_top
            if page == pdf.page_no():
                pdf.set_draw_color(*_ACCENT)
                pdf.set_line_width(0.45)
                pdf.rect(pdf.l_margin - 2, top - 1.5, width + 4, pdf.get_y() - top + 1.5)
            pdf.ln(2)
            box_top = None
        if b.kind in ("title", "heading"):
            big = b.kind == "title"
            pdf.ln(2.2 if big else 1.2)
            if pdf.will_page_break(20 * k):  # keep a heading with the text under it
                pdf.add_page()
            use_font(pdf, family, "B", pt(13 if big else 11.5))
            pdf.set_text_color(*_ACCENT)
            pdf.multi_cell(width, (6.4 if big else 5.8) * k, clean(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.3)
        else:
            if b.kind == "box" and box_top is None:
                pdf.ln(1.5)
                box_top = (pdf.page_no(), pdf.get_y())
            if b.kind == "sign":
                pdf.ln(11 * k)  # space to sign
            pdf.set_text_color(*_INK)
            small = b.kind == "cc"
            indent = 6 if b.kind == "item" else 0
            if b.kind == "para" and previous == "item":
                pdf.ln(0.8)
            if indent:
                use_font(pdf, family, "B", size)
                pdf.set_x(pdf.l_margin + 1.5)
                pdf.cell(4, line, clean("\u2022") if fonts.main else "-")
            pdf.set_left_margin(pdf.l_margin + indent)
            pdf.set_x(pdf.l_margin)
            for r in b.runs:
                use_font(pdf, family, "B" if r.bold else "", pt(size * 0.9) if small else size)
                pdf.write(line * (0.9 if small else 1), clean(r.text))
            pdf.set_left_margin(pdf.l_margin - indent)
            gap = {"item": 0.9, "box": 1.2, "cc": 0.4}.get(b.kind, 1.6)
            pdf.ln(line + gap)
        previous = b.kind
    data = bytes(pdf.output())
    return data, pdf.page_no()


def _letterhead(pdf, blocks: list[Block], family: str, clean, size: float, pt) -> None:
    """The first page's head: the team and its details at the top; "Private and confidential" and the
    addressee inside the DL window band on the left; the date and the identifiers beside it on the right.
    The letter's body starts below whichever ends lower."""
    e = envelope
    k = size / 11
    width = pdf.epw
    pdf.set_y(12)
    for b in (b for b in blocks if b.kind in ("team", "from")):
        if b.kind == "team":
            use_font(pdf, family, "B", pt(14))
            pdf.set_text_color(*_ACCENT)
            pdf.multi_cell(width, 6.5 * k, clean(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.set_draw_color(*_ACCENT)
            pdf.set_line_width(0.5)
            pdf.line(pdf.l_margin, pdf.get_y() + 0.8, pdf.l_margin + width, pdf.get_y() + 0.8)
            pdf.ln(2)
        else:
            use_font(pdf, family, "", pt(8.5))
            pdf.set_text_color(*_GREY)
            pdf.multi_cell(width, 3.9 * (k if size >= 16 else 1), clean(b.text), align="R", new_x="LMARGIN", new_y="NEXT")

    window = [b for b in blocks if b.kind in ("private", "to")]

    def width_of(text: str, points: float) -> float:
        use_font(pdf, family, "B", points)
        return pdf.get_string_width(clean(text)) + 1

    text_size = e.window_text_size([b.text for b in window], pt(10), width_of)
    pdf.set_text_color(*_INK)
    pdf.set_xy(e.WINDOW_LEFT_MM, e.WINDOW_TOP_MM)
    for b in window:
        use_font(pdf, family, "B" if b.kind == "private" else "", text_size)
        pdf.set_x(e.WINDOW_LEFT_MM)
        pdf.multi_cell(e.WINDOW_WIDTH_MM, e.line_height_mm(text_size), clean(b.text), align="L", new_x="LEFT", new_y="NEXT")
    window_end = max(pdf.get_y(), e.WINDOW_TOP_MM + e.WINDOW_HEIGHT_MM)

    pdf.set_left_margin(e.ASIDE_LEFT_MM)
    pdf.set_xy(e.ASIDE_LEFT_MM, e.WINDOW_TOP_MM)
    line = 4.6 * k
    idents_top = None
    for b in (b for b in blocks if b.kind in ("date", "ident")):
        if b.kind == "ident" and idents_top is None:
            pdf.ln(2)
            idents_top = pdf.get_y()
        for r in b.runs:
            use_font(pdf, family, "B" if r.bold else "", pt(10) if b.kind == "date" else pt(9.5))
            pdf.write(line, clean(r.text))
        pdf.ln(line + (0.4 if b.kind == "ident" else 0))
    if idents_top is not None:
        pdf.set_draw_color(*_ACCENT)
        pdf.set_line_width(0.8)
        pdf.line(e.ASIDE_LEFT_MM - 2.5, idents_top, e.ASIDE_LEFT_MM - 2.5, pdf.get_y() - 0.4)
    aside_end = pdf.get_y()
    pdf.set_left_margin(e.MARGIN_LEFT_MM)
    pdf.set_xy(e.MARGIN_LEFT_MM, max(window_end, aside_end) + 4)  # the greeting's first line stays out of the window


def use_font(pdf, family: str, style: str, size: float) -> None:
    """Select a font for what is written next, always: after text in a fallback font (a name in another script)
    fpdf2 would otherwise take the same font as already selected and write the next line in the fallback's glyphs."""
    pdf.current_font_is_set_on_page = False
    pdf.set_font(family, style, size)
