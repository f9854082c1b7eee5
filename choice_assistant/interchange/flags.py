"""Communication needs (Accessible Information Standard) as Flags on the young person's record, each naming whom it concerns."""

from __future__ import annotations

from datetime import date as Date

from choice_assistant.appointment.session import CommunicationNeed, Session
from choice_assistant.interchange.elements import concept, fhir_datetime, make, profiled, reference

CATEGORY_WORDS = "Communication needs (Accessible Information Standard)"
NEED_WORDS = {
    "interpreter": "Needs an interpreter",
    "bsl": "Needs a British Sign Language interpreter",
    "large_print": "Needs information in large print",
    "easy_read": "Needs information in easy read",
    "braille": "Needs information in braille",
    "read_aloud": "Needs letters read aloud",
    "email_only": "Contact by email only, not by post",
}


def person_words(who: str, session: Session) -> str:
    """Whom a need concerns: the young person, or a family member with their relation."""
    if who == "young_person":
        return f"{session.young_person.name} (the young person)" if session.young_person else "the young person"
    for member in session.family:
        if member.name.casefold() == who.casefold():
            return f"{member.name} ({member.relation})"
    return who


def need_words(need: str, entry: CommunicationNeed) -> str:
    from choice_assistant.wording.languages import language_name

    words = NEED_WORDS[need]
    if need == "interpreter" and entry.language:
        words += f" ({language_name(entry.language)})"
    return words


def communication_flags(session: Session, subject, author, encounter, day: Date) -> list:
    """One Flag per need per person, in the order recorded."""
    from fhirclient.models.flag import Flag
    from fhirclient.models.period import Period

    flags = []
    for entry in session.communication_needs:
        for need in entry.needs:
            flags.append(make(
                Flag, meta=profiled("Flag"), status="active", category=[concept(CATEGORY_WORDS)],
                code=concept(f"{need_words(need, entry)}: {person_words(entry.who, session)}"),
                subject=reference(subject), encounter=reference(encounter), author=reference(author),
                period=make(Period, start=fhir_datetime(day))))
    return flags
