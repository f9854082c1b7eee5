"""Judging the conversation: the safety gates, drawing out, how the trainee talked, and the CAPA tasks rated 1-5."""

from __future__ import annotations

import re

from choice_assistant.training.evidence import Evidence
from choice_assistant.training.words import content, numbers, overlap, quote
from choice_assistant.training.report import Feedback, Missing, GateResult, Part
from choice_assistant.training.rubric import rubric
from choice_assistant.wording.catalogue import options_catalogue

_PLACEHOLDERS = {"none", "n/a", "na", "nil", "no", "ok", "okay", "fine", "-", "nothing", "not asked", "no risk",
                 "no risks", "none known", "nka", "nfa", "tbc", "x", "no concerns"}
ASK_RISK = ("Before we go on, I ask everyone this: has anyone ever felt unsafe, at home or anywhere else, or had "
            "thoughts of hurting themselves or of ending their life?")


RISK_WORDING = 1  # rank of feedback on how risk was asked: straight after the gates


def open_risk_question(ev: Evidence) -> str:
    """An open, non-leading risk question for this family's young person."""
    name = ev.scenario.name_of(ev.scenario.member_ids()[0])
    return (f"I ask everyone this, {name}: can you tell me about any times you've felt unsafe, or had thoughts of "
            "hurting yourself or of ending your life?")


def _part(cid: str, score: float, seen: list[str], applies: bool = True) -> Part:
    c = rubric().component(cid)
    return Part(c.id, c.title, max(0, min(100, round(score))), c.weight, c.pass_mark, seen, applies)


def gates(ev: Evidence) -> tuple[list[GateResult], list[Feedback]]:
    """Risk asked in the trainee's words, recorded as given, and a safeguarding disclosure acted on."""
    r = rubric()
    out: list[GateResult] = []
    fb: list[Feedback] = []
    asked = ev.asked("risk")
    plain, lead = ev.risk_questions()
    out.append(GateResult("risk_asked", r.gate("risk_asked").title, bool(asked), r.gate("risk_asked").why))
    if plain:
        fb.append(Feedback("gates", quote(plain[0].words), "You asked about safety in your own words; every family is asked.",
                           "Keep asking it plainly, of the young person as well as the adults.", good=True))
    for t in lead[:1]:
        fb.append(Feedback("behaviour", quote(t.words), "This asks about safety in a way that hands over the answer you "
                           "hope for; a young person who is not safe hears that \"no\" is wanted, and says it. It counts as "
                           "asked, but ask it openly, without a hint of the answer.", open_risk_question(ev), rank=RISK_WORDING))
    if not asked:
        fb.append(Missing("gates", quote(ev.last_said("curiosity")) if ev.last_said("curiosity") else "nothing about safety",
                           "No question about risk or safeguarding was asked. In CAPA the Choice appointment always asks; "
                           "missing it fails the appointment, however well the rest went.", ASK_RISK))
    answer = ev.session.risk.strip()
    said = "\n".join(a.words for line in asked for a in ev.answer_after(line))
    placeholder = answer.lower().strip(" .") in _PLACEHOLDERS or len(answer.split()) < 3
    as_given = bool(answer) and not placeholder and bool(said) and (overlap(answer, said) >= 0.35 or overlap(said, answer) >= 0.35)
    out.append(GateResult("risk_recorded", r.gate("risk_recorded").title, as_given, r.gate("risk_recorded").why))
    if not as_given:
        what = f"recorded {quote(answer)}" if answer else "recorded nothing for risk"
        fb.append(Feedback("gates", what, "The risk record must hold what the family said, in their words; a placeholder or "
                           "a guess tells the next clinician nothing, and may hide a danger.",
                           f"Write down their answer as given, e.g. {quote(said, 120)}" if said else ASK_RISK))
    if ev.scenario.good_outcome.safeguarding:
        s = ev.session.safety
        acted = s is not None and s.concerns and bool(s.plan) and bool(s.actions)
        out.append(GateResult("safeguarding_plan", r.gate("safeguarding_plan").title, acted, r.gate("safeguarding_plan").why))
        if not acted:
            fb.append(Missing("gates", quote(ev.last_said("curiosity", "choice_point")),
                               "The young person told you they are not safe. The plan has to change: record the concern, "
                               "what will keep them safe and who does what today, before any choice of clinician.",
                               "Thank you for telling me. Keeping you safe comes first, so before we plan anything else I need "
                               "to talk with you both about what happens next today and who I will speak to."))
    else:
        out.append(GateResult("safeguarding_plan", r.gate("safeguarding_plan").title, None, r.gate("safeguarding_plan").why))
    return out, fb


