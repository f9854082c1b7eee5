"""Keep-or-transfer: who should see a family for Partnership work, with reasons and cautions."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Collection, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from choice_assistant.errors import InputError, Problem, did_you_mean
from choice_assistant.matching.case import NON_TEAM_APPROACHES, Case
from choice_assistant.register.model import Clinician, Level, Register
from choice_assistant.matching.scarcity import Holding, TeamProfile, norm, profile_of
from choice_assistant.matching.eligibility import SkillNeed, missing_skills

# Every scarcity caution ends with these words; the training coach finds them by it.
SCARCITY_ENDING = "other families may need"

# Plain names for language codes a register commonly uses; anything else is shown as written.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "ar": "Arabic", "bn": "Bengali", "bsl": "British Sign Language", "cy": "Welsh",
    "de": "German", "es": "Spanish", "fa": "Farsi", "fr": "French", "gu": "Gujarati", "hi": "Hindi",
    "it": "Italian", "ku": "Kurdish", "lt": "Lithuanian", "pa": "Punjabi", "pl": "Polish",
    "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "so": "Somali",
    "ta": "Tamil", "ti": "Tigrinya", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "yo": "Yoruba", "zh": "Chinese",
}


# ---------------------------------------------------------------- the Recommendation contract


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KeepOption(_Out):
    """Whether staying with the Choice clinician is an option, and what to weigh."""

    eligible: bool = Field(description="the Choice clinician holds every needed skill and meets the family's hard needs")
    reasons: list[str] = Field(default_factory=list, description="why staying could help, in plain words")
    cautions: list[str] = Field(default_factory=list, description="why not, or what keeping would cost other families")


class Candidate(_Out):
    """A clinician the family could see for Partnership work."""

    clinician: str = Field(description="clinician id")
    name: str
    next_slot: str | None = Field(description="earliest free Partnership slot as YYYY-MM-DDTHH:MM, or null")
    missing_skills: list[SkillNeed] = Field(
        default_factory=list,
        description="needed skills (same shape as needed_skills) this clinician does not hold at the needed level; empty when skill-eligible",
    )
    reasons: list[str] = Field(default_factory=list, description="why this clinician, in plain words")
    cautions: list[str] = Field(default_factory=list, description="what to weigh before choosing them")


class Recommendation(_Out):
    """The keep-or-transfer advice; `model_dump(mode="json")` is the JSON contract."""

    recommendation: Literal["transfer", "keep"]
    offer_choice: bool = Field(description="true whenever staying with the Choice clinician is an option")
    keep: KeepOption
    transfer: list[Candidate] = Field(description="best first; never the Choice clinician")
    needed_skills: list[SkillNeed]
    # Not part of the JSON: whether the listed candidates fit every skill and hard need
    # (otherwise they are only the nearest, and no one of them should be called the suggestion).
    _others_fit: bool = PrivateAttr(default=False)

    @property
    def suggested(self) -> Candidate | None:
        """The first transfer candidate when they fit every need; None when nobody else does."""
        return self.transfer[0] if self._others_fit and self.transfer else None


# ---------------------------------------------------------------- checking and needed skills


def check(case: Case, register: Register, source: object = "case") -> None:
    """Every clinician and approach a case names must be known; otherwise raise InputError."""
    problems: list[Problem] = []
    if register.clinician(case.choice_clinician) is None:
        problems.append(Problem(
            "choice_clinician",
            f"'{case.choice_clinician}' is not a clinician in {register.team}'s register"
            f"{did_you_mean(case.choice_clinician, register.clinicians_by_id)}: check the spelling, or add them to the register",
        ))
    for i, goal in enumerate(case.goals):
        if goal.approach not in register.skills_by_id and goal.approach not in NON_TEAM_APPROACHES:
            known = [*register.skills_by_id, *NON_TEAM_APPROACHES]
            problems.append(Problem(
                f"goals[{i}].approach",
                f"'{goal.approach}' is neither a skill in {register.team}'s catalogue nor one of "
                f"{', '.join(NON_TEAM_APPROACHES)}{did_you_mean(goal.approach, known)}: "
                "check the spelling, or add the skill to the catalogue",
            ))
    if problems:
        raise InputError(source, problems)


def goal_skills(approach: str, level: Level, register: Register) -> list[tuple[str, Level]]:
    """The team skills one goal's approach needs: none for non-team approaches."""
    if approach in register.skills_by_id:
        return [(approach, level)]
    return []


