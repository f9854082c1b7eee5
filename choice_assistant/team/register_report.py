"""The register report: where skills, languages, genders and backgrounds are rare in a team (`register report`)."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.register.model import Level, Register
from choice_assistant.matching.scarcity import Holding, profile_of


def _now() -> datetime:
    return datetime.now()


def summary_line(register: Register, now: datetime | None = None) -> str:
    """One line about the team; slots already past never count as free."""
    prof = profile_of(register)
    free = prof.free_slots([c.id for c in register.clinicians], now or _now())
    return (
        f"{register.team}: {len(register.clinicians)} clinicians, {len(register.skills)} skills, "
        f"{free} free Partnership slots"
    )


def _mark(rare: bool) -> str:
    return "  RARE" if rare else ""


def report_lines(register: Register, now: datetime | None = None) -> list[str]:
    """The report as text; free slots are those after `now` (past slots never count)."""
    now = now or _now()
    prof = profile_of(register)
    lines = [summary_line(register, now), f"Rare means held by {prof.rare_limit} or fewer of the {prof.size} clinicians (set in the register's policy).", ""]
    name_w = max(len(s.name) for s in register.skills)
    name_w = min(max(name_w, 10), 48)
    lines.append(f"{'Skill':<{name_w}}  {'core':>4}  {'specific':>8}  {'can do core':>11}  {'free slots':>10}")
    for s in sorted(register.skills, key=lambda s: (prof.skill(s.id, Level.core).count, s.name.lower())):
        ex = prof.exact[s.id]
        any_ = prof.skill(s.id, Level.core)
        spec = prof.skill(s.id, Level.specific)
        rare_core = prof.is_rare(any_)
        rare_spec = spec.count > 0 and prof.is_rare(spec)
        note = ""
        if any_.count == 0:
            note = "  NOBODY"
        elif rare_core:
            note = "  RARE"
        elif rare_spec:
            note = "  rare at specific level"
        free = prof.free_slots(any_, now)
        if any_.count and free == 0:
            note += "  (no free slots)"
        lines.append(f"{s.name[:name_w]:<{name_w}}  {ex[Level.core].count:>4}  {ex[Level.specific].count:>8}  {any_.count:>11}  {free:>10}{note}")
    for title, table in (("Gender", prof.gender), ("Languages", prof.languages), ("Cultural background", prof.cultural_background)):
        lines += ["", f"{title:<{name_w}}  {'clinicians':>10}  {'free slots':>10}"]
        if not table:
            lines.append("  (not recorded for anyone)")
        for value, h in sorted(table.items(), key=lambda kv: (kv[1].count, kv[0])):
            lines.append(f"{(h.label or value)[:name_w]:<{name_w}}  {h.count:>10}  {prof.free_slots(h, now):>10}{_mark(prof.is_rare(h))}")
        unknown = prof.size - len({cid for h in table.values() for cid in h.holders})
        if table and unknown:
            lines.append(f"{'(not recorded)':<{name_w}}  {unknown:>10}")
    return lines


def report_data(register: Register, now: datetime | None = None) -> dict:
    """The same report as plain data (for JSON output)."""
    now = now or _now()
    prof = profile_of(register)

    def h(x: Holding) -> dict:
        return {"clinicians": x.count, "free_slots": prof.free_slots(x, now), "rare": prof.is_rare(x)}

    return {
        "team": register.team,
        "clinicians": prof.size,
        "rare_limit": prof.rare_limit,
        "skills": {
            s.id: {
                "name": s.name,
                "core": prof.exact[s.id][Level.core].count,
                "specific": prof.exact[s.id][Level.specific].count,
                "can_do_core": h(prof.skill(s.id, Level.core)),
                "can_do_specific": h(prof.skill(s.id, Level.specific)),
            }
            for s in register.skills
        },
        "gender": {k: h(v) for k, v in prof.gender.items()},
        "languages": {k: h(v) for k, v in prof.languages.items()},
        "cultural_background": {k: h(v) for k, v in prof.cultural_background.items()},
    }
