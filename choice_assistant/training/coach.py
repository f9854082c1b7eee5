"""The training coach: why each stage matters, and the feedback report on a practice appointment.

Public API:
    why_this_matters(stage) -> str      CAPA's reasons for the stage, and what the feedback will look at
    feedback(scenario, session, transcript, recommendation=None, *, register, phrases_said=None) -> Report
    eligibility_gaps(register, clinician_id, [(skill, level)], hard_needs) -> list[str]   [] = skill-eligible
    hard_needs(scenario, session) -> dict[str, str];  scarcity_cautions(recommendation) -> list[str]
    Report.points, Report.point(key), Report.counts(), Report.markdown()
    Point(key, title, verdict, seen, good_looks_like); VERDICT_LABELS
    Line(who, text, stage)               one line of the practice conversation (who: TRAINEE or FAMILY)

Each judgement reads what was recorded (the session export), what the trainee typed (the
transcript) and the scenario (what the family really said and wanted). The signals are simple
and stated in each point, so a trainee can see why a verdict was given:
  introduction  required phrases ticked, and the trainee's own words there free of tone nudges
  goals         each of the family's goals recorded in their words (most of their content words
                kept), with whose goal it is and the rating they gave
  risk          a safety question in the trainee's words, and an answer recorded (not "none")
  choices       two or more options per goal; the family asked what they prefer; staying offered
                when it is an option; what the family wants recorded as they said it
  skill         the chosen clinician holds every needed skill at its level and meets the family's
                real hard needs (from the scenario, whether or not the trainee recorded them)
  scarcity      when keeping carried a scarcity caution and the family wanted to stay: at the
                "who they will see" stage the trainee's words or private note mention the scarcity
                (rare, few, only one, other families, capacity, ...) or name the rare skill or
                language. This shows the matter was raised, not how well it was discussed.
  tone          tone.check over every line the trainee typed
  outcome       the decision (and booking) against the scenario's good outcome
Nothing here imports a user interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple

from choice_assistant.register.model import Register
from choice_assistant.training.scenario import ANY_SKILL_ELIGIBLE, Scenario
from choice_assistant.appointment.session import Session

TRAINEE = "trainee"
FAMILY = "family"

GOOD, COULD_BE_BETTER, MISSED, NOT_APPLICABLE = "good", "could_be_better", "missed", "not_applicable"
VERDICT_LABELS = {GOOD: "Good", COULD_BE_BETTER: "Could be better", MISSED: "Missed", NOT_APPLICABLE: "Not needed here"}


class Line(NamedTuple):
    """One line of the practice conversation."""

    who: str  # TRAINEE or FAMILY
    text: str
    stage: str = ""


@dataclass(frozen=True)
class Point:
    """One judgement: what was seen, and what good looks like."""

    key: str
    title: str
    verdict: str
    seen: str
    good_looks_like: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICT_LABELS:
            raise ValueError(f"unknown verdict '{self.verdict}'")
        object.__setattr__(self, "seen", _tidy(self.seen))

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass
class Report:
    """The feedback on one practice appointment."""

    scenario_id: str
    scenario_title: str
    practises: str
    young_person: str
    points: list[Point]
    transcript: list[Line] = field(default_factory=list)

    def point(self, key: str) -> Point:
        for p in self.points:
            if p.key == key:
                return p
        raise KeyError(key)

    def counts(self) -> dict[str, int]:
        return {v: sum(p.verdict == v for p in self.points) for v in VERDICT_LABELS}

    def summary(self) -> str:
        c = self.counts()
        parts = [f"{c[v]} {VERDICT_LABELS[v].lower()}" for v in (GOOD, COULD_BE_BETTER, MISSED) if c[v]]
        return ", ".join(parts) or "nothing to judge yet"

    def markdown(self) -> str:
        from choice_assistant.appointment import STAGE_TITLES

        out = [f"# Training feedback: {self.scenario_title}", "",
               f"Scenario `{self.scenario_id}`, practising {self.practises[:1].lower()}{self.practises[1:]}",
               f"Young person: {self.young_person}. This was a practice appointment with a simulated family.", "",
               f"**Summary:** {self.summary()}.", ""]
        for n, p in enumerate(self.points, 1):
            out += [f"## {n}. {p.title}: {p.label}", "", f"**What was seen:** {p.seen}", "",
                    f"**What good looks like:** {p.good_looks_like}", ""]
        if self.transcript:
            out += ["## The conversation", ""]
            for line in self.transcript:
                who = "You" if line.who == TRAINEE else "Family"
                where = f" ({STAGE_TITLES.get(line.stage, line.stage)})" if line.stage and line.who == TRAINEE else ""
                out.append(f"- **{who}**{where}: {_one_line(line.text)}")
            out.append("")
        return "\n".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tidy(text: str) -> str:
    """Drop a full stop doubled after a quotation that already ends a sentence."""
    return re.sub(r'([.!?])(["]?)[.;](\s|$)', r"\1\2\3", text)


# -- why this matters ----------------------------------------------------------------------------

_LOOKS_FOR = {
    "introduction": "In the feedback: were the required phrases said, and did your own words describe the next step as "
                    "chosen by skill and by the family's preference, without apology?",
    "curiosity": "In the feedback: did you ask about safety in your own words, and record the family's answer rather than "
                 "a placeholder such as \"none\"?",
    "goals": "In the feedback: are the goals in the family's own words, with whose goal each is and the rating they gave?",
    "options": "In the feedback: did each goal have more than one way forward on the table?",
    "choice_point": "In the feedback: does the agreed plan fit what the family need, including when that is no Partnership "
                    "work at all?",
    "allocation": "In the feedback: did you ask what the family prefer, offer staying when it is an option, choose by skill "
                  "and the family's needs, and talk through any caution about scarce skills?",
    "booking": "In the feedback: was the next appointment booked while the family were there?",
}


def why_this_matters(stage: str) -> str:
    """Why this stage matters in CAPA, and what the feedback report will look at."""
    from choice_assistant.wording.stage_prompts import help_text

    text = help_text(stage)
    extra = _LOOKS_FOR.get(stage)
    return f"{text}\n\n{extra}" if extra else text


# -- reading the conversation -------------------------------------------------------------------

_SKILL_WORDS = re.compile(r"\b(skill\w*|best (fit|suited|placed)|suit\w*|fits?|right person|experience\w*)\b", re.I)
_CHOICE_WORDS = re.compile(r"\b(prefer\w*|choice\w*|choos\w*|would you like|what you(?:'d| would) like|your (view|say)|"
                           r"up to you|what do you think|how do you feel|what would suit)\b", re.I)
_SAFETY_WORDS = re.compile(r"\b(safe\w*|unsafe|harm\w*|hurt\w*|risk\w*|suicid\w*|kill\w*|danger\w*|abus\w*)\b", re.I)
_STAY_WORDS = re.compile(r"\b(stay\w*|carry on|continu\w*|keep (seeing|working)|with me|remain\w*)\b", re.I)
_SCARCITY_WORDS = re.compile(r"\b(rare\w*|scarce\w*|scarcity|few|fewer|only (one|two|person|clinician|people)|"
                             r"other famil\w*|others who|in demand|capacity|less available)\b", re.I)
_LOSS_WORDS = re.compile(r"\b(transfer\w*|move|moving|pass\w*|hand\w*|someone else|another)\b", re.I)
_PLACEHOLDERS = {"none", "n/a", "na", "nil", "no", "ok", "okay", "fine", "-", "nothing", "not asked", "no risk",
                 "no risks", "none known", "nka", "nfa", "tbc", "x"}
_STOP = set("""a an and are as at be been but by can do does for from get got have has i i'd i'm in into is it
its just me my of on or our so than that the their them then there they this to too up us was we were what when
with without would you your he she his her him be able more less some any all very really much""".split())


def _said(transcript: list[Line], *stages: str) -> list[Line]:
    return [ln for ln in transcript if ln.who == TRAINEE and (not stages or ln.stage in stages)]


def _text(lines: Iterable[Line]) -> str:
    return "\n".join(ln.text for ln in lines)


def _quote(text: str, limit: int = 160) -> str:
    text = _one_line(text)
    return f"\"{text if len(text) <= limit else text[: limit - 3] + '...'}\""


def _content(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    out = set()
    for w in words:
        w = w.removesuffix("'s")
        if len(w) < 3 or w in _STOP:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


def _overlap(family_words: str, recorded: str) -> float:
    theirs = _content(family_words)
    if not theirs:
        return 1.0
    return len(theirs & _content(recorded)) / len(theirs)


def _is_loss_framing(phrase: str) -> bool:
    return bool(_LOSS_WORDS.search(phrase)) or bool(re.search(r"\b(have|need)\s+to\b", phrase, re.I))


def _clinician_name(register: Register, cid: str | None) -> str:
    c = register.clinician(cid) if cid else None
    return c.name if c else (cid or "nobody")


# -- eligibility (the scenario's real needs, not only what was recorded) ------------------------

def hard_needs(scenario: Scenario, session: Session) -> dict[str, str]:
    """The family's hard needs (attribute -> value): those recorded, and those the scenario says they have."""
    from choice_assistant.matching.scarcity import norm

    needs: dict[str, str] = {}
    for prefs in (session.preferences, scenario.wishes.needs):  # the family's real needs win
        for attr in prefs.required:
            value = norm(getattr(prefs, attr))
            if value:
                needs[attr] = value
    return needs


