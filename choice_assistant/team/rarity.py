"""What is rare in a team (skills by level, gender, language, cultural background), and what a case leaves unused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from choice_assistant.matching.eligibility import attribute_key, clinician_languages, norm
from choice_assistant.matching.scarcity import rare_limit
from choice_assistant.register.model import Level, Register
from choice_assistant.wording.languages import language_name

# A key names one thing a clinician can hold: ("skill", id, level), ("gender", value),
# ("language", code) or ("cultural_background", value). A specific holder also holds the core key.
Key = tuple


@dataclass(frozen=True)
class Thing:
    """One holding in the team: who holds it and whether it counts as rare under the policy."""

    key: Key
    label: str
    holders: tuple[str, ...]
    rare: bool

    @property
    def count(self) -> int:
        return len(self.holders)


@dataclass
class TeamRarity:
    """Every holding in the team, the policy's rarity threshold, and each clinician's rare holdings."""

    size: int
    limit: int
    things: dict[Key, Thing]
    rare_of: dict[str, list[Thing]]  # clinician id -> rare things they hold

    def unused(self, clinician_id: str, used: set[Key]) -> list[Thing]:
        """The rare things a clinician holds that a piece of work does not use, rarest first."""
        return sorted((t for t in self.rare_of.get(clinician_id, ()) if t.key not in used), key=lambda t: (t.count, str(t.key)))


def clinician_keys(clinician) -> list[tuple[Key, str]]:
    """Every key a clinician holds, with a label as the register wrote it."""
    out: list[tuple[Key, str]] = []
    for sid, level in clinician.skills.items():
        out.append((("skill", sid, Level.core), sid))
        if level is Level.specific:
            out.append((("skill", sid, Level.specific), sid))
    if (g := norm(clinician.gender)) is not None:
        out.append((("gender", g), clinician.gender.strip()))
    names = {attribute_key("language", x): x.strip() for x in clinician.languages}
    for code in sorted(clinician_languages(clinician)):
        out.append((("language", code), names.get(code, code)))
    if (cb := norm(clinician.cultural_background)) is not None:
        out.append((("cultural_background", cb), clinician.cultural_background.strip()))
    return out


def team_rarity(register: Register) -> TeamRarity:
    """Count every holding; rare means held by at most the policy's limit and not by everyone."""
    size = len(register.clinicians)
    limit = rare_limit(size, register.policy.rare_share, register.policy.rare_max_holders)
    holders: dict[Key, list[str]] = {}
    labels: dict[Key, str] = {}
    held: dict[str, list[Key]] = {}
    for c in register.clinicians:
        keys = clinician_keys(c)
        held[c.id] = [k for k, _ in keys]
        for k, label in keys:
            holders.setdefault(k, []).append(c.id)
            labels.setdefault(k, label)
    things = {k: Thing(k, labels[k], tuple(who), len(who) <= limit and len(who) < size) for k, who in holders.items()}
    rare_of = {cid: [things[k] for k in keys if things[k].rare] for cid, keys in held.items()}
    return TeamRarity(size, limit, things, rare_of)


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


def rarity_weight(thing: Thing, power: float = 1.0) -> float:
    """The sole holder of something costs most: 1 / holders ** power (the policy's rarity_power)."""
    return 1.0 / max(1, thing.count) ** power


def thing_words(thing: Thing, register: Register) -> str:
    """A plain name for a holding: 'EMDR for trauma at specific level', 'Polish', 'female'."""
    kind = thing.key[0]
    if kind == "skill":
        return f"{register.skill_name(thing.key[1])} at {thing.key[2].value} level"
    if kind == "language":
        return language_name(thing.label) or thing.label
    if kind == "cultural_background":
        return f"{thing.label} cultural background"
    return thing.label
