"""Booking: free slots, warnings for long waits, and a slot booked once only, even across processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta

import pytest

from choice_assistant.appointment.booking import free_slots, slot_warning
from choice_assistant.register.model import Policy
from choice_assistant.journal.sqlite import SlotTaken, SqliteStore
from choice_assistant.appointment import Appointment, WorkflowError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOW = datetime(2026, 11, 23, 10, 0)


@pytest.fixture
def store(data_dir):
    s = SqliteStore.open()
    yield s
    s.close()


def at_booking(store, register, clinician="chloe", session_id=None):
    a = Appointment.new(store, register, "ayo", now=NOW, session_id=session_id)
    a.tick_phrase("skills_match"); a.tick_phrase("your_preference"); a.next()
    a.set_text("risk", "Asked about safety: feels safe"); a.set_safety(False); a.next()
    a.add_goal("Go to school", "young_person", 3); a.next()
    a.set_text("formulation", "worry"); a.next()
    a.add_option(1, "cbt"); a.next()
    a.agree_option(1, "cbt"); a.next()
    a.set_client_wants("transfer"); a.choose("transfer", clinician); a.next()
    assert a.state == "booking"
    return a


def test_free_slots_leave_out_booked_and_past_slots(store, demo_register):
    chloe = demo_register.clinician("chloe").partnership_slots
    later = datetime(2026, 12, 1)
    assert free_slots(demo_register, store, "chloe", later) == [s for s in sorted(chloe) if s > later]
    a = at_booking(store, demo_register)
    a.book(datetime(2026, 12, 10, 14, 0))
    left = free_slots(demo_register, store, "chloe", NOW)
    assert datetime(2026, 12, 10, 14, 0) not in left
    assert len(left) == len(chloe) - 1
    assert a.free_slots() == left


def test_a_slot_booked_by_one_family_is_refused_to_another(store, demo_register):
    first = at_booking(store, demo_register)
    second = at_booking(store, demo_register)
    slot = datetime(2026, 11, 30, 10, 0)
    first.book(slot)
    with pytest.raises(WorkflowError, match="booked for another family"):
        second.book(slot)
    assert second.export().outcome.slot is None
    assert second.missing() == ["book the next appointment with Chloe Martin"]


def test_rebooking_releases_the_sessions_earlier_slot(store, demo_register):
    a = at_booking(store, demo_register)
    a.book(datetime(2026, 11, 30, 10, 0))
    a.book(datetime(2026, 12, 2, 15, 30))
    assert store.booked_slots("chloe") == {datetime(2026, 12, 2, 15, 30)}
    assert a.export().outcome.slot == datetime(2026, 12, 2, 15, 30)


def test_a_slot_not_in_the_register_or_already_past_cannot_be_booked(store, demo_register):
    a = at_booking(store, demo_register)
    with pytest.raises(WorkflowError, match="not one of chloe's Partnership slots"):
        a.book(datetime(2026, 12, 1, 9, 0))
    with pytest.raises(WorkflowError, match="already passed"):
        a.book(datetime(2026, 11, 30, 10, 0), now=datetime(2026, 12, 1))


def test_booking_is_only_possible_at_the_booking_stage(store, demo_register):
    a = Appointment.new(store, demo_register, "ayo", now=NOW)
    with pytest.raises(WorkflowError, match="Booking stage"):
        a.book(datetime(2026, 11, 30, 10, 0))


def test_choosing_another_clinician_clears_the_booked_slot_from_the_outcome(store, demo_register):
    a = at_booking(store, demo_register)
    a.book(datetime(2026, 11, 30, 10, 0))
    a.back()
    a.choose("transfer", "ben")
    assert a.export().outcome.slot is None
    a.next()
    assert a.missing() == ["book the next appointment with Ben Ode"]


def test_waits_past_four_weeks_warn_and_past_six_warn_strongly():
    policy = Policy()
    assert slot_warning(NOW + timedelta(weeks=4), NOW, policy) is None
    mild = slot_warning(NOW + timedelta(weeks=4, days=1), NOW, policy)
    assert mild and "4 weeks and 1 day away" in mild.text and mild.level == 1 and not mild.strong
    strong = slot_warning(NOW + timedelta(weeks=6, days=2), NOW, policy)
    assert strong.strong and strong.level == 2 and "6 weeks and 2 days" in strong.text
    assert slot_warning(NOW + timedelta(weeks=3), NOW, Policy(warn_weeks=2, strong_warn_weeks=5)) is not None


def test_booking_returns_the_warning_for_a_far_slot(store, demo_register):
    a = at_booking(store, demo_register)
    assert a.book(datetime(2026, 12, 2, 15, 30)) is None
    warning = a.book(datetime(2026, 12, 30, 14, 0))
    assert warning and warning.level == 1 and "5 weeks" in warning.text


_RACER = textwrap.dedent("""
    import sys, time
    from datetime import datetime
    from choice_assistant.journal.sqlite import SlotTaken, SqliteStore

    store = SqliteStore.open()
    sid = sys.argv[1]
    store.create_session(sid, datetime(2026, 11, 23), "ayo", "T")
    store.append(sid, "start", {"session": sid, "date": "2026-11-23"})
    start_at = float(sys.argv[2])
    while time.time() < start_at:
        pass
    try:
        store.book(sid, "ben", datetime(2026, 12, 28, 9, 30))
        print("booked")
    except SlotTaken as exc:
        print("refused:", exc)
