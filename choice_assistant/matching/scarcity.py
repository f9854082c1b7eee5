"""How rare each skill, gender, language and cultural background is in a team, with free slots."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from choice_assistant.register.model import Level, Register


@dataclass
class Holding:
    """Who in the team has something, and how many free Partnership slots they offer between them."""

    holders: list[str] = field(default_factory=list)
    slots: int = 0
    label: str = ""  # as first written in the register (keys are compared case-insensitively)

    @property
    def count(self) -> int:
        return len(self.holders)


@dataclass
class TeamProfile:
    """Counts for the whole team; built once per register."""

    size: int
    rare_limit: int
    # (skill id, level) -> holders. For `core` this counts everyone who can do core work
    # (core or specific holders); for `specific` only the specific holders.
    skills: dict[tuple[str, Level], Holding]
    # exact level counts, for the report: skill id -> {level: holders}
    exact: dict[str, dict[Level, Holding]]
    gender: dict[str, Holding]
    languages: dict[str, Holding]
    cultural_background: dict[str, Holding]

    def is_rare(self, holding: Holding | None) -> bool:
        """Held by few; never true of something everyone in the team holds."""
        if holding is None:
            return True
        return holding.count <= self.rare_limit and holding.count < self.size

    def skill(self, skill: str, level: Level) -> Holding:
        return self.skills.get((skill, level)) or Holding()


def rare_limit(size: int, share: float, max_holders: int) -> int:
    """Held by at most this many clinicians counts as rare."""
    return max(max_holders, int(size * share))


def norm(value: str | None) -> str | None:
    """Attributes are compared case-insensitively, ignoring surrounding spaces."""
    if value is None:
        return None
    value = value.strip().lower()
    return value or None


def build_profile(register: Register) -> TeamProfile:
    skills: dict[tuple[str, Level], Holding] = defaultdict(Holding)
    exact: dict[str, dict[Level, Holding]] = {s.id: {Level.core: Holding(), Level.specific: Holding()} for s in register.skills}
    gender: dict[str, Holding] = defaultdict(Holding)
    languages: dict[str, Holding] = defaultdict(Holding)
    culture: dict[str, Holding] = defaultdict(Holding)

    def add(h: Holding, cid: str, slots: int, label: str = "") -> None:
        h.holders.append(cid)
        h.slots += slots
        h.label = h.label or label

    for c in register.clinicians:
        n = len(c.partnership_slots)
        for sid, level in c.skills.items():
            add(exact[sid][level], c.id, n)
            add(skills[(sid, Level.core)], c.id, n)
            if level is Level.specific:
                add(skills[(sid, Level.specific)], c.id, n)
        if (g := norm(c.gender)) is not None:
            add(gender[g], c.id, n, c.gender.strip())
        for lang in {norm(x): x.strip() for x in c.languages if norm(x)}.items():
            add(languages[lang[0]], c.id, n, lang[1])
        if (cb := norm(c.cultural_background)) is not None:
            add(culture[cb], c.id, n, c.cultural_background.strip())
    size = len(register.clinicians)
    return TeamProfile(
        size=size,
        rare_limit=rare_limit(size, register.policy.rare_share, register.policy.rare_max_holders),
        skills=dict(skills),
        exact=exact,
        gender=dict(gender),
        languages=dict(languages),
        cultural_background=dict(culture),
    )


_CACHE: dict[int, tuple[Register, TeamProfile]] = {}


def profile_of(register: Register) -> TeamProfile:
    """The team profile of a register, computed once per register object."""
    hit = _CACHE.get(id(register))
    if hit is not None and hit[0] is register:
        return hit[1]
    prof = build_profile(register)
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[id(register)] = (register, prof)
    return prof
