"""What a letter still lacks before it can be posted and filed: checked before it is written.

``missing(session, to, addressee=None)`` lists each gap as a ``Missing`` item: a stable ``code``
(for a screen to act on; never the English text), the session ``field`` that fills it, and
plain ``text`` for the clinician. ``blocks`` marks a gap that must stop the letter being sent:
nobody to send it to, no consent, or no way to file it against the right record (no young
person, or neither a date of birth nor an NHS number: a name alone can match another child).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from choice_assistant.appointment.session import Session
from choice_assistant.errors import InputError
from choice_assistant.letters.people import (RECIPIENTS, copies_agreed, family_addressee, first_name, gp_details, join_names,
                                             professional_addressee, referrer_is_gp)

# The codes, each with its meaning; a screen may rely on them, and they never change meaning.
CODES = {
    "young_person_missing": "no young person is recorded",
    "date_of_birth_missing": "no date of birth",
    "nhs_number_missing": "no NHS number",
    "address_missing": "no postal address for the person the letter is addressed to",
    "young_person_address_missing": "no address for the young person (an identifier)",
    "referral_reason_missing": "no reason for referral",
    "referrer_missing": "no referrer to write to",
    "gp_missing": "no GP recorded, though the letter goes or is copied to the GP",
    "consent_missing": "the family has not agreed to this copy",
    "addressee_unknown": "no family member of that name has an address of their own",
}


@dataclass(frozen=True)
class Missing:
    """One thing a letter lacks: a stable code, the session field that fixes it, and plain words."""

    code: str
    field: str
    text: str
    blocks: bool = False  # the letter must not be sent until this is fixed

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _name(session: Session) -> str:

    return first_name(session.young_person.name) if session.young_person else "the young person"


def refusal(session: Session, to: str) -> Missing | None:
    """Why this letter cannot be written at all (no one to send it to, or no consent), or None."""

    consent = session.consent
    if to == "referrer":
        if session.referrer is None:
            return Missing("referrer_missing", "referrer", "no referrer is recorded, so there is no one to send a referrer "
                           "letter to: add the referrer in the session", blocks=True)
        if not (consent.copy_to_referrer or (consent.copy_to_gp and referrer_is_gp(session))):
            return Missing("consent_missing", "consent.copy_to_referrer",
                           "the family has not agreed to a copy going to the referrer (consent.copy_to_referrer is not "
                           "true), so no referrer letter is written: ask the family, and record their answer in the session",
                           blocks=True)
    if to == "gp":
        if gp_details(session) is None:
            return Missing("gp_missing", "gp", "no GP is recorded (and the referrer is not the GP), so there is no one to "
                           "send a GP letter to: add the GP's name, practice and address in the session", blocks=True)
        if not (consent.copy_to_gp or (consent.copy_to_referrer and referrer_is_gp(session))):
            return Missing("consent_missing", "consent.copy_to_gp",
                           "the family has not agreed to a copy going to their GP (consent.copy_to_gp is not true), so no "
                           "GP letter is written: ask the family, and record their answer in the session", blocks=True)
    return None


def missing(session: Session, to: str, addressee: str | None = None) -> list[Missing]:
    """What the letter for `to` ("family", "referrer" or "gp"; for the family, optionally the copy for
    the family member `addressee`) lacks to be posted and filed, most serious first."""

    if to not in RECIPIENTS:
        raise InputError(None, f"unknown recipient '{to}': use {', '.join(RECIPIENTS)}")
    if (why := refusal(session, to)) is not None:
        return [why]
    out: list[Missing] = []
    yp = session.young_person
    if yp is None:
        out.append(Missing("young_person_missing", "young_person", "no young person is recorded, so the letter is about "
                           "no one and cannot be filed: add their name and details", blocks=True))
    else:
        unfileable = yp.date_of_birth is None and yp.nhs_number is None
        why = (f": with neither it cannot be filed against {_name(session)}'s record (a name alone can match another child)"
               if unfileable else ", so the letter is harder to file against the right record")
        if yp.date_of_birth is None:
            out.append(Missing("date_of_birth_missing", "young_person.date_of_birth",
                               f"no date of birth for {_name(session)}{why}", blocks=unfileable))
        if yp.nhs_number is None:
            out.append(Missing("nhs_number_missing", "young_person.nhs_number",
                               f"no NHS number for {_name(session)}{why}", blocks=unfileable))
    if to == "family":
        target = family_addressee(session, addressee)
        if target is None:
            return out + [Missing("addressee_unknown", "family", f"'{addressee}' is not a family member with an address "
                                  "of their own: check the name, or record their address", blocks=True)]
    else:
        target = professional_addressee(session, to)
    if target is not None and not target.address:
        who = join_names(list(target.names)) or "the addressee"
        out.append(Missing("address_missing", target.field, f"no postal address for {who}, so the letter cannot be "
                           "posted in a window envelope: add the address"))
    if yp is not None and not yp.address and (target is None or target.field != "young_person.address"):
        out.append(Missing("young_person_address_missing", "young_person.address",
                           f"no address for {_name(session)}: the letter's identifiers say 'not recorded'"))
    if to in ("referrer", "gp") and session.referrer is not None and not session.referrer.reason:
        out.append(Missing("referral_reason_missing", "referrer.reason", "no reason for referral is recorded, so the "
                           "summary says 'not recorded': add the reason in the referral's words"))
    if to == "gp" and session.referrer is None:
        out.append(Missing("referral_reason_missing", "referrer.reason", "no referrer or reason for referral is "
                           "recorded, so the summary says 'not recorded': add who referred and why"))
    _, gp_copy = copies_agreed(session)
    if to != "gp" and gp_copy and gp_details(session) is None:
        out.append(Missing("gp_missing", "gp", "the family agreed to a copy for their GP, but no GP is recorded: "
                           "add the GP's name, practice and address"))
    return out
