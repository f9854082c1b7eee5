"""What a letter says: a session and register turned into plain data for the letter templates."""

from __future__ import annotations

from datetime import date as Date, datetime
from typing import Any

from choice_assistant.appointment.session import Session
from choice_assistant.letters.people import first_name, referrer_is_gp, unbroken
from choice_assistant.register.model import Clinician, Register
from choice_assistant.letters import envelope as e
from choice_assistant.letters.access import access_context
from choice_assistant.letters.people import letter_people

# Ways of working that are not team skills, in words a family would use.
PLAIN_APPROACHES: dict[str, str] = {
    "self_help": "things you can try yourselves, with ideas and reading from us",
    "school_network": "help from school and the other people around you",
    "other_agency": "help from another service outside our team",
    "no_further_service": "no more appointments with us for now",
    "family_strengths": "using your own strengths as a family",
}

# Short plain descriptions of common team skills, used when no options catalogue gives one.
PLAIN_SKILLS: dict[str, str] = {
    "cbt": "talking about how thoughts, feelings and actions link up, and trying small steps",
    "systemic": "meeting as a family to talk and find new ways to get on",
    "parenting": "ideas and support for parents and carers",
    "behavioural": "small, planned steps to change habits",
    "dbt_skills": "learning skills to manage strong feelings",
    "emdr": "a way to help with upsetting memories",
    "ipt_a": "talking about how you get on with other people",
    "solution_focused": "looking at what already works and doing more of it",
    "creative": "using art and play to talk about feelings",
    "dynamic": "talking about feelings and how they grew",
    "group_work": "meeting with other young people who have similar worries",
    "medication_review": "checking whether medicine could help",
    "assessment": "getting to know you and what is going on",
}

_PARENT_WORDS = ("mother", "mum", "mom", "father", "dad", "parent", "carer", "step", "grand", "guardian", "foster")


