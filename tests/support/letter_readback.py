"""Reading letters back out of every format as plain text, for tests."""

from __future__ import annotations

import html
import io
import re


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return squash(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) for each paragraph of a .docx file, table cells included, in reading order."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    out = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append((item.style.name, item.text))
        elif isinstance(item, Table):
            out += [("Table", p.text) for row in item.rows for cell in _cells(row) for p in cell.paragraphs]
    return out


def _cells(row) -> list:
    """A table row's cells, a cell merged across columns once (python-docx repeats it per column)."""
    cells, skip = [], 0
    for cell in row.cells:
        if skip:
            skip -= 1
            continue
        cells.append(cell)
        skip = cell.grid_span - 1
    return cells


def docx_text(data: bytes) -> str:
    return squash(" ".join(text for _, text in docx_paragraphs(data)))


def html_text(data: bytes) -> str:
    """The visible text of an HTML letter (the <head> with its title and CSS left out)."""
    body = data.decode("utf-8").split("<body>", 1)[1]
    inline = re.sub(r"</?(strong|b|em|i|span)\b[^>]*>", "", body)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def md_text(data: bytes) -> str:
    """Markdown with its escapes and emphasis marks removed."""
    text = data.decode("utf-8").replace("**", "")
    return squash(re.sub(r"\\(.)", r"\1", text))


def letter_text(data: bytes, fmt: str) -> str:
    return {"md": md_text, "html": html_text, "docx": docx_text, "pdf": pdf_text}[fmt](data)


def pdf_positions(data: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """Each piece of text on a PDF page with where it starts: (text, mm from the left, mm from the top to its baseline)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    height = float(reader.pages[page].mediabox.height)
    out: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            out.append((text.strip(), x * 25.4 / 72, (height - y) * 25.4 / 72))

    reader.pages[page].extract_text(visitor_text=visit)
    return out
