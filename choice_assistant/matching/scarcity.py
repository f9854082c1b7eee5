"""How rare each skill, gender, language and cultural background is in a team, and its free slots."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from choice_assistant.matching.eligibility import norm
from choice_assistant.register.model import Level, Register
from choice_assistant.wording.languages import language_code, language_name

__all__ = ["Holding", "Key", "TeamProfile", "build_profile", "norm", "profile_of", "rare_limit", "naive"]

# A key names one thing a clinician can hold: ("skill", id, level), ("gender", value), ("language", code) or
# ("cultural_background", value). A specific holder of a skill also holds its core key.
Key = tuple


@dataclass
class Holding:
    """Who in the team has something (label: as the register first wrote it; key: what it is)."""

    holders: list[str] = field(default_factory=list)
    label: str = ""
    key: Key = ()

    @property
    def count(self) -> int:
        return len(self.holders)


def naive(d: datetime) -> datetime:
    """Slots are the team's local time; a time zone, if any, is dropped."""
    return d.replace(tzinfo=None) if d.tzinfo is not None else d


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
    languages: dict[str, Holding]  # keyed by language code
    cultural_background: dict[str, Holding]
    slots: dict[str, list[datetime]]  # clinician id -> Partnership slots, sorted

    def is_rare(self, holding: Holding | None) -> bool:
        """Held by few; never true of something everyone in the team holds."""
        if holding is None:
            return True
        return holding.count <= self.rare_limit and holding.count < self.size

    def skill(self, skill: str, level: Level) -> Holding:
        return self.skills.get((skill, level)) or Holding()

    @property
    def holdings(self) -> dict[Key, Holding]:
        """Everything held in the team, by key: skills at each level, genders, languages, cultural backgrounds."""
        out: dict[Key, Holding] = {("skill", sid, level): h for (sid, level), h in self.skills.items()}
        for attr, table in (("gender", self.gender), ("language", self.languages), ("cultural_background", self.cultural_background)):
            out.update({(attr, value): h for value, h in table.items()})
        return out

    def rare_of(self, clinician_id: str) -> list[Holding]:
        """The rare things one clinician holds."""
        return [h for h in self.holdings.values() if clinician_id in h.holders and self.is_rare(h)]

    def unused(self, clinician_id: str, used: set[Key]) -> list[Holding]:
        """The rare things a clinician holds that a piece of work does not use, rarest first."""
        return sorted((h for h in self.rare_of(clinician_id) if h.key not in used), key=lambda h: (h.count, str(h.key)))

    def free_slots(self, holders: list[str] | Holding, now: datetime) -> int:
        """How many Partnership slots after `now` these clinicians offer between them (past ones never count)."""
        who = holders.holders if isinstance(holders, Holding) else holders
        now = naive(now)
        total = 0
        for cid in who:
            slots = self.slots.get(cid, [])
            total += len(slots) - bisect_right(slots, now)
        return total


def rare_limit(size: int, share: float, max_holders: int) -> int:
    """Held by at most this many clinicians counts as rare."""
    return max(max_holders, int(size * share))


def build_profile(register: Register) -> TeamProfile:
    skills: dict[tuple[str, Level], Holding] = defaultdict(Holding)
    exact: dict[str, dict[Level, Holding]] = {s.id: {Level.core: Holding(), Level.specific: Holding()} for s in register.skills}
    gender: dict[str, Holding] = defaultdict(Holding)
    languages: dict[str, Holding] = defaultdict(Holding)
    culture: dict[str, Holding] = defaultdict(Holding)

    def add(h: Holding, cid: str, label: str = "") -> None:
        h.holders.append(cid)
        h.label = h.label or label

    for c in register.clinicians:
        for sid, level in c.skills.items():
            add(exact[sid][level], c.id)
            add(skills[(sid, Level.core)], c.id)
            if level is Level.specific:
                add(skills[(sid, Level.specific)], c.id)
        if (g := norm(c.gender)) is not None:
            add(gender[g], c.id, c.gender.strip())
        for code in {language_code(x) for x in c.languages} - {None}:
            add(languages[code], c.id, language_name(code))
        if (cb := norm(c.cultural_background)) is not None:
            add(culture[cb], c.id, c.cultural_background.strip())
    for (sid, level), h in skills.items():
        h.key = ("skill", sid, level)
    for attr, table in (("gender", gender), ("language", languages), ("cultural_background", culture)):
        for value, h in table.items():
            h.key = (attr, value)
    size = len(register.clinicians)
    return TeamProfile(
        size=size,
        rare_limit=rare_limit(size, register.policy.rare_share, register.policy.rare_max_holders),
        skills=dict(skills),
        exact=exact,
        gender=dict(gender),
        languages=dict(languages),
        cultural_background=dict(culture),
        slots={c.id: sorted(naive(s) for s in c.partnership_slots) for c in register.clinicians},
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
