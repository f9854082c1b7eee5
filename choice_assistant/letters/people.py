"""Who a letter is about, who it goes to and who gets a copy: identifiers, addressees, copy lines.

The family letter goes to the young person's household: the young person and every family
member recorded without an address of their own (or with the same one). A family member whose
address differs gets their own copy, addressed to them, only when it is asked for (`addressee`),
never on its own: the household letter lists that copy so everyone can see who has it. The
referrer letter goes to the referrer; the GP letter to the GP (the session's GP, or the referrer
when the referrer is the GP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from choice_assistant.appointment.session import Session

NOT_RECORDED = "not recorded"
RECIPIENTS = ("family", "referrer", "gp")


def first_name(name: str) -> str:
    parts = name.split()
    if len(parts) > 1 and parts[0].rstrip(".").lower() in {"dr", "mr", "mrs", "ms", "miss", "mx", "prof"}:
        return name
    return parts[0] if parts else name


def address_lines(address: str | None) -> list[str]:
    """'1 River Lane, Riverside RV1 2AB' -> ['1 River Lane', 'Riverside RV1 2AB'] (new lines kept too)."""
    if not address:
        return []
    parts = [p.strip() for line in address.replace("\r", "\n").split("\n") for p in line.split(",")]
    return [p for p in parts if p]


def same_address(a: str | None, b: str | None) -> bool:
    """Two addresses written the same way but for case, spaces and punctuation."""
    def key(s: str | None) -> str:
        return re.sub(r"[\W_]+", "", (s or "").casefold())

    return bool(a and b) and key(a) == key(b)


def join_names(names: list[str]) -> str:
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else "")


def referrer_is_gp(session: Session) -> bool:
    """Whether the referrer is the family's GP (so a GP copy and a referrer copy are one letter)."""
    role = (session.referrer.role or "").lower() if session.referrer else ""
    return bool(re.search(r"\bgp\b|general practi", role))


@dataclass(frozen=True)
class Addressee:
    """Who one copy of a letter is posted to, and where."""

    names: tuple[str, ...]    # the people it is addressed to, by full name
    lines: tuple[str, ...]    # the address block: who, then the postal address
    address: str | None
    field: str                # where that address is recorded in the session, e.g. "family[1].address"
    readers: tuple[str, ...]  # who reads it, as communication needs name them ("young_person" or a family name)
    member: str | None = None  # the family member a separate copy is for


def household(session: Session) -> Addressee:
    """The young person's household: the young person and the family recorded at the same address."""
    yp = session.young_person
    address = yp.address if yp else None
    members = [m for m in session.family if not m.address or same_address(m.address, address)]
    names = ([yp.name] if yp else []) + [m.name for m in members]
    return Addressee(tuple(names), tuple(([join_names(names)] if names else []) + address_lines(address)), address,
                     "young_person.address", (("young_person",) if yp else ()) + tuple(m.name for m in members))


def elsewhere(session: Session) -> list[Addressee]:
    """A separate copy for each family member whose address is not the young person's."""
    yp_address = session.young_person.address if session.young_person else None
    out = []
    for i, m in enumerate(session.family):
        if m.address and not same_address(m.address, yp_address):
            out.append(Addressee((m.name,), tuple([m.name] + address_lines(m.address)), m.address,
                                 f"family[{i}].address", (m.name,), member=m.name))
    return out


def family_addressee(session: Session, member: str | None = None) -> Addressee | None:
    """The household, or the separate copy for `member` (None when that member has no address of their own)."""
    if member is None:
        return household(session)
    wanted = " ".join(member.split()).casefold()
    return next((a for a in elsewhere(session) if a.member and a.member.casefold() == wanted), None)


def gp_details(session: Session) -> dict[str, Any] | None:
    """The young person's GP: the session's GP, or the referrer when the referrer is the GP (None: not known)."""
    if session.gp is not None:
        g = session.gp
        return {"name": g.name, "practice": g.practice or "", "address": g.address, "field": "gp.address",
                "is_referrer": False}
    if referrer_is_gp(session):
        r = session.referrer
        return {"name": r.name, "practice": r.organisation or "", "address": r.address, "field": "referrer.address",
                "is_referrer": True}
    return None


def professional_addressee(session: Session, to: str) -> Addressee | None:
    """The referrer, or the GP, as the letter addresses them (None when there is no one)."""
    if to == "gp" and (gp := gp_details(session)) is not None and not gp["is_referrer"]:
        top = [gp["name"]] + ([gp["practice"]] if gp["practice"] else [])
        lines = top + [line for line in address_lines(gp["address"]) if line not in top]
        return Addressee((gp["name"],), tuple(lines), gp["address"], "gp.address", ())
    r = session.referrer
    if r is None or (to == "gp" and not referrer_is_gp(session)):
        return None
    top = [", ".join(x for x in (r.name, r.role) if x)] + ([r.organisation] if r.organisation else [])
    lines = top + [line for line in address_lines(r.address) if line not in top]
    return Addressee((r.name,), tuple(lines), r.address, "referrer.address", ())


