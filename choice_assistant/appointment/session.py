"""The session export: everything one Choice appointment recorded (a superset of a case)."""

from __future__ import annotations

from datetime import date as Date, datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from choice_assistant.matching.case import ClientWants, Goal, GoalOwner, KeepReason, Preferences
from choice_assistant.register.model import Id, Level, Strict

# How much each part of a session can hold (appointment/limits.py checks them where words come in).
NAME_LIMIT = 120
NOTES_LIMIT = 20_000
GOAL_TEXT_LIMIT = 500
SAFETY_TEXT_LIMIT = 2000
THING_TO_TRY_LIMIT = 1000
GOALS_LIMIT = 50
FAMILY_LIMIT = 30
NEEDS_LIMIT = 31
OPTIONS_LIMIT = 500
THINGS_TO_TRY_LIMIT = 50

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_LIMIT)]


def checked_nhs_number(value: str | None) -> str | None:
    """An NHS number checked as the NHS does (10 digits, the last a mod 11 check digit), shown as 3-3-4."""
    if value is None or not str(value).strip():
        return None
    digits = "".join(ch for ch in str(value) if not ch.isspace() and ch != "-")
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit()):
        raise ValueError("an NHS number has 10 digits, e.g. 943 476 5919: check it against the referral")
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1))) % 11
    if (0 if check == 11 else check) != int(digits[9]):
        raise ValueError("this is not a valid NHS number (its check digit does not match): check it against the referral")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def age_on(date_of_birth: Date, day: Date) -> int:
    """Age in whole years on a given day."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
# Limits far beyond any real appointment, so a damaged or hostile file is refused with a message
# instead of keeping `letter` busy for minutes.
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NOTES_LIMIT)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class YoungPerson(Strict):
    name: Name
    age: int | None = Field(None, ge=0, le=25)
    pronouns: Short | None = None
    date_of_birth: Date | None = None
    nhs_number: Annotated[str | None, AfterValidator(checked_nhs_number)] = None
    address: LongText | None = None


class FamilyMember(Strict):
    name: Name
    relation: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    address: LongText | None = None  # only where it is not the young person's


class Referrer(Strict):
    name: Name
    role: Short | None = None
    organisation: Short | None = None
    address: LongText | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None  # in the referral's words


class GP(Strict):
    """The young person's GP, when the referrer is someone else."""

    name: Name
    practice: Short | None = None
    address: LongText | None = None


Need = Literal["interpreter", "bsl", "large_print", "easy_read", "braille", "read_aloud", "email_only"]
NEEDS: tuple[str, ...] = get_args(Need)


class CommunicationNeed(Strict):
    """One person's needs under the Accessible Information Standard; `language` goes with an interpreter."""

    who: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]  # young_person or a family member's name
    needs: list[Need] = Field(min_length=1, max_length=len(NEEDS))
    language: Short | None = None

    @model_validator(mode="after")
    def _language_with_interpreter(self) -> "CommunicationNeed":
        if "interpreter" in self.needs and not self.language:
            raise ValueError("an interpreter is needed, so say for which language (e.g. Polish or pl)")
        return self


class Safety(Strict):
    """The outcome of the risk and safeguarding question: the clinician's yes/no, and when yes, a plan and actions."""

    concerns: bool
    plan: Annotated[str, StringConstraints(strip_whitespace=True, max_length=SAFETY_TEXT_LIMIT)] = ""
    actions: Annotated[str, StringConstraints(strip_whitespace=True, max_length=SAFETY_TEXT_LIMIT)] = ""

    @model_validator(mode="after")
    def _plan_when_concerned(self) -> "Safety":
        if self.concerns and not (self.plan and self.actions):
            missing = " and ".join(w for w, v in (("plan", self.plan), ("actions", self.actions)) if not v)
            raise ValueError(f"there are safety concerns, so the {missing} must be written down: say what was agreed to keep safe and who does what")
        return self


class Consent(Strict):
    copy_to_referrer: bool = False
    copy_to_gp: bool = False


class SessionGoal(Strict):
    """A goal as recorded live: the approach may not be chosen yet while the appointment runs."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=GOAL_TEXT_LIMIT)]
    approach: Id | None = None
    level: Level = Level.core
    owner: GoalOwner | None = None
    rating: int | None = Field(None, ge=0, le=10)

    def as_case_goal(self) -> Goal | None:
        if self.approach is None:
            return None
        return Goal(text=self.text, approach=self.approach, level=self.level, owner=self.owner, rating=self.rating)


class OptionDiscussed(Strict):
    goal: int = Field(ge=1, description="1-based number of the goal this option is for.")
    approach: Id


Decision = Literal["transfer", "keep", "no_partnership", "choice_plus"]
# Decisions made at the Choice Point that need no Partnership clinician (moves straight to the letters).
NO_PARTNERSHIP_DECISIONS = ("no_partnership", "choice_plus")


class Outcome(Strict):
    decision: Decision
    clinician: Id | None = None
    slot: datetime | None = None


class Session(Strict):
    """What `sessions export` writes and `letter` reads."""

    session: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    date: Date
    young_person: YoungPerson | None = None
    family: list[FamilyMember] = Field(default_factory=list, max_length=FAMILY_LIMIT)
    referrer: Referrer | None = None
    gp: GP | None = None
    communication_needs: list[CommunicationNeed] = Field(default_factory=list, max_length=NEEDS_LIMIT)
    consent: Consent = Field(default_factory=Consent)
    concerns: Notes = ""
    background: Notes = ""
    strengths: Notes = ""
    network: Notes = ""
    risk: Notes = ""
    safety: Safety | None = None
    formulation: Notes = ""
    choice_clinician: Id | None = None
    goals: list[SessionGoal] = Field(default_factory=list, max_length=GOALS_LIMIT)
    options_discussed: list[OptionDiscussed] = Field(default_factory=list, max_length=OPTIONS_LIMIT)
    things_to_try: list[Annotated[str, StringConstraints(max_length=THING_TO_TRY_LIMIT)]] = Field(default_factory=list,
                                                                                             max_length=THINGS_TO_TRY_LIMIT)
    preferences: Preferences = Field(default_factory=Preferences)
    keep_reasons: list[KeepReason] = Field(default_factory=list)
    client_wants: ClientWants = "undecided"
    outcome: Outcome | None = None
    private_notes: Annotated[str, StringConstraints(max_length=100_000)] | Annotated[dict[Short, Notes], Field(max_length=50)] = ""

    def private_text(self) -> list[str]:
        """Every private note, for checks that they never leak into letters."""
        if isinstance(self.private_notes, dict):
            return [v for v in self.private_notes.values() if v.strip()]
        return [self.private_notes] if self.private_notes.strip() else []