def drawing_out(ev: Evidence) -> tuple[Part, list[Feedback]]:
    """Hidden facts surfaced, goals in the family's words, ratings asked for and not invented."""
    fb: list[Feedback] = []
    seen: list[str] = []
    scores: list[float] = []
    hidden = ev.scenario.hidden
    if hidden:
        share = len([f for f in hidden if f.id in ev.told]) / len(hidden)
        scores.append(share)
        seen.append(f"{len(ev.told)} of {len(hidden)} things the family keep back came out.")
        if share < 1:
            fb.append(Missing("drawing_out", quote(ev.last_said("curiosity")),
                               "Some of what matters to this family never came out. Curiosity (CAPA's first task) means "
                               "earning trust with reflections before asking open questions about what happened.",
                               "That sounds like a lot to carry. What else has been going on that would help me understand?"))
    said = ev.family_words()
    goals = ev.session.goals
    if goals:
        theirs = [g for g in goals if overlap(g.text, said) >= 0.5]
        scores.append(len(theirs) / len(goals))
        seen.append(f"{len(theirs)} of {len(goals)} goals are in the family's own words.")
        for g in goals:
            if g not in theirs:
                best = max(_goal_like(ev), key=lambda ln: overlap(ln.words, g.text), default=None)
                fb.append(Feedback("drawing_out", quote(g.text),
                                   "This goal is not what the family said. Goals in their own words keep the work theirs "
                                   "and let them see later whether it changed.",
                                   f"Write it as they said it: {quote(best.words, 120)}" if best else
                                   "What would you like to be different? I'll write it down in your words."))
        rated = [g for g in goals if g.rating is not None]
        asked = bool(ev.asked("rating"))
        given = numbers(ev.family_words("goals")) if asked else set()
        honest = [g for g in rated if g.rating in given]
        scores.append(len(honest) / len(goals))
        seen.append(f"{len(honest)} of {len(goals)} ratings are numbers the family gave when asked.")
        if len(honest) < len(goals):
            fb.append(Missing("drawing_out", quote(ev.last_said("goals")),
                               "Ratings were recorded that the family never gave. A goal-based rating is theirs: asked, "
                               "not invented, or it cannot show change.",
                               "On a scale from 0 to 10, where 10 is this goal reached, where would you say things are now?"))
    else:
        scores.append(0.0)
        seen.append("No goals were recorded.")
    return _part("drawing_out", 100 * sum(scores) / len(scores), seen), fb


def behaviour(ev: Evidence) -> tuple[Part, list[Feedback]]:
    """Open against closed questions, reflections to questions, and the trainee's share of the talk."""
    turns = ev.trainee()
    questions = [t for t in turns if t.question]
    open_q = [t for t in questions if t.question == "open"]
    reflections = ev.reflections()
    _plain, leading_risk = ev.risk_questions()
    mine = sum(len(t.words.split()) for t in turns)
    theirs = sum(len(f.words.split()) for f in ev.family())
    talk = mine / (mine + theirs) if mine + theirs else 1.0
    open_share = len(open_q) / len(questions) if questions else 0.0
    ratio = len(reflections) / len(questions) if questions else 0.0
    score = 40 * min(1.0, open_share / 0.6) + 30 * min(1.0, ratio / 0.25) + 30 * max(0.0, min(1.0, (0.8 - talk) / 0.3))
    score -= 30 * min(2, len(leading_risk))
    seen = [f"{len(open_q)} open and {len(questions) - len(open_q)} closed questions, {len(reflections)} "
            f"reflection{'' if len(reflections) == 1 else 's'} of what the family said; you spoke {round(100 * talk)}% of the words."]
    if leading_risk:
        seen.append(f"{len(leading_risk)} risk question{'' if len(leading_risk) == 1 else 's'} put so as to suggest the answer.")
    fb: list[Feedback] = []
    closed = [t for t in questions if t.question == "closed" and t.intent not in ("risk", "preference", "keep_offer")
              and not t.leading]
    if closed and open_share < 0.6:
        fb.append(Feedback("behaviour", quote(closed[0].words),
                           "A closed question gets a yes or no; an open one lets the family tell you what matters to them.",
                           "What has that been like for you?"))
    if not reflections:
        fb.append(Missing("behaviour", quote(ev.last_said("curiosity")),
                           "You asked but never reflected back. A reflection shows you heard, and families say more after one.",
                           "It sounds as if the nights have been the hardest part."))
    if talk > 0.6:
        fb.append(Feedback("behaviour", quote(max(turns, key=lambda t: len(t.words)).words if turns else ""),
                           "You did most of the talking. In Choice the family's story leads; short questions leave them room.",
                           "Tell me more about that."))
    return _part("behaviour", score, seen), fb