def eligibility_gaps(register: Register, cid: str, skills: list[tuple[str, Any]], hard: dict[str, str]) -> list[str]:
    """What keeps a clinician from being skill-eligible, in words ([] = eligible)."""
    from choice_assistant.matching.eligibility import missing_skills, unmet_needs
    from choice_assistant.wording.languages import language_name

    c = register.clinician(cid)
    if c is None:
        return [f"'{cid}' is not in the register"]
    gaps = [f"does not hold {register.skill_name(m.skill)} at {m.level.value} level" for m in missing_skills(c, skills)]
    for attr in unmet_needs(c, hard):
        value = hard[attr]
        if attr == "language":
            gaps.append(f"does not speak {language_name(value)}, which the family needs")
        else:
            gaps.append(f"is not {value}, which the family needs" if attr == "gender"
                        else f"does not have the {value} background the family needs")
    return gaps


def _needed(recommendation: Any) -> list[tuple[str, Any]]:
    return [(n.skill, n.level) for n in recommendation.needed_skills] if recommendation is not None else []


def scarcity_cautions(recommendation: Any) -> list[str]:
    """The keep option's cautions about spending capacity that is rare in the team."""
    from choice_assistant.matching.notes import SCARCITY_CODES

    if recommendation is None or not recommendation.keep.eligible:
        return []
    return [c.text for c in recommendation.keep.cautions if c.code in SCARCITY_CODES]


