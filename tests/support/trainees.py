"""Scripted trainees for practice tests: a good and a poor run of any scenario, as turns of the --script contract."""

from __future__ import annotations

from choice_assistant.register.model import Register
from choice_assistant.training.scenario import Scenario

INTRO_GOOD = ("Welcome, and thank you for coming. Today is about understanding what is going on and what you would like "
              "to be different. After today you will usually see the person in our team whose skills best fit your goals, "
              "and we will ask what you would prefer.")
RISK_GOOD = "I ask everyone this, {name}: have you ever felt unsafe, or had thoughts of hurting yourself or ending your life?"


def _first(scenario: Scenario, pid: str) -> str:
    return scenario.name_of(pid)


def good_opening(s: Scenario) -> list[dict]:
    """Introduction and curiosity done well: open questions, reflections, safety asked of the young person."""
    yp = s.member_ids()[0]
    turns: list[dict] = [{"stage": "introduction", "say": INTRO_GOOD}, {"record": {"phrases": "all"}}, {"next": True},
                         {"record": {"young_person": {"name": s.young_person.name, "age": s.young_person.age},
                                     "family": [m.model_dump() for m in s.family]}}]
    for pid in s.member_ids():
        turns.append({"stage": "curiosity", "say": f"Thank you for coming, {_first(s, pid)}. It sounds like things have been hard lately."})
    turns += [{"stage": "curiosity", "say": f"What worries you most at the moment, {_first(s, yp)}?"},
              {"stage": "curiosity", "say": f"That sounds really hard, {_first(s, yp)}. Thank you for telling me."},
              {"stage": "curiosity", "say": f"What else has been going on at home and at school, {_first(s, yp)}?"},
              {"stage": "curiosity", "say": "What are you good at, and who helps you?"}]
    for f in s.hidden:
        name = _first(s, f.by)
        turns.append({"stage": "curiosity", "say": f"I can hear how much this matters, {name}. Thank you for sharing it."})
        ask = {"worries": f"What worries you most, {name}?", "background": f"What happened, {name}?",
               "preference": f"What would help you here, {name}? Would you prefer a different language or an interpreter?",
               "empathy": f"That sounds really hard, {name}.", "other": f"What else should I know, {name}?"}
        turns.append({"stage": "curiosity", "say": ask.get(f.when[0], ask["other"])})
    turns.append({"stage": "curiosity", "say": RISK_GOOD.format(name=_first(s, yp))})
    return turns


def play_good_until(s: Scenario, register: Register, stage: str, store=None, now=None):
    """A good run stopped as it reaches `stage` (only "allocation" so far), for tests that say something else there."""
    return play_good(s, register, store, stop_at=stage, now=now)


