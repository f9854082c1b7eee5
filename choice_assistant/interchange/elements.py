"""Small FHIR R4 data types built as library objects: references, coded and plain-text concepts, names, addresses."""

from __future__ import annotations

import re
import uuid
from datetime import date as Date, datetime
from typing import Any
from zoneinfo import ZoneInfo

UK_CORE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
SNOMED = "http://snomed.info/sct"
# Slots are written in the team's local time; an NHS team's clock is UK time.
TEAM_TIME = ZoneInfo("Europe/London")
# Fixed, so the same session always gives the same resource ids (and an EPR can spot a bundle sent twice).
ID_NAMESPACE = uuid.UUID("3d0f6f0e-8a41-4c3b-9c52-6e1b7a9d2f14")
# A UK postcode at the end of an address (the whole of the last part of it).
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$", re.IGNORECASE)


def make(cls: type, **fields: Any):
    """A library model object with the given elements set (None left out); a misspelt element is an error, not dropped."""
    obj = cls()
    for name, value in fields.items():
        if not hasattr(obj, name):
            raise AttributeError(f"{cls.__name__} has no element '{name}'")
        if value is not None and value != []:
            setattr(obj, name, value)
    return obj


def resource_id(session_id: str, key: str) -> str:
    """A UUID for one resource of one session, the same every time the bundle is made."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{session_id}/{key}"))


def reference(resource) -> Any:
    """A reference to a resource in the same bundle, by its urn:uuid full URL."""
    from fhirclient.models.fhirreference import FHIRReference

    return make(FHIRReference, reference=f"urn:uuid:{resource.id}")


def profiled(resource_type: str) -> Any:
    """meta naming the UK Core profile of a resource type."""
    from fhirclient.models.meta import Meta

    return make(Meta, profile=[UK_CORE + resource_type])


def coding(system: str, code: str, display: str | None = None) -> Any:
    from fhirclient.models.coding import Coding

    return make(Coding, system=system, code=code, display=display)


def concept(text: str, *codings) -> Any:
    """A CodeableConcept: always the words, and a code only where one is known for certain."""
    from fhirclient.models.codeableconcept import CodeableConcept

    return make(CodeableConcept, text=text, coding=[c for c in codings if c is not None])


def name(text: str) -> Any:
    """A person's name as recorded, whole: it is not split into given and family names by guesswork."""
    from fhirclient.models.humanname import HumanName

    return make(HumanName, text=text)


def address(text: str | None, use: str | None = None) -> Any:
    """An address as typed, its comma-separated lines, and its postcode where it ends in one."""
    if not text or not text.strip():
        return None
    from fhirclient.models.address import Address

    lines = [p.strip() for line in text.replace("\r", "\n").split("\n") for p in line.split(",") if p.strip()]
    found = _POSTCODE.search(lines[-1]) if lines else None
    postcode = found.group(1).upper() if found else None
    return make(Address, text=" ".join(text.split()), line=lines, postalCode=postcode, use=use)


def fhir_date(day: Date) -> Any:
    from fhirclient.models.fhirdate import FHIRDate

    return FHIRDate(day.isoformat())


def fhir_datetime(moment: Date | datetime) -> Any:
    """A dateTime: a day as it is, a time of day in UK time with its offset (FHIR wants one with a time)."""
    from fhirclient.models.fhirdatetime import FHIRDateTime

    return FHIRDateTime(_stamp(moment))


def fhir_instant(moment: datetime) -> Any:
    from fhirclient.models.fhirinstant import FHIRInstant

    return FHIRInstant(_stamp(moment))


def _stamp(moment: Date | datetime) -> str:
    if not isinstance(moment, datetime):
        return moment.isoformat()
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=TEAM_TIME)
    return aware.isoformat(timespec="seconds")
