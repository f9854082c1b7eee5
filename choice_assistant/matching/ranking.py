"""Ranking transfer candidates: the team indexed once, each clinician assessed against a case, best first."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Collection

from choice_assistant.matching.case import Case, goal_skills, needed_skills
from choice_assistant.matching.eligibility import SkillNeed, attribute_key, clinician_languages, missing_skills, norm
from choice_assistant.matching.scarcity import TeamProfile, naive, profile_of
from choice_assistant.register.model import Clinician, Level, Register

KINDS = {"gender": "gender", "language": "language", "cultural_background": "culture"}


# ---------------------------------------------------------------- the team, indexed once


@dataclass
class Person:
    """One clinician as ranking sees them."""

    clinician: Clinician
    gender: str | None
    languages: frozenset[str]
    culture: str | None
    slots: list[datetime]  # sorted, naive
    rare: dict[tuple[str, Level], float]  # rare skill holdings -> scarcity weight (1 / holders ** power)
    base_cost: float = 0.0  # the sum of those weights

    @property
    def id(self) -> str:
        return self.clinician.id


@dataclass
class Team:
    """The register's clinicians with who holds what; holders keys are ("skill", id, level) or (kind, value)."""

    register: Register
    prof: TeamProfile
    people: dict[str, Person]
    holders: dict[tuple, frozenset[str]]
    _free: dict[tuple, int] = field(default_factory=dict, repr=False)

    def free_slots(self, key: tuple, holders: Collection[str], now: datetime) -> int:
        """Free slots after `now` among these holders (taken and past slots never count); cached per minute."""
        minute = now.replace(second=0, microsecond=0)
        hit = self._free.get((key, minute))
        if hit is None:
            if len(self._free) > 4096:
                self._free.clear()
            people = self.people
            hit = sum(len(people[c].slots) - bisect_right(people[c].slots, minute) for c in holders)
            self._free[(key, minute)] = hit
        return hit


def build_team(register: Register) -> Team:
    prof = profile_of(register)
    power = register.policy.rarity_power
    holders: dict[tuple, frozenset[str]] = {("skill", s, lv): frozenset(h.holders) for (s, lv), h in prof.skills.items()}
    for kind, table in (("gender", prof.gender), ("language", prof.languages), ("culture", prof.cultural_background)):
        holders.update({(kind, k): frozenset(h.holders) for k, h in table.items()})
    # Only skills can be a ranking cost: who a clinician is never is.
    weight = {key: 1.0 / (h.count ** power) for key, h in prof.skills.items() if h.count and prof.is_rare(h)}
    people = {
        c.id: Person(
            clinician=c, gender=norm(c.gender), languages=clinician_languages(c), culture=norm(c.cultural_background),
            slots=prof.slots[c.id],
            rare={(s, lv): weight[(s, lv)] for s, lv in c.skills.items() if (s, lv) in weight},
        )
        for c in register.clinicians
    }
    for p in people.values():
        p.base_cost = sum(p.rare.values())
    return Team(register, prof, people, holders)


_TEAMS: dict[int, Team] = {}


def team_of(register: Register) -> Team:
    """The team index of a register, built once per register object."""
    hit = _TEAMS.get(id(register))
    if hit is not None and hit.register is register:
        return hit
    team = build_team(register)
    if len(_TEAMS) > 32:
        _TEAMS.clear()
    _TEAMS[id(register)] = team
    return team


def without_taken(team: Team, taken: Collection[tuple[str, datetime]]) -> Team:
    """The team with the given (clinician, slot) pairs removed from their free slots."""
    gone: dict[str, set[datetime]] = {}
    for cid, slot in taken:
        gone.setdefault(cid, set()).add(naive(slot).replace(second=0, microsecond=0))
    people = dict(team.people)
    for cid, slots in gone.items():
        p = people.get(cid)
        if p is not None:
            people[cid] = replace(p, slots=[s for s in p.slots if s.replace(second=0, microsecond=0) not in slots])
    return replace(team, people=people, _free={})


# ---------------------------------------------------------------- what the case asks for