def needed_skills(case: Case, register: Register) -> list[SkillNeed]:
    """The skills a case needs, each once at the highest level any goal asks for, in goal order."""
    levels: dict[str, Level] = {}
    for goal in case.goals:
        for sid, level in goal_skills(goal.approach, goal.level, register):
            if sid not in levels or level.covers(levels[sid]):
                levels[sid] = level
    return [SkillNeed(skill=s, level=lv) for s, lv in levels.items()]


# ---------------------------------------------------------------- the team, indexed once


@dataclass
class _Person:
    clinician: Clinician
    gender: str | None
    languages: frozenset[str]
    culture: str | None
    slots: list[datetime]  # sorted, naive
    rare: dict[tuple, int]  # rare things held -> 1 (the opportunity-cost weight of each)

    @property
    def base_cost(self) -> int:
        return len(self.rare)


@dataclass
class _Team:
    register: Register
    prof: TeamProfile
    people: dict[str, _Person]
    holders: dict[tuple, frozenset[str]]  # ("skill", sid, level) / ("gender", g) / ("language", l) / ("culture", c)


def _naive(d: datetime) -> datetime:
    return d.replace(tzinfo=None) if d.tzinfo is not None else d


def _holding(prof: TeamProfile, key: tuple) -> Holding:
    kind = key[0]
    if kind == "skill":
        return prof.skill(key[1], key[2])
    table = {"gender": prof.gender, "language": prof.languages, "culture": prof.cultural_background}[kind]
    return table.get(key[1]) or Holding()


def _build_team(register: Register) -> _Team:
    prof = profile_of(register)
    holders: dict[tuple, frozenset[str]] = {("skill", s, lv): frozenset(h.holders) for (s, lv), h in prof.skills.items()}
    for kind, table in (("gender", prof.gender), ("language", prof.languages), ("culture", prof.cultural_background)):
        holders.update({(kind, k): frozenset(h.holders) for k, h in table.items()})
    # Something the whole team holds is never scarce, however small the team.
    rare_keys = {k for k, who in holders.items() if len(who) < prof.size and prof.is_rare(_holding(prof, k))}
    people: dict[str, _Person] = {}
    for c in register.clinicians:
        g, cb = norm(c.gender), norm(c.cultural_background)
        langs = frozenset(x for x in (norm(v) for v in c.languages) if x)
        held = [("skill", s, lv) for s, lv in c.skills.items()]
        held += [("gender", g)] if g else []
        held += [("language", x) for x in langs]
        held += [("culture", cb)] if cb else []
        people[c.id] = _Person(
            clinician=c, gender=g, languages=langs, culture=cb,
            slots=sorted(_naive(s) for s in c.partnership_slots),
            rare={k: 1 for k in held if k in rare_keys},
        )
    return _Team(register, prof, people, holders)


_TEAMS: dict[int, _Team] = {}


def _team(register: Register) -> _Team:
    hit = _TEAMS.get(id(register))
    if hit is not None and hit.register is register:
        return hit
    team = _build_team(register)
    if len(_TEAMS) > 32:
        _TEAMS.clear()
    _TEAMS[id(register)] = team
    return team


def _without_taken(team: _Team, taken: Collection[tuple[str, datetime]]) -> _Team:
    """The team with the given (clinician, slot) pairs removed from their free slots."""
    gone: dict[str, set[datetime]] = {}
    for cid, slot in taken:
        gone.setdefault(cid, set()).add(_naive(slot).replace(second=0, microsecond=0))
    people = dict(team.people)
    for cid, slots in gone.items():
        p = people.get(cid)
        if p is not None:
            people[cid] = replace(p, slots=[s for s in p.slots if s.replace(second=0, microsecond=0) not in slots])
    return replace(team, people=people)


