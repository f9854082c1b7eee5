"""The one kind of error a user can fix: bad input, told as file, place and what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what to do about it."""

    place: str  # "line 4, column 7" or a field path such as "clinicians[3].skills.cbt"
    message: str

    def render(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


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
        where = f"{self.source}" if self.source else "input"
        shown = self.problems[:limit]
        if len(shown) == 1:
            return f"{where}: {shown[0].render()}"
        lines = [f"{where}: {len(self.problems)} problems found"]
        lines += [f"  - {p.render()}" for p in shown]
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
