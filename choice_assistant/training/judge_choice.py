"""Judging the choice: its integrity against what the family said, allocation by skill, scarcity, tone and the letter."""

from __future__ import annotations

import re

from choice_assistant.matching.eligibility import is_eligible, missing_skills, unmet_needs
from choice_assistant.matching.notes import SCARCITY_CODES
from choice_assistant.training.evidence import Evidence
from choice_assistant.training.words import has_number, quote
from choice_assistant.training.jargon import jargon_in
from choice_assistant.training.report import Feedback, Missing, Part
from choice_assistant.training.rubric import rubric
from choice_assistant.training.scenario import ANY_SKILL_ELIGIBLE
from choice_assistant.wording.tone import check



def _part(cid: str, score: float, seen: list[str], applies: bool = True) -> Part:
    c = rubric().component(cid)
    return Part(c.id, c.title, max(0, min(100, round(score))), c.weight, c.pass_mark, seen, applies)


def _partnership(ev: Evidence) -> bool:
    o = ev.session.outcome
    return (o is not None and o.decision in ("keep", "transfer")) or ev.session.client_wants != "undecided"


def keep_eligible(ev: Evidence) -> bool:
    return ev.recommendation is not None and bool(ev.recommendation.keep.eligible)


def scarcity_cautions(recommendation) -> list:
    """The keep option's cautions about capacity rare in the team, found by note code."""
    if recommendation is None or not recommendation.keep.eligible:
        return []
    return [c for c in recommendation.keep.cautions if getattr(c, "code", None) in SCARCITY_CODES]


def family_stance(ev: Evidence) -> str | None:
    """What the family last said they want about staying (keep / transfer / undecided), from their own lines."""
    said = [ln.means for ln in ev.family() if ln.means]
    return said[-1] if said else None


def choice_integrity(ev: Evidence) -> tuple[Part, list[Feedback]]:
    """Preference asked before it is recorded; the record matches what the family said; staying offered when it may be."""
    if not _partnership(ev):
        return _part("choice_integrity", 100, ["No choice of clinician was needed."], applies=False), []
    fb: list[Feedback] = []
    seen: list[str] = []
    score = 100.0
    asks = ev.trainee(intent="preference") + ev.trainee(intent="keep_offer")
    wants = ev.session.client_wants
    stance = family_stance(ev)
    if not asks:
        score -= 40
        fb.append(Missing("choice_integrity", quote(ev.last_said("allocation")),
                           "The family were never asked what they prefer. CAPA's rule is simple: do not assume, offer a choice.",
                           ev.offer_words()))
    if wants == "undecided":
        score -= 30
        seen.append("What the family want was not recorded.")
    elif stance is None:
        score -= 50
        seen.append(f"You recorded that they want to {'stay' if wants == 'keep' else 'see someone else'}, "
                    "but the family never said so.")
        fb.append(Feedback("choice_integrity", f"recorded \"{wants}\" after {quote(ev.family('allocation')[-1].words) if ev.family('allocation') else 'no answer'}",
                           "What is recorded must be what the family said. Writing down a preference they did not state "
                           "is the assumption CAPA warns against.", "So that I write down the right thing: would you "
                           "rather carry on with me, or see the colleague I mentioned?"))
    elif stance != wants:
        score -= 50
        seen.append(f"The family said {stance}; you recorded {wants}.")
        fb.append(Feedback("choice_integrity", f"recorded \"{wants}\"", f"The family said they want to "
                           f"{'stay' if stance == 'keep' else 'see someone else' if stance == 'transfer' else 'think about it'}; "
                           "the record has to say what they said.", "Let me check I have this right: you'd like to ... ?"))
    else:
        seen.append("The record of what they want matches what they said.")
    if keep_eligible(ev) and not ev.trainee(intent="keep_offer"):
        score -= 30 if ev.scenario.good_outcome.offer_keep else 15
        fb.append(Missing("choice_integrity", quote(ev.last_said("allocation")),
                           "You hold the skills their goals need, so staying with you is an option they must be offered.",
                           ev.offer_words()))
    if any(f.kind == "disclosure" and f.id in ev.told for f in ev.scenario.hidden) and keep_eligible(ev) and "disclosure" not in ev.session.keep_reasons:
        score -= 10
        fb.append(Missing("choice_integrity", quote(ev.last_said("allocation")),
                           "After something painful was shared, retelling it to someone new can be hard, though some young "
                           "people welcome a fresh start: record it as a reason to offer staying, and ask.",
                           "You told me something hard today. Would you rather carry on with me, or would a fresh start suit you?"))
    for t in ev.trainee(intent="assumption"):
        score -= 25
        fb.append(Feedback("choice_integrity", quote(t.words), "This decides for the family instead of asking them.",
                           "What would you prefer?"))
    return _part("choice_integrity", score, seen), fb


