"""A letter's blocks as a Word document: the addressee where a window envelope shows it, real headings and
bullets, the summary box as a framed cell, page numbers.

The first page's head is a borderless table: its first row, of exact height, holds the team's name and
details from the top margin down to the window band; its second row starts there and holds
"Private and confidential" and the addressee on the left (inside the window), the date and the
identifiers on the right.
"""

from __future__ import annotations

import io

from choice_assistant.letters import envelope
from choice_assistant.letters.blocks import Block

ACCENT = (0x1F, 0x4E, 0x5F)
TOP_MARGIN_MM = 12
HEAD_KINDS = {"team", "from", "private", "to", "date", "ident"}


def _page_field(paragraph, code: str) -> None:
    """A Word field (PAGE or NUMPAGES) that Word fills in on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)


def to_docx(blocks: list[Block], team: str, size: float = 11) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(envelope.PAGE_WIDTH_MM), Mm(envelope.PAGE_HEIGHT_MM)
    section.left_margin, section.right_margin = Mm(envelope.MARGIN_LEFT_MM), Mm(envelope.MARGIN_RIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MARGIN_MM), Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(4)
    for name, scale in (("Heading 1", 1.25), ("Heading 2", 1.1)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(round(size * scale, 1))
        style.font.color.rgb = RGBColor(*ACCENT)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{team} - page ")
    _page_field(footer, "PAGE")
    footer.add_run(" of ")
    _page_field(footer, "NUMPAGES")
    head = 0
    while head < len(blocks) and blocks[head].kind in HEAD_KINDS:
        head += 1
    _letterhead(doc, blocks[:head], size)
    blocks = blocks[head:]
    box = None
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, level=1)
            continue
        if b.kind == "heading":
            doc.add_heading(b.text, level=2)
            continue
        if b.kind == "box":
            if box is None:
                table = doc.add_table(rows=1, cols=1)
                table.style = "Table Grid"
                box = table.rows[0].cells[0]
                p = box.paragraphs[0]
            else:
                p = box.add_paragraph()
        else:
            box = None
            p = doc.add_paragraph(style="List Bullet" if b.kind == "item" else None)
        for r in b.runs:
            run = p.add_run(r.text)
            run.bold = r.bold
        fmt = p.paragraph_format
        if b.kind == "cc":
            fmt.space_after = Pt(0)
            for run in p.runs:
                run.font.size = Pt(round(size * 0.85, 1))
        if b.kind == "sign":
            fmt.space_before = Pt(size * 3)  # space to sign above the name
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _letterhead(doc, blocks: list[Block], size: float) -> None:
    """The head of the first page as a borderless two-row table (see the module's docstring)."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor

    e = envelope
    large = size >= 16
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    top, bottom = table.rows
    top.height, top.height_rule = Mm(e.WINDOW_TOP_MM - TOP_MARGIN_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    bottom.height, bottom.height_rule = Mm(e.WINDOW_HEIGHT_MM), WD_ROW_HEIGHT_RULE.AT_LEAST
    widths = (Mm(e.ASIDE_LEFT_MM - e.MARGIN_LEFT_MM), Mm(e.ASIDE_WIDTH_MM))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    heading = top.cells[0].merge(top.cells[1])

    def add(cell, b: Block, points: float, *, exact: float | None = None):
        p = cell.paragraphs[0] if not cell.paragraphs[0].text and not cell.paragraphs[0].runs else cell.add_paragraph()
        for r in b.runs:
            run = p.add_run(r.text)
            run.bold = r.bold or b.kind in ("team", "private")
            run.font.size = Pt(points)
        p.paragraph_format.space_after = Pt(0)
        if exact:
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            p.paragraph_format.line_spacing = Pt(exact)
        return p

    for b in blocks:
        if b.kind == "team":
            p = add(heading, b, round(size * 1.3, 1))
            p.runs[0].font.color.rgb = RGBColor(*ACCENT)
            p.paragraph_format.space_after = Pt(3)
        elif b.kind == "from":
            p = add(heading, b, max(size, 16) * 0.85 if large else 8.5)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    window = [b for b in blocks if b.kind in ("private", "to")]
    text_size = e.window_text_size([b.text for b in window], 16 if large else 10)
    for b in window:
        add(bottom.cells[0], b, text_size, exact=text_size * e.LINE_SPACING)
    for b in blocks:
        if b.kind in ("date", "ident"):
            p = add(bottom.cells[1], b, size if large else (10 if b.kind == "date" else 9.5))
            if b.kind == "date":
                p.paragraph_format.space_after = Pt(4)
    doc.add_paragraph()
