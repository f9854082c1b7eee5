"""What to say next at each stage: the stage templates, the plain data they are fed, help and nudges."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from choice_assistant.wording.catalogue import OWNER_WORDS, prompts_root
from choice_assistant.wording.templates import render

STAGE_TEMPLATE_DIR = "stages"


def render_stage(stage: str, data: dict[str, Any], root: Path | None = None) -> str:
    """What to say next at a stage (prompts/stages/<stage>.j2), from plain data."""
    return render(f"{STAGE_TEMPLATE_DIR}/{stage}.j2", data, root)


def stage_data(appointment: Any) -> dict[str, Any]:
    """The plain data every stage template is given, from an appointment."""
    s = appointment.export()
    reg = appointment.register
    chosen = s.outcome.clinician if s.outcome else None

    def title(approach: str | None) -> str:
        entry = appointment.catalogue.get(approach) if approach else None
        return entry.title if entry is not None else (reg.skill_name(approach) if approach else "")

    return {
        "stage": appointment.state,
        "team": reg.team,
        "young_person": s.young_person.name if s.young_person else "",
        "choice_clinician": (reg.clinician(s.choice_clinician).name if s.choice_clinician and reg.clinician(s.choice_clinician) else ""),
        "phrases": [{"id": p.id, "title": p.title, "text": p.text, "required": p.required,
                     "said": appointment.phrases_said.get(p.id, False)} for p in appointment.phrases],
        "risk_answered": bool(s.risk.strip()),
        "goals": [{"number": n, "text": g.text, "owner": OWNER_WORDS.get(g.owner or "", ""), "rating": g.rating,
                   "approach": g.approach or "", "approach_title": title(g.approach),
                   "vague_hint": vague_goal_hint(g.text) or ""} for n, g in enumerate(s.goals, start=1)],
        "options": [{"id": o.id, "title": o.title, "description": o.family_description, "team": o.team}
                    for o in appointment.catalogue.values()],
        "options_discussed": [{"goal": o.goal, "approach": o.approach, "title": title(o.approach)} for o in s.options_discussed],
        "things_to_try": list(s.things_to_try),
        "client_wants": s.client_wants,
        "chosen_clinician": (reg.clinician(chosen).name if chosen and reg.clinician(chosen) else ""),
        "decision": s.outcome.decision if s.outcome else "",
        "slot": f"{s.outcome.slot:%a} {s.outcome.slot.day} {s.outcome.slot:%b}, {s.outcome.slot:%H:%M}" if s.outcome and s.outcome.slot else "",
        "missing": appointment.missing("next"),
    }


# -- help and nudges ---------------------------------------------------------------------------

HELP_DIR = "help"
HELP_MAX_CHARS = 4000


def help_text(stage: str, root: Path | None = None) -> str:
    """Why this stage of the appointment matters, in a few sentences (prompts/help/<stage>.md, team-editable)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", stage or ""):
        raise ValueError(f"unknown stage '{stage}'")
    path = prompts_root(root) / HELP_DIR / f"{stage}.md"
    try:
        stat = path.stat()
    except OSError:
        return f"No help is written for this stage yet: add {path}."
    return _read_help(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_help(path: str, _mtime: int, _size: int) -> str:
    """A help file's paragraphs, lines joined (re-read when the file changes)."""
    import os

    root = os.path.realpath(os.path.dirname(os.path.dirname(path)))
    if os.path.commonpath([root, os.path.realpath(path)]) != root:
        return f"This help file leads outside the prompts folder, so it is not shown: {path}."
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")[:HELP_MAX_CHARS]
    except OSError:
        return f"This help file cannot be read: {path}."
    paragraphs = [" ".join(line.strip() for line in chunk.splitlines() if line.strip()) for chunk in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


_VAGUE = re.compile(
    r"\b(better|happier|happy|ok|okay|fine|normal|improve\w*|cope|coping|less (stress\w*|worr\w*|anxi\w*)|"
    r"more confident|confidence|sort (it|things) out|get help|feel good|well ?being|support)\b",
    re.IGNORECASE,
)
_CONCRETE = re.compile(
    r"\d|\b(school|lesson|class|day|days|week|weeks|morning|evening|night|bed|sleep|friend\w*|eat\w*|meal\w*|"
    r"without|when|times?|go (to|back)|talk to|argu\w*|panic\w*)\b",
    re.IGNORECASE,
)


def vague_goal_hint(text: str) -> str | None:
    """A question that helps make a goal specific, or None when it already sounds measurable."""
    words = text.split()
    if not words:
        return None
    vague = bool(_VAGUE.search(text))
    concrete = bool(_CONCRETE.search(text))
    if (vague and not concrete) or len(words) < 3:
        return ("This goal may be hard to measure. Ask: what would be different if it were reached? "
                "What would they be doing, where, and how often? Then ask for a 0-10 rating of where things are now.")
    return None
