"""The one kind of error a user can fix: bad input, told as file, place and what to do."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what to do about it."""

    place: str  # "line 4, column 7" or a field path such as "clinicians[3].skills.cbt"
    message: str

    def render(self) -> str:
        text = f"{self.place}: {self.message}" if self.place else self.message
        return shown(text, 2000)


@dataclass
class InputError(Exception):
    """Bad input from a file or the command line. The CLI shows it and exits with status 2."""

    source: str | Path | None
    problems: list[Problem] = field(default_factory=list)

    def __init__(self, source: str | Path | None, problems: list[Problem] | str, place: str = ""):
        self.source = source
        if isinstance(problems, str):
            problems = [Problem(place, problems)]
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self, limit: int = 20) -> str:
        where = shown(f"{self.source}", 300) if self.source else "input"
        first = self.problems[:limit]
        if len(first) == 1:
            return f"{where}: {first[0].render()}"
        lines = [f"{where}: {len(self.problems)} problems found"]
        lines += [f"  - {p.render()}" for p in first]
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def did_you_mean(value: str, known) -> str:
    """" (did you mean 'x'?)" for the closest known name, or "" when none is close."""
    import difflib  # only needed when something is wrong

    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _escape(ch: str) -> str:
    code = ord(ch)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


# C0 and C1 control characters (ESC starts terminal escapes), DEL, and the Unicode controls that
# reorder or hide text on screen (bidirectional overrides and isolates, line separators).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def shown(text: str, limit: int | None = None) -> str:
    """Text from a file made safe to print: control characters and terminal escapes written as
    visible escapes (ESC as \\x1b), and anything longer than `limit` characters cut short."""
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 20, limit // 2)] + f"... ({len(text):,} characters)"
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


def shown_lines(text: str) -> str:
    """Like shown(), for text of several lines: each line made safe, the line breaks kept."""
    return "\n".join(shown(line) for line in text.split("\n"))


class WorkflowError(Exception):
    """Something the clinician asked for cannot be done; the message says why in plain words."""
