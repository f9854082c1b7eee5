"""The team view's figures: coverage and scarcity, capacity by week and skill, and allocation from the journal.

No figure carries a family's name, a session id or a private note: sessions are reduced to
who ran Choice, what the goals needed, what was decided and when, before anything is counted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from statistics import median
from typing import get_args

from choice_assistant.matching.case import KeepReason
from choice_assistant.matching.eligibility import is_eligible
from choice_assistant.register.model import Level, Register
from choice_assistant.team.facts import Facts, read_facts  # noqa: F401 - read_facts and facts_of are used through here
from choice_assistant.team.model import free_slots
from choice_assistant.matching.scarcity import profile_of
from choice_assistant.team.rarity import holding_words, used_keys

HORIZON_WEEKS = 6
ATTRIBUTES = ("gender", "language", "cultural_background")
DECISIONS = ("keep", "transfer", "no_partnership", "choice_plus", "open")


@dataclass
class SkillRow:
    skill: str
    name: str
    core: list[str]  # clinicians holding it at core level exactly
    specific: list[str]
    free_slots: int  # free slots of anyone holding it, in the next six weeks
    rare_core: bool  # few can do core work with it
    rare_specific: bool  # few hold it at specific level


@dataclass
class AttributeRow:
    value: str
    holders: list[str]
    free_slots: int
    rare: bool


@dataclass
class ClinicianRow:
    clinician: str
    name: str
    choice: int = 0  # Choice appointments run
    keep: int = 0
    transfer: int = 0
    no_partnership: int = 0
    choice_plus: int = 0
    open: int = 0  # no decision recorded yet
    received: int = 0  # families transferred to them


@dataclass
class SpentRow:
    what: str  # plain words: "EMDR for trauma at specific level"
    holders: int
    kept: int  # kept by their Choice clinician although unused
    transferred: int  # booked with a transfer although unused


@dataclass
class Journal:
    sessions: int = 0
    clinicians: list[ClinicianRow] = field(default_factory=list)
    keep_reasons: dict[str, int] = field(default_factory=dict)
    rare_spent: list[SpentRow] = field(default_factory=list)
    booked: int = 0
    median_days_to_partnership: float | None = None
    mean_days_to_partnership: float | None = None
    within_warn: int = 0
    past_warn: int = 0
    past_strong_warn: int = 0
    keep_was_option: int = 0  # decided sessions where the Choice clinician could have kept them
    choice_offered: int = 0  # of those, the family's wish was recorded (keep or transfer)


@dataclass
class TeamFigures:
    team: str
    now: datetime
    horizon_weeks: int
    team_size: int
    rare_limit: int
    rare_share: float
    rare_max_holders: int
    skills: list[SkillRow]
    attributes: dict[str, list[AttributeRow]]
    weeks: list[str]  # the first day of each week, YYYY-MM-DD
    capacity: dict[str, list[int]]  # skill id -> free slots per week; "all" for the team
    grid: list[dict]  # per clinician: id, name, skills {skill: level}, free_slots
    journal: Journal

    def as_json(self) -> dict:
        data = asdict(self)
        data["now"] = f"{self.now:%Y-%m-%dT%H:%M}"
        return data


def _coverage(register: Register, slots_by: dict[str, int]):
    rarity = profile_of(register)
    rows = []
    for s in register.skills:
        core = [c.id for c in register.clinicians if c.skills.get(s.id) is Level.core]
        spec = [c.id for c in register.clinicians if c.skills.get(s.id) is Level.specific]
        tc = rarity.holdings.get(("skill", s.id, Level.core))
        ts = rarity.holdings.get(("skill", s.id, Level.specific))
        rows.append(SkillRow(s.id, s.name, core, spec, sum(slots_by[c] for c in core + spec),
                             rarity.is_rare(tc), rarity.is_rare(ts)))
    attrs: dict[str, list[AttributeRow]] = {a: [] for a in ATTRIBUTES}
    for key, t in sorted(rarity.holdings.items(), key=lambda kv: (-kv[1].count, str(kv[0]))):
        if key[0] in attrs:
            label = holding_words(t, register) if key[0] == "language" else t.label  # a language by its name
            attrs[key[0]].append(AttributeRow(label, list(t.holders), sum(slots_by[c] for c in t.holders),
                                              rarity.is_rare(t)))
    return rarity, rows, attrs


def _capacity(register: Register, slots, now: datetime, weeks: int) -> tuple[list[str], dict[str, list[int]]]:
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    labels = [f"{(start + timedelta(weeks=w)):%Y-%m-%d}" for w in range(weeks)]
    cap = {s.id: [0] * weeks for s in register.skills}
    cap["all"] = [0] * weeks
    for sl in slots:
        w = (sl.at - start).days // 7
        if not 0 <= w < weeks:
            continue
        cap["all"][w] += 1
        for sid in register.clinician(sl.clinician).skills:
            cap[sid][w] += 1
    return labels, cap


def journal_figures(register: Register, facts: list[Facts]) -> Journal:
    rarity = profile_of(register)
    policy = register.policy
    rows = {c.id: ClinicianRow(c.id, c.name) for c in register.clinicians}
    reasons = {r: 0 for r in get_args(KeepReason)}
    spent: dict[tuple, list[int]] = {}
    days: list[float] = []
    j = Journal(sessions=len(facts))
    for f in facts:
        row = rows.get(f.choice_clinician or "")
        if row is not None:
            row.choice += 1
            setattr(row, f.decision, getattr(row, f.decision) + 1)
        if f.decision == "transfer" and f.clinician in rows:
            rows[f.clinician].received += 1
        for r in f.keep_reasons:
            reasons[r] = reasons.get(r, 0) + 1
        if f.decision in ("keep", "transfer") and f.clinician in rows:
            for t in rarity.unused(f.clinician, used_keys(f.needs, f.preferences)):
                if t.key[0] != "skill" and f.decision != "keep":
                    continue  # who someone is counts only as a caution about keeping, never against a transfer
                tally = spent.setdefault(t.key, [0, 0])
                tally[f.decision == "transfer"] += 1
            me = register.clinician(f.choice_clinician or "")
            hard = {a: getattr(f.preferences, a) for a in f.preferences.required}
            if me is not None and f.needs and is_eligible(me, f.needs, hard):
                j.keep_was_option += 1
                j.choice_offered += f.client_wants in ("keep", "transfer")
        if f.slot is not None and f.decision in ("keep", "transfer"):
            wait = f.slot - datetime.combine(f.date, datetime.min.time())
            days.append(wait.total_seconds() / 86400)
            level = policy.wait_level(wait)
            j.within_warn += level == 0
            j.past_warn += level == 1
            j.past_strong_warn += level == 2
    j.clinicians = [r for r in rows.values() if r.choice or r.received]
    j.keep_reasons = reasons
    j.rare_spent = sorted((SpentRow(holding_words(rarity.holdings[k], register), rarity.holdings[k].count, kept, moved)
                           for k, (kept, moved) in spent.items()), key=lambda r: (-(r.kept + r.transferred), r.what))
    j.booked = len(days)
    if days:
        j.median_days_to_partnership = round(median(days), 1)
        j.mean_days_to_partnership = round(sum(days) / len(days), 1)
    return j


def team_figures(register: Register, store=None, now: datetime | None = None, facts: list[Facts] | None = None) -> TeamFigures:
    """Every figure of the team view: from the register, its free slots, and the journal's sessions."""
    now = now or datetime.now()
    taken: set = set()
    if store is not None:
        taken = {(c.id, s) for c in register.clinicians for s in store.booked_slots(c.id)}
        if facts is None:
            facts = read_facts(store, register)
    slots = free_slots(register, taken, now, HORIZON_WEEKS)
    slots_by = {c.id: 0 for c in register.clinicians}
    for s in slots:
        slots_by[s.clinician] += 1
    rarity, skills, attrs = _coverage(register, slots_by)
    weeks, capacity = _capacity(register, slots, now, HORIZON_WEEKS)
    grid = [{"clinician": c.id, "name": c.name, "skills": {k: v.value for k, v in c.skills.items()}, "free_slots": slots_by[c.id]}
            for c in register.clinicians]
    p = register.policy
    return TeamFigures(register.team, now, HORIZON_WEEKS, rarity.size, rarity.rare_limit, p.rare_share, p.rare_max_holders,
                       skills, attrs, weeks, capacity, grid, journal_figures(register, facts or []))
