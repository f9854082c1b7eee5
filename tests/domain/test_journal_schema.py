"""The journal's schema: created on first use, older ones brought up to date, newer ones refused untouched."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from choice_assistant.journal import JournalUnavailable, SlotTaken, open_journal
from choice_assistant.journal.schema import APPLICATION_ID, SQLITE_MIGRATIONS
from tests.domain.journal_backends import fresh_pg_url

SLOT = datetime(2026, 12, 1, 10, 0)


def _version_1_journal(path):
    conn = sqlite3.connect(path)
    for statement in SQLITE_MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute("INSERT INTO sessions (id, created, last_change) VALUES ('old', '2026-11-01T10:00', '2026-11-01T10:00')")
    conn.execute("INSERT INTO events VALUES ('old', 1, '2026-11-01T10:00:00+00:00', 'start', '{\"session\":\"old\"}')")
    conn.execute("INSERT INTO bookings VALUES ('ben', '2026-12-01T10:00', 'old', '2026-11-01T10:00')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_a_version_1_journal_is_brought_up_to_date_keeping_its_entries_and_bookings(tmp_path):
    path = tmp_path / "journal.sqlite3"
    _version_1_journal(path)
    store = open_journal(f"sqlite:///{path}")
    assert store.schema_version() == 3
    assert [e.kind for e in store.events("old")] == ["start"]
    assert store.booking_of("old") == ("ben", SLOT)
    store.create_session("new", datetime(2026, 11, 2), "ayo", "T")
    with pytest.raises(SlotTaken):
        store.book("new", "ben", SLOT)
    store.close()


def test_a_newer_sqlite_journal_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "journal.sqlite3"
    open_journal(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalUnavailable, match="newer choice-assistant \\(format 9"):
        open_journal(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_newer_team_database_is_refused_and_left_untouched():
    import psycopg

    url = fresh_pg_url()
    open_journal(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE choice_assistant_meta SET value = '9' WHERE key = 'schema_version'")
        before = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").fetchone()
    with pytest.raises(JournalUnavailable, match="newer choice-assistant \\(format 9"):
        open_journal(url)
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT value FROM choice_assistant_meta WHERE key = 'schema_version'").fetchone() == ("9",)
        assert conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").fetchone() == before


def test_a_team_database_with_another_programs_sessions_table_is_left_alone():
    import psycopg

    url = fresh_pg_url()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE sessions (who TEXT)")
    with pytest.raises(JournalUnavailable, match="tables named sessions"):
        open_journal(url)
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('choice_assistant_meta')").fetchone() == (None,)


def test_an_unreachable_team_database_is_one_message_naming_it_with_the_password_hidden():
    with pytest.raises(JournalUnavailable) as exc:
        open_journal("postgresql://ana:hunter2@127.0.0.1:1/team")
    text = str(exc.value)
    assert "postgresql://ana:***@127.0.0.1:1/team" in text and "hunter2" not in text
    assert "cannot be reached" in text and "server is running" in text


def test_an_unknown_journal_address_says_which_ones_work():
    with pytest.raises(JournalUnavailable, match="sqlite:///PATH.*postgresql://"):
        open_journal("mysql://x/y")


def test_a_missing_postgresql_driver_is_one_message_saying_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(JournalUnavailable, match=r"driver is not installed.*choice-assistant\[team\]"):
        open_journal("postgresql://ana@127.0.0.1:1/team")


def test_a_version_2_journal_gets_a_checksum_for_every_old_entry_and_its_count(tmp_path):
    path = tmp_path / "journal.sqlite3"
    conn = sqlite3.connect(path)
    for step in (1, 2):
        for statement in SQLITE_MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute("INSERT INTO sessions (id, created, last_change) VALUES ('old', '2026-11-01T10:00', '2026-11-01T10:00')")
    conn.execute("INSERT INTO events VALUES ('old', 1, '2026-11-01T10:00:00+00:00', 'start', '{\"session\":\"old\"}')")
    conn.execute("INSERT INTO events VALUES ('old', 2, '2026-11-01T10:01:00+00:00', 'text', "
                 "'{\"field\":\"risk\",\"value\":\"no thoughts of harm\"}')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    store = open_journal(f"sqlite:///{path}")
    assert store.schema_version() == 3
    assert [e.payload.get("value") for e in store.events("old")] == [None, "no thoughts of harm"]
    assert store.entry_problems() == []
    store.close()
    conn = sqlite3.connect(path)  # changed after the upgrade: now it is found
    conn.execute("""UPDATE events SET payload = '{"field":"risk","value":"no thoughts of harm now"}' WHERE seq = 2""")
    conn.commit()
    conn.close()
    with pytest.raises(JournalUnavailable, match="entry 2 of session 'old' cannot be read .*checksum"):
        open_journal(f"sqlite:///{path}").events("old")
