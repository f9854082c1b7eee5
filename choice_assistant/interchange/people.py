"""The people in the record: the young person (Patient), their family (RelatedPerson), the clinicians (Practitioner)."""

from __future__ import annotations

from choice_assistant.appointment.session import FamilyMember, YoungPerson
from choice_assistant.interchange.elements import address, coding, concept, fhir_date, make, name, profiled, reference
from choice_assistant.register.model import Clinician

NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
ROLE_CODES_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"

# Relations coded only where the word leaves no doubt (HL7 v3 RoleCode, which UK Core's relationship
# value set takes in); any other relation is sent as the words recorded. Keys are lower case with
# spaces and hyphens taken out, so "Step-mother" and "step mother" are one.
_RELATIONS: dict[str, tuple[str, str]] = {}
for _words, _code in (
    (("mother", "mum", "mom"), ("MTH", "mother")),
    (("father", "dad"), ("FTH", "father")),
    (("parent",), ("PRN", "parent")),
    (("stepmother", "stepmum"), ("STPMTH", "stepmother")),
    (("stepfather", "stepdad"), ("STPFTH", "stepfather")),
    (("stepparent",), ("STPPRN", "step parent")),
    (("grandmother", "grandma", "gran", "granny", "nan", "nana"), ("GRMTH", "grandmother")),
    (("grandfather", "grandad", "granddad", "grandpa"), ("GRFTH", "grandfather")),
    (("grandparent",), ("GRPRN", "grandparent")),
    (("brother",), ("BRO", "brother")),
    (("sister",), ("SIS", "sister")),
    (("sibling",), ("SIB", "sibling")),
    (("aunt", "auntie"), ("AUNT", "aunt")),
    (("uncle",), ("UNCLE", "uncle")),
):
    for _word in _words:
        _RELATIONS[_word] = _code
_PARENT_CODES = {"MTH", "FTH", "PRN", "STPMTH", "STPFTH", "STPPRN"}
_CARER_WORDS = ("carer", "guardian", "foster")


def relation_code(relation: str) -> tuple[str, str] | None:
    """The v3 RoleCode (code, display) for a relation written as a family would, or None when not certain."""
    return _RELATIONS.get("".join(ch for ch in relation.lower() if ch not in " -_"))


def is_parent_or_carer(member: FamilyMember) -> bool:
    code = relation_code(member.relation)
    return (code is not None and code[0] in _PARENT_CODES) or any(w in member.relation.lower() for w in _CARER_WORDS)


def nhs_number_digits(formatted: str) -> str:
    """'943 476 5919' -> '9434765919', as the NHS number identifier carries it."""
    return "".join(ch for ch in formatted if ch.isdigit())


def patient(young_person: YoungPerson):
    from fhirclient.models.identifier import Identifier
    from fhirclient.models.patient import Patient

    identifiers = []
    if young_person.nhs_number:
        identifiers.append(make(Identifier, system=NHS_NUMBER, value=nhs_number_digits(young_person.nhs_number)))
    return make(Patient, meta=profiled("Patient"), identifier=identifiers, name=[name(young_person.name)],
                birthDate=fhir_date(young_person.date_of_birth) if young_person.date_of_birth else None,
                address=[a for a in [address(young_person.address, "home")] if a])


def related_person(member: FamilyMember, subject):
    from fhirclient.models.relatedperson import RelatedPerson

    code = relation_code(member.relation)
    relationship = concept(member.relation, coding(ROLE_CODES_SYSTEM, *code) if code else None)
    return make(RelatedPerson, meta=profiled("RelatedPerson"), patient=reference(subject), relationship=[relationship],
                name=[name(member.name)], address=[a for a in [address(member.address, "home")] if a])


def practitioner(clinician: Clinician):
    from fhirclient.models.practitioner import Practitioner

    return make(Practitioner, meta=profiled("Practitioner"), name=[name(clinician.name)])


def practitioner_role(clinician: Clinician, person):
    """The clinician's role in the team, as the register words it."""
    from fhirclient.models.practitionerrole import PractitionerRole

    return make(PractitionerRole, meta=profiled("PractitionerRole"), practitioner=reference(person), code=[concept(clinician.role)])