@dataclass
class Ask:
    """A case as ranking needs it: skills, hard needs and preferences in comparable form."""

    needs: list[SkillNeed]
    goals_for: dict[str, list[int]]  # skill id -> goal numbers (1-based) needing it
    hard: dict[str, str]  # attribute -> comparable value the family must have
    soft: dict[str, str]  # attribute -> comparable value the family would prefer
    used: set[tuple[str, Level]]  # skill holdings this case puts to use (never a cost)


def ask_of(case: Case, register: Register) -> Ask:
    needs = needed_skills(case, register)
    goals_for: dict[str, list[int]] = {}
    for n, goal in enumerate(case.goals, 1):
        for sid, _ in goal_skills(goal.approach, goal.level, register):
            goals_for.setdefault(sid, []).append(n)
    prefs = case.preferences
    hard: dict[str, str] = {}
    soft: dict[str, str] = {}
    for attr in KINDS:
        value = attribute_key(attr, getattr(prefs, attr))
        if value is not None:
            (hard if attr in prefs.required else soft)[attr] = value
    # A core holding is put to use by specific-level work too; a specific holding used for
    # core work is not: that spends scarce specific capacity.
    used = {(n.skill, lv) for n in needs for lv in Level if n.level.covers(lv)}
    return Ask(needs, goals_for, hard, soft, used)


def has(p: Person, attr: str, value: str) -> bool:
    if attr == "language":
        return value in p.languages
    return (p.gender if attr == "gender" else p.culture) == value


# ---------------------------------------------------------------- assessing one clinician


@dataclass
class Fit:
    """One clinician against one case."""

    person: Person
    missing: list[SkillNeed]
    partly: int  # missing skills held at a lower level
    hard_unmet: list[str]
    soft_met: list[str]
    cost: float
    next_slot: datetime | None

    @property
    def full(self) -> bool:
        """Holds every needed skill and meets every hard need."""
        return not self.missing and not self.hard_unmet

    def key(self) -> tuple:
        """DESIGN's order: skill fit and hard needs; soft preferences; bookable; scarcity cost; earliest slot."""
        slot = self.next_slot
        return (len(self.hard_unmet), len(self.missing), len(self.missing) - self.partly, -len(self.soft_met),
                slot is None, self.cost, slot or datetime.min, self.person.id)


def cost(p: Person, ask: Ask) -> float:
    """Scarcity cost: the rarity-weighted sum of the rare skills this clinician holds that the case leaves unused."""
    if not p.rare:
        return 0.0
    rare = p.rare
    return round(p.base_cost - sum(rare.get(k, 0.0) for k in ask.used), 9)


def next_slot(p: Person, now: datetime) -> datetime | None:
    """The first free slot after now; past slots never count."""
    i = bisect_right(p.slots, now)
    return p.slots[i] if i < len(p.slots) else None


def assess(p: Person, ask: Ask, now: datetime) -> Fit:
    missing = missing_skills(p.clinician, ask.needs)
    return Fit(
        person=p,
        missing=missing,
        partly=sum(m.skill in p.clinician.skills for m in missing),
        hard_unmet=[a for a, v in ask.hard.items() if not has(p, a, v)],
        soft_met=[a for a, v in ask.soft.items() if has(p, a, v)],
        cost=cost(p, ask),
        next_slot=next_slot(p, now),
    )


def skill_sets(team: Team, ask: Ask) -> list[frozenset[str]]:
    return [team.holders.get(("skill", n.skill, n.level), frozenset()) for n in ask.needs]


def hard_sets(team: Team, ask: Ask) -> list[frozenset[str]]:
    return [team.holders.get((KINDS[a], v), frozenset()) for a, v in ask.hard.items()]


def common(sets: list[frozenset[str]], team: Team, me: str | None) -> set[str]:
    """Clinicians other than `me` found in every one of sets (everyone, when there are none)."""
    if not sets:
        return set(team.people) - {me}
    ordered = sorted(sets, key=len)
    pool = set(ordered[0])
    for s in ordered[1:]:
        pool &= s
    pool.discard(me)
    return pool