# ---------------------------------------------------------------- what the case asks for


@dataclass
class _Ask:
    needs: list[SkillNeed]
    goals_for: dict[str, list[int]]  # skill id -> goal numbers (1-based) needing it
    hard: dict[str, str]  # attribute -> normalised value the family needs
    soft: dict[str, str]  # attribute -> normalised value the family would prefer
    labels: dict[str, str]  # attribute -> value as the family gave it
    used: set[tuple]  # holdings this case puts to use (not an opportunity cost)


_ATTR_KIND = {"gender": "gender", "language": "language", "cultural_background": "culture"}


def _ask(case: Case, register: Register) -> _Ask:
    needs = needed_skills(case, register)
    goals_for: dict[str, list[int]] = {}
    for n, goal in enumerate(case.goals, 1):
        for sid, _ in goal_skills(goal.approach, goal.level, register):
            goals_for.setdefault(sid, []).append(n)
    prefs = case.preferences
    hard: dict[str, str] = {}
    soft: dict[str, str] = {}
    labels: dict[str, str] = {}
    # A core holding is put to use by specific-level work too; a specific holding used for
    # core work is not: that spends scarce specific capacity.
    used = {("skill", n.skill, lv) for n in needs for lv in Level if n.level.covers(lv)}
    for attr in ("gender", "language", "cultural_background"):
        value = norm(getattr(prefs, attr))
        if value is None:
            continue
        (hard if attr in prefs.required else soft)[attr] = value
        labels[attr] = getattr(prefs, attr).strip()
        used.add((_ATTR_KIND[attr], value))
    return _Ask(needs, goals_for, hard, soft, labels, used)


def _has(p: _Person, attr: str, value: str) -> bool:
    if attr == "language":
        return value in p.languages
    return (p.gender if attr == "gender" else p.culture) == value


# ---------------------------------------------------------------- words


def _skill_words(register: Register, sid: str, level: Level) -> str:
    return f"{register.skill_name(sid)} at {level.value} level"


def _goals_words(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"goal {numbers[0]}"
    return "goals " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code.lower(), code)


def _attr_words(attr: str, label: str, *, negate: bool = False) -> str:
    if attr == "gender":
        return f"is {'not ' if negate else ''}{label}"
    verb, neg = ("speaks", "does not speak") if attr == "language" else ("has", "does not have")
    what = _language_name(label) if attr == "language" else f"a {label} cultural background"
    return f"{neg if negate else verb} {what}"


def _slot_words(slot: datetime, now: datetime) -> str:
    year = f" {slot.year}" if slot.year != now.year else ""
    return f"{slot:%a} {slot.day} {slot:%b}{year}, {slot:%H:%M}"


def _rarity_words(key: tuple, h: Holding, prof: TeamProfile, register: Register) -> str:
    n = h.count
    one = n == 1
    if key[0] == "skill":
        what = f"{'offers' if one else 'offer'} {register.skill_name(key[1])}" + (" at specific level" if key[2] is Level.specific else "")
    elif key[0] == "gender":
        what = f"{'is' if one else 'are'} {h.label or key[1]}"
    elif key[0] == "language":
        what = f"{'speaks' if one else 'speak'} {_language_name(h.label or key[1])}"
    else:
        what = f"{'has' if one else 'have'} a {h.label or key[1]} cultural background"
    slots = f"{h.slots} free Partnership slot{'' if h.slots == 1 else 's'}" + (" between them" if not one else "")
    return f"{n} of {prof.size} clinicians {what} ({slots})"


# ---------------------------------------------------------------- assessing one clinician


@dataclass
class _Fit:
    person: _Person
    missing: list[SkillNeed]
    partly: int  # missing skills held at a lower level
    hard_unmet: list[str]
    soft_met: list[str]
    cost: int
    next_slot: datetime | None

    def key(self) -> tuple:
        slot = self.next_slot
        return (len(self.hard_unmet), len(self.missing), len(self.missing) - self.partly, -len(self.soft_met),
                self.cost, slot is None, slot or datetime.min, self.person.clinician.id)


