"""`db check`, `db copy` and `--db`: a laptop's journal moves into the team's with nothing lost or doubled."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from choice_assistant.cli import main
from choice_assistant.journal import open_journal
from tests.domain.journal_backends import BACKENDS, journal_url

NOW = datetime(2026, 11, 23, 10, 0)
SLOT = datetime(2026, 12, 1, 10, 0)


def _laptop(path, sessions=3):
    store = open_journal(f"sqlite:///{path}")
    for n in range(sessions):
        sid = f"s{n}"
        store.create_session(sid, NOW, "ayo", "Riverside")
        store.append(sid, "start", {"session": sid, "date": "2026-11-23"})
        text = ""
        for word in ("Sam", " worries", " about", " school", " every", " morning"):
            text += word
            store.append(sid, "text", {"field": "concerns", "value": text}, summary={"young_person": f"Child {n}"})
        store.append(sid, "text", {"field": "private_note", "stage": "goals", "value": f"note {n}"})
    store.book("s0", "ben", SLOT)
    store.close()
    return f"sqlite:///{path}"


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    return journal_url(request.param, tmp_path / "team")


def test_db_check_reports_version_counts_and_integrity(tmp_path, capsys):
    url = _laptop(tmp_path / "laptop.sqlite3")
    assert main(["--db", url, "db", "check", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["schema_version"] == 3 and found["sessions"] == 3 and found["entries"] == 25
    assert found["live_bookings"] == 1 and found["integrity"] == ["ok"]
    assert main(["db", "check", "--db", url]) == 0
    assert "3 sessions, 25 entries, 1 live bookings" in capsys.readouterr().out


def test_copy_moves_every_entry_and_booking_and_running_it_again_adds_nothing(tmp_path, target, capsys):
    (tmp_path / "team").mkdir()
    source = _laptop(tmp_path / "laptop.sqlite3")
    assert main(["db", "copy", source, target, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first == {"sessions_added": 3, "entries_added": 25, "bookings_added": 1, "sessions_already_there": 0, "problems": []}
    assert main(["db", "copy", source, target, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["sessions_added"] == again["entries_added"] == again["bookings_added"] == 0
    assert again["sessions_already_there"] == 3
    src, dst = open_journal(source), open_journal(target)
    for sid in ("s0", "s1", "s2"):
        assert [(e.seq, e.at, e.kind, e.payload) for e in dst.events(sid)] == [(e.seq, e.at, e.kind, e.payload) for e in src.events(sid)]
    assert dst.booking_of("s0") == ("ben", SLOT)
    assert [r.young_person for r in dst.list_sessions()] == [r.young_person for r in src.list_sessions()]
    # later typing on the laptop copies in as only the new entries
    src.append("s1", "text", {"field": "concerns", "value": "Sam worries about school every morning, less now"})
    src.close(), dst.close()
    assert main(["db", "copy", source, target, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries_added"] == 1


def test_a_slot_taken_in_the_team_diary_is_named_and_the_entries_still_copied(tmp_path, target, capsys):
    (tmp_path / "team").mkdir()
    source = _laptop(tmp_path / "laptop.sqlite3")
    team = open_journal(target)
    team.create_session("theirs", NOW, "ben", "Riverside")
    team.book("theirs", "ben", SLOT)
    team.close()
    assert main(["db", "copy", source, target]) == 2
    err = capsys.readouterr().err
    assert "session 's0' booked ben at 2026-12-01 10:00" in err and "book again" in err
    team = open_journal(target)
    assert len(team.events("s0")) == 9 and team.booking_of("s0") is None
    assert team.booking_of("theirs") == ("ben", SLOT)
    team.close()


def test_copy_from_a_damaged_journal_saves_every_readable_entry_and_names_the_rest(tmp_path, capsys):
    source = _laptop(tmp_path / "laptop.sqlite3")
    store = open_journal(source)
    with store._tx() as c:
        c.execute("UPDATE events SET payload = '{broken' WHERE session_id = 's2' AND seq = 3")
    store.close()
    target = f"sqlite:///{tmp_path / 'rescued.sqlite3'}"
    assert main(["db", "copy", source, target]) == 2
    captured = capsys.readouterr()
    assert "copied 3 new sessions, 24 entries" in captured.out
    assert "session 's2' was copied with 7 readable entries" in captured.err and "entry 3: it is damaged" in captured.err
    rescued = open_journal(target)
    assert [e.payload.get("value") for e in rescued.events("s2")][2:7] == [
        "Sam worries about", "Sam worries about school", "Sam worries about school every",
        "Sam worries about school every morning", "note 2"]
    rescued.close()


def test_sessions_list_reads_the_journal_db_names(tmp_path, capsys):
    url = _laptop(tmp_path / "laptop.sqlite3")
    assert main(["sessions", "list", "--json", "--db", url]) == 0
    assert {r["id"] for r in json.loads(capsys.readouterr().out)} == {"s0", "s1", "s2"}


def test_an_unreachable_team_database_is_exit_2_with_one_plain_message(capsys):
    assert main(["--db", "postgresql://ana:secret@127.0.0.1:1/team", "sessions", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be reached" in err and "secret" not in err and "Traceback" not in err
