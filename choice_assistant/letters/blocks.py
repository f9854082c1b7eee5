"""A rendered HTML letter read into blocks: the one shape every other format is made from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from html.parser import HTMLParser


@dataclass(frozen=True)
class Run:
    """A stretch of text. own_words marks words the letter quotes from the family (or the referral),
    kept exactly as recorded; quoted marks any words in quotation marks that the letter did not
    write itself: the family's own, and those agreed with them (class "agreed")."""

    text: str
    bold: bool = False
    own_words: bool = False
    quoted: bool = False


@dataclass(frozen=True)
class Block:
    """One line-level piece of a letter: kind is title, heading, para, item, or a class from CLASS_KINDS."""

    kind: str
    runs: tuple[Run, ...]
    part: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


# Classes on a <p> that say what the line is: the team's name, its details, "Private and
# confidential", a line of the recipient's address, the date, an identifier, a row of the summary
# box, the signature line (with space to sign above it) and a copy-to line.
CLASS_KINDS = ("team", "from", "private", "to", "date", "ident", "box", "sign", "cc")
_KINDS = {"h1": "title", "h2": "heading", "h3": "heading", "h4": "heading", "p": "para", "li": "item"}
# Closing one of these ends any loose text before it (text a template put outside <p>).
_CONTAINERS = {"section", "div", "ul", "ol", "header", "footer", "main", "article", "blockquote", "table", "tr", "td"}


class _BlockParser(HTMLParser):
    """Reads the <body> of a letter. Classes 'team' and 'date' on a <p> give those kinds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, str | None, bool, bool, bool]] = []  # tag, part, bold, own words, quoted
        self._in_body = False
        self._kind: str | None = None
        self._runs: list[Run] = []

    def _top(self) -> tuple[str | None, bool, bool, bool]:
        return self._stack[-1][1:] if self._stack else (None, False, False, False)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self._in_body = True
            return
        if not self._in_body or tag in ("br", "img", "hr", "meta", "link"):
            return
        if tag in _KINDS or tag in _CONTAINERS:
            self._flush()
        part, bold, own, quoted = self._top()
        part = a.get("data-part", part)
        bold = bold or tag in ("strong", "b")
        classes = (a.get("class") or "").split()
        own = own or "own-words" in classes
        quoted = quoted or own or "agreed" in classes
        self._stack.append((tag, part, bold, own, quoted))
        if tag in _KINDS:
            classes = (a.get("class") or "").split()
            self._kind = next((c for c in classes if c in CLASS_KINDS), _KINDS[tag])

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
        _, bold, own, quoted = self._top()
        self._runs.append(Run(data, bold, own, quoted))

    def _flush(self) -> None:
        if self._kind is not None:
            runs = _tidy(self._runs)
            if runs:
                part = self._stack[-1][1] if self._stack else None
                self.blocks.append(Block(self._kind, runs, part))
        self._kind, self._runs = None, []


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """Text without control characters (escapes, NULs, stray surrogates), which no letter format can hold."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Collapse template whitespace; drop control characters; merge neighbouring runs of the same style."""
    out: list[Run] = []
    for r in runs:
        text = re.sub(r"[ \t\n\r\f\v]+", " ", printable(r.text))  # a no-break space stays one
        if not text:
            continue
        if out and (out[-1].bold, out[-1].own_words, out[-1].quoted) == (r.bold, r.own_words, r.quoted):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(r, text=text))
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return tuple(r for r in out if r.text)


def html_blocks(html: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