def ranked(team: Team, ask: Ask, me: str, now: datetime, limit: int | None = None) -> list[Fit]:
    """The best transfer candidates, best first, never `me`. Among full fits, a bookable one is
    always listed when any exists, however many unbookable ones rank above it. `limit` (default:
    the policy's max_candidates) is how many are listed; with 1, the one the advice would suggest."""
    limit = limit or team.register.policy.max_candidates
    skills, hards = skill_sets(team, ask), hard_sets(team, ask)
    pool = common(skills + hards, team, me)
    if pool:
        people = team.people
        soft_sets = [team.holders.get((KINDS[a], v), frozenset()) for a, v in ask.soft.items()]
        used = tuple(ask.used)
        keys = []
        for cid in pool:  # the tail of Fit.key, inline (same as cost() and next_slot()): the hot path on a large team
            p = people[cid]
            slots = p.slots
            i = bisect_right(slots, now)
            slot = slots[i] if i < len(slots) else None
            rare = p.rare
            c = 0.0
            if rare:
                c = p.base_cost
                for k in used:
                    c -= rare.get(k, 0.0)
                c = round(c, 9)
            soft = 0
            for group in soft_sets:
                soft -= cid in group
            keys.append((soft, slot is None, c, slot or datetime.min, cid))
        best = heapq.nsmallest(limit, keys)
        if all(k[1] for k in best):  # nobody listed can be booked: add the best who can
            bookable = [k for k in keys if not k[1]]
            if bookable:
                best = [*best[:limit - 1], min(bookable)]
        return [assess(team.people[k[-1]], ask, now) for k in best]
    # Nobody fits every need: the nearest, grouped by unmet hard needs, then missing skills.
    skill_cov: Counter[str] = Counter()
    hard_cov: Counter[str] = Counter()
    for s in skills:
        skill_cov.update(s)
    for s in hards:
        hard_cov.update(s)
    groups: dict[tuple[int, int], list[str]] = {}
    for cid in team.people:
        if cid != me:
            groups.setdefault((len(hards) - hard_cov[cid], len(skills) - skill_cov[cid]), []).append(cid)
    chosen: list[str] = []
    for k in sorted(groups):
        if len(chosen) >= limit:
            break
        chosen += groups[k]
    return heapq.nsmallest(limit, (assess(team.people[cid], ask, now) for cid in chosen), key=Fit.key)


# ---------------------------------------------------------------- Core plus Specific from the team


@dataclass
class Input:
    """A team member who can add one missing skill as Specific Partnership input."""

    person: Person
    need: SkillNeed
    next_slot: datetime | None


def specific_input(team: Team, ask: Ask, fit: Fit, now: datetime) -> list[Input]:
    """For each skill the clinician lacks, the team members best placed to add it (bookable, least
    scarce capacity spent, earliest); none when nobody else in the team holds it."""
    per_skill = team.register.policy.specific_input_per_skill
    out: list[Input] = []
    for need in fit.missing:
        who = team.holders.get(("skill", need.skill, need.level), frozenset()) - {fit.person.id}

        def key(cid: str) -> tuple:
            p = team.people[cid]
            slot = next_slot(p, now)
            return (sum(not has(p, a, v) for a, v in ask.hard.items()), slot is None, cost(p, ask), slot or datetime.min, cid)

        for cid in heapq.nsmallest(per_skill, who, key=key):
            p = team.people[cid]
            out.append(Input(p, need, next_slot(p, now)))
    return out


def uncovered(team: Team, ask: Ask) -> list[SkillNeed]:
    """Needed skills nobody in the team holds at the needed level: only these need another service."""
    return [n for n, s in zip(ask.needs, skill_sets(team, ask)) if not s]


def speakers_who_fit(team: Team, ask: Ask, language: str) -> bool:
    """Whether anyone holding every needed skill (the Choice clinician included) speaks the language."""
    fit = common(skill_sets(team, ask), team, None)
    return bool(fit & team.holders.get(("language", language), frozenset()))