def play_good(s: Scenario, register: Register, store=None, stop_at: str | None = None, now=None):
    """Play a good trainee through the scenario, recording what the family actually said; returns the run."""
    from choice_assistant.matching.eligibility import is_eligible
    from choice_assistant.training.report import FAMILY
    from choice_assistant.training.script import play_script, record, _play

    run = play_script(s, register, good_opening(s), store=store, **({"now": now} if now else {}))
    a = run.appointment

    def say(stage: str, text: str) -> list:
        before = len(run.transcript)
        _play(run, {"stage": stage, "say": text})
        return [ln for ln in run.transcript[before:] if ln.who == FAMILY]

    def answer_of(intent: str) -> str:
        for ln in reversed(run.transcript):
            if ln.who == FAMILY and ln.intent == intent:
                return ln.words
        return ""

    record(run, "concerns", s.concerns)
    record(run, "background", s.background)
    record(run, "strengths", s.strengths)
    record(run, "risk", answer_of("risk"))
    if s.good_outcome.safeguarding:
        record(run, "safety", {"concerns": True, "plan": "Tyler stays with his aunt at weekends; he has the duty team's number.",
                               "actions": "Safeguarding referral to children's social care today; the school's lead is told."})
    else:
        record(run, "safety", {"concerns": False})
    needs = [f.need for f in s.hidden if f.id in run.family.told and f.need]
    for need in needs:
        record(run, "preferences", need.model_dump(mode="json"))
    yp = _first(s, s.member_ids()[0])
    say("goals", f"What would you like to be different, {yp}?")
    for pid in s.member_ids()[1:]:
        say("goals", f"And what would you like to be different, {_first(s, pid)}?")
    say("goals", "On a scale of 0 to 10, where are things now?")
    for pid in s.member_ids()[1:]:
        say("goals", f"And on a scale of 0 to 10, {_first(s, pid)}, where would you put it?")
    goals = [{"text": g.text, "owner": g.owner, "rating": g.rating} for g in s.goals]
    record(run, "goals", goals)
    say("formulation", "My honest view is that the worry has grown because it stops you doing the things you enjoy, "
                       "and everyone is doing their best.")
    say("formulation", "How does that fit with how you see it?")
    record(run, "formulation", f"Together we understood: {s.concerns} {s.strengths}")
    say("options", "There are a few ways we could work on each goal: sessions with us, things to try at home, or help from school.")
    for n, g in enumerate(s.goals, 1):
        record(run, "options_discussed", [{"goal": n, "approach": x} for x in dict.fromkeys([g.approach, *g.alternatives, "self_help"])])
    say("choice_point", "So which way of working would you like to choose, and what could you try before we meet again?")
    record(run, "things_to_try", list(s.things_to_try))
    if s.wishes.no_partnership:
        for n, g in enumerate(s.goals, 1):
            a.agree_option(n, g.approach)
        _play(run, {"next": "no_partnership"})
        return _letters(run)
    for n, g in enumerate(s.goals, 1):
        choice = g.approach if a.is_team_option(g.approach) else next(x for x in g.alternatives if a.is_team_option(x))
        a.agree_option(n, choice)
    def anyone_fits() -> bool:
        r = run.recommendation()
        need = [(n.skill, n.level) for n in r.needed_skills]
        return any(is_eligible(c, need, {}) for c in register.clinicians if c.id != s.choice_clinician)

    if not anyone_fits():
        say("choice_point", "I want to be honest with you: nobody in our team offers that, so let's agree another way.")
        for n, g in enumerate(s.goals, 1):
            for alt in g.alternatives:
                if a.is_team_option(alt):
                    a.agree_option(n, alt)
                    if anyone_fits():
                        break
    _play(run, {"next": True})
    if stop_at == "allocation":
        return run
    rec = run.recommendation()
    hard = {k: v for need in needs for k in need.required if (v := getattr(need, k))}
    needed = [(n.skill, n.level) for n in rec.needed_skills]
    me = s.choice_clinician
    keep_ok = rec.keep.eligible
    ok = s.good_outcome.clinicians
    others = [c.clinician for c in rec.transfer if is_eligible(register.clinician(c.clinician), needed, hard)
              and (ok == "any_skill_eligible" or c.clinician in ok) and c.next_slot]
    best = others[0] if others else None
    name = register.clinician(best).name.split()[0] if best else ""
    offer = f"{name} is the person in our team whose skills best fit your goals." if best else ""
    if keep_ok:
        offer += " I have those skills too, so you could also stay with me."
    say("allocation", offer + " What would you prefer?")
    if s.good_outcome.notice_scarcity and keep_ok:
        say("allocation", "I should be honest: I am one of only 2 people in the team with some skills other families wait "
                          "for, while 9 colleagues offer the family work you chose. It is still your choice.")
    if not keep_ok and s.wishes.wants_to_keep and best:
        say("allocation", f"I'd love to, but the skills your goals need are ones {name} has and I don't. That is why I'd suggest {name}.")
    def stance_said() -> str | None:
        return next((ln.means for ln in reversed(run.transcript) if ln.who == FAMILY and ln.means), None)

    if stance_said() not in ("keep", "transfer"):  # no clear answer yet: ask, never assume
        say("allocation", f"So that I write down the right thing, which would you prefer, {yp}?")
    stance = stance_said() or "undecided"
    if stance == "keep" and not keep_ok:
        stance = "transfer"
    reasons = [r for r, on in (("disclosure", any(f.kind == "disclosure" for f in s.hidden if f.id in run.family.told)),
                               ("client_preference", stance == "keep")) if on]
    if keep_ok:
        record(run, "keep_reasons", reasons)
    record(run, "client_wants", stance)
    if stance == "keep":
        a.choose("keep")
    else:
        a.choose("transfer", best)
    _play(run, {"next": True})
    who = register.clinician(a.session.outcome.clinician).name.split()[0]
    say("booking", f"Let's book your next appointment with {who} now. Which days suit you?")
    a.book(a.free_slots()[0])
    _play(run, {"next": True})
    return _letters(run)


def _letters(run):
    from choice_assistant.training.script import _play, record

    _play(run, {"stage": "letters", "say": "We'll send you a letter in plain words with what we agreed. Would you like a copy sent to your GP?"})
    record(run, "consent", {"copy_to_gp": True})
    _play(run, {"next": True})
    return run


