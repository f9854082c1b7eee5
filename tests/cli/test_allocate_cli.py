"""`choice-assistant allocate` as a team lead uses it: JSON as in the contract, clear errors, --apply all or nothing."""

from __future__ import annotations

import json

import pytest

from choice_assistant.cli import main
from choice_assistant.journal import open_journal
from tests.conftest import EXAMPLES

WAITING = EXAMPLES / "waiting.yaml"
NOW = "2026-11-25T09:00"


def run_json(capsys, *extra) -> dict:
    assert main(["allocate", str(WAITING), "--register", str(EXAMPLES / "team.yaml"), "--now", NOW, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_demo_waiting_list_is_booked_and_compared_with_first_come(capsys):
    out = run_json(capsys)
    assert out["totals"]["assigned"] == 7 and out["totals"]["unassigned"] == 0
    assert out["totals"]["mean_weeks_to_first_appointment"] <= out["first_come"]["mean_weeks_to_first_appointment"]
    polish = next(a for a in out["assignments"] if a["case"] == "w-104")
    assert polish["clinician"] == "dariusz"
    slots = [(a["clinician"], a["slot"]) for a in out["assignments"]]
    assert len(slots) == len(set(slots))
    assert all(a["slot"] > NOW for a in out["assignments"])


def test_plain_text_says_nothing_was_booked(capsys, demo_register_path):
    assert main(["allocate", str(WAITING), "--register", str(demo_register_path), "--now", NOW]) == 0
    out = capsys.readouterr().out
    assert "w-104: Dariusz Nowak" in out and "first come" in out
    assert "Nothing was booked" in out


def test_apply_books_every_family_once_and_a_second_run_finds_them_taken(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    first = run_json(capsys, "--apply", "--db", db)
    store = open_journal(db)
    try:
        for a in first["assignments"]:
            clinician, slot = store.booking_of(a["case"])
            assert (clinician, slot.strftime("%Y-%m-%dT%H:%M")) == (a["clinician"], a["slot"])
    finally:
        store.close()
    # The same list again: the families now have bookings, so nothing is booked twice.
    code = main(["allocate", str(WAITING), "--register", str(EXAMPLES / "team.yaml"), "--now", NOW, "--apply", "--db", db])
    err = capsys.readouterr().err
    assert code == 2 and "already has a booking" in err
    store = open_journal(db)
    try:
        booked = [b for c in ("ayo", "ben", "chloe", "dariusz", "fatima", "grace") for b in store.booked_slots(c)]
        assert len(booked) == 7
    finally:
        store.close()


def test_an_empty_waiting_list_is_a_plain_message(tmp_path, capsys, demo_register_path):
    path = tmp_path / "w.yaml"
    path.write_text("waiting: []\n")
    assert main(["allocate", str(path), "--register", str(demo_register_path)]) == 0
    assert "Nobody is waiting" in capsys.readouterr().out


@pytest.mark.parametrize("text, expected", [
    ("waiting:\n- id: a\n  waiting_since: 2026-13-01\n  choice_clinician: ayo\n  goals: [{text: x, approach: cbt}]\n", "waiting[0].waiting_since"),
    ("waiting:\n- id: a\n  waiting_since: 2026-10-01\n  choice_clinician: nobody\n  goals: [{text: x, approach: cbt}]\n", "waiting[0].choice_clinician"),
    ("waiting:\n- id: a\n  waiting_since: 2026-10-01\n  choice_clinician: ayo\n  goals: [{text: x, approach: cbtt}]\n", "did you mean 'cbt'"),
    ("waiting:\n- {id: a, waiting_since: 2026-10-01, choice_clinician: ayo, goals: [{text: x, approach: cbt}]}\n"
     "- {id: a, waiting_since: 2026-10-01, choice_clinician: ayo, goals: [{text: x, approach: cbt}]}\n", "used twice"),
    ("waiting: [\n", "w.yaml"),
])
def test_bad_waiting_lists_are_one_clear_message(tmp_path, capsys, demo_register_path, text, expected):
    path = tmp_path / "w.yaml"
    path.write_text(text)
    assert main(["allocate", str(path), "--register", str(demo_register_path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_a_bad_now_is_a_clear_message(capsys, demo_register_path):
    assert main(["allocate", str(WAITING), "--register", str(demo_register_path), "--now", "soon"]) == 2
    assert "--now" in capsys.readouterr().err


def test_apply_books_nothing_when_a_planned_slot_went_meanwhile(tmp_path, demo_register):
    from datetime import datetime

    from choice_assistant.errors import InputError
    from choice_assistant.team.allocate import allocate
    from choice_assistant.team.apply import apply_allocation
    from choice_assistant.team.waiting import load_waiting

    store = open_journal(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    try:
        now = datetime.fromisoformat(NOW)
        plan = allocate(demo_register, load_waiting(WAITING, demo_register), now=now)
        last = plan.model.slots[plan.best.bookings[-1].slot]
        store.create_session("other", now, "ayo", "t")
        store.append("other", "start", {"session": "other", "date": "2026-11-25", "choice_clinician": "ayo", "team": "t"})
        store.book("other", last.clinician, last.at)  # another laptop books it first
        with pytest.raises(InputError, match="booked meanwhile"):
            apply_allocation(store, plan, now)
        assert [s.id for s in store.list_sessions()] == ["other"]
    finally:
        store.close()


def test_applied_waiting_list_bookings_are_never_unfinished_appointments(capsys, tmp_path):
    """A family booked from the waiting list had its Choice appointment elsewhere: its journal session is closed
    with the booking as its outcome, so no clinician's start screen offers it as an appointment to carry on."""
    from choice_assistant.appointment.export import export_session
    from choice_assistant.tui.start import unfinished_rows

    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    out = run_json(capsys, "--apply", "--db", db)
    store = open_journal(db)
    try:
        assert unfinished_rows(store, {}) == []
        sessions = {s.id: s for s in store.list_sessions()}
        assert set(sessions) == {a["case"] for a in out["assignments"]}
        assert all(s.finished and s.stage == "closed" for s in sessions.values())
        for a in out["assignments"]:
            outcome = export_session(store, a["case"]).outcome
            assert (outcome.clinician, f"{outcome.slot:%Y-%m-%dT%H:%M}") == (a["clinician"], a["slot"])
            assert outcome.decision in ("keep", "transfer")
    finally:
        store.close()


def _saved(db: str, sid: str, stage: str) -> None:
    from datetime import datetime

    store = open_journal(db)
    try:
        store.create_session(sid, datetime(2026, 11, 20), "ayo", "t")
        store.append(sid, "start", {"session": sid, "date": "2026-11-20", "choice_clinician": "ayo", "team": "t"},
                     summary={"stage": stage, "finished": stage == "closed"})
    finally:
        store.close()


def test_a_saved_open_appointment_gets_the_booking_and_stays_open_for_its_clinician(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    _saved(db, "w-101", "allocation")
    out = run_json(capsys, "--apply", "--db", db)
    store = open_journal(db)
    try:
        open_ = [s.id for s in store.list_sessions() if not s.finished]
        assert open_ == ["w-101"]  # the clinician still has letters to write; every other booking is closed
        a = next(a for a in out["assignments"] if a["case"] == "w-101")
        assert store.booking_of("w-101")[0] == a["clinician"]
    finally:
        store.close()


def test_a_closed_appointment_without_a_booking_is_refused_and_nothing_is_booked(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    _saved(db, "w-102", "closed")
    code = main(["allocate", str(WAITING), "--register", str(EXAMPLES / "team.yaml"), "--now", NOW, "--apply", "--db", db])
    err = capsys.readouterr().err
    assert code == 2 and "w-102" in err and "closed without a booking" in err and "Traceback" not in err
    store = open_journal(db)
    try:
        assert store.team_bookings() == []
    finally:
        store.close()


def test_a_session_left_open_by_an_undone_run_is_closed_by_the_next_one(capsys, tmp_path, demo_register):
    from datetime import datetime

    from choice_assistant.team.apply import _record_waiting_case
    from choice_assistant.team.waiting import load_waiting

    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    store = open_journal(db)
    try:
        case = next(c for c in load_waiting(WAITING, demo_register) if c.id == "w-101")
        _record_waiting_case(store, "Riverside", case, datetime.fromisoformat(NOW))  # what an undone run leaves
    finally:
        store.close()
    run_json(capsys, "--apply", "--db", db)
    store = open_journal(db)
    try:
        assert [s.id for s in store.list_sessions() if not s.finished] == []
        assert store.booking_of("w-101") is not None
    finally:
        store.close()


def test_a_slot_lost_mid_run_leaves_every_saved_appointment_as_it_was(capsys, tmp_path, monkeypatch):
    """A slot taken by another computer after the check but before this run books it: nothing changes anywhere."""
    from choice_assistant.appointment import export_session
    from choice_assistant.journal.port import SlotTaken
    from choice_assistant.journal.sqlite import SqliteStore

    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    _saved(db, "w-101", "allocation")
    real_book, calls = SqliteStore.book, []

    def book(self, session_id, clinician, slot, *args, **kwargs):
        calls.append(session_id)
        if len(calls) == 3:
            raise SlotTaken("the slot has just been booked for another family")
        return real_book(self, session_id, clinician, slot, *args, **kwargs)

    monkeypatch.setattr(SqliteStore, "book", book)
    code = main(["allocate", str(WAITING), "--register", str(EXAMPLES / "team.yaml"), "--now", NOW, "--apply", "--db", db])
    err = capsys.readouterr().err
    assert code == 2 and "nothing was booked" in err
    store = open_journal(db)
    try:
        assert store.team_bookings() == []
        assert export_session(store, "w-101").outcome is None  # its choice untouched
        assert all("choose" not in [e.kind for e in store.events(s.id)] for s in store.list_sessions())
    finally:
        store.close()
