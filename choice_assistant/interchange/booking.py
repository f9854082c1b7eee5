"""The booked first Partnership appointment (Appointment) and where it is held (Location)."""

from __future__ import annotations

from datetime import datetime, timedelta

from choice_assistant.interchange.elements import address, concept, fhir_datetime, fhir_instant, make, profiled, reference
from choice_assistant.register.model import Clinician, Register

# A Partnership appointment's length when nothing says otherwise; FHIR needs an end with a start.
DEFAULT_MINUTES = 60


def place(register: Register, clinician: Clinician, slot: datetime):
    """The venue the register gives for this slot, else the service's own address; None when neither is known."""
    from fhirclient.models.location import Location

    venue = clinician.venue_of(slot)
    if venue:
        return make(Location, meta=profiled("Location"), status="active", name=venue)
    service = register.service
    if service is None:
        return None
    return make(Location, meta=profiled("Location"), status="active", name=service.name, address=address(service.address))


def partnership_appointment(clinician: Clinician, slot: datetime, subject, practitioner, location, plan, booked_on):
    from fhirclient.models.appointment import Appointment, AppointmentParticipant

    people = [subject, practitioner] + ([location] if location is not None else [])
    return make(
        Appointment, meta=profiled("Appointment"), status="booked",
        serviceType=[concept("CAPA Partnership appointment")],
        description=f"First Partnership appointment with {clinician.name}",
        start=fhir_instant(slot), end=fhir_instant(slot + timedelta(minutes=DEFAULT_MINUTES)),
        minutesDuration=DEFAULT_MINUTES, created=fhir_datetime(booked_on),
        supportingInformation=[reference(plan)],
        participant=[make(AppointmentParticipant, actor=reference(p), status="accepted") for p in people],
    )