def _named(ev: Evidence, text: str) -> list[str]:
    out = []
    for c in ev.register.clinicians:
        first = c.name.split()[0]
        if re.search(r"(?<!\w)" + re.escape(first) + r"(?!\w)", text):
            out.append(c.id)
    return out


def allocation(ev: Evidence) -> tuple[Part, list[Feedback]]:
    """The clinician holds the skills (by the one eligibility rule), never chosen by profession; scarcity explained."""
    o = ev.session.outcome
    good = ev.scenario.good_outcome
    partnership_wanted = any(d in ("keep", "transfer") for d in good.decision) and "no_partnership" not in good.decision
    by_job = [Feedback("allocation", quote(t.words), "Choosing by job title is what CAPA moves away from: the family "
                       "see whoever has the skills their goals need, whatever their profession.", ev.offer_words())
              for t in by_profession(ev)]
    if o is None or o.decision not in ("keep", "transfer"):
        if partnership_wanted:
            return _part("allocation", 0, ["No Partnership clinician was chosen."]), by_job + [Missing(
                "allocation", quote(ev.last_said("choice_point")), "This family's goals need Partnership work, so "
                "the appointment should end with who they will see, chosen by skill.", ev.offer_words())]
        if by_job:
            return _part("allocation", 100 - 30 * len(by_job), ["A clinician was described by profession."]), by_job
        return _part("allocation", 100, ["No Partnership clinician was needed."], applies=False), []
    fb: list[Feedback] = list(by_job)
    seen: list[str] = []
    score = 100.0 - 30 * len(by_job)
    rec = ev.recommendation
    needs = [(n.skill, n.level) for n in rec.needed_skills] if rec is not None else []
    hard = hard_needs(ev)
    chosen = ev.register.clinician(o.clinician) if o.clinician else None
    if chosen is None or not is_eligible(chosen, needs, hard):
        score -= 60
        gaps = [ev.register.skill_name(n.skill) for n in missing_skills(chosen, needs)] if chosen else []
        gaps += unmet_needs(chosen, hard) if chosen else []
        seen.append(f"{chosen.name if chosen else o.clinician} does not meet: {', '.join(gaps) or 'the needs'}.")
        fb.append(Missing("allocation", quote(ev.last_said("allocation")),
                           "The Partnership clinician is chosen by the skills the goals and way of working need, and the "
                           "family's hard needs such as a language; this choice misses some.",
                           ev.offer_words()))
    elif good.clinicians != ANY_SKILL_ELIGIBLE and o.clinician not in good.clinicians:
        score -= 20
        seen.append(f"{chosen.name} holds the skills, but others fit this family better.")
    else:
        seen.append(f"{chosen.name} holds every needed skill and meets the family's needs.")
    named = [c for t in ev.trainee("allocation", "booking") for c in _named(ev, t.words)]
    if named and o.clinician and named[-1] != o.clinician:
        score -= 20
        fb.append(Feedback("allocation", quote(ev.trainee("allocation", "booking")[-1].words),
                           "The clinician you named to the family is not the one you recorded; they will expect someone else.",
                           f"So you'll be seeing {chosen.name if chosen else 'them'} next; let's book that now."))
    cautions = scarcity_cautions(rec)
    wants_keep = family_stance(ev) == "keep" or ev.session.client_wants == "keep"
    if cautions and wants_keep:
        said = ev.trainee("allocation", intent="scarcity")
        note = ev.session.private_notes.get("allocation", "") if isinstance(ev.session.private_notes, dict) else ""
        with_numbers = [t for t in said if has_number(t.words)]
        if with_numbers or has_number(note) and note:
            seen.append("You explained the scarcity with numbers.")
        elif said:
            score -= 15
            fb.append(Feedback("allocation", quote(said[0].words), "Scarcity is clearer with numbers: how many in the "
                               "team hold the rare skill, against how many could do this family's work.",
                               "I'm one of only 2 people in the team with that skill, and 9 colleagues offer the family work "
                               "you chose; it's still your choice."))
        else:
            score -= 30 if o.decision == "keep" or good.notice_scarcity else 15
            fb.append(Missing("allocation", quote(ev.last_said("allocation")),
                               "You hold something rare in the team that this family's work does not need. Keeping them "
                               "spends capacity other families may need more; say so honestly, with numbers, and let them choose.",
                               "I should be open about one thing: I'm one of only 2 people here with a skill other families "
                               "wait for, while 9 colleagues offer the work you chose. You can still stay with me."))
    return _part("allocation", score, seen), fb


