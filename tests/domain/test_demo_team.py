"""The bundled demo team's diary follows today's date, so a demo opened next month still offers slots."""

from __future__ import annotations

from datetime import date, datetime

from choice_assistant.register.demo import load_demo_register


def _slots(register):
    return sorted(s for c in register.clinicians for s in c.partnership_slots)


def test_months_later_the_demo_team_still_has_free_slots_from_this_week_on(demo_register):
    written = _slots(demo_register)
    later = date(2027, 3, 17)  # a Wednesday, months after the slots in examples/team.yaml
    moved = _slots(load_demo_register(later))
    assert len(moved) == len(written)
    monday = date(2027, 3, 15)
    assert moved[0].date() >= monday and (moved[0].date() - monday).days < 7
    assert sum(s > datetime(2027, 3, 17, 12) for s in moved) >= len(moved) - 3
    # whole weeks: the same weekday and time of day as written
    assert [(s.weekday(), s.time()) for s in moved] == [(s.weekday(), s.time()) for s in written]
    for c_written, c_moved in zip(demo_register.clinicians, load_demo_register(later).clinicians):
        for a, b in zip(c_written.partnership_slots, c_moved.partnership_slots):
            assert c_written.venue_of(a) == c_moved.venue_of(b)


def test_before_its_dates_the_demo_team_is_left_as_written(demo_register):
    assert _slots(load_demo_register(date(2026, 11, 1))) == _slots(demo_register)