def _scarcity_names(register: Register, choice_clinician: str | None, cautions: list[str]) -> list[str]:
    """Names of the rare things the cautions mention that the Choice clinician holds (skills, languages, ...)."""
    from choice_assistant.wording.languages import language_name

    c = register.clinician(choice_clinician) if choice_clinician else None
    if c is None:
        return []
    candidates = [register.skill_name(s) for s in c.skills] + [language_name(x) for x in c.languages]
    candidates += [x for x in (c.gender, c.cultural_background) if x]
    text = "\n".join(cautions)
    names = [n for n in candidates if n and n in text]
    # Short forms a trainee would say: "EMDR" for "EMDR for trauma", "CBT" for "Cognitive ... (CBT)".
    for n in list(names):
        names += re.findall(r"\b[A-Z]{2,}(?:-[A-Z]+)?\b", n)
        names.append(n.split(" (")[0])
    return sorted(set(names), key=len, reverse=True)


def _raised_scarcity(text: str, names: list[str]) -> bool:
    if _SCARCITY_WORDS.search(text):
        return True
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.I) for n in names)


# -- the judgements -------------------------------------------------------------------------------

def _introduction(transcript: list[Line], phrases_said: dict[str, bool] | None) -> Point:
    from choice_assistant.wording.catalogue import phrase_bank
    from choice_assistant.wording.tone import check

    title = "The introduction framed the next step positively"
    good = ("Early on, say warmly that after today the family will usually see the person whose skills best fit their "
            "goals and way of working, and that you will ask what they prefer. Said up front, a change of clinician later "
            "feels like the plan, not a loss.")
    required = [p for p in phrase_bank() if p.required]
    ticked = [p for p in required if (phrases_said or {}).get(p.id)]
    words = _text(_said(transcript, "introduction"))
    nudges = check(words)
    own = bool(_SKILL_WORDS.search(words)) and bool(_CHOICE_WORDS.search(words))
    seen = []
    if required:
        seen.append(f"You ticked {len(ticked)} of the {len(required)} required phrases"
                    + (f" ({', '.join(p.title for p in ticked)})" if ticked else "") + ".")
    if words.strip():
        seen.append(f"In your own words you said {_quote(words)}.")
        seen.append("Your words described the next step as chosen by skill and by their preference." if own
                    else "Your own words did not say that the next clinician is chosen by skill and by their preference.")
    else:
        seen.append("You typed nothing of your own at the introduction.")
    if nudges:
        seen.append("Wording worth changing: " + "; ".join(_quote(n.phrase) + f" ({n.why})" for n in nudges))
    covered = (required and len(ticked) == len(required)) or own
    if not covered:
        verdict = MISSED
    elif any(_is_loss_framing(n.phrase) for n in nudges):
        verdict = MISSED
        seen.append("The phrases were ticked, but the words said framed the next step as a loss.")
    elif nudges:
        verdict = COULD_BE_BETTER
    else:
        verdict = GOOD
    return Point("introduction", title, verdict, " ".join(seen), good)