def _fit(p: _Person, ask: _Ask, now: datetime) -> _Fit:
    skills = p.clinician.skills
    missing = missing_skills(p.clinician, ask.needs)
    partly = sum(m.skill in skills for m in missing)
    return _Fit(
        person=p,
        missing=missing,
        partly=partly,
        hard_unmet=[a for a, v in ask.hard.items() if not _has(p, a, v)],
        soft_met=[a for a, v in ask.soft.items() if _has(p, a, v)],
        cost=_cost(p, ask),
        next_slot=_next_slot(p, now),
    )


def _cost(p: _Person, ask: _Ask) -> int:
    """Opportunity cost: how many rare things this clinician holds that the case leaves unused."""
    return p.base_cost - sum(w for k, w in p.rare.items() if k in ask.used) if p.rare else 0


def _next_slot(p: _Person, now: datetime) -> datetime | None:
    i = bisect_right(p.slots, now)
    return p.slots[i] if i < len(p.slots) else None


def _pool_key(p: _Person, ask: _Ask, now: datetime) -> tuple:
    """The tail of _Fit.key for a clinician who fits every need, computed without a full assessment."""
    slot = _next_slot(p, now)
    soft = sum(_has(p, a, v) for a, v in ask.soft.items())
    return (-soft, _cost(p, ask), slot is None, slot or datetime.min, p.clinician.id)


def _spent(f: _Fit, ask: _Ask, team: _Team) -> list[tuple[tuple, Holding, bool]]:
    """Rare things this clinician holds that the case does not use: (key, holding, specific used for core)."""
    out = []
    needed_level = {n.skill: n.level for n in ask.needs}
    for key in f.person.rare:
        if key in ask.used:
            continue
        core_work = key[0] == "skill" and key[2] is Level.specific and needed_level.get(key[1]) is Level.core
        out.append((key, _holding(team.prof, key), core_work))
    out.sort(key=lambda t: (t[1].count, t[0][0] != "skill", str(t[0])))
    return out


def _gaps(f: _Fit, ask: _Ask, register: Register) -> list[str]:
    """What keeps a clinician from being eligible, as phrases without a subject."""
    c = f.person.clinician
    out = []
    for need in f.missing:
        goals = _goals_words(ask.goals_for.get(need.skill, []))
        held = c.skills.get(need.skill)
        if held is not None:
            out.append(f"holds {register.skill_name(need.skill)} only at {held.value} level, and {goals} needs {need.level.value} level")
        else:
            out.append(f"does not hold {_skill_words(register, need.skill, need.level)}, needed for {goals}")
    out += [f"{_attr_words(a, ask.labels[a], negate=True)}, which the family needs" for a in f.hard_unmet]
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _describe(f: _Fit, ask: _Ask, team: _Team, now: datetime, *, keeping: bool) -> tuple[list[str], list[str]]:
    """Reasons and cautions for one clinician, in words a clinician can read aloud."""
    reg, policy = team.register, team.register.policy
    c = f.person.clinician
    reasons: list[str] = []
    cautions: list[str] = []
    missing = {m.skill for m in f.missing}
    for need in ask.needs:
        held = c.skills.get(need.skill)
        if need.skill not in missing:
            goals = _goals_words(ask.goals_for[need.skill])
            if held is need.level:
                reasons.append(f"Holds {_skill_words(reg, need.skill, held)}, needed for {goals}")
            else:
                reasons.append(f"Holds {_skill_words(reg, need.skill, held)}, which covers the {need.level.value} level {goals} needs")
        elif held is not None:
            reasons.append(f"Holds {_skill_words(reg, need.skill, held)}, part of what {_goals_words(ask.goals_for[need.skill])} needs")
    if not keeping:  # for keeping, the first caution already says what is missing
        for gap in _gaps(f, ask, reg):
            tail = "" if gap.endswith("family needs") else ": Specific Partnership or another service would be needed for this"
            cautions.append(_cap(gap) + tail)
    for attr, label in ask.labels.items():
        words = _attr_words(attr, label)
        if attr in ask.hard:
            if attr not in f.hard_unmet:
                reasons.append(f"{_cap(words)}, as the family needs")
        elif attr in f.soft_met:
            reasons.append(f"{_cap(words)}, as the family would prefer")
        else:
            cautions.append(f"The family would prefer a clinician who {words}")
    if f.next_slot is None:
        cautions.append("Has no free Partnership appointment in the register")
    else:
        reasons.append(f"Next free appointment {_slot_words(f.next_slot, now)}")
        wait = f.next_slot - now
        level = policy.wait_level(wait)
        if level == 2:
            cautions.append(f"The first free appointment is {wait.days} days away, more than {policy.strong_warn_weeks} weeks: "
                            "a long wait for this family")
        elif level == 1:
            cautions.append(f"The first free appointment is {wait.days} days away, more than {policy.warn_weeks} weeks")
    spent = _spent(f, ask, team)
    use = "keeping this family" if keeping else f"allocating this family to {c.name}"
    for key, h, core_work in spent:
        line = _rarity_words(key, h, team.prof, reg)
        if core_work:
            line += f", and this case needs only core level: {use} spends scarce specific capacity {SCARCITY_ENDING}"
        else:
            line += f"; {use} uses capacity {SCARCITY_ENDING}"
        cautions.append(line)
    if not spent and not keeping:
        reasons.append("Does not tie up anything that is rare in the team")
    if not reasons:
        reasons.append("One of the nearest fits in the team for these goals")
    return reasons, cautions