""")


def test_two_processes_racing_for_the_last_slot_exactly_one_wins(data_dir):
    import time

    SqliteStore.open().close()  # create the journal first, as the app would
    start_at = time.time() + 1.5
    procs = [subprocess.Popen([sys.executable, "-c", _RACER, f"racer{i}", str(start_at)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        outs.append(out.strip())
    assert sorted(o.split(":")[0] for o in outs) == ["booked", "refused"]
    assert any("already been booked" in o for o in outs)
    with SqliteStore.open() as store:
        assert store.booked_slots("ben") == {datetime(2026, 12, 28, 9, 30)}
        winners = [sid for sid in ("racer0", "racer1") if any(e.kind == "book" for e in store.events(sid))]
        assert len(winners) == 1


def test_the_store_refuses_a_second_booking_of_the_same_slot(store):
    for sid in ("a", "b"):
        store.create_session(sid, NOW, "ayo", "T")
    store.book("a", "ben", datetime(2026, 12, 28, 9, 30))
    with pytest.raises(SlotTaken):
        store.book("b", "ben", datetime(2026, 12, 28, 9, 30))
    assert [e.kind for e in store.events("b")] == []


def test_choosing_someone_else_gives_the_first_clinicians_slot_back(store, demo_register):
    a = at_booking(store, demo_register)
    slot = datetime(2026, 11, 30, 10, 0)
    a.book(slot)
    assert slot not in free_slots(demo_register, store, "chloe", NOW)
    a.back()
    a.choose("transfer", "ben")
    assert slot in free_slots(demo_register, store, "chloe", NOW)
    assert [e.kind for e in store.events(a.session_id)][-2:] == ["unbook", "choose"]


def test_deciding_on_no_partnership_after_booking_gives_the_slot_back(store, demo_register):
    a = at_booking(store, demo_register)
    slot = datetime(2026, 11, 30, 10, 0)
    a.book(slot)
    assert a.goto("choice_point")
    assert a.no_partnership()
    assert a.export().outcome.decision == "no_partnership" and a.export().outcome.slot is None
    assert store.booked_slots("chloe") == set()


def test_changing_the_agreed_way_of_working_after_choosing_asks_to_check_the_choice_again(store, demo_register):
    a = at_booking(store, demo_register)
    a.goto("choice_point")
    a.agree_option(1, "emdr")
    assert not a.goto("booking")
    assert a.state == "allocation"
    assert a.missing() == ["the goals or agreed ways of working changed after the clinician was chosen: "
                           "check the choice with the family again"]
    a.choose("transfer", "chloe")
    assert a.missing() == []
