"""Keep-or-transfer advice: the Recommendation contract and `recommend()`, which assembles it."""

from __future__ import annotations

from datetime import datetime
from typing import Collection, Literal

from pydantic import BaseModel, ConfigDict, Field

from choice_assistant.matching import notes as N
from choice_assistant.matching import note_text as W
from choice_assistant.matching.case import Case, check, needed_skills
from choice_assistant.matching.eligibility import SkillNeed
from choice_assistant.matching.notes import Note, note
from choice_assistant.matching.ranking import (
    Ask, Fit, Input, Team, ask_of, assess, common, hard_sets, ranked, skill_sets, speakers_who_fit,
    specific_input, team_of, uncovered, without_taken,
)
from choice_assistant.matching.scarcity import naive
from choice_assistant.register.model import Level, Register

__all__ = ["Candidate", "KeepOption", "Recommendation", "SkillNeed", "SpecificInput", "check", "needed_skills", "recommend"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SpecificInput(_Out):
    """A team member who can add a skill the Core worker lacks, as Specific Partnership input."""

    clinician: str
    name: str
    skill: str
    level: Level
    next_slot: str | None = Field(description="their earliest free Partnership slot, or null")


class KeepOption(_Out):
    """Whether staying with the Choice clinician is an option, and what to weigh."""

    eligible: bool = Field(description="the Choice clinician holds every needed skill and meets the family's hard needs "
                                       "(or, when nobody does, can be Core worker with Specific input from the team)")
    reasons: list[Note] = Field(default_factory=list)
    cautions: list[Note] = Field(default_factory=list)
    specific_input: list[SpecificInput] = Field(default_factory=list)


class Candidate(_Out):
    """A clinician the family could see for Partnership work."""

    clinician: str = Field(description="clinician id")
    name: str
    next_slot: str | None = Field(description="earliest free Partnership slot as YYYY-MM-DDTHH:MM, or null")
    missing_skills: list[SkillNeed] = Field(default_factory=list)
    specific_input: list[SpecificInput] = Field(default_factory=list)
    reasons: list[Note] = Field(default_factory=list)
    cautions: list[Note] = Field(default_factory=list)


class Recommendation(_Out):
    """The keep-or-transfer advice; `model_dump(mode="json")` is the JSON contract."""

    recommendation: Literal["transfer", "keep"]
    offer_choice: bool = Field(description="true whenever staying with the Choice clinician is an option")
    partnership_needed: bool = Field(description="false when no goal needs a team skill")
    suggested: str | None = Field(description="the clinician the advice suggests; null when nobody fits every need or none is needed")
    keep: KeepOption
    transfer: list[Candidate] = Field(description="best first; never the Choice clinician")
    needed_skills: list[SkillNeed]

    def candidate(self, cid: str | None) -> Candidate | None:
        return next((c for c in self.transfer if c.clinician == cid), None)


def _slot(d: datetime | None) -> str | None:
    return f"{d:%Y-%m-%dT%H:%M}" if d else None


def _inputs(inputs: list[Input]) -> list[SpecificInput]:
    return [SpecificInput(clinician=i.person.id, name=i.person.clinician.name, skill=i.need.skill,
                          level=i.need.level, next_slot=_slot(i.next_slot)) for i in inputs]


def _describe(f: Fit, ask: Ask, team: Team, now: datetime, inputs: list[Input], *, keeping: bool) -> tuple[list[Note], list[Note]]:
    """Reasons and cautions for one clinician."""
    skill_r, skill_c = W.skill_notes(f, ask, team)
    need_r, need_c = W.need_notes(f, ask, team)
    slot_r, slot_c = W.slot_notes(f.next_slot, now, team.register.policy)
    reasons = [*skill_r, *W.input_notes(inputs, team, now), *need_r, *slot_r]
    cautions = [*skill_c, *need_c, *slot_c, *W.skill_scarcity(f.person, ask, team, now, keeping=keeping)]
    if not keeping and ask.needs and not f.person.rare.keys() - ask.used:
        reasons.append(note(N.NO_RARE_SKILL_SPENT, "Seeing this family would not use any skill that is rare in the team"))
    if not reasons and not keeping:
        reasons.append(note(N.NEAREST_FIT, "One of the nearest fits in the team for these goals"))
    return reasons, cautions


_KEEP_REASONS = {
    N.DISCLOSURE: "The young person shared something very personal today. Going over it again with someone new may be "
                  "hard for them, or having said it may leave them ready for a fresh start: ask which feels right",
    N.NETWORK_WORK: "{name} has done a lot of work with the family's network and other agencies; that knowledge could carry into Partnership",
    N.CLIENT_PREFERENCE: "The family have said they would like to carry on with {name}",
}


def _keep(team: Team, ask: Ask, case: Case, now: datetime, others_fit: bool) -> tuple[KeepOption, Fit]:
    me = team.people[case.choice_clinician]
    name = me.clinician.name
    f = assess(me, ask, now)
    lacking_everywhere = {(n.skill, n.level) for n in uncovered(team, ask)}
    core_worker = (not f.full and not others_fit and not f.hard_unmet and len(f.missing) < len(ask.needs)
                   and not any((m.skill, m.level) in lacking_everywhere for m in f.missing))
    eligible = f.full or core_worker
    wanted = list(dict.fromkeys(case.keep_reasons))
    if case.client_wants == "keep" and N.CLIENT_PREFERENCE not in wanted:
        wanted.append(N.CLIENT_PREFERENCE)
    reasons = [note(code, _KEEP_REASONS[code].format(name=name)) for code in wanted]
    inputs = specific_input(team, ask, f, now) if core_worker else []
    cautions: list[Note] = []
    if eligible:
        more_r, more_c = _describe(f, ask, team, now, inputs, keeping=True)
        reasons += more_r
        if f.full:
            if case.client_wants == "undecided":  # once the family have answered, the advice follows and asks no more
                cautions.append(note(N.KEEP_OPTION, f"Staying with {name} is one option and seeing someone else is another: "
                                                    "ask the family which they would prefer"))
        else:
            cautions.append(note(N.KEEP_WITH_SPECIFIC_INPUT, f"Nobody in the team holds every skill these goals need: {name} "
                                                             "could stay as Core worker, with colleagues adding the rest as Specific input"))
        cautions += more_c
        others = len(common(skill_sets(team, ask) + hard_sets(team, ask), team, me.id))
        cautions += W.person_scarcity(me, ask, team, now, others)
    else:
        skill_c = W.skill_notes(f, ask, team)[1]
        need_c = [n for n in W.need_notes(f, ask, team)[1] if n.code == N.HARD_NEED_UNMET]
        gaps = "; ".join(n.text[:1].lower() + n.text[1:] for n in skill_c + need_c)
        cautions.append(note(N.KEEP_NOT_ELIGIBLE, f"Staying with {name} is not an option for these goals: {name} {gaps}"))
        if case.client_wants == "keep":
            cautions.append(note(N.WANTS_KEEP_NOT_ELIGIBLE, f"The family would like to stay with {name}: talk through with "
                                                            "them who has the skills for their goals"))
    if not ask.needs:
        cautions.append(note(N.NO_PARTNERSHIP_NEEDED, "None of the chosen ways of working needs a team skill, so "
                                                      "Partnership work may not be needed"))
    return KeepOption(eligible=eligible, reasons=reasons, cautions=cautions, specific_input=_inputs(inputs)), f


def _general(team: Team, ask: Ask, me: str, others_fit: bool, me_full: bool, paired: bool) -> list[Note]:
    """Notes about the whole advice, said once (on the first candidate)."""
    reg = team.register
    out: list[Note] = []
    if not others_fit and (ask.needs or ask.hard):
        apart = f"Apart from {reg.clinician(me).name}, nobody" if me_full else "Nobody"
        if common(skill_sets(team, ask), team, me):
            needs = " and ".join(W.attr_words(team, a, v) for a, v in ask.hard.items())
            who = f"{apart} in the team who offers the needed skills" if ask.needs else f"{apart} in the team"
            out.append(note(N.NOBODY_FITS, f"{who} {needs}, as the family needs: talk with the family about what would work for them"))
        else:
            plan = (": a main worker could be joined by colleagues who add what is missing" if paired else "")
            out.append(note(N.NOBODY_FITS, f"{apart} in the team holds every skill these goals need{plan}"))
    for need in uncovered(team, ask):
        offers = "has specialist training in" if need.level.value == "specific" else "offers"
        out.append(note(N.ANOTHER_SERVICE, f"Nobody in the team {offers} {reg.skill_name(need.skill)}: "
                                           "that part of the work would need another service"))
    language = ask.hard.get("language") or ask.soft.get("language")
    if language and ask.needs and not speakers_who_fit(team, ask, language):
        out.append(note(N.INTERPRETER, f"Nobody who offers the skills these goals need speaks {W.value_words(team, 'language', language)}: "
                                       "an interpreter would be needed; check with the family that this works for them"))
    return out


def _now() -> datetime:
    return datetime.now()


def recommend(register: Register, case: Case, *, now: datetime | None = None,
              taken: Collection[tuple[str, datetime]] = ()) -> Recommendation:
    """Keep-or-transfer advice for a case. `now` decides which slots are past (never offered);
    `taken` lists (clinician id, slot) pairs already booked, never offered as a next slot."""
    check(case, register)
    now = naive(now or _now())
    team = team_of(register)
    if taken:
        team = without_taken(team, taken)
    ask = ask_of(case, register)
    me = case.choice_clinician
    fits = ranked(team, ask, me, now)
    others_fit = bool(fits) and fits[0].full
    keep, me_fit = _keep(team, ask, case, now, others_fit)
    transfer = []
    for f in fits:
        inputs = specific_input(team, ask, f, now) if f.missing else []
        reasons, cautions = _describe(f, ask, team, now, inputs, keeping=False)
        transfer.append(Candidate(
            clinician=f.person.id, name=f.person.clinician.name, next_slot=_slot(f.next_slot),
            missing_skills=f.missing, specific_input=_inputs(inputs), reasons=reasons, cautions=cautions,
        ))
    paired = bool(keep.specific_input) or any(c.specific_input for c in transfer)
    general = _general(team, ask, me, others_fit, me_fit.full, paired)
    if general:
        (transfer[0].cautions if transfer else keep.cautions)[:0] = general
    decision = "keep" if keep.eligible and case.client_wants == "keep" else "transfer"
    full = [f for f in fits if f.full]
    bookable = [f for f in full if f.next_slot is not None]
    suggested: str | None = None
    if ask.needs:
        if decision == "keep" and me_fit.full and (me_fit.next_slot is not None or not bookable):
            suggested = me
        elif full:
            suggested = (bookable or full)[0].person.id
            first = (bookable or full)[0]
            if first.next_slot is not None and any(f.next_slot is not None and f.next_slot < first.next_slot for f in bookable):
                # Ranked above an earlier appointment (by the scarcity of skills it would leave unused): a reason
                # the family can follow, while the team's own reasons stay in the clinician's notes.
                chosen = next(c for c in transfer if c.clinician == suggested)
                chosen.reasons.insert(0, note(N.CLOSEST_MATCH, "Suggested ahead of an earlier appointment because what "
                                                               f"{first.person.clinician.name} offers matches these goals most closely"))
    return Recommendation(
        recommendation=decision, offer_choice=keep.eligible, partnership_needed=bool(ask.needs),
        suggested=suggested, keep=keep, transfer=transfer, needed_skills=ask.needs,
    )
