"""A letter's blocks as a Word document: real headings and bullets, the summary box as a framed cell, page numbers."""

from __future__ import annotations

import io

from choice_assistant.letters.blocks import Block

ACCENT = (0x1F, 0x4E, 0x5F)


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
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)
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
            run.bold = r.bold or b.kind in ("team", "private")
        fmt = p.paragraph_format
        if b.kind == "team":
            p.runs[0].font.size = Pt(round(size * 1.3, 1))
            p.runs[0].font.color.rgb = RGBColor(*ACCENT)
        elif b.kind in ("date", "from"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if b.kind in ("from", "to", "cc", "ident"):
            fmt.space_after = Pt(0)
        if b.kind in ("from", "cc"):
            for run in p.runs:
                run.font.size = Pt(round(size * 0.85, 1))
        if b.kind == "sign":
            fmt.space_before = Pt(size * 3)  # space to sign above the name
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