def _goals(scenario: Scenario, session: Session) -> Point:
    from choice_assistant.wording.catalogue import OWNER_WORDS

    title = "Goals in the family's own words, with whose goal and a rating"
    good = ("Write each goal as the family said it, note whose goal it is, and ask for a 0-10 rating of where things are "
            "now. Their words, not clinical terms, keep the work theirs and show later whether things changed.")
    recorded = list(session.goals)
    if not recorded:
        return Point("goals", title, MISSED, "No goals were recorded.", good)
    free = list(range(len(recorded)))
    seen: list[str] = []
    problems = 0
    matched = 0
    for sg in scenario.goals:
        best = max(free, key=lambda i: _overlap(sg.text, recorded[i].text), default=None)
        score = _overlap(sg.text, recorded[best].text) if best is not None else 0.0
        if best is None or score < 0.25:
            problems += 1
            seen.append(f"The family's goal {_quote(sg.text)} was not recorded.")
            continue
        free.remove(best)
        matched += 1
        g = recorded[best]
        notes = []
        if score < 0.6:
            notes.append(f"recorded as {_quote(g.text)}, not in their words ({_quote(sg.text)})")
        if g.owner != sg.owner:
            notes.append(f"recorded as {OWNER_WORDS.get(g.owner or '', 'nobody')}'s goal; it was {OWNER_WORDS[sg.owner]}'s")
        if g.rating is None:
            notes.append("no rating recorded")
        elif g.rating != sg.rating:
            notes.append(f"rating recorded as {g.rating}; the family said {sg.rating}")
        if notes:
            problems += 1
            seen.append(f"Goal {_quote(sg.text, 80)}: " + "; ".join(notes) + ".")
        else:
            seen.append(f"Goal {_quote(sg.text, 80)}: in their words, {OWNER_WORDS[sg.owner]}'s, rated {g.rating}.")
    for i in free:
        seen.append(f"Also recorded: {_quote(recorded[i].text, 80)}, which the family did not ask for.")
    if matched == 0 or all(g.rating is None for g in recorded):
        verdict = MISSED
    elif problems or free:
        verdict = COULD_BE_BETTER
    else:
        verdict = GOOD
    return Point("goals", title, verdict, " ".join(seen), good)


