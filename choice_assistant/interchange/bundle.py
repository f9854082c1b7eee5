"""One session as a FHIR R4 Bundle an electronic patient record can take in, or a refusal saying what to add."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from choice_assistant.appointment.session import Session
from choice_assistant.errors import InputError, Problem
from choice_assistant.interchange.elements import make, profiled, resource_id
from choice_assistant.matching.notes import Note
from choice_assistant.register.model import Clinician, Register

FHIR_VERSION = "4.0.1"


def record_problems(session: Session, register: Register) -> list[Problem]:
    """What stops this session becoming a record another system can file safely (empty: nothing)."""
    problems = []
    yp = session.young_person
    missing = [what for what, known in (("NHS number", yp and yp.nhs_number), ("date of birth", yp and yp.date_of_birth)) if not known]
    if yp is None:
        problems.append(Problem("young_person", "no young person is recorded: add their name, NHS number and date of birth "
                                                "(Details, ctrl+r) so the record can be filed against the right person"))
    elif missing:
        problems.append(Problem("young_person", f"add the young person's {' and '.join(missing)} (Details, ctrl+r) so the record "
                                                "can be filed against the right person: an electronic record matches on both"))
    if not session.choice_clinician:
        problems.append(Problem("choice_clinician", "no Choice clinician is recorded: choose who held the appointment "
                                                    "(the palette's Choice clinician), so the record says who saw the family"))
    for place, cid in (("choice_clinician", session.choice_clinician), ("outcome.clinician", session.outcome.clinician if session.outcome else None)):
        if cid and register.clinician(cid) is None:
            problems.append(Problem(place, f"'{cid}' is not a clinician in {register.team}'s register: give the register "
                                           "this appointment was recorded with, or correct the session"))
    return problems


def partnership_clinician(session: Session, register: Register) -> Clinician | None:
    """Who does the Partnership work: the clinician chosen, or the Choice clinician when the family keep them."""
    outcome = session.outcome
    if outcome is None or outcome.decision not in ("transfer", "keep"):
        return None
    cid = outcome.clinician or (session.choice_clinician if outcome.decision == "keep" else None)
    return register.clinician(cid) if cid else None


@dataclass
class FhirRecord:
    """The bundle, and notes for the clinician on what it leaves out (e.g. a letter that could not be written)."""

    bundle: Any  # fhirclient.models.bundle.Bundle
    notes: list[Note] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The bundle as FHIR JSON, checked by the library against R4 (required elements, types, formats)."""
        return _type_first(self.bundle.as_json())

    def json_text(self) -> str:
        return json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"


class _Entries:
    """The bundle's resources in order, each with an id made from the session's id and its own key."""

    def __init__(self, session_id: str):
        self.session_id = session_id
        self.resources: list[Any] = []

    def add(self, key: str, resource):
        if resource is not None:
            resource.id = resource_id(self.session_id, key)
            self.resources.append(resource)
        return resource


def build_bundle(session: Session, register: Register, *, today: Date | None = None, finished: bool | None = None,
                 source: str | Path | None = None) -> FhirRecord:
    """The session as a Bundle (type collection), from its shareable view only. finished: the appointment is
    closed (None: taken as closed once its outcome is recorded). today: the date the letters carry."""
    from fhirclient.models.bundle import Bundle, BundleEntry
    from fhirclient.models.identifier import Identifier

    from choice_assistant.interchange import booking, careplan, documents, encounter, flags, goals, people
    from choice_assistant.appointment.shareable import shareable

    if problems := record_problems(session, register):
        raise InputError(source or f"session {session.session}", problems)
    shared = shareable(session)
    today = today or Date.today()
    finished = shared.outcome is not None if finished is None else finished
    out = _Entries(shared.session)

    patient = out.add("Patient", people.patient(shared.young_person))
    family = [out.add(f"RelatedPerson/{i}", people.related_person(m, patient)) for i, m in enumerate(shared.family)]
    choice = register.clinician(shared.choice_clinician)
    partner = partnership_clinician(shared, register)
    practitioners = {}
    for clinician in [choice] + ([partner] if partner is not None and partner.id != choice.id else []):
        practitioners[clinician.id] = out.add(f"Practitioner/{clinician.id}", people.practitioner(clinician))
        out.add(f"PractitionerRole/{clinician.id}", people.practitioner_role(clinician, practitioners[clinician.id]))
    held_by = practitioners[choice.id]
    visit = out.add("Encounter", encounter.choice_encounter(shared, patient, held_by, finished))

    goal_resources = []
    for number, g in enumerate(shared.goals, start=1):
        setter = goals.goal_setter(g, shared, patient, family)
        the_goal = out.add(f"Goal/{number}", goals.goal(g, patient, setter, shared.date))
        goal_resources.append(the_goal)
        if g.rating is not None:
            out.add(f"Observation/goal-{number}", goals.rating(g, the_goal, patient, setter, visit, shared.date))

    slot = shared.outcome.slot if shared.outcome and partner is not None else None
    plan = out.add("CarePlan", careplan.care_plan(shared, register, patient, held_by, visit, goal_resources, partner,
                                                  practitioners.get(partner.id) if partner else None, booked=slot is not None))
    if slot is not None:
        where = out.add("Location", booking.place(register, partner, slot))
        out.add("Appointment", booking.partnership_appointment(partner, slot, patient, practitioners[partner.id], where,
                                                               plan, shared.date))
    for i, flag in enumerate(flags.communication_flags(shared, patient, held_by, visit, shared.date)):
        out.add(f"Flag/{i}", flag)
    letters, notes = documents.letter_files(shared, register, today)
    for letter in letters:
        out.add(f"DocumentReference/{letter.to}", documents.document_reference(letter, patient, held_by, visit, today))

    bundle_id = resource_id(shared.session, "Bundle")
    bundle = make(Bundle, id=bundle_id, meta=profiled("Bundle"), type="collection",
                  identifier=make(Identifier, system="urn:ietf:rfc:3986", value=f"urn:uuid:{bundle_id}"),
                  entry=[make(BundleEntry, fullUrl=f"urn:uuid:{r.id}", resource=r) for r in out.resources])
    return FhirRecord(bundle=bundle, notes=notes)


def _type_first(value):
    """The same JSON with resourceType first in each resource, as people expect to read it."""
    if isinstance(value, dict):
        ordered = {"resourceType": value["resourceType"]} if "resourceType" in value else {}
        ordered.update((k, _type_first(v)) for k, v in value.items() if k != "resourceType")
        return ordered
    if isinstance(value, list):
        return [_type_first(v) for v in value]
    return value
