"""The family's goals (Goal), each in their own words, with its 0-10 rating as a goal-based outcome (Observation)."""

from __future__ import annotations

from datetime import date as Date

from choice_assistant.appointment.session import Session, SessionGoal
from choice_assistant.interchange.elements import coding, concept, fhir_date, fhir_datetime, make, profiled, reference

OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
RATING_WORDS = "Goal-based outcome rating: how close to this goal, from 0 (not at all) to 10 (goal reached)"
# Said in the record when no one person can be named as having set the goal.
OWNER_WORDS = {
    "young_person": "The young person's goal",
    "parent_carer": "A parent's or carer's goal",
    "family": "A goal for the whole family",
    "other": "Another person's goal",
}


def goal(g: SessionGoal, subject, expressed_by, day: Date):
    """One goal: active once a way of working towards it is agreed, else accepted (agreed, no way chosen yet).
    expressed_by is the Patient or RelatedPerson who set it, or None when that is not one person."""
    from fhirclient.models.annotation import Annotation
    from fhirclient.models.goal import Goal

    note = None
    if expressed_by is None and g.owner in OWNER_WORDS:
        note = [make(Annotation, text=OWNER_WORDS[g.owner])]
    return make(Goal, lifecycleStatus="active" if g.approach else "accepted", description=concept(g.text),
                subject=reference(subject), expressedBy=reference(expressed_by) if expressed_by is not None else None,
                startDate=fhir_date(day), note=note)


def rating(g: SessionGoal, the_goal, subject, rated_by, encounter, day: Date):
    """The goal's rating at the Choice appointment, about the goal (focus) and given by whoever set it."""
    from fhirclient.models.observation import Observation

    return make(Observation, meta=profiled("Observation"), status="final",
                category=[concept("Survey", coding(OBSERVATION_CATEGORY, "survey", "Survey"))],
                code=concept(RATING_WORDS), subject=reference(subject), focus=[reference(the_goal)],
                encounter=reference(encounter), effectiveDateTime=fhir_datetime(day),
                performer=[reference(rated_by)] if rated_by is not None else None, valueInteger=g.rating)


def goal_setter(g: SessionGoal, session: Session, patient, family: list):
    """Who set a goal, as a resource: the Patient for the young person's goal; the one parent or carer for a
    parent's goal when the family has exactly one; else None (the owner is then said in words)."""
    from choice_assistant.interchange.people import is_parent_or_carer

    if g.owner == "young_person":
        return patient
    if g.owner == "parent_carer":
        carers = [person for member, person in zip(session.family, family) if is_parent_or_carer(member)]
        return carers[0] if len(carers) == 1 else None
    return None