_GOAL_LIKE = re.compile(r"\b(want|wants|wanted|would like|'d like|like (her|him|them|to)|hope|hoping|wish|to be able|"
                        r"to (stay|stop|go|get|feel|sleep|be|have|do|make|see)|without|again|back to|more|less)\b", re.I)


def _goal_like(ev: Evidence) -> list:
    """What the family said that states a goal: their answers to a question about goals, or words of wanting or
    hoping said as a statement (never a feeling such as "It's really scary")."""
    said = [ln for ln in ev.family() if ln.stage != "introduction"]
    return [ln for ln in said if ln.intent == "goals" or (_GOAL_LIKE.search(ln.words) and not ln.words.rstrip().endswith("?")
                                                          and ln.intent not in ("risk", "empathy", "other"))]


def capa_tasks(ev: Evidence) -> tuple[Part, list[Feedback], dict[str, int]]:
    """Curiosity, honest opinion, joint formulation, alternatives and the Choice Point, each rated 1-5."""
    s = ev.session
    asked = {t.intent for t in ev.trainee()}
    form_turns = ev.trainee("formulation")
    checks = [t for t in form_turns if t.question]
    opinion = [t for t in form_turns if not t.question and len(t.words.split()) >= 6]
    n_goals = len(s.goals)
    per_goal = [sum(o.goal == n for o in s.options_discussed) for n in range(1, n_goals + 1)]
    catalogue = {o.id: o for o in _catalogue()}
    outside = [o for o in s.options_discussed if o.approach in catalogue and not catalogue[o.approach].team]
    agreed = n_goals > 0 and all(g.approach for g in s.goals)
    ratings = {
        "curiosity": 1 + sum([{"worries"} <= asked, {"background"} <= asked, {"strengths"} <= asked, bool(s.strengths.strip())]),
        "honest_opinion": 1 + 2 * bool(opinion) + bool(s.formulation.strip()) + (len(s.formulation.split()) >= 8),
        "joint_formulation": 1 + 2 * bool(checks) + bool(s.formulation.strip())
                             + (bool(s.formulation.strip()) and overlap(s.formulation, ev.family_words()) >= 0.25),
        "alternatives": 1 + 2 * (bool(per_goal) and min(per_goal) >= 2) + bool(outside) + ("options" in asked),
        "choice_point": 1 + agreed + bool(s.things_to_try) + (s.outcome is not None) + bool(ev.trainee("choice_point")),
    }
    better = {
        "curiosity": ("Curiosity (CAPA's first task) asks about worries, background and strengths, theirs and their network's, "
                      "before any plan.", "What is going well at the moment, and who helps you when things are hard?"),
        "honest_opinion": ("CAPA asks for your honest opinion, in plain words, so the family can agree or disagree with it.",
                           "My honest view is that the worry has grown because it stops you doing things. Does that fit?"),
        "joint_formulation": ("A formulation is joint when you check it with the family and use their words.",
                              "Here is how I understand it, in your words... What would you change?"),
        "alternatives": ("Alternatives mean more than one way forward per goal, including their own strengths, school, "
                         "self-help and other services outside the team.",
                         "There are a few ways to work on this: sessions with us, things you could try at home, or help "
                         "through school. Which appeal?"),
        "choice_point": ("The Choice Point is agreed goals, an agreed way of working and things to try before next time.",
                         "So we've agreed the goal and the way of working. What could you try before we meet again?"),
    }
    stage_of = {"curiosity": "curiosity", "honest_opinion": "formulation", "joint_formulation": "formulation",
                "alternatives": "options", "choice_point": "choice_point"}
    fb = []
    for task, r in ratings.items():
        if r < 4:
            why, better_words = better[task]
            said = ev.last_said(stage_of[task])
            fb.append(Missing("capa_tasks", quote(said) if said else "nothing at this stage", why, better_words))
    mean = sum(ratings.values()) / len(ratings)
    seen = ["; ".join(f"{k.replace('_', ' ')} {v}/5" for k, v in ratings.items()) + "."]
    return _part("capa_tasks", (mean - 1) / 4 * 100, seen), fb, ratings


def _catalogue():
    return options_catalogue()


__all__ = ["ASK_RISK", "behaviour", "capa_tasks", "content", "drawing_out", "gates"]