def _risk(scenario: Scenario, session: Session, transcript: list[Line]) -> Point:
    title = "The risk and safeguarding question was asked"
    good = ("Ask everyone, every time, about safety (thoughts of harm, feeling unsafe at home or elsewhere) in plain words, "
            "and record what they said. A placeholder such as \"none\" does not show the question was asked.")
    asked = [ln for ln in _said(transcript) if _SAFETY_WORDS.search(ln.text)]
    answer = session.risk.strip()
    placeholder = answer.lower().strip(" .") in _PLACEHOLDERS or len(answer.split()) < 3
    seen = []
    seen.append(f"You asked: {_quote(asked[0].text)}." if asked else "No question about safety appears in what you said.")
    seen.append(f"Recorded: {_quote(answer)}." if answer else "Nothing was recorded for risk and safeguarding.")
    if answer and placeholder:
        seen.append(f"That reads as a placeholder; the family's answer was {_quote(scenario.risk)}.")
    if not answer or (not asked and placeholder):
        verdict = MISSED
    elif not asked or placeholder:
        verdict = COULD_BE_BETTER
    else:
        verdict = GOOD
    return Point("risk", title, verdict, " ".join(seen), good)


def _choices(scenario: Scenario, session: Session, transcript: list[Line], recommendation: Any,
             scarcity_raised: bool) -> Point:
    title = "Choices were offered, not assumed"
    good = ("Lay out more than one way forward for each goal, including the family's own strengths and services outside "
            "the team. At the choice of clinician, say who has the skills, offer staying with you when you have them, and "
            "ask what they prefer; record their answer, never your guess.")
    seen: list[str] = []
    worse = better = False
    thin = [n for n in range(1, len(session.goals) + 1)
            if sum(o.goal == n for o in session.options_discussed) < 2]
    if not session.goals:
        seen.append("No goals were recorded, so no options could be offered.")
        worse = True
    elif thin:
        seen.append(f"Only one way of working (or none) was discussed for goal{'s' if len(thin) > 1 else ''} "
                    f"{', '.join(map(str, thin))}.")
        better = True
    else:
        seen.append("Each goal had at least two ways forward discussed.")
    outcome = session.outcome.decision if session.outcome else None
    if outcome in ("keep", "transfer") or session.client_wants != "undecided":
        asked = [ln for ln in _said(transcript, "allocation") if _CHOICE_WORDS.search(ln.text)]
        if asked:
            seen.append(f"You asked: {_quote(asked[0].text)}.")
        else:
            seen.append("You did not ask the family, in words, what they would prefer.")
            better = True
        keep_eligible = recommendation is not None and recommendation.keep.eligible
        if keep_eligible:
            offered = [ln for ln in _said(transcript, "allocation") if _STAY_WORDS.search(ln.text)]
            if offered:
                seen.append("You offered staying with you as an option.")
            else:
                seen.append("Staying with you was an option, but you did not offer it.")
                if scenario.good_outcome.offer_keep:
                    worse = True
                else:
                    better = True
        expected = {"keep"} if scenario.wishes.wants_to_keep and keep_eligible else {"transfer"}
        if scenario.wishes.wants_to_keep and keep_eligible and scenario.good_outcome.notice_scarcity and scarcity_raised:
            expected = {"keep", "transfer"}
        wants = session.client_wants
        if wants == "undecided":
            seen.append("What the family want was not recorded.")
            worse = True
        elif wants in expected:
            seen.append(f"You recorded that the family want to {'stay' if wants == 'keep' else 'see someone else'}, as they said.")
        else:
            said = "stay" if scenario.wishes.wants_to_keep else "see whoever fits their goals best"
            seen.append(f"You recorded that the family want to {'stay' if wants == 'keep' else 'see someone else'}, "
                        f"but they wanted to {said}: their preference was assumed.")
            worse = True
        if scenario.wishes.disclosure and keep_eligible and "disclosure" not in session.keep_reasons:
            seen.append("The young person shared something painful with you; it was not recorded as a reason to offer staying.")
            better = True
    elif outcome in ("no_partnership", "choice_plus"):
        seen.append("The family left without Partnership work, so no choice of clinician was needed.")
    else:
        seen.append("The appointment did not reach the choice of who the family will see.")
        worse = worse or any(d in ("keep", "transfer") for d in scenario.good_outcome.decision)
    verdict = MISSED if worse else COULD_BE_BETTER if better else GOOD
    return Point("choices", title, verdict, " ".join(seen), good)


