"""What a piece of work puts to use of the team's rare holdings, what leaving them unused costs, and their names.

How rare each holding is comes from one place, the team profile of matching.scarcity.
"""

from __future__ import annotations

from typing import Iterable

from choice_assistant.matching.eligibility import attribute_key
from choice_assistant.matching.scarcity import Holding, Key
from choice_assistant.register.model import Level, Register
from choice_assistant.wording.languages import language_name


def used_keys(needs: Iterable, preferences) -> set[Key]:
    """What a case puts to use: its skills at the levels it needs (specific work also uses core),
    and every gender, language or cultural background the family asked for."""
    used: set[Key] = set()
    for n in needs:
        used.add(("skill", n.skill, Level.core))
        if n.level is Level.specific:
            used.add(("skill", n.skill, Level.specific))
    for attr in ("gender", "language", "cultural_background"):
        value = attribute_key(attr, getattr(preferences, attr, None))
        if value is not None:
            used.add((attr, value))
    return used


def rarity_weight(holding: Holding, power: float = 1.0) -> float:
    """The sole holder of something costs most: 1 / holders ** power (the policy's rarity_power)."""
    return 1.0 / max(1, holding.count) ** power


def holding_words(holding: Holding, register: Register) -> str:
    """A plain name for a holding: 'EMDR for trauma at specific level', 'Polish', 'female'."""
    kind = holding.key[0]
    if kind == "skill":
        return f"{register.skill_name(holding.key[1])} at {holding.key[2].value} level"
    if kind == "language":
        return language_name(holding.key[1]) or holding.label
    if kind == "cultural_background":
        return f"{holding.label} cultural background"
    return holding.label
