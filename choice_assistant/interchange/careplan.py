"""The plan agreed at the Choice appointment (CarePlan): each goal's way of working, and the things to try."""

from __future__ import annotations

from choice_assistant.appointment.session import Session
from choice_assistant.interchange.elements import SNOMED, coding, concept, fhir_datetime, make, profiled, reference
from choice_assistant.register.model import Clinician, Register

LEVEL_WORDS = {"core": "Core Partnership work", "specific": "Specific Partnership work"}


def approach_name(approach: str, register: Register, titles: dict[str, str]) -> str:
    """A way of working by name: the team's skill name, else the options catalogue's title, else its id in words."""
    if approach in register.skills_by_id:
        return register.skill_name(approach)
    return titles.get(approach) or approach.replace("_", " ").capitalize()


def catalogue_titles() -> dict[str, str]:
    """Titles of the ways of working in the team's options catalogue, by id."""
    from choice_assistant.resources import prompts_dir
    from choice_assistant.wording.catalogue import OPTIONS_FILE, options_catalogue

    if not (prompts_dir() / OPTIONS_FILE).is_file():
        return {}
    return {option.id: option.title for option in options_catalogue()}


def care_plan(session: Session, register: Register, subject, author, encounter, goals: list,
              partner: Clinician | None = None, partner_resource=None, booked: bool = False):
    """goals: the Goal resources in the session's order. partner: who will do the Partnership work (None when
    there is none), as in the register and as a resource; booked: their first appointment is in the diary."""
    from fhirclient.models.careplan import CarePlan, CarePlanActivity, CarePlanActivityDetail
    from fhirclient.models.period import Period

    titles = catalogue_titles()
    activities = []
    for number, (g, the_goal) in enumerate(zip(session.goals, goals), start=1):
        if g.approach is None:
            continue
        words = approach_name(g.approach, register, titles)
        skill = register.skills_by_id.get(g.approach)
        held = partner.level_of(g.approach) if partner is not None and skill is not None else None
        does_it = held is not None and held.covers(g.level)
        level = f", {LEVEL_WORDS[g.level.value]}" if skill is not None else ""
        detail = make(CarePlanActivityDetail,
                      status="scheduled" if does_it and booked else "not-started",
                      code=concept(words, coding(SNOMED, skill.snomed, skill.name) if skill is not None and skill.snomed else None),
                      description=f"{words}{level}, towards goal {number}: {g.text}",
                      goal=[reference(the_goal)],
                      performer=[reference(partner_resource)] if does_it else None)
        activities.append(make(CarePlanActivity, detail=detail))
    for thing in session.things_to_try:
        if thing.strip():
            activities.append(make(CarePlanActivity, detail=make(
                CarePlanActivityDetail, status="not-started", description=" ".join(thing.split()))))
    return make(CarePlan, meta=profiled("CarePlan"), status="active", intent="plan",
                title="The plan agreed at the CAPA Choice appointment",
                subject=reference(subject), encounter=reference(encounter),
                period=make(Period, start=fhir_datetime(session.date)), created=fhir_datetime(session.date),
                author=reference(author), goal=[reference(x) for x in goals], activity=activities)