def _skill(scenario: Scenario, session: Session, register: Register, recommendation: Any) -> Point:
    title = "The Partnership clinician was chosen by skill"
    good = ("Choose the clinician who holds every skill the agreed goals and way of working need, at the needed level, and "
            "who meets the family's hard needs such as language; not whoever did Choice or has the first free slot. "
            "When nobody in the team has the skill, say so, and agree another way of working or another service.")
    o = session.outcome
    if o is None or o.decision not in ("keep", "transfer"):
        if any(d in ("keep", "transfer") for d in scenario.good_outcome.decision) and "no_partnership" not in scenario.good_outcome.decision:
            return Point("skill", title, MISSED, "No Partnership clinician was chosen.", good)
        return Point("skill", title, NOT_APPLICABLE, "No Partnership clinician was needed in this appointment.", good)
    needs = _needed(recommendation)
    hard = hard_needs(scenario, session)
    name = _clinician_name(register, o.clinician)
    gaps = eligibility_gaps(register, o.clinician or "", needs, hard)
    nobody = not any(not eligibility_gaps(register, c.id, needs, hard) for c in register.clinicians)
    seen = []
    need_words = "; ".join(f"{register.skill_name(s)} at {lv.value} level" for s, lv in needs) or "no team skill"
    seen.append(f"The agreed goals need {need_words}.")
    missing_needs = [a for a in scenario.wishes.needs.required if a not in session.preferences.required]
    if missing_needs:
        seen.append(f"The family's need ({', '.join(missing_needs)}) was not recorded, so the suggestions did not allow for it.")
    acceptable = scenario.good_outcome.clinicians
    if gaps:
        seen.append(f"You chose {name}, who {'; '.join(gaps)}.")
        if nobody:
            seen.append("Nobody in the team holds all of these: the plan needed another way of working, Specific "
                        "Partnership or another service for the gap.")
        verdict = MISSED
    elif acceptable != ANY_SKILL_ELIGIBLE and o.clinician not in acceptable:
        others = ", ".join(_clinician_name(register, c) for c in acceptable)
        seen.append(f"You chose {name}, who holds the skills; for this family {others} would fit better.")
        verdict = COULD_BE_BETTER
    else:
        seen.append(f"You chose {name}, who holds every needed skill" + (" and meets the family's needs." if hard else "."))
        verdict = GOOD
    return Point("skill", title, verdict, " ".join(seen), good)


def _scarcity(scenario: Scenario, session: Session, register: Register, recommendation: Any,
              raised: bool, cautions: list[str]) -> Point:
    title = "Scarcity cautions on keeping were weighed"
    good = ("When you hold something rare in the team that this family does not need (a skill, a language, a background), "
            "keeping them spends capacity other families may need more. Say so honestly, with the numbers, and still let "
            "the family choose.")
    wanted_keep = scenario.wishes.wants_to_keep or session.client_wants == "keep"
    if not cautions or not wanted_keep:
        if scenario.good_outcome.notice_scarcity and not cautions:
            return Point("scarcity", title, COULD_BE_BETTER,
                         "Keeping never came up as an option with a scarcity caution: check the agreed way of working "
                         "and whether staying was considered.", good)
        return Point("scarcity", title, NOT_APPLICABLE,
                     "Keeping this family carried no scarcity caution, or they did not want to stay.", good)
    seen = [f"Keeping carried {'a caution' if len(cautions) == 1 else f'{len(cautions)} cautions'}: "
            + "; ".join(_quote(c, 140) for c in cautions) + "."]
    kept = session.outcome is not None and session.outcome.decision == "keep"
    if raised:
        seen.append("You raised it with the family at the choice of clinician.")
        verdict = GOOD
    else:
        seen.append("Nothing you said or noted at the choice of clinician mentions it.")
        verdict = MISSED if kept or scenario.good_outcome.notice_scarcity else COULD_BE_BETTER
    return Point("scarcity", title, verdict, " ".join(seen), good)


