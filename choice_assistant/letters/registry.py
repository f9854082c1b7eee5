"""The letter formats, one registry: {format: renderer}. The CLI's --format choices and the TUI's save use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.letters import Letter


def _md(letter: "Letter") -> bytes:
    return letter.markdown.encode("utf-8")


def _html(letter: "Letter") -> bytes:
    return letter.html.encode("utf-8")


def _docx(letter: "Letter") -> bytes:
    from choice_assistant.letters.docx import to_docx

    return to_docx(letter.blocks, letter.team, size=letter.text_size)


def _pdf(letter: "Letter") -> bytes:
    return letter.pdf()[0]


# Format -> (renderer, what it is, in a few words). Order is the order formats are offered and saved.
FORMATS: dict[str, tuple[Callable[["Letter"], bytes], str]] = {
    "md": (_md, "Markdown text"),
    "html": (_html, "a web page, ready to print on A4"),
    "docx": (_docx, "a Word document"),
    "pdf": (_pdf, "an A4 PDF"),
}


def format_of(suffix: str) -> str | None:
    """The format a file name's suffix names ('.PDF' -> 'pdf', '.markdown' -> 'md'), or None."""
    s = suffix.lower().lstrip(".")
    s = {"markdown": "md", "htm": "html"}.get(s, s)
    return s if s in FORMATS else None
