"""What of a session may leave the service: the family's record and letters, never the team's private notes."""

from __future__ import annotations

from choice_assistant.appointment.session import Session

# Every field a letter or another system may be given. A field added to the session later stays at
# home (reset to its default) until it is named here or in WITHHELD: an allow-list, so a new kind of
# note for the team can never leave by default.
SHARED: frozenset[str] = frozenset({
    "session", "date", "young_person", "family", "referrer", "gp", "communication_needs", "consent",
    "concerns", "background", "strengths", "network", "risk", "safety", "formulation", "choice_clinician",
    "goals", "options_discussed", "things_to_try", "preferences", "keep_reasons", "client_wants", "outcome",
})
# For the team only: never in a letter, a record for another system, or anything else that leaves.
WITHHELD: frozenset[str] = frozenset({"private_notes"})


def shareable(session: Session) -> Session:
    """A deep copy of the session with only what may leave the service; everything else at its empty default."""
    reset = {}
    for name, info in type(session).model_fields.items():
        if name not in SHARED:
            reset[name] = info.get_default(call_default_factory=True)
    return session.model_copy(update=reset, deep=True)