def copies_agreed(session: Session) -> tuple[bool, bool]:
    """Whether the family agreed to a copy for the referrer, and (when the GP is someone else) for the GP."""
    consent, is_gp = session.consent, referrer_is_gp(session)
    referrer = session.referrer is not None and (consent.copy_to_referrer or (consent.copy_to_gp and is_gp))
    return referrer, consent.copy_to_gp and not is_gp


def unbroken(text: str) -> str:
    """Text that never breaks across lines (an NHS number read in two pieces is misread)."""
    return text.replace(" ", "\u00a0")


def identifiers(session: Session) -> list[dict[str, str]]:
    """What the letter is filed against: name, date of birth, NHS number and address (each said when not recorded)."""
    yp = session.young_person
    if yp is None:
        return []
    dob = unbroken(f"{yp.date_of_birth.day} {yp.date_of_birth:%B %Y}") if yp.date_of_birth else NOT_RECORDED
    return [{"label": "Name", "value": yp.name}, {"label": "Date of birth", "value": dob},
            {"label": "NHS number", "value": unbroken(yp.nhs_number) if yp.nhs_number else NOT_RECORDED},
            {"label": "Address", "value": ", ".join(address_lines(yp.address)) or NOT_RECORDED}]


def told_by(session: Session) -> str:
    """Who told us, for a professional reader: 'Maya and her mother', or 'Maya and Grace (mother)' without pronouns."""
    yp = session.young_person
    pronouns = (yp.pronouns or "").lower() if yp else ""
    possessive = next((p for w, p in (("she", "her"), ("he", "his"), ("they", "their")) if re.match(rf"{w}\b", pronouns)), None)
    people = [first_name(yp.name)] if yp else []
    for m in session.family:
        people.append(f"{possessive} {m.relation.lower()}" if possessive and yp else f"{first_name(m.name)} ({m.relation})")
    return join_names(people) or "The family"


def _referrer_line(session: Session) -> str:
    r = session.referrer
    return ", ".join(x for x in (r.name, r.role, r.organisation) if x) if r else ""


def _gp_copy(session: Session, label: str, unnamed: str) -> str:
    """'Dr E Hughes, your GP, Quayside Surgery', or `unnamed` when no GP is recorded."""
    gp = gp_details(session)
    return ", ".join(x for x in (gp["name"], label, gp["practice"]) if x) if gp else unnamed


def letter_people(session: Session, to: str, member: str | None = None) -> dict[str, Any]:
    """Greeting, addressee block, copy-to lines and identifiers for one letter."""
    yp = session.young_person
    home, apart = household(session), elsewhere(session)
    referrer_copy, gp_copy = copies_agreed(session)
    everyone = ([yp.name] if yp else []) + [m.name for m in session.family]
    greeting_family = join_names(([first_name(yp.name)] if yp else []) + [first_name(m.name) for m in session.family
                                                                        if m.name in home.names])
    copy = {"text": "", "agreed": False}
    copies: list[dict[str, Any]] = []
    own_copy_of = ""
    if to == "family":
        addressee = family_addressee(session, member) or home
        greeting = join_names([first_name(n) for n in addressee.names])
        if referrer_copy:
            copies.append(copy | {"text": _referrer_line(session), "agreed": True})
        if gp_copy:
            copies.append(copy | {"text": _gp_copy(session, "your GP", "Your GP"), "agreed": True})
        if addressee != home:
            own_copy_of = greeting_family
            copies.append(copy | {"text": join_names(list(home.names))})
        copies += [copy | {"text": f"{a.member} (their own copy)"} for a in apart if a != addressee]
    else:
        addressee = professional_addressee(session, to)
        greeting = addressee.names[0] if addressee else ""
        if everyone:
            copies.append(copy | {"text": f"{join_names(everyone)} (their own letter)"})
        if to == "referrer" and gp_copy:
            copies.append(copy | {"text": _gp_copy(session, "GP", "The family's GP")})
        if to == "gp" and referrer_copy and not referrer_is_gp(session):
            copies.append(copy | {"text": f"{_referrer_line(session)} (referrer)"})
    return {
        "greeting": greeting or "",
        "greeting_family": greeting_family,
        "recipient": list(addressee.lines) if addressee else [],
        "addressee_readers": list(addressee.readers) if addressee else [],
        "own_copy_of": own_copy_of,
        "copies": copies,
        "identifiers": identifiers(session),
        "told_by": told_by(session),
    }
