"""The words of every reason and caution: respectful, numeric where it helps, fit to read aloud."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.matching import notes as N
from choice_assistant.matching.notes import Note, note
from choice_assistant.matching.ranking import Ask, Fit, Input, Person, Team
from choice_assistant.register.model import Level, Policy, Register
from choice_assistant.wording.languages import language_name


def skill_words(register: Register, sid: str, level: Level) -> str:
    """A skill with its level, for the clinician and the team ("CBT at specific level")."""
    return f"{register.skill_name(sid)} at {level.value} level"


def plain_skill(register: Register, sid: str, level: Level) -> str:
    """A skill as a family would follow it: "CBT", or "specialist training in CBT" where that level is needed."""
    return f"specialist training in {register.skill_name(sid)}" if level is Level.specific else register.skill_name(sid)


def goals_words(numbers: list[int]) -> str:
    if not numbers:
        return "these goals"
    if len(numbers) == 1:
        return f"goal {numbers[0]}"
    return "goals " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def slot_words(slot: datetime, now: datetime) -> str:
    year = f" {slot.year}" if slot.year != now.year else ""
    return f"{slot:%a} {slot.day} {slot:%b}{year}, {slot:%H:%M}"


def names(people: list[str]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + f" or {people[-1]}"


def value_words(team: Team, attr: str, key: str) -> str:
    """A gender, language or background as the register writes it (never the case's capitals)."""
    prof = team.prof
    if attr == "language":
        return language_name(key)
    table = prof.gender if attr == "gender" else prof.cultural_background
    h = table.get(key)
    label = h.label if h and h.label else key
    return label.lower() if attr == "gender" else label


def attr_words(team: Team, attr: str, key: str, *, negate: bool = False) -> str:
    what = value_words(team, attr, key)
    if attr == "gender":
        return f"is {'not ' if negate else ''}{what}"
    if attr == "language":
        return f"{'does not speak' if negate else 'speaks'} {what}"
    return f"{'does not have' if negate else 'has'} a {what} cultural background"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# ---------------------------------------------------------------- skills and needs


def skill_notes(f: Fit, ask: Ask, team: Team) -> tuple[list[Note], list[Note]]:
    """What a clinician holds of what the goals need, and what they lack."""
    reg = team.register
    held_by = f.person.clinician.skills
    missing = {m.skill for m in f.missing}
    reasons: list[Note] = []
    cautions: list[Note] = []
    for need in ask.needs:
        held = held_by.get(need.skill)
        numbers = ask.goals_for.get(need.skill, [])
        goals = goals_words(numbers)
        needs = "need" if len(numbers) > 1 else "needs"
        name = reg.skill_name(need.skill)
        if need.skill not in missing:
            # Family words: what the goal needs, never "levels"; specific held for core work is the team's concern.
            what = f"has specialist training in {name}" if need.level is Level.specific else f"offers {name}"
            reasons.append(note(N.SKILL_FIT, f"{cap(what)}, which {goals} {needs}"))
        elif held is not None:
            cautions.append(note(N.SKILL_PARTLY, f"Offers {name}, but {goals} {needs} someone with specialist training in it"))
        elif need.level is Level.specific:
            cautions.append(note(N.SKILL_MISSING, f"Does not have the specialist training in {name} that {goals} {needs}"))
        else:
            cautions.append(note(N.SKILL_MISSING, f"Does not offer {name}, which {goals} {needs}"))
    return reasons, cautions


def need_notes(f: Fit, ask: Ask, team: Team) -> tuple[list[Note], list[Note]]:
    """The family's hard needs and preferences, met or not."""
    reasons: list[Note] = []
    cautions: list[Note] = []
    for attr, key in ask.hard.items():
        if attr in f.hard_unmet:
            cautions.append(note(N.HARD_NEED_UNMET, f"{cap(attr_words(team, attr, key, negate=True))}, which the family needs"))
        else:
            reasons.append(note(N.HARD_NEED_MET, f"{cap(attr_words(team, attr, key))}, as the family needs"))
    for attr, key in ask.soft.items():
        if attr in f.soft_met:
            reasons.append(note(N.PREFERENCE_MET, f"{cap(attr_words(team, attr, key))}, as the family would prefer"))
        else:
            cautions.append(note(N.PREFERENCE_UNMET, f"The family would prefer someone who {attr_words(team, attr, key)}"))
    return reasons, cautions


def slot_notes(slot: datetime | None, now: datetime, policy: Policy) -> tuple[list[Note], list[Note]]:
    if slot is None:
        return [], [note(N.NO_FREE_SLOT, "No free Partnership appointment in the register yet")]
    reasons = [note(N.NEXT_SLOT, f"Next free appointment {slot_words(slot, now)}")]
    wait = slot - now
    level = policy.wait_level(wait)
    if level == 2:
        return reasons, [note(N.VERY_LONG_WAIT, f"The first free appointment is {wait.days} days away, over "
                                                f"{policy.strong_warn_weeks} weeks: a long wait for this family")]
    if level == 1:
        return reasons, [note(N.LONG_WAIT, f"The first free appointment is {wait.days} days away, over {policy.warn_weeks} weeks")]
    return reasons, []


def input_notes(inputs: list[Input], team: Team, now: datetime) -> list[Note]:
    """One note per missing skill naming who in the team could add it."""
    by_skill: dict[tuple[str, Level], list[Input]] = {}
    for i in inputs:
        by_skill.setdefault((i.need.skill, i.need.level), []).append(i)
    out = []
    for (sid, level), who in by_skill.items():
        people = [f"{i.person.clinician.name} (next free {slot_words(i.next_slot, now)})" if i.next_slot
                  else f"{i.person.clinician.name} (no free slot yet)" for i in who]
        out.append(note(N.SPECIFIC_INPUT, f"{names(people)} could join for some sessions to add "
                                          f"{plain_skill(team.register, sid, level)}"))
    return out


# ---------------------------------------------------------------- scarcity (for the clinician)


def _share(count: int, size: int) -> str:
    """Who else holds it, with the team's size: "the only clinician of 10", "1 of 2 clinicians (of 10)"."""
    return f"the only clinician of {size}" if count == 1 else f"1 of {count} clinicians (of {size})"


def _free(team: Team, key: tuple, holders: list[str], now: datetime) -> str:
    n = team.free_slots(key, holders, now)
    if n == 0:
        return "no free Partnership slots"
    return _count(n, "free Partnership slot", "free Partnership slots") + (" between them" if len(holders) > 1 else "")


def _needed_side(team: Team, ask: Ask) -> str:
    """The other side of a scarcity caution: how many can do the work this case does need."""
    reg = team.register
    parts = []
    for need in ask.needs[:2]:
        n = team.prof.skill(need.skill, need.level).count
        if n == 0:
            continue
        what = reg.skill_name(need.skill) + (" at specific level" if need.level is Level.specific else "")
        parts.append(f"{n} {'offers' if n == 1 else 'offer'} {what}")
    return ("; " + " and ".join(parts) + ", which these goals need") if parts else ""


def skill_scarcity(p: Person, ask: Ask, team: Team, now: datetime, *, keeping: bool) -> list[Note]:
    """Rare skills this clinician holds that the case leaves unused, rarest first."""
    reg, prof = team.register, team.prof
    needed_level = {n.skill: n.level for n in ask.needs}
    who = f"{p.clinician.name} is" if keeping else "Is"
    use = "keeping this family" if keeping else "seeing this family"
    out = []
    for (sid, level) in sorted((k for k in p.rare if k not in ask.used), key=lambda k: (-p.rare[k], k)):
        h = prof.skill(sid, level)
        share = _share(h.count, prof.size)
        if level is Level.specific and needed_level.get(sid) is Level.core:
            core = prof.skill(sid, Level.core).count
            out.append(note(N.SCARCE_SPECIFIC_LEVEL,
                            f"{who} {share} with {reg.skill_name(sid)} at specific level ({_free(team, ('skill', sid, level), h.holders, now)}); "
                            f"these goals need core level, which {core} offer: {use} spends scarce specific capacity"))
        else:
            what = reg.skill_name(sid) + (" at specific level" if level is Level.specific else "")
            out.append(note(N.SCARCE_SKILL,
                            f"{who} {share} who {'offers' if h.count == 1 else 'offer'} {what} ({_free(team, ('skill', sid, level), h.holders, now)}), "
                            f"which these goals do not need{_needed_side(team, ask)}: {use} leaves less of that capacity for other families"))
    return out


def person_scarcity(p: Person, ask: Ask, team: Team, now: datetime, others_fit: int) -> list[Note]:
    """Keeping only: a gender, language or background rare in the team that this case does not ask for."""
    prof, name = team.prof, p.clinician.name
    wanted = {**ask.soft, **ask.hard}
    held = ([("gender", p.gender, prof.gender, N.SCARCE_GENDER)] if p.gender else []) \
        + [("language", x, prof.languages, N.SCARCE_LANGUAGE) for x in sorted(p.languages)] \
        + ([("cultural_background", p.culture, prof.cultural_background, N.SCARCE_BACKGROUND)] if p.culture else [])
    alternative = (f"; {others_fit} other {'clinician holds' if others_fit == 1 else 'clinicians hold'} the skills these goals need"
                   if ask.needs and others_fit else "")
    out = []
    for attr, key, table, code in held:
        h = table.get(key)
        if h is None or not prof.is_rare(h) or wanted.get(attr) == key:
            continue
        one = h.count == 1
        what = {"gender": f"who {'is' if one else 'are'} {value_words(team, attr, key)}",
                "language": f"who {'speaks' if one else 'speak'} {value_words(team, attr, key)}",
                "cultural_background": f"with a {value_words(team, attr, key)} cultural background"}[attr]
        out.append(note(code, f"{name} is {_share(h.count, prof.size)} {what} ({_free(team, (attr, key), h.holders, now)}), "
                              f"which this family has not asked for{alternative}: keeping this family makes {name} "
                              "less available to families who may need that"))
    return out
