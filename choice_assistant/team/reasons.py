"""Why each waiting family was booked where it was, or not at all, as structured notes."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from choice_assistant.team.model import CaseModel, Fit, Model, Slot, weeks_between
from choice_assistant.matching.notes import Audience, Note
from choice_assistant.team.rarity import holding_words
from choice_assistant.wording.languages import language_name


def note(code: str, text: str, audience: Audience = "clinician") -> Note:
    """A waiting-list note: codes of the team view's own, audience the clinician's unless said."""
    return Note(code=code, text=text, audience=audience)


def _skills(model: Model, needs) -> str:
    return ", ".join(f"{model.register.skill_name(n.skill)} at {n.level.value} level" for n in needs)


def _when(at: datetime) -> str:
    return f"{at:%a} {at.day} {at:%b %Y}, {at:%H:%M}"


def _attr(attr: str, value: str) -> str:
    if attr == "language":
        return f"speaks {language_name(value) or value}"
    if attr == "gender":
        return f"is {value}"
    return f"has a {value} cultural background"


def assignment_reasons(model: Model, cm: CaseModel, fit: Fit, slot: Slot) -> list[Note]:
    """Reasons for one booking: skills, hard needs, the wait, and what the booking leaves unused."""
    reg = model.register
    person = reg.clinician(fit.clinician)
    out: list[Note] = []
    held = [n for n in cm.needs if n not in fit.missing]
    if not fit.missing:
        out.append(note("skills_fit", f"{person.name} holds every skill the goals need: {_skills(model, cm.needs)}", "family"))
    else:
        out.append(note("core_plan", f"Nobody meeting every need holds all the skills, so {person.name} takes the Core Partnership work "
                                     f"({_skills(model, held)}) and colleagues add {_skills(model, fit.missing)} as Specific Partnership input",
                        "clinician"))
    for attr, value in cm.hard.items():
        out.append(note("hard_need_met", f"{person.name} {_attr(attr, value)}, as the family needs", "family"))
    waited = weeks_between(cm.case.waiting_since, model.now)
    total = weeks_between(cm.case.waiting_since, slot.at)
    out.append(note("wait", f"Waiting since {cm.case.waiting_since.day} {cm.case.waiting_since:%b %Y} ({max(0.0, waited):.0f} weeks); first Partnership "
                            f"appointment {_when(slot.at)}, {total:.1f} weeks after they started waiting", "clinician"))
    level = reg.policy.wait_level(slot.at - model.now)
    if level:
        limit = reg.policy.strong_warn_weeks if level == 2 else reg.policy.warn_weeks
        out.append(note("long_wait" if level == 2 else "wait_warning",
                        f"This slot is more than {limit} weeks away: agree with the family how they are supported until then", "clinician"))
    if fit.unused_rare:
        parts = [f"{holding_words(t, reg)} ({t.count} of {model.rarity.size} clinicians)" for t in fit.unused_rare]
        out.append(note("rare_spent", f"{person.name} holds something rare in the team that this family's goals do not use: "
                                      f"{'; '.join(parts)}. The allocation weighs this against how long families wait", "clinician"))
    else:
        out.append(note("no_rare_spent", f"Booking {person.name} leaves nothing rare in the team unused", "clinician"))
    return out


def specific_input(model: Model, fit: Fit, remaining: np.ndarray) -> list[dict]:
    """Colleagues who can add each skill the Core worker lacks, earliest free slot first (slots left after allocation)."""
    reg = model.register
    out = []
    for need in fit.missing:
        offers = []
        for c in reg.clinicians:
            level = c.skills.get(need.skill)
            if c.id == fit.clinician or level is None or not level.covers(need.level):
                continue
            free = [model.slots[s].at for s in np.flatnonzero(remaining) if model.slots[s].clinician == c.id]
            offers.append((min(free) if free else None, c))
        offers.sort(key=lambda t: (t[0] is None, t[0] or datetime.max, t[1].id))
        for at, c in offers[:reg.policy.specific_input_per_skill]:
            out.append({"clinician": c.id, "name": c.name, "skill": need.skill, "level": need.level.value,
                        "next_slot": f"{at:%Y-%m-%dT%H:%M}" if at else None})
    return out


def unassigned_why(model: Model, i: int, outcome) -> list[Note]:
    """Why a family could not be booked: nobody with the skill or hard need, no slot in range, or slots all taken."""
    cm = model.cases[i]
    reg = model.register
    if cm.blocked == "no_partnership_needed":
        return [note("no_partnership_needed", "None of the agreed ways of working needs a team skill, so no Partnership slot is booked")]
    if cm.blocked == "no_hard_need_match":
        needs = " and ".join(_attr(a, cm.hard[a]) for a in cm.detail["needs"])
        return [note("no_hard_need_match", f"Nobody in the team {needs}, as the family needs: talk with the family, or look to another service")]
    if cm.blocked == "no_skill_holder":
        return [note("no_skill_holder", f"Nobody in the team holds {_skills(model, cm.detail['skills'])}: another service is needed for this")]
    if cm.blocked == "no_core_worker":
        return [note("no_core_worker", "Nobody who meets the family's hard needs holds any of the skills the goals need")]
    cols = np.flatnonzero(model.fit_mask[i][model.slot_clinician])
    if cols.size == 0:
        who = ", ".join(reg.clinician(c).name for c in sorted(cm.fits))
        return [note("no_slot_in_range", f"Nobody who fits has a free Partnership slot in range ({who}): add slots, or widen the range")]
    return [note("slots_taken", f"All {cols.size} fitting free slot{'s' if cols.size != 1 else ''} went to families who waited longer "
                                f"or had fewer other options: more slots are needed from {', '.join(sorted(cm.fits))}")]
