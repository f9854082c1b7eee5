"""Turning a rendered HTML letter into blocks, and blocks into Markdown, DOCX and PDF."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """A stretch of text; own_words marks the family's words, kept exactly as they said them."""

    text: str
    bold: bool = False
    own_words: bool = False


@dataclass(frozen=True)
class Block:
    """One line-level piece of a letter: kind is team, date, title, heading, para or item."""

    kind: str
    runs: tuple[Run, ...]
    part: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


_KINDS = {"h1": "title", "h2": "heading", "h3": "heading", "h4": "heading", "p": "para", "li": "item"}
# Closing one of these ends any loose text before it (text a template put outside <p>).
_CONTAINERS = {"section", "div", "ul", "ol", "header", "footer", "main", "article", "blockquote", "table", "tr", "td"}


class _BlockParser(HTMLParser):
    """Reads the <body> of a letter. Classes 'team' and 'date' on a <p> give those kinds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, str | None, bool, bool]] = []  # tag, part, bold, own words
        self._in_body = False
        self._kind: str | None = None
        self._runs: list[Run] = []

    def _top(self) -> tuple[str | None, bool, bool]:
        return self._stack[-1][1:] if self._stack else (None, False, False)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self._in_body = True
            return
        if not self._in_body or tag in ("br", "img", "hr", "meta", "link"):
            return
        if tag in _KINDS or tag in _CONTAINERS:
            self._flush()
        part, bold, own = self._top()
        part = a.get("data-part", part)
        bold = bold or tag in ("strong", "b")
        own = own or "own-words" in (a.get("class") or "").split()
        self._stack.append((tag, part, bold, own))
        if tag in _KINDS:
            classes = (a.get("class") or "").split()
            self._kind = "team" if "team" in classes else "date" if "date" in classes else _KINDS[tag]

    def handle_endtag(self, tag):
        if tag == "body":
            self._in_body = False
            return
        if not self._in_body:
            return
        if tag in _CONTAINERS:
            self._flush()  # loose text belongs to the container being closed
        while self._stack:
            top = self._stack.pop()[0]
            if top == tag:
                break
        if tag in _KINDS:
            self._flush()

    def handle_data(self, data):
        if not self._in_body:
            return
        if self._kind is None:
            if not data.strip():
                return
            self._kind = "para"  # text outside any block still reaches every format
        _, bold, own = self._top()
        self._runs.append(Run(data, bold, own))

    def _flush(self) -> None:
        if self._kind is not None:
            runs = _tidy(self._runs)
            if runs:
                part = self._stack[-1][1] if self._stack else None
                self.blocks.append(Block(self._kind, runs, part))
        self._kind, self._runs = None, []


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Collapse template whitespace; merge neighbouring runs of the same style."""
    out: list[Run] = []
    for r in runs:
        text = re.sub(r"\s+", " ", r.text)
        if not text:
            continue
        if out and (out[-1].bold, out[-1].own_words) == (r.bold, r.own_words):
            out[-1] = Run(out[-1].text + text, r.bold, r.own_words)
        else:
            out.append(Run(text, r.bold, r.own_words))
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].own_words)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].own_words)
    return tuple(r for r in out if r.text)