def by_profession(ev: Evidence) -> list:
    """The trainee's turns that tie who sees the family to a profession, whichever intent the family heard first
    (a turn can frame the move as a loss and choose by job title at once)."""
    from choice_assistant.training.intents import heard_by_rules

    return [t for t in ev.trainee() if t.intent == "profession" or "profession" in heard_by_rules(t.words)]


def hard_needs(ev: Evidence) -> dict[str, str]:
    """The family's hard needs: those recorded, those told in the conversation, and the scenario's own."""
    needs: dict[str, str] = {}
    sources = [ev.session.preferences, ev.scenario.wishes.needs]
    sources += [f.need for f in ev.scenario.hidden if f.id in ev.told and f.need is not None]
    for prefs in sources:
        for attr in prefs.required:
            value = getattr(prefs, attr)
            if value:
                needs[attr] = value
    return needs


def tone(ev: Evidence) -> tuple[Part, list[Feedback]]:
    """Loss framing and assumed preferences anywhere; the introduction framing the next step by skill and choice."""
    fb: list[Feedback] = []
    score = 100.0
    for t in ev.trainee():
        nudges = check(t.words)
        if nudges:
            score -= 35 if t.intent == "loss_framing" else 20
            better = ("What would you prefer? I'll write down what you tell me." if t.intent == "assumption"
                      else ev.offer_words())
            fb.append(Feedback("tone", quote(t.words), " ".join(dict.fromkeys(n.why for n in nudges)), better))
        elif t.intent == "loss_framing":
            score -= 25
            fb.append(Feedback("tone", quote(t.words), "This frames seeing someone else as a loss; the family hear bad "
                               "news, and trust drops.", ev.offer_words()))
        words = jargon_in(t.words)
        if words:
            score -= 10
            fb.append(Feedback("tone", quote(t.words), f"Service words ({', '.join(words)}) lose the family; they stop "
                               "to ask, or nod without following.", "Say it in everyday words, as you would to a neighbour."))
    intro = ev.trainee("introduction")
    framed = [t for t in intro if t.intent in ("preference", "options") or "skill" in t.words.lower()]
    if not framed:
        score -= 30
        fb.append(Missing("tone", quote(intro[0].words) if intro else "nothing of your own at the introduction",
                           "Said up front, that the next clinician is chosen by skill and by their preference, a change "
                           "later feels like the plan, not a loss.",
                           "After today you'll usually see the person in our team whose skills best fit your goals, and "
                           "we'll ask what you'd prefer."))
    return _part("tone", score, [f"{len(fb)} wording point(s)."] if fb else ["No loss framing or assumed preference."]), fb


def letters(ev: Evidence) -> tuple[Part, list[Feedback]]:
    """Copies agreed with the family, and the letter's contents in place."""
    s = ev.session
    items = {
        "copies asked": bool(ev.trainee("letters")),
        "things to try": bool(s.things_to_try),
        "shared understanding": bool(s.formulation.strip()),
        "goals with ratings": bool(s.goals) and all(g.rating is not None for g in s.goals),
    }
    missing = [k for k, v in items.items() if not v]
    fb = []
    if missing:
        fb.append(Missing("letters", quote(ev.last_said("letters")) if ev.last_said("letters") else "nothing at the letter",
                           "The letter is the family's record of the choices made; it needs " + ", ".join(missing)
                           + ", and copies go only where they agree.",
                           "We'll send you a letter in plain words with your goals and what we agreed. Would you like a copy sent to your GP?"))
    score = 100 * sum(items.values()) / len(items)
    return _part("letters", score, [f"Missing: {', '.join(missing)}." if missing else "Everything the letter needs is there."]), fb
