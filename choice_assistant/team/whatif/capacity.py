"""Each clinician's Partnership slots as a repeating weekly pattern: from the diary, or stated, with changes on top."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

WEEK = timedelta(weeks=1)
STATED_AT = 9 / (7 * 24)  # stated and added slots count as Monday 09:00 of every week
NO_DIARY_EPOCH = datetime(2001, 1, 1)  # a Monday: time 0 when the diary holds no slot at all


@dataclass(frozen=True)
class Capacity:
    """Slot times in weeks from `epoch` (a Monday, 00:00), repeating every `cycle` weeks."""

    epoch: datetime
    cycle: int
    pattern: dict[str, tuple[float, ...]]  # clinician id -> slot offsets within one cycle, in weeks, sorted

    def per_week(self, cid: str) -> float:
        """The clinician's slots a week, on average over the cycle."""
        return len(self.pattern.get(cid, ())) / self.cycle

    def times(self, cid: str, until: float) -> list[float]:
        """Every slot of the clinician from time 0 up to (not including) `until` weeks."""
        offsets = self.pattern.get(cid, ())
        out: list[float] = []
        k = 0
        while offsets and k * self.cycle < until:
            out += [k * self.cycle + o for o in offsets if k * self.cycle + o < until]
            k += 1
        return out


def _monday(d: datetime) -> datetime:
    d = d.replace(hour=0, minute=0, second=0, microsecond=0)
    return d - timedelta(days=d.weekday())


def diary_capacity(register) -> Capacity:
    """The diary's weeks, from the first slot's week to the last's, as the pattern that repeats."""
    slots = [s for c in register.clinicians for s in c.partnership_slots]
    if not slots:
        return Capacity(NO_DIARY_EPOCH, 1, {c.id: () for c in register.clinicians})
    epoch = _monday(min(slots))
    cycle = (_monday(max(slots)) - epoch).days // 7 + 1
    return Capacity(epoch, cycle, {c.id: tuple(sorted((s - epoch) / WEEK for s in c.partnership_slots))
                                   for c in register.clinicians})


def stated(capacity: Capacity, per_week: dict[str, int]) -> Capacity:
    """The named clinicians offer this many slots every week instead of their diary's pattern."""
    pattern = dict(capacity.pattern)
    for cid, n in per_week.items():
        pattern[cid] = tuple(w + STATED_AT for w in range(capacity.cycle) for _ in range(n))
    return replace(capacity, pattern=pattern)


def with_added(capacity: Capacity, cid: str, per_week: int) -> Capacity:
    """One clinician offers `per_week` more slots every week."""
    extra = tuple(w + STATED_AT for w in range(capacity.cycle) for _ in range(per_week))
    return replace(capacity, pattern={**capacity.pattern, cid: tuple(sorted(capacity.pattern.get(cid, ()) + extra))})


def without(capacity: Capacity, cid: str) -> Capacity:
    """The clinician's slots gone."""
    return replace(capacity, pattern={k: v for k, v in capacity.pattern.items() if k != cid})