# ---------------------------------------------------------------- recommend


_KEEP_REASON_WORDS = {
    "disclosure": "The young person shared something very personal today and may not want to tell it again to someone new",
    "network_work": "{name} has done a lot of work with the family's network and other agencies, and that knowledge would carry into Partnership",
    "client_preference": "The family have said they would like to carry on with {name}",
}


def _keep(team: _Team, ask: _Ask, case: Case, now: datetime) -> KeepOption:
    person = team.people[case.choice_clinician]
    name = person.clinician.name
    f = _fit(person, ask, now)
    eligible = not f.missing and not f.hard_unmet
    recorded = [_KEEP_REASON_WORDS[r].format(name=name) for r in dict.fromkeys(case.keep_reasons)]
    if case.client_wants == "keep" and "client_preference" not in case.keep_reasons:
        recorded.append(_KEEP_REASON_WORDS["client_preference"].format(name=name))
    if eligible:
        reasons, cautions = _describe(f, ask, team, now, keeping=True)
        cautions.insert(0, f"Staying with {name} is an option: offer the family the choice of staying or seeing someone else")
    else:
        reasons = []
        cautions = [f"Staying with {name} is not an option for these goals: {name} " + "; and ".join(_gaps(f, ask, team.register))]
        if case.client_wants == "keep":
            cautions.append(f"The family would like to stay with {name}: talk through who has the skills for their goals")
    if not ask.needs:
        cautions.append("None of the chosen ways of working needs a team skill, so Partnership work may not be needed")
    return KeepOption(eligible=eligible, reasons=recorded + reasons, cautions=cautions)