def _tone(transcript: list[Line]) -> Point:
    from choice_assistant.wording.tone import check
    from choice_assistant.appointment import STAGE_TITLES

    title = "Tone"
    found = [(ln, n) for ln in _said(transcript) for n in check(ln.text)]
    if not found:
        return Point("tone", title, GOOD, "No wording that frames the next step as a loss or assumes the family's "
                                          "preference was found in what you said.",
                     "Keep describing the next clinician by what they bring, and keep asking rather than assuming.")
    seen = "; ".join(f"at {STAGE_TITLES.get(ln.stage, ln.stage) or 'the start'}: {_quote(n.phrase)}: {n.why.rstrip('.')}" for ln, n in found)
    good = " ".join(dict.fromkeys(n.suggestion for _, n in found))
    verdict = MISSED if any(_is_loss_framing(n.phrase) for _, n in found) else COULD_BE_BETTER
    return Point("tone", title, verdict, f"Wording worth changing, {seen}.", good)


def _outcome(scenario: Scenario, session: Session, register: Register) -> Point:
    title = "Where the family ended up"
    good = scenario.good_outcome.summary
    o = session.outcome
    if o is None:
        return Point("outcome", title, MISSED, "The appointment ended before a decision was recorded.", good)
    words = {
        "keep": f"to carry on with {_clinician_name(register, o.clinician)}",
        "transfer": f"to see {_clinician_name(register, o.clinician)}",
        "no_partnership": "that no Partnership work is needed",
        "choice_plus": "to have a further Choice appointment",
    }[o.decision]
    seen = f"You and the family decided {words}"
    if o.decision in ("keep", "transfer"):
        seen += f", booked for {o.slot:%a} {o.slot.day} {o.slot:%b at %H:%M}." if o.slot else ", but no appointment was booked."
    else:
        seen += "."
    if o.decision not in scenario.good_outcome.decision:
        verdict = MISSED
    elif o.decision in ("keep", "transfer") and o.slot is None:
        verdict = COULD_BE_BETTER
    else:
        verdict = GOOD
    return Point("outcome", title, verdict, seen, good)


def feedback(scenario: Scenario, session: Session, transcript: Iterable[tuple], recommendation: Any = None, *,
             register: Register, phrases_said: dict[str, bool] | None = None) -> Report:
    """The feedback report on a practice appointment.

    `session` is the appointment's export, `transcript` its conversation as (who, text) or
    (who, text, stage) tuples, `recommendation` the keep-or-transfer advice for its case (worked
    out here when None and the goals have agreed ways of working), `phrases_said` which
    introduction phrases were ticked.
    """
    lines = [Line(*t) for t in transcript]
    if recommendation is None:
        recommendation = _recommend(session, register, scenario)
    cautions = scarcity_cautions(recommendation)
    note = session.private_notes.get("allocation", "") if isinstance(session.private_notes, dict) else ""
    raised = bool(cautions) and _raised_scarcity(
        _text(_said(lines, "allocation")) + "\n" + note,
        _scarcity_names(register, session.choice_clinician, cautions))
    points = [
        _introduction(lines, phrases_said),
        _goals(scenario, session),
        _risk(scenario, session, lines),
        _choices(scenario, session, lines, recommendation, raised),
        _skill(scenario, session, register, recommendation),
        _scarcity(scenario, session, register, recommendation, raised, cautions),
        _tone(lines),
        _outcome(scenario, session, register),
    ]
    yp = session.young_person.name if session.young_person else scenario.young_person.name
    return Report(scenario.id, scenario.title, scenario.practises, yp, points, lines)


def _recommend(session: Session, register: Register, scenario: Scenario) -> Any:
    from choice_assistant.errors import InputError
    from choice_assistant.matching.recommend import recommend
    from choice_assistant.appointment.export import case_from_session

    try:
        case = case_from_session(session, "this appointment")
        return recommend(register, case, now=scenario.when)
    except InputError:
        return None  # goals without an agreed way of working: nothing to recommend on
