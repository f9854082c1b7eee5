"""The same journal rules on both backends: order, closed sessions, one live booking per slot, leases, team reads."""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest

from choice_assistant.journal import (JournalUnavailable, LeaseHeld, ReadOnly, SessionClosed, SlotTaken,
                                      open_journal)
from tests.domain.journal_backends import BACKENDS, fresh_pg_url, journal_url

NOW = datetime(2026, 11, 23, 10, 0)
SLOT = datetime(2026, 12, 1, 10, 0)


@pytest.fixture(params=BACKENDS)
def url(request, data_dir):
    return journal_url(request.param, data_dir)


@pytest.fixture
def store(url):
    s = open_journal(url)
    yield s
    s.close()


def started(store, sid="a", clinician="ayo"):
    store.create_session(sid, NOW, clinician, "Riverside")
    store.append(sid, "start", {"session": sid, "date": "2026-11-23"}, summary={"stage": "introduction"})
    return sid


def test_entries_come_back_in_order_and_sessions_list_newest_first(store):
    started(store, "a")
    started(store, "b")
    store.append("a", "text", {"field": "concerns", "value": "é ünïcode"}, summary={"young_person": "Sam"})
    assert [e.seq for e in store.events("a")] == [1, 2]
    assert store.events("a")[1].payload == {"field": "concerns", "value": "é ünïcode"}
    rows = store.list_sessions()
    assert [r.id for r in rows] == ["a", "b"]
    assert rows[0].young_person == "Sam" and rows[0].stage == "introduction"


def test_typing_grows_the_journal_with_what_was_typed_not_with_the_field_each_time(store):
    sid = started(store)
    text = ""
    for i in range(600):
        text += "word "[i % 5]
        store.append(sid, "text", {"field": "concerns", "value": text})
    stored = sum(len(p) for _, _, _, p in store.raw_events(sid))
    assert stored < 40 * 600  # whole values each time would be about 180,000 characters
    assert store.events(sid)[-1].payload["value"] == text
    fresh = open_journal(store.url if hasattr(store, "url") else f"sqlite:///{store.path}")
    assert [e.payload for e in fresh.events(sid)] == [e.payload for e in store.events(sid)]
    fresh.close()


def test_an_edit_in_the_middle_and_a_second_writer_still_read_back_exactly(store, url):
    sid = started(store)
    store.append(sid, "text", {"field": "concerns", "value": "Sam worries about school and sleep at night"})
    other = open_journal(url)
    other.append(sid, "text", {"field": "concerns", "value": "Sam worries about exams and sleep at night"})
    store.append(sid, "text", {"field": "concerns", "value": "Sam worries about exams and sleep at night, often"})
    store.append(sid, "text", {"field": "private_note", "stage": "curiosity", "value": "ask about dad"})
    values = [e.payload.get("value") for e in open_journal(url).events(sid)]
    assert values[1:] == ["Sam worries about school and sleep at night", "Sam worries about exams and sleep at night",
                          "Sam worries about exams and sleep at night, often", "ask about dad"]
    other.close()


@pytest.mark.parametrize("bad, reason", [("{not json", "not valid JSON"), ("bad-time", "Invalid isoformat")])
def test_an_unreadable_entry_is_named_and_nothing_is_skipped(store, bad, reason):
    from choice_assistant.journal.schema import entry_sum

    sid = started(store)
    store.append(sid, "text", {"field": "concerns", "value": "x"})
    at, payload = (bad, '{"field":"concerns","value":"x"}') if bad == "bad-time" else (NOW.isoformat(), bad)
    with store._tx() as c:  # written wrong, with a checksum that matches: the reader still names it
        c.execute("UPDATE events SET at = ?, payload = ?, checksum = ? WHERE session_id = ? AND seq = 2",
                  (at, payload, entry_sum(sid, 2, at, "text", payload), sid))
    with pytest.raises(JournalUnavailable, match=f"entry 2 of session 'a' cannot be read \\(.*{reason}") as exc:
        store.events(sid)
    assert "nothing was skipped" in str(exc.value)


def test_an_entry_changed_after_it_was_written_is_found_by_its_checksum(store):
    sid = started(store)
    store.append(sid, "text", {"field": "risk", "value": "She has thought about ending her life"})
    with store._tx() as c:  # still valid JSON, and still a plausible entry: only the checksum can tell
        c.execute("UPDATE events SET payload = ? WHERE session_id = ? AND seq = 2",
                  ('{"field":"risk","value":"She has thought about ending her lif"}', sid))
    with pytest.raises(JournalUnavailable, match="entry 2 of session 'a' cannot be read .*checksum"):
        store.events(sid)


def test_an_entry_lost_from_the_end_of_a_session_is_named(store):
    sid = started(store)
    store.append(sid, "set", {"field": "safety", "value": {"concerns": True, "plan": "crisis line", "actions": "GP"}})
    with store._tx() as c:  # as if the page holding the last entry had been lost
        c.execute("DELETE FROM events WHERE session_id = ? AND seq = 2", (sid,))
    with pytest.raises(JournalUnavailable, match="entry 2 of session 'a' cannot be read .*counts 2 entries"):
        store.events(sid)


