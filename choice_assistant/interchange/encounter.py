"""The Choice appointment itself as an Encounter: who held it, for whom, when, and why the young person was referred."""

from __future__ import annotations

from choice_assistant.appointment.session import Session
from choice_assistant.interchange.elements import coding, concept, fhir_datetime, make, profiled, reference

ACT_CODES = "http://terminology.hl7.org/CodeSystem/v3-ActCode"


def choice_encounter(session: Session, subject, clinician, finished: bool):
    """finished: the appointment is closed (the period then ends on its day); else it is still in progress."""
    from fhirclient.models.encounter import Encounter, EncounterParticipant
    from fhirclient.models.period import Period

    day = fhir_datetime(session.date)
    reason = session.referrer.reason if session.referrer and session.referrer.reason else None
    return make(
        Encounter, meta=profiled("Encounter"),
        status="finished" if finished else "in-progress",
        class_fhir=coding(ACT_CODES, "AMB", "ambulatory"),
        type=[concept("CAPA Choice appointment")],
        subject=reference(subject),
        participant=[make(EncounterParticipant, individual=reference(clinician))],
        period=make(Period, start=day, end=fhir_datetime(session.date) if finished else None),
        reasonCode=[concept(reason)] if reason else None,
    )
