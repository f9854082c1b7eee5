"""Communication needs (the Accessible Information Standard) as the letters honour them.

Large print and easy read change the letter a reader gets; an interpreter (or a British Sign
Language interpreter) is named in the appointment part and in the GP summary; braille, reading
aloud and email only cannot be met by a printed letter alone, so the GP summary asks for them and
the quality check tells the clinician to arrange them.
"""

from __future__ import annotations

from typing import Any

from choice_assistant.appointment.session import Session
from choice_assistant.letters.people import first_name
from choice_assistant.wording.languages import language_name

# What a printed letter cannot do by itself: need -> what the reader needs, in words.
NOT_MET_BY_PRINT = {
    "braille": "information in braille",
    "read_aloud": "letters read aloud",
    "email_only": "information by email only",
}
_NEED_WORDS = {"large_print": "large print", "easy_read": "easy read information", **NOT_MET_BY_PRINT}


def person_name(session: Session, who: str) -> str:
    """The full name a communication need's `who` stands for."""
    if who == "young_person":
        return session.young_person.name if session.young_person else "The young person"
    return who


def needs_of(session: Session, readers: list[str] | tuple[str, ...]) -> set[str]:
    """Every need of the people who read one copy."""
    return {need for n in session.communication_needs if n.who in readers for need in n.needs}


def interpreters(session: Session) -> list[dict[str, str]]:
    """Each interpreter the appointments need: who for, and the language by name."""

    out = []
    for n in session.communication_needs:
        for need in n.needs:
            if need == "interpreter" or need == "bsl":
                language = "British Sign Language" if need == "bsl" else language_name(n.language)
                words = "a British Sign Language interpreter" if need == "bsl" else f"an interpreter for {language}"
                out.append({"who": n.who, "name": person_name(session, n.who),
                            "first_name": first_name(person_name(session, n.who)), "language": language,
                            "sign": need == "bsl", "words": words})
    return out


def not_met_by_print(session: Session, readers: list[str] | tuple[str, ...] | None = None) -> list[dict[str, str]]:
    """Needs a printed letter alone does not meet (of these readers, or of anyone): who, which, in words."""
    return [{"who": n.who, "name": person_name(session, n.who), "need": need, "words": NOT_MET_BY_PRINT[need]}
            for n in session.communication_needs if readers is None or n.who in readers
            for need in n.needs if need in NOT_MET_BY_PRINT]


def summary(session: Session) -> list[str]:
    """Each person's needs in one line for the GP summary: 'Grace Okafor: an interpreter for Yoruba; large print'."""
    lines = []
    for n in session.communication_needs:
        words = []
        for need in n.needs:
            if need in ("interpreter", "bsl"):
                words += [i["words"] for i in interpreters(session) if i["who"] == n.who and i["sign"] == (need == "bsl")]
            else:
                words.append(_NEED_WORDS[need])
        lines.append(f"{person_name(session, n.who)}: {'; '.join(words)}")
    return lines


def access_context(session: Session, readers: list[str] | tuple[str, ...], professional: bool) -> dict[str, Any]:
    """What a letter template needs to honour communication needs. A professional reader's letter is
    never large print or easy read because of the family's needs; it states them instead."""
    needs = set() if professional else needs_of(session, readers)
    return {
        "large_print": "large_print" in needs,
        "easy_read": "easy_read" in needs,
        "interpreters": interpreters(session),
        "summary": summary(session),
        "not_met_by_print": not_met_by_print(session),
    }