def test_a_closed_session_refuses_entries_and_bookings_and_keeps_its_slot(store):
    sid = started(store)
    store.book(sid, "ben", SLOT)
    store.append(sid, "move", {"to": "closed"}, summary={"stage": "closed", "finished": True})
    with pytest.raises(SessionClosed):
        store.append(sid, "text", {"field": "concerns", "value": "late words"})
    with pytest.raises(SessionClosed):
        store.book(sid, "ben", datetime(2026, 12, 2, 10, 0))
    assert store.release(sid) is False
    assert store.booking_of(sid) == ("ben", SLOT)
    assert [e.kind for e in store.events(sid)] == ["start", "book", "move"]


def test_a_slot_is_booked_once_and_a_cancelled_booking_frees_it(store):
    a, b = started(store, "a"), started(store, "b")
    store.book(a, "ben", SLOT)
    with pytest.raises(SlotTaken, match="already been booked"):
        store.book(b, "ben", SLOT)
    assert [e.kind for e in store.events(b)] == ["start"]  # a refused booking leaves no entry
    assert store.release(a) is True
    store.book(b, "ben", SLOT)
    assert store.booking_of(b) == ("ben", SLOT) and store.booking_of(a) is None
    assert store.counts()["cancelled_bookings"] == 1
    assert [(x.session_id, x.slot) for x in store.team_bookings()] == [("b", SLOT)]


def test_rebooking_moves_the_session_to_the_new_slot_in_one_step(store):
    a = started(store)
    store.book(a, "ben", SLOT)
    store.book(a, "ben", datetime(2026, 12, 3, 9, 30))
    assert store.booked_slots("ben") == {datetime(2026, 12, 3, 9, 30)}


@pytest.fixture
def pg_url():
    return fresh_pg_url()


def test_two_laptops_on_one_journal_see_each_others_bookings_at_once(pg_url, tmp_path, monkeypatch):
    url = pg_url
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(tmp_path / "laptop1"))
    one = open_journal(url)
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(tmp_path / "laptop2"))
    two = open_journal(url)
    started(one, "a")
    started(two, "b")
    one.book("a", "ben", SLOT)
    assert two.booked_slots("ben") == {SLOT}
    with pytest.raises(SlotTaken):
        two.book("b", "ben", SLOT)
    assert {s.id for s in two.list_sessions()} == {"a", "b"}
    one.close(), two.close()


def test_a_clinician_is_never_in_two_overlapping_appointments_on_the_team_database(pg_url):
    store = open_journal(pg_url)
    a, b = started(store, "a"), started(store, "b")
    store.book(a, "ben", SLOT, minutes=60)
    with pytest.raises(SlotTaken, match="overlaps"):
        store.book(b, "ben", datetime(2026, 12, 1, 10, 30))
    store.book(b, "ben", datetime(2026, 12, 1, 11, 0))
    store.close()


def test_the_second_opener_is_told_who_has_the_appointment_and_may_read_it(url):
    first, second = open_journal(url), open_journal(url)
    sid = started(first)
    held = first.acquire(sid)
    with pytest.raises(LeaseHeld) as exc:
        second.acquire(sid)
    assert exc.value.holder.pid == held.pid and exc.value.holder.host == held.host
    assert held.host in str(exc.value)
    with pytest.raises(LeaseHeld):
        second.append(sid, "text", {"field": "concerns", "value": "overwrite"})
    reader = open_journal(url, read_only=True)
    assert reader.read_only and [e.kind for e in reader.events(sid)] == ["start"]
    with pytest.raises(ReadOnly):
        reader.append(sid, "text", {"field": "concerns", "value": "x"})
    assert second.holder(sid).pid == held.pid
    first.renew(sid)
    first.append(sid, "text", {"field": "concerns", "value": "mine"})
    first.release_lease(sid)
    assert second.holder(sid) is None
    second.acquire(sid)
    for s in (first, second, reader):
        s.close()


def test_a_crashed_holder_loses_the_appointment_after_a_short_time(url):
    first, second = open_journal(url), open_journal(url)
    first.lease_seconds = 0.5
    sid = started(first)
    first.acquire(sid)
    with pytest.raises(LeaseHeld):
        second.acquire(sid)
    time.sleep(0.8)  # the first never renews, as after a crash
    assert second.holder(sid) is None
    second.acquire(sid)
    with pytest.raises(LeaseHeld):
        first.renew(sid)
    first.close(), second.close()


def test_team_reads_carry_sessions_and_bookings_but_never_a_private_note(store):
    sid = started(store)
    store.append(sid, "text", {"field": "private_note", "stage": "goals", "value": "SECRET-dad-left"})
    store.append(sid, "choose", {"decision": "transfer", "clinician": "ben", "needs": [{"skill": "cbt", "level": "core"}]})
    store.book(sid, "ben", SLOT)
    rows = store.team_sessions()
    assert rows[0]["choice"]["decision"] == "transfer" and rows[0]["booking"]["clinician"] == "ben"
    assert "SECRET" not in json.dumps(rows, default=str)
    assert "SECRET" not in json.dumps([vars(b) for b in store.team_bookings()], default=str)


def test_the_journal_carries_its_schema_version(store):
    assert store.schema_version() == 3
    assert store.integrity() == ["ok"]
