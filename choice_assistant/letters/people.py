"""Who a letter is about, who it goes to and who gets a copy: identifiers, address blocks, copy lines."""

from __future__ import annotations

from typing import Any

from choice_assistant.appointment.session import Session


def _first(name: str) -> str:
    from choice_assistant.letters.content import first_name

    return first_name(name)


def address_lines(address: str | None) -> list[str]:
    """'1 River Lane, Riverside RV1 2AB' -> ['1 River Lane', 'Riverside RV1 2AB'] (new lines kept too)."""
    if not address:
        return []
    parts = [p.strip() for line in address.replace("\r", "\n").split("\n") for p in line.split(",")]
    return [p for p in parts if p]


def identifiers(session: Session) -> list[dict[str, str]]:
    """What the letter can be filed against: name, date of birth, NHS number, address (those known)."""
    from choice_assistant.letters.content import date_words

    yp = session.young_person
    if yp is None:
        return []
    out = [{"label": "Name", "value": yp.name}]
    if yp.date_of_birth:
        out.append({"label": "Date of birth", "value": date_words(yp.date_of_birth).split(" ", 1)[1]})
    elif yp.age is not None:
        out.append({"label": "Age", "value": str(yp.age)})
    if yp.nhs_number:
        out.append({"label": "NHS number", "value": yp.nhs_number})
    if yp.address:
        out.append({"label": "Address", "value": ", ".join(address_lines(yp.address))})
    return out


def _join(names: list[str]) -> str:
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else "")


def _referrer_line(session: Session) -> str:
    r = session.referrer
    if r is None:
        return ""
    return ", ".join(x for x in (r.name, r.role, r.organisation) if x)


def letter_people(session: Session, to: str) -> dict[str, Any]:
    """Greeting, recipient address block, copy-to lines and identifiers for one recipient."""
    from choice_assistant.letters.content import referrer_is_gp

    yp = session.young_person
    family_names = [_first(m.name) for m in session.family]
    greeting_names = ([_first(yp.name)] if yp else []) + family_names
    readers = ([yp.name] if yp else []) + [m.name for m in session.family]
    consent = session.consent
    referrer_copy = session.referrer is not None and (consent.copy_to_referrer or (consent.copy_to_gp and referrer_is_gp(session)))
    gp_copy = consent.copy_to_gp and not referrer_is_gp(session)
    if to == "referrer":
        r = session.referrer
        recipient = []
        if r is not None:
            recipient = [", ".join(x for x in (r.name, r.role) if x)] + ([r.organisation] if r.organisation else [])
            recipient += [line for line in address_lines(r.address) if line not in recipient]
        greeting = r.name if r else ""
        copies = ([f"{_join(readers)} (their own letter)"] if readers else []) + (["The family's GP"] if gp_copy else [])
    else:
        recipient = ([_join(readers)] if readers else []) + address_lines(yp.address if yp else None)
        greeting = _join(greeting_names)
        copies = ([_referrer_line(session)] if referrer_copy else []) + (["Your GP"] if gp_copy else [])
    return {
        "greeting": greeting,
        "greeting_family": _join(greeting_names),
        "recipient": recipient,
        "copies": copies,
        "identifiers": identifiers(session),
    }
