"""What the first screen shows of a new appointment in the moment before the appointment itself is open."""

from __future__ import annotations

from types import MappingProxyType, SimpleNamespace

# A new appointment's record, as far as its first screen reads it: nothing recorded yet.
BLANK = SimpleNamespace(
    young_person=None, family=(), choice_clinician=None, private_notes=MappingProxyType({}), goals=(),
    options_discussed=(), things_to_try=(), outcome=None, concerns="", background="", strengths="", network="",
    risk="", formulation="",
)
