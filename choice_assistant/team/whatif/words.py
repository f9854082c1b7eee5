"""The what-if in words: policies, changes, estimates with their intervals, and the caution that goes with every figure."""

from __future__ import annotations

from choice_assistant.team.text import plural
from choice_assistant.team.whatif.summary import Estimate

POLICY_WORDS = {"skill": "by skill", "keep_when_eligible": "keep when eligible"}
POLICY_ABOUT = {"skill": "by skill: the clinician the advice suggests",
                "keep_when_eligible": "keep when eligible: the Choice clinician keeps whenever they could"}
NO_CHANGE = "no change"


def caution(weeks: int, replications: int) -> str:
    """Said beside every what-if figure: a model's estimate under stated assumptions, never a promise to a family."""
    return (f"These are estimates from a model of the team over {plural(weeks, 'week')} ({plural(replications, 'run')}), "
            "under the demand and slots stated here. They compare policies and changes; they are not a promise to any "
            "family about when they will be seen.")


def scenario(policy: str, change: str | None) -> str:
    return f"{POLICY_WORDS.get(policy, policy)}, {change or NO_CHANGE}"


def number(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def with_interval(e: Estimate, never: str = "some never seen") -> str:
    """'8.2 (7.4-8.9)'; the words `never` when some family was never seen in a run."""
    if e.value is None:
        return never
    if e.low is None:
        return number(e.value)
    return f"{number(e.value)} ({number(e.low)}-{number(e.high)})"


def demand_words(report) -> str:
    d = report.demand
    source = "from the journal's Choice outcomes" if d.source == "journal" else "as stated"
    mix = ", ".join(f"{name} {share:.0%}" for name, share in report.mix.items())
    return f"{d.per_week:.1f} families a week on average ({source}): {mix}"


def capacity_words(report) -> str:
    return (f"{report.slots_per_week:.1f} Partnership slots a week across the team, "
            f"{plural(report.hours_per_slot, 'hour')} a slot")


def text_lines(report) -> list[str]:
    """The what-if for the terminal: the assumptions, then each policy and change with its figures."""
    never = f"some not seen in {report.seen_until} weeks"
    lines = [f"{report.team}: what if, over {plural(report.weeks, 'week')}, {plural(report.replications, 'run')} (seed {report.seed})",
             caution(report.weeks, report.replications), "",
             f"Demand: {demand_words(report)}", f"Capacity: {capacity_words(report)}"]
    for name, what in report.changes.items():
        lines.append(f"Change '{name}': {what}")
    lines += ["", "Weeks from Choice to the first Partnership appointment: median and 90th percentile, "
                  "each with its 95% interval over the runs"]
    for r in report.results:
        lines += ["", f"{scenario(r.policy, r.change)}:",
                  f"  still waiting at week {report.weeks}: {with_interval(r.waiting_at_end)}; rare-skill hours on work "
                  f"others could do: {with_interval(r.rare_skill_hours)}"]
        width = max((len(w.name) for w in r.by_skill.values()), default=10) + 2
        for w in r.by_skill.values():
            if w.families == 0 and w.another_service:
                lines.append(f"    {w.name:{width}}nobody in the team holds it: {w.another_service:.1f} families a run to another service")
                continue
            lines.append(f"    {w.name:{width}}median {with_interval(w.median, never)}, 90% within "
                         f"{with_interval(w.p90, never)}; {w.families:.1f} families a run")
    return lines
