"""The what-if's figures: weeks waited by skill, families still waiting and rare-skill hours, each with a 95% interval over replications."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    """The mean over replications with its confidence interval; None when some family was never seen (no finite value)."""

    value: float | None
    low: float | None = None
    high: float | None = None

    def json(self) -> float | None:
        return None if self.value is None else round(self.value, 2)

    def ci_json(self) -> list[float] | None:
        return None if self.low is None else [round(self.low, 2), round(self.high, 2)]


def estimate(values: list[float]) -> Estimate:
    """Mean and Student-t interval of per-replication figures (no interval from fewer than two)."""
    if not values:
        return Estimate(None)
    a = np.asarray(values, dtype=float)
    if not np.isfinite(a).all():
        return Estimate(None)
    mean = float(a.mean())
    if len(a) < 2:
        return Estimate(mean)
    from scipy.special import stdtrit  # Student's t quantile

    half = float(stdtrit(len(a) - 1, 0.5 + CONFIDENCE / 2) * a.std(ddof=1) / math.sqrt(len(a)))
    return Estimate(mean, mean - half, mean + half)


@dataclass
class SkillWaits:
    """Weeks from Choice to the first Partnership appointment for families needing one skill."""

    skill: str
    name: str
    families: float  # seen by the team, per replication
    another_service: float  # nobody in the team holds the skill, per replication
    median: Estimate
    p90: Estimate
    mean: Estimate


@dataclass
class Result:
    """One policy with one change (or none)."""

    policy: str
    change: str | None
    by_skill: dict[str, SkillWaits] = field(default_factory=dict)
    waiting_at_end: Estimate = Estimate(None)
    rare_skill_hours: Estimate = Estimate(None)

    def as_json(self) -> dict:
        return {
            "policy": self.policy,
            "change": self.change,
            "by_skill": {s: {"median_weeks": w.median.json(), "p90_weeks": w.p90.json(), "median_ci": w.median.ci_json(),
                             "p90_ci": w.p90.ci_json(), "mean_weeks": w.mean.json(), "mean_ci": w.mean.ci_json(),
                             "families": round(w.families, 2), "another_service": round(w.another_service, 2)}
                         for s, w in self.by_skill.items()},
            "waiting_at_end": self.waiting_at_end.json(),
            "waiting_at_end_ci": self.waiting_at_end.ci_json(),
            "rare_skill_hours_spent": self.rare_skill_hours.json(),
            "rare_skill_hours_ci": self.rare_skill_hours.ci_json(),
        }


def _quantile(w: np.ndarray, q: float) -> float:
    return float(np.quantile(w, q, method="inverted_cdf"))


def skill_waits(skill: str, name: str, kinds_needing: list[int], runs: list, streams: list) -> SkillWaits:
    medians, p90s, means, seen, elsewhere = [], [], [], [], []
    for run, stream in zip(runs, streams):
        w = run.waits[np.isin(stream.kinds, kinds_needing)]
        team = w[~np.isnan(w)]
        seen.append(len(team))
        elsewhere.append(len(w) - len(team))
        if len(team):
            medians.append(_quantile(team, 0.5))
            p90s.append(_quantile(team, 0.9))
            means.append(float(team.mean()))
    per = max(1, len(runs))
    return SkillWaits(skill, name, sum(seen) / per, sum(elsewhere) / per, estimate(medians), estimate(p90s), estimate(means))


def summarise(policy: str, change: str | None, runs: list, streams: list, skills: dict[str, list[int]], names: dict[str, str]) -> Result:
    """The figures of one policy and change from its replications (`skills`: skill id -> kinds of family needing it)."""
    by_skill = {s: skill_waits(s, names.get(s, s), kinds, runs, streams) for s, kinds in skills.items()}
    return Result(policy, change, by_skill, estimate([r.waiting_at_end for r in runs]),
                  estimate([r.rare_skill_hours for r in runs]))