def _ranked(team: _Team, ask: _Ask, me: str, now: datetime) -> tuple[list[_Fit], str]:
    """The best candidates, best first, and a note for each of them when nobody is fully eligible."""
    limit = team.register.policy.max_candidates
    skill_sets = [team.holders.get(("skill", n.skill, n.level), frozenset()) for n in ask.needs]
    hard_sets = [team.holders.get((_ATTR_KIND[a], v), frozenset()) for a, v in ask.hard.items()]
    pool = _common(skill_sets + hard_sets, team, me)
    if pool:
        # Everyone in the pool fits every need, so the order starts at soft preferences;
        # full assessments are made only for those listed.
        best = heapq.nsmallest(limit, (_pool_key(team.people[cid], ask, now) for cid in pool))
        return [_fit(team.people[k[-1]], ask, now) for k in best], ""
    # Nobody is fully eligible: the nearest candidates, grouped by unmet hard needs, then missing skills.
    skill_cov: Counter[str] = Counter()
    hard_cov: Counter[str] = Counter()
    for s in skill_sets:
        skill_cov.update(s)
    for s in hard_sets:
        hard_cov.update(s)
    groups: dict[tuple[int, int], list[str]] = {}
    for cid in team.people:
        if cid != me:
            groups.setdefault((len(hard_sets) - hard_cov[cid], len(skill_sets) - skill_cov[cid]), []).append(cid)
    chosen: list[str] = []
    for k in sorted(groups):
        if len(chosen) >= limit:
            break
        chosen += groups[k]
    fits = heapq.nsmallest(limit, (_fit(team.people[cid], ask, now) for cid in chosen), key=_Fit.key)
    return fits, _nobody_note(team, ask, skill_sets, hard_sets, me)


def _common(sets: list[frozenset[str]], team: _Team, me: str) -> set[str]:
    """Clinicians other than `me` found in every one of sets (everyone, when there are none)."""
    if not sets:
        return set(team.people) - {me}
    ordered = sorted(sets, key=len)
    pool = set(ordered[0])
    for s in ordered[1:]:
        pool &= s
    pool.discard(me)
    return pool


def _nobody_note(team: _Team, ask: _Ask, skill_sets: list[frozenset[str]], hard_sets: list[frozenset[str]], me: str) -> str:
    reg = team.register
    if _common(skill_sets, team, me):
        who = "Nobody in the team who holds the needed skills" if ask.needs else "Nobody in the team"
        if me in _common(skill_sets + hard_sets, team, ""):
            who = f"Apart from {reg.clinician(me).name}, nobody" + (" who holds the needed skills" if ask.needs else " in the team")
        needs = " and ".join(_attr_words(a, ask.labels[a]) for a in ask.hard)
        return f"{who} {needs}, as the family needs: talk with the family about what would work, or about another service"
    gap = [_skill_words(reg, n.skill, n.level) for n, s in zip(ask.needs, skill_sets) if not s - {me}]
    who = f"Apart from {reg.clinician(me).name}, nobody" if me in _common(skill_sets, team, "") else "Nobody"
    return (f"{who} in the team holds every skill these goals need"
            + (f" (nobody{' else' if who != 'Nobody' else ''} offers {', '.join(gap)})" if gap else "")
            + ": plan Specific Partnership or another service for the gap")


def _now() -> datetime:
    return datetime.now()


def recommend(register: Register, case: Case, *, now: datetime | None = None,
              taken: Collection[tuple[str, datetime]] = ()) -> Recommendation:
    """Keep-or-transfer advice for a case. `now` decides which slots are in the past; `taken`
    lists (clinician id, slot) pairs already booked, never offered as a next slot."""
    check(case, register)
    now = _naive(now or _now())
    team = _team(register)
    if taken:
        team = _without_taken(team, taken)
    ask = _ask(case, register)
    keep = _keep(team, ask, case, now)
    fits, note = _ranked(team, ask, case.choice_clinician, now)
    transfer = []
    for f in fits:
        reasons, cautions = _describe(f, ask, team, now, keeping=False)
        transfer.append(Candidate(
            clinician=f.person.clinician.id,
            name=f.person.clinician.name,
            next_slot=f"{f.next_slot:%Y-%m-%dT%H:%M}" if f.next_slot else None,
            missing_skills=f.missing,
            reasons=reasons,
            cautions=[note, *cautions] if note else cautions,
        ))
    rec = Recommendation(
        recommendation="keep" if keep.eligible and case.client_wants == "keep" else "transfer",
        offer_choice=keep.eligible,
        keep=keep,
        transfer=transfer,
        needed_skills=ask.needs,
    )
    rec._others_fit = not note
    return rec