def poor(s: Scenario, register: Register) -> list[dict]:
    """A poor run as --script turns: loss framing, closed questions, invented goals and ratings, risk as 'none',
    one option, an assumed preference, and the earliest free clinician whatever their skills."""
    me = s.choice_clinician
    soonest = sorted((c.partnership_slots[0].at if hasattr(c.partnership_slots[0], "at") else c.partnership_slots[0], c.id)
                     for c in register.clinicians if c.id != me and c.partnership_slots)
    turns = [
        {"stage": "introduction", "say": "Hello. Just so you know, sadly after today you'll be handed over to a colleague, that's how it works."},
        {"record": {"phrases": "all"}},
        {"next": True},
        {"record": {"young_person": s.young_person.name}},
        {"stage": "curiosity", "say": "So is it a problem at school?"},
        {"stage": "curiosity", "say": "Is it a problem at school?"},
        {"record": {"concerns": s.concerns, "risk": "No concerns raised by the family at this time.", "safety": {"concerns": False}}},
        {"next": True},
        {"stage": "goals", "say": "Right, I'll put down some goals for you."},
        {"record": {"goals": [{"text": f"Reduce symptoms and improve functioning ({n})", "owner": "other", "rating": 5}
                              for n, _ in enumerate(s.goals, 1)]}},
        {"next": True},
        {"record": {"formulation": "Difficulties as described in the referral."}},
        {"next": True},
        {"stage": "options", "say": "Of course you'll stay with me, I know you'd rather. I think therapy with us is what you need."},
    ]
    for n, _g in enumerate(s.goals, 1):
        turns.append({"record": {"options_discussed": [{"goal": n, "approach": "cbt"}]}})
    turns.append({"record": {"goals": [{"text": f"Reduce symptoms and improve functioning ({n})", "approach": "cbt"}
                                       for n, _ in enumerate(s.goals, 1)]}})
    turns += [{"next": True}, {"next": True},
              {"stage": "allocation", "say": "I'm sorry, I have to transfer you."},
              {"stage": "allocation", "say": "A doctor is best for this, she's the right professional."},
              {"record": {"client_wants": "transfer"}},
              {"record": {"outcome": {"decision": "transfer", "clinician": soonest[0][1]}}}]
    return turns


def good_script(s: Scenario, register: Register, now=None) -> list[dict]:
    """The good trainee's run written out as --script turns, stage by stage: what was said, then what was recorded,
    then next (the same words give the same family answers, so the script replays the run)."""
    from choice_assistant.training.report import TRAINEE

    run = play_good(s, register, now=now)
    x = run.appointment.export()
    said: dict[str, list[str]] = {}
    for ln in run.transcript:
        if ln.who == TRAINEE:
            said.setdefault(ln.stage, []).append(ln.words)
    records = {
        "curiosity": {"young_person": {"name": x.young_person.name, "age": x.young_person.age},
                      "family": [m.model_dump(mode="json") for m in x.family], "concerns": x.concerns,
                      "background": x.background, "strengths": x.strengths, "risk": x.risk,
                      "safety": x.safety.model_dump(mode="json") if x.safety else {"concerns": False}},
        "goals": {"goals": [{"text": g.text, "owner": g.owner, "rating": g.rating} for g in x.goals]},
        "formulation": {"formulation": x.formulation},
        "options": {"options_discussed": [o.model_dump(mode="json") for o in x.options_discussed]},
        "choice_point": {"goals": [{"text": g.text, "approach": g.approach} for g in x.goals],
                         "things_to_try": list(x.things_to_try)},
        "letters": {"consent": {"copy_to_gp": bool(x.consent.copy_to_gp)}},
    }
    if x.preferences.model_dump(exclude_defaults=True):
        records["curiosity"]["preferences"] = x.preferences.model_dump(mode="json", exclude_defaults=True)
    o = x.outcome
    turns: list[dict] = []
    for stage in ("introduction", "curiosity", "goals", "formulation", "options", "choice_point", "allocation",
                  "booking", "letters"):
        if stage in ("allocation", "booking") and o.decision == "no_partnership":
            continue
        turns += [{"stage": stage, "say": w} for w in said.get(stage, [])]
        if stage == "introduction":
            turns.append({"record": {"phrases": "all"}})
        if stage in records:
            turns.append({"record": records[stage]})
        if stage == "choice_point" and o.decision == "no_partnership":
            turns.append({"next": "no_partnership"})
            continue
        if stage == "allocation":
            turns.append({"record": {"keep_reasons": list(x.keep_reasons), "client_wants": x.client_wants,
                                     "outcome": {"decision": o.decision, "clinician": o.clinician}}})
        if stage == "booking":
            turns.append({"record": {"outcome": {"decision": o.decision, "clinician": o.clinician,
                                                 "slot": o.slot.isoformat()}}})
        turns.append({"next": True})
    return turns


def family_after(run, words: str) -> list:
    """The family's lines straight after the trainee's turn with these words (the last such turn)."""
    from choice_assistant.training.report import FAMILY, TRAINEE

    i = max(n for n, ln in enumerate(run.transcript) if ln.who == TRAINEE and ln.words == words)
    out = []
    for ln in run.transcript[i + 1:]:
        if ln.who != FAMILY:
            break
        out.append(ln)
    return out
