"""Who sees an arriving family under each allocation policy, decided by the advice's own eligibility and ranking."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.matching.ranking import Ask, Fit, Team, assess, common, cost, hard_sets, ranked, skill_sets, uncovered


def another_service(team: Team, ask: Ask) -> bool:
    """Nobody in the team holds any skill the family needs: the work would need another service."""
    return bool(ask.needs) and len(uncovered(team, ask)) == len(ask.needs)


def choose(team: Team, ask: Ask, me: str, now: datetime, policy: str) -> str | None:
    """The clinician the family is allocated to (None only when there is nobody but the Choice clinician, who is absent).

    `skill`: the clinician the advice suggests (the best-ranked full fit other than the Choice clinician,
    bookable first); the Choice clinician only when nobody else fits every need and they do; when nobody
    fits every need, the nearest fit as the advice ranks them (a Core worker with Specific input).
    `keep_when_eligible`: the Choice clinician whenever they fit every need and have slots; otherwise as `skill`.
    """
    mine = team.people.get(me)
    mine_fit = assess(mine, ask, now) if mine is not None and policy == "keep_when_eligible" else None
    if mine_fit is not None and mine_fit.full and mine_fit.next_slot is not None:
        return me
    best = ranked(team, ask, me, now, limit=1)
    if best and best[0].full:
        return best[0].person.id
    if mine is not None:
        mine_fit = mine_fit or assess(mine, ask, now)
        if mine_fit.full:
            return me
        best = best + [mine_fit]
    return min(best, key=Fit.key).person.id if best else None


def spends_rare_skill(team: Team, ask: Ask, cid: str) -> bool:
    """Seeing this family leaves a rare skill of the clinician's unused, and someone else in the team fits every need."""
    return cost(team.people[cid], ask) > 0 and bool(common(skill_sets(team, ask) + hard_sets(team, ask), team, cid))