def html_blocks(html: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


# ---- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_runs(runs: tuple[Run, ...]) -> str:
    out = "".join(f"**{_md_escape(r.text)}**" if r.bold else _md_escape(r.text) for r in runs)
    return _MD_LINE_START.sub(r"\1\\\2", out)


def to_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    previous = None
    for b in blocks:
        text = _md_runs(b.runs)
        if b.kind == "item":
            if previous != "item":
                lines.append("")
            lines.append(f"- {text}")
        else:
            lines.append("")
            prefix = {"title": "# ", "heading": "## "}.get(b.kind, "")
            lines.append(f"**{_md_escape(b.text)}**" if b.kind == "team" else prefix + text)
        previous = b.kind
    return "\n".join(lines).strip() + "\n"


# ---- DOCX -----------------------------------------------------------------------------------

def to_docx(blocks: list[Block], team: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(5)
    for name, size in (("Heading 1", 15), ("Heading 2", 12.5)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x4E, 0x5F)
    section.footer.paragraphs[0].text = team
    for b in blocks:
        if b.kind == "title":
            p = doc.add_heading(b.text, level=1)
            continue
        if b.kind == "heading":
            p = doc.add_heading(b.text, level=2)
            continue
        p = doc.add_paragraph(style="List Bullet" if b.kind == "item" else None)
        for r in b.runs:
            run = p.add_run(r.text)
            run.bold = r.bold or b.kind == "team"
        if b.kind == "team":
            p.runs[0].font.size = Pt(14)
            p.runs[0].font.color.rgb = RGBColor(0x1F, 0x4E, 0x5F)
        elif b.kind == "date":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- PDF ------------------------------------------------------------------------------------

# Unicode fonts, first found wins: the DejaVu Sans shipped in the package (so every name is
# printed as written on any machine), then fonts found on the machine. Without any, the PDF uses
# the built-in Helvetica and characters it cannot show are replaced by near equivalents.
_SHIPPED = Path(__file__).resolve().parent.parent / "fonts"
FONT_CANDIDATES: list[tuple[str, str]] = [
    (str(_SHIPPED / "DejaVuSans.ttf"), str(_SHIPPED / "DejaVuSans-Bold.ttf")),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
]

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


def find_font() -> tuple[Path, Path] | None:
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            return Path(regular), Path(bold)
    return None


_INK = (33, 37, 41)
_ACCENT = (31, 78, 95)


def to_pdf(blocks: list[Block], team: str, fonts: tuple[Path, Path] | None) -> tuple[bytes, int]:
    """The letter as an A4 PDF, and its number of pages."""
    from fpdf import FPDF

    class _Letter(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(family, "", 8.5)
            self.set_text_color(110, 110, 110)
            self.cell(0, 5, clean(f"{team}  -  page {self.page_no()} of {{nb}}"), align="C")

    pdf = _Letter(format="A4", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(f"Letter from {team}")
    pdf.set_author(team)
    if fonts:
        pdf.add_font("Letter", "", str(fonts[0]))
        pdf.add_font("Letter", "B", str(fonts[1]))
        family, clean = "Letter", (lambda s: s)
    else:
        family, clean = "Helvetica", latin1_text
    pdf.add_page()
    width = pdf.epw
    line = 5.6
    previous = None
    for b in blocks:
        if b.kind == "team":
            pdf.set_font(family, "B", 15)
            pdf.set_text_color(*_ACCENT)
            pdf.multi_cell(width, 7, clean(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.set_draw_color(*_ACCENT)
            pdf.set_line_width(0.5)
            pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.l_margin + width, pdf.get_y() + 1)
            pdf.ln(3)
        elif b.kind == "date":
            pdf.set_font(family, "", 10.5)
            pdf.set_text_color(*_INK)
            pdf.multi_cell(width, line, clean(b.text), align="R", new_x="LMARGIN", new_y="NEXT")
        elif b.kind in ("title", "heading"):
            big = b.kind == "title"
            pdf.ln(3 if big else 2.2)
            if pdf.will_page_break(22):  # keep a heading with the text under it
                pdf.add_page()
            pdf.set_font(family, "B", 14 if big else 12)
            pdf.set_text_color(*_ACCENT)
            pdf.multi_cell(width, 7 if big else 6.2, clean(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.6)
        else:
            pdf.set_text_color(*_INK)
            indent = 6 if b.kind == "item" else 0
            if b.kind == "para" and previous == "item":
                pdf.ln(1)
            if indent:
                pdf.set_font(family, "B", 11)
                pdf.set_x(pdf.l_margin + 1.5)
                pdf.cell(4, line, clean("\u2022") if fonts else "-")
            pdf.set_left_margin(pdf.l_margin + indent)
            pdf.set_x(pdf.l_margin)
            for r in b.runs:
                pdf.set_font(family, "B" if r.bold else "", 11)
                pdf.write(line, clean(r.text))
            pdf.set_left_margin(pdf.l_margin - indent)
            pdf.ln(line + (1.2 if b.kind == "item" else 2.4))
        previous = b.kind
    data = bytes(pdf.output())
    return data, pdf.page_no()
