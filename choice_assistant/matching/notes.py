"""Structured reasons and cautions: every note code, its meaning and who it is for."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Audience = Literal["family", "clinician"]
FAMILY: Audience = "family"
CLINICIAN: Audience = "clinician"


class Note(BaseModel):
    """One reason or caution: `code` is data other code may rely on; `text` is only for people."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="a code from matching.notes.CODES; never changes meaning")
    text: str = Field(description="plain words, fit to read aloud when the audience is family")
    audience: Audience = Field(description="family: may be read with the family; clinician: for the clinician and team only")


# Keep reasons use the case's own words.
DISCLOSURE = "disclosure"
NETWORK_WORK = "network_work"
CLIENT_PREFERENCE = "client_preference"
# About keeping.
KEEP_OPTION = "keep_option"
KEEP_WITH_SPECIFIC_INPUT = "keep_with_specific_input"
KEEP_NOT_ELIGIBLE = "keep_not_eligible"
WANTS_KEEP_NOT_ELIGIBLE = "wants_keep_not_eligible"
NO_PARTNERSHIP_NEEDED = "no_partnership_needed"
# About skills.
SKILL_FIT = "skill_fit"
SKILL_PARTLY = "skill_partly"
SKILL_MISSING = "skill_missing"
SPECIFIC_INPUT = "specific_input"
ANOTHER_SERVICE = "another_service"
NOBODY_FITS = "nobody_fits"
NEAREST_FIT = "nearest_fit"
CLOSEST_MATCH = "closest_match"
# About the family's needs and preferences.
HARD_NEED_MET = "hard_need_met"
HARD_NEED_UNMET = "hard_need_unmet"
PREFERENCE_MET = "preference_met"
PREFERENCE_UNMET = "preference_unmet"
INTERPRETER = "interpreter"
# About appointments.
NEXT_SLOT = "next_slot"
NO_FREE_SLOT = "no_free_slot"
LONG_WAIT = "long_wait"
VERY_LONG_WAIT = "very_long_wait"
# About capacity that is scarce in the team.
SCARCE_SKILL = "scarce_skill"
SCARCE_SPECIFIC_LEVEL = "scarce_specific_level"
SCARCE_GENDER = "scarce_gender"
SCARCE_LANGUAGE = "scarce_language"
SCARCE_BACKGROUND = "scarce_background"
NO_RARE_SKILL_SPENT = "no_rare_skill_spent"

# code -> (who it is for, what it means). The README's table of note codes is made from this.
CODES: dict[str, tuple[Audience, str]] = {
    DISCLOSURE: (FAMILY, "keep reason: the young person shared something very personal; retelling it may be hard, or a fresh start welcome: ask"),
    NETWORK_WORK: (FAMILY, "keep reason: the Choice clinician has done substantial network or multi-agency work for this family"),
    CLIENT_PREFERENCE: (FAMILY, "keep reason: the family have said they would like to stay with the Choice clinician"),
    KEEP_OPTION: (FAMILY, "staying with the Choice clinician is an option; the family is offered both ways"),
    KEEP_WITH_SPECIFIC_INPUT: (FAMILY, "nobody holds every skill; the Choice clinician could stay as Core worker with Specific input added"),
    KEEP_NOT_ELIGIBLE: (FAMILY, "staying is not an option: the Choice clinician lacks a needed skill or a hard need"),
    WANTS_KEEP_NOT_ELIGIBLE: (CLINICIAN, "the family would like to stay but staying is not an option: talk it through with them"),
    NO_PARTNERSHIP_NEEDED: (FAMILY, "no chosen way of working needs a team skill; Partnership work may not be needed"),
    SKILL_FIT: (FAMILY, "holds a needed skill at the needed level or above"),
    SKILL_PARTLY: (FAMILY, "holds a needed skill, but below the needed level"),
    SKILL_MISSING: (FAMILY, "does not hold a needed skill at the needed level"),
    SPECIFIC_INPUT: (FAMILY, "named team members can add a missing skill as Specific Partnership input"),
    ANOTHER_SERVICE: (FAMILY, "nobody in the team holds a needed skill at the needed level: another service would be needed for it"),
    NOBODY_FITS: (FAMILY, "nobody (other than the Choice clinician, when the text says so) holds every needed skill and hard need; said once"),
    NEAREST_FIT: (FAMILY, "listed as one of the nearest fits, with nothing more specific to say"),
    CLOSEST_MATCH: (FAMILY, "suggested ahead of a colleague with an earlier appointment: what they offer matches these goals most closely"),
    HARD_NEED_MET: (FAMILY, "meets a need the family must have met (gender, language or cultural background)"),
    HARD_NEED_UNMET: (FAMILY, "does not meet a need the family must have met"),
    PREFERENCE_MET: (FAMILY, "meets a preference of the family's"),
    PREFERENCE_UNMET: (FAMILY, "does not meet a preference of the family's"),
    INTERPRETER: (FAMILY, "nobody who fits the skills speaks the family's language: an interpreter would be needed"),
    NEXT_SLOT: (FAMILY, "the earliest free Partnership appointment"),
    NO_FREE_SLOT: (FAMILY, "no free Partnership appointment in the future"),
    LONG_WAIT: (FAMILY, "the earliest free appointment is further away than the policy's warn_weeks"),
    VERY_LONG_WAIT: (FAMILY, "the earliest free appointment is further away than the policy's strong_warn_weeks"),
    SCARCE_SKILL: (CLINICIAN, "holds a skill rare in the team that this case does not use: allocating it here spends capacity others may need"),
    SCARCE_SPECIFIC_LEVEL: (CLINICIAN, "holds a rare skill at specific level that this case needs only at core level"),
    SCARCE_GENDER: (CLINICIAN, "keeping: the Choice clinician's gender is rare in the team and this case does not ask for it"),
    SCARCE_LANGUAGE: (CLINICIAN, "keeping: a language the Choice clinician speaks is rare in the team and this case does not ask for it"),
    SCARCE_BACKGROUND: (CLINICIAN, "keeping: the Choice clinician's cultural background is rare in the team and this case does not ask for it"),
    NO_RARE_SKILL_SPENT: (CLINICIAN, "allocating to this clinician spends no skill that is rare in the team"),
}

# The cautions about spending scarce capacity (the coach looks for these).
SCARCITY_CODES: frozenset[str] = frozenset({SCARCE_SKILL, SCARCE_SPECIFIC_LEVEL, SCARCE_GENDER, SCARCE_LANGUAGE, SCARCE_BACKGROUND})


def note(code: str, text: str) -> Note:
    """A note with the audience its code is for."""
    return Note(code=code, text=text, audience=CODES[code][0])


def texts(notes: list[Note], codes: frozenset[str] | set[str] | None = None) -> list[str]:
    """The words of the notes (of the given codes only, when given)."""
    return [n.text for n in notes if codes is None or n.code in codes]