def date_words(d: Date) -> str:
    """2026-12-02 -> 'Wednesday 2 December 2026'."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def time_words(t: datetime) -> str:
    """15:30 -> '3:30pm', 09:00 -> '9am', 12:00 -> '12 noon'."""
    if (t.hour, t.minute) == (12, 0):
        return "12 noon"
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def when_words(t: datetime) -> str:
    """'Wednesday 2 December 2026 at 3:30pm'."""
    return f"{date_words(t.date())} at {time_words(t)}"


def role_words(role: str) -> str:
    """'Clinical psychologist' -> 'a clinical psychologist'; 'CAMHS nurse' keeps its capitals."""
    text = role[0].lower() + role[1:] if len(role) > 1 and not role[1].isupper() else role
    article = "an" if text[:1].lower() in "aeiou" else "a"
    return f"{article} {text}"


def sentence(text: str) -> str:
    """'some words' -> 'Some words.' (text that already ends a sentence keeps its ending)."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def paragraphs(text: str) -> list[str]:
    """Free text split into paragraphs at blank lines, with inner line breaks joined."""
    out = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(line.strip() for line in chunk.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


def approach_words(approach: str, register: Register, catalogue: dict[str, dict[str, str]],
                   professional: bool = False) -> dict[str, Any]:
    """An approach's name and plain description. For a family: the options catalogue's title (its
    family wording), else the register's skill name, else built-in words. For a professional: the
    register's skill name first. The description comes from the catalogue, else built-in words."""
    entry = catalogue.get(approach, {})
    skill_name = register.skill_name(approach) if approach in register.skills_by_id else None
    if professional and skill_name:
        name = skill_name
    elif entry.get("title"):
        name = entry["title"]
    elif skill_name:
        name = skill_name
    elif approach in PLAIN_APPROACHES:
        name = PLAIN_APPROACHES[approach][0].upper() + PLAIN_APPROACHES[approach][1:]
    else:
        name = approach.replace("_", " ").capitalize()
    words = entry.get("words") or PLAIN_SKILLS.get(approach) or PLAIN_APPROACHES.get(approach, "")
    words = "" if words.strip(" .").lower() == name.lower() else sentence(words)
    return {"id": approach, "name": name, "words": words, "is_skill": approach in register.skills_by_id}


def _parent_name(session: Session) -> str | None:
    for member in session.family:
        if any(w in member.relation.lower() for w in _PARENT_WORDS):
            return first_name(member.name)
    return first_name(session.family[0].name) if session.family else None


def owner_words(owner: str | None, session: Session, professional: bool) -> str:
    """Whose goal it is, in words: "Sam's goal", "Jo's goal", "a goal for the whole family"."""
    if owner == "young_person":
        if session.young_person:
            return f"{first_name(session.young_person.name)}'s goal"
        return "the young person's goal" if professional else "your goal"
    if owner == "parent_carer":
        parent = _parent_name(session)
        if parent:
            return f"{parent}'s goal"
        return "the parent's or carer's goal" if professional else "your parent's or carer's goal"
    if owner == "family":
        return "the family's goal" if professional else "a goal for the whole family"
    if owner == "other":
        return "another person's goal"
    return "a goal"


def _person(c: Clinician | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"id": c.id, "name": c.name, "first_name": first_name(c.name), "role": c.role, "role_words": role_words(c.role)}


def letter_context(session: Session, register: Register, to: str,
                   catalogue: dict[str, dict[str, str]], today: Date, member: str | None = None) -> dict[str, Any]:
    """Everything a letter template may show, as plain data. Private notes are never included.
    `member` names the family member a separate copy of the family letter is addressed to."""

    professional = to != "family"
    goals = []
    for i, g in enumerate(session.goals, start=1):
        goals.append({
            "number": i,
            "text": g.text,
            "owner": g.owner or "",
            "owner_words": owner_words(g.owner, session, professional),
            "rating": g.rating,
            "approach": approach_words(g.approach, register, catalogue, professional) if g.approach else None,
            "level": g.level.value,
        })
    options = []
    for goal in goals:
        chosen = goal["approach"]["id"] if goal["approach"] else None
        ways = [approach_words(o.approach, register, catalogue, professional) | {"chosen": o.approach == chosen}
                for o in session.options_discussed if o.goal == goal["number"]]
        if ways:
            options.append({"goal": goal, "ways": ways})

    outcome = session.outcome
    decision = outcome.decision if outcome else None
    choice_clinician = register.clinician(session.choice_clinician) if session.choice_clinician else None
    next_id = outcome.clinician if outcome and outcome.clinician else None
    if next_id is None and decision in ("keep", "choice_plus"):
        next_id = session.choice_clinician
    next_clinician = register.clinician(next_id) if next_id else None
    next_person = _person(next_clinician)
    if next_person is not None:
        skills = []
        for goal in goals:
            a = goal["approach"]
            if decision == "choice_plus" or not a or not a["is_skill"]:
                continue
            held = next_clinician.level_of(a["id"])
            if held is None or not held.covers(session.goals[goal["number"] - 1].level):
                continue
            match = next((s for s in skills if s["id"] == a["id"]), None)
            if match is None:
                skills.append(a | {"goals": [goal]})
            else:
                match["goals"].append(goal)
        next_person |= {"skills": skills, "is_choice_clinician": next_id == session.choice_clinician}
    other_ways = []
    for goal in goals:
        a = goal["approach"]
        if decision != "choice_plus" and a and not a["is_skill"] and a["id"] not in [w["id"] for w in other_ways]:
            other_ways.append(a)

    service = register.service
    slot = outcome.slot if outcome and outcome.slot else None
    venue = (next_clinician.venue_of(slot) if next_clinician and slot else None) or (service.address if service else "")
    yp = session.young_person
    referrer = session.referrer
    safety = session.safety
    holder = next_person if decision in ("transfer", "keep", "choice_plus") else None
    people = letter_people(session, to, member)
    return {
        "to": to,
        "reader_role": {"gp": "the GP", "referrer": "the referrer"}.get(to, "the family"),
        "team": register.team,
        "service": _service(register),
        "letter_date": f"{today:%A} {unbroken(f'{today.day} {today:%B %Y}')}",
        "appointment_date": date_words(session.date),
        "young_person": {"name": yp.name, "first_name": first_name(yp.name), "age": yp.age} if yp else None,
        "family": [{"name": m.name, "first_name": first_name(m.name), "relation": m.relation} for m in session.family],
        "referrer": referrer.model_dump(exclude={"reason"}) if referrer else None,
        "reason": paragraphs(referrer.reason or "") if referrer else [],
        "consent": session.consent.model_dump(),
        "referrer_is_gp": referrer_is_gp(session),
        "concerns": paragraphs(session.concerns),
        "background": paragraphs(session.background),
        "strengths": paragraphs(session.strengths),
        "network": paragraphs(session.network),
        "risk": paragraphs(session.risk),
        "safety": ({"concerns": safety.concerns, "plan": paragraphs(safety.plan), "actions": paragraphs(safety.actions)}
                   if safety else None),
        "formulation": paragraphs(session.formulation),
        "goals": goals,
        "options": options,
        "things_to_try": [t.strip() for t in session.things_to_try if t.strip()],
        "decision": decision,
        "choice_clinician": _person(choice_clinician),
        "next": next_person,
        "holder": holder,
        "other_ways": other_ways,
        "appointment": when_words(slot) if slot else None,
        "venue": venue,
        "access": access_context(session, people["addressee_readers"], professional),
        "window": _window(),
        **people,
    }


def _service(register: Register) -> dict[str, Any]:
    """The team's contact details, from the register's service: block (letters refuse to run without it)."""
    s = register.service
    if s is None:
        return {}
    return {"name": s.name, "organisation": s.organisation or "", "address": s.address,
            "address_lines": [p.strip() for p in s.address.split(",") if p.strip()],
            "phone": s.phone, "email": s.email or "", "hours": s.hours or "", "urgent": s.urgent or DEFAULT_URGENT}


DEFAULT_URGENT = ("If you are worried about someone's safety right now and cannot reach us, call NHS 111 "
                  "(choose the mental health option). In an emergency, call 999 or go to A&E.")


HTML_TOP_MARGIN_MM = 16.0  # the printed page's top margin (@page), and the paper's on screen


def _window() -> dict[str, float]:
    """Where the HTML page puts the addressee and the aside, in mm from the top-left of the page's text area."""

    return {"top": e.WINDOW_TOP_MM - HTML_TOP_MARGIN_MM, "width": e.WINDOW_WIDTH_MM, "height": e.WINDOW_HEIGHT_MM,
            "aside_left": e.ASIDE_LEFT_MM - e.MARGIN_LEFT_MM, "aside_width": e.ASIDE_WIDTH_MM,
            "page_top": HTML_TOP_MARGIN_MM, "page_left": e.MARGIN_LEFT_MM}

