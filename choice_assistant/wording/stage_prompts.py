"""What to say next at each stage: the stage templates, the plain data they are fed, help and nudges."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from choice_assistant.wording.catalogue import OWNER_WORDS
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
        "slot": f"{s.outcome.slot:%A %d %B at %H:%M}" if s.outcome and s.outcome.slot else "",
        "missing": appointment.missing("next"),
    }


# -- help and nudges ---------------------------------------------------------------------------

_HELP = {
    "introduction": "Families settle when they know what today is for. Say early, and warmly, that after today they will "
                    "usually meet the team member whose skills suit their goals best, and that you will ask what they prefer. "
                    "Said up front, a change of clinician later feels like a plan, not a loss.",
    "curiosity": "Stay curious rather than expert: what worries them, what is going on, and what is already going well in "
                 "the family and around them. Always ask about safety; this stage cannot be left until you have.",
    "goals": "Goals in their own words give the work a direction. A specific goal, with whose goal it is and a 0-10 rating "
             "now, lets everyone see later whether things are changing.",
    "formulation": "Put together, in plain words, what you have understood so far, and give your honest opinion. "
                   "Check the family recognise it as theirs.",
    "options": "For each goal, lay out several ways forward, including the family's own strengths, school and other "
               "services, self-help, and no further service, as well as the team's ways of working.",
    "choice_point": "This is where the family decide: which goals, which way of working, and what to try before the next "
                    "appointment. If no work with the team is needed, or someone important was missing, say so here.",
    "allocation": "The next clinician is chosen for the skills the goals need, not by who did today's appointment. "
                  "Offer the family the choice; never assume it.",
    "booking": "Book the next appointment now, while the family is here. A long wait loses momentum: look again if the "
               "slot is weeks away.",
    "letters": "The letter is for the family first: plain words, their goals as they said them, what was agreed. "
               "Private notes never appear in it.",
    "closed": "The appointment is recorded. Everything here is kept in the journal and can be exported.",
}


def help_text(stage: str) -> str:
    """Why this stage of the appointment matters, in a few sentences."""
    try:
        return _HELP[stage]
    except KeyError:
        raise ValueError(f"unknown stage '{stage}'") from None


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
