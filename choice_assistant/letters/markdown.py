"""A letter's blocks as Markdown."""

from __future__ import annotations

import re

from choice_assistant.letters.blocks import Block, Run


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_runs(runs: tuple[Run, ...]) -> str:
    out = "".join(f"**{_md_escape(r.text)}**" if r.bold else _md_escape(r.text) for r in runs)
    return _MD_LINE_START.sub(r"\1\\\2", out)


_JOINED = {"from", "to", "cc", "box", "ident"}  # consecutive lines of these kinds stay together


def to_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    previous = None
    for b in blocks:
        text = _md_runs(b.runs)
        if b.kind == "item":
            if previous != "item":
                lines.append("")
            lines.append(f"- {text}")
        elif b.kind in _JOINED and previous == b.kind:
            lines[-1] += "  "  # a hard line break: address lines and box rows stay one block
            lines.append(f"> {text}" if b.kind == "box" else text)
        else:
            lines.append("")
            if b.kind == "sign":
                lines += [""]  # space to sign above the name
            prefix = {"title": "# ", "heading": "## ", "box": "> "}.get(b.kind, "")
            lines.append(f"**{_md_escape(b.text)}**" if b.kind in ("team", "private") else prefix + text)
        previous = b.kind
    return "\n".join(lines).strip() + "\n"
