"""The journal: durable entries, private file, refusing files that are not ours, surviving a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import datetime

import pytest

from choice_assistant.errors import InputError
from choice_assistant.journal.sqlite import APPLICATION_ID, SqliteStore
from choice_assistant.appointment import Appointment, rebuild

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOW = datetime(2026, 11, 23, 10, 0)


def test_the_journal_and_its_side_files_are_readable_by_their_owner_only(data_dir):
    old = os.umask(0o022)
    try:
        with SqliteStore.open() as store:
            assert store.path == data_dir / "journal.sqlite3"
            store.create_session("a", NOW, "ayo", "T")
            store.append("a", "start", {"session": "a", "date": "2026-11-23"})
            files = sorted(p.name for p in data_dir.iterdir())
            assert files == ["journal.sqlite3", "journal.sqlite3-shm", "journal.sqlite3-wal"]
            for name in files:
                assert stat.S_IMODE(os.stat(data_dir / name).st_mode) == 0o600, name
    finally:
        os.umask(old)


def test_the_journal_uses_wal_and_carries_its_marker(data_dir):
    with SqliteStore.open() as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def _count_wal_syncs(monkeypatch) -> list[str]:
    """Record each fsync of a journal's write-ahead log (by the file's name), still syncing for real."""
    import choice_assistant.journal.sqlite as backend

    synced: list[str] = []
    real = os.fsync

    def fsync(fd):
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists(f"/proc/self/fd/{fd}") else "?"
        real(fd)
        synced.append(os.path.basename(name))

    monkeypatch.setattr(backend.os, "fsync", fsync)
    return synced


def _until(check, seconds: float = 5.0) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.005)
    return check()


def test_every_entry_is_forced_to_the_disk_moments_after_it_is_written(data_dir, monkeypatch):
    synced = _count_wal_syncs(monkeypatch)
    with SqliteStore.open() as store:
        store.create_session("a", NOW, "ayo", "T")
        synced.clear()
        store.append("a", "text", {"field": "concerns", "value": "typed"})
        assert _until(lambda: "journal.sqlite3-wal" in synced), synced


def test_a_booking_is_on_the_disk_before_it_returns(data_dir, monkeypatch):
    synced = _count_wal_syncs(monkeypatch)
    with SqliteStore.open() as store:
        store.create_session("a", NOW, "ayo", "T")
        store.append("a", "start", {"session": "a", "date": "2026-11-23"})
        store._disk.close()  # no background syncing from here: only what booking itself waits for
        synced.clear()
        store.book("a", "ben", datetime(2026, 11, 30, 9, 0))
        assert "journal.sqlite3-wal" in synced


def test_a_disk_that_refuses_to_sync_is_said_plainly_and_the_next_entry_is_refused(data_dir, monkeypatch):
    import choice_assistant.journal.sqlite as backend
    from choice_assistant.journal.port import StoreRefused

    def broken(fd):
        raise OSError(5, "Input/output error")

    with SqliteStore.open() as store:
        store.create_session("a", NOW, "ayo", "T")
        monkeypatch.setattr(backend.os, "fsync", broken)
        with pytest.raises(StoreRefused, match="disk"):
            store.book("a", "ben", datetime(2026, 11, 30, 9, 0))
        with pytest.raises(StoreRefused, match="Input/output error"):
            store.append("a", "text", {"field": "concerns", "value": "more"})
        monkeypatch.undo()  # the disk is back: the next entry syncs what was refused, then is written
        store.append("a", "text", {"field": "concerns", "value": "more"})
        assert store.events("a")[-1].payload["value"] == "more"


def test_entries_come_back_in_order_and_sessions_list_newest_first(data_dir):
    with SqliteStore.open() as store:
        store.create_session("a", NOW, "ayo", "T")
        store.append("a", "start", {"session": "a", "date": "2026-11-23"})
        store.create_session("b", NOW, "ben", "T")
        store.append("b", "start", {"session": "b", "date": "2026-11-23"})
        store.append("a", "text", {"field": "concerns", "value": "é ünïcode"}, summary={"young_person": "Sam"})
        assert [e.seq for e in store.events("a")] == [1, 2]
        assert store.events("a")[1].payload["value"] == "é ünïcode"
        rows = store.list_sessions()
        assert [r.id for r in rows] == ["a", "b"]
        assert rows[0].young_person == "Sam" and rows[0].stage == "introduction"


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"my shopping list\n" * 20)
    before = path.read_bytes()
    with pytest.raises(InputError, match="not a choice-assistant journal") as exc:
        SqliteStore.open(path)
    assert str(path) in str(exc.value)
    assert path.read_bytes() == before
    assert not (tmp_path / "journal.sqlite3-wal").exists()


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="belongs to another program"):
        SqliteStore.open(path)
    assert path.read_bytes() == before


def test_a_damaged_journal_gives_a_clear_error_and_is_not_overwritten(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with SqliteStore.open(path) as store:
        store.create_session("a", NOW, "ayo", "T")
        store.append("a", "start", {"session": "a", "date": "2026-11-23"})
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the first page
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged"):
        store = SqliteStore.open(path)
        store.list_sessions()
    assert path.read_bytes() == bytes(data)


def test_a_folder_in_place_of_the_journal_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="folder"):
        SqliteStore.open(tmp_path)


_CHILD = textwrap.dedent("""
    import sys
    from datetime import datetime
    from choice_assistant.register.load import load_register
    from choice_assistant.journal.sqlite import SqliteStore
    from choice_assistant.appointment import Appointment

    store = SqliteStore.open()
    a = Appointment.new(store, load_register(sys.argv[1]), "ayo", now=datetime(2026, 11, 23, 10), session_id="killed")
    a.tick_phrase("skills_match"); a.tick_phrase("your_preference"); a.next()
    a.set_text("risk", "Asked about safety: none"); a.set_safety(False); a.next()
    i = 0
    while True:
        i += 1
        a.add_goal(f"goal number {i}", "young_person", i % 11)
        a.set_text("concerns", f"concern typed {i}")
        a.flush()
        print(i, flush=True)
""")


def test_a_process_killed_mid_entry_loses_nothing_it_committed(data_dir, demo_register_path, demo_register):
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(demo_register_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last = 0
    try:
        for line in child.stdout:
            last = int(line)
            if last >= 25:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert last >= 25, child.stderr.read()
    with SqliteStore.open() as store:
        resumed = Appointment.resume(store, "killed", demo_register, now=NOW)
        s = resumed.export()
        assert resumed.state == "goals"
        assert s.risk == "Asked about safety: none"
        assert len(s.goals) >= last
        assert [g.text for g in s.goals[:last]] == [f"goal number {i}" for i in range(1, last + 1)]
        n = int(s.concerns.rsplit(" ", 1)[1])
        assert n >= last
        # the journal is still usable after the kill
        resumed.add_goal("one more", "family", 5)
        assert rebuild(store.events("killed")).session.goals[-1].text == "one more"


def test_another_programs_database_in_wal_mode_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "journal.sqlite3"
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE notes (body TEXT)")
    other.execute("INSERT INTO notes VALUES ('keep me')")
    other.commit()  # left open, so the rows stay in the -wal file
    before = path.read_bytes()
    try:
        with pytest.raises(InputError, match="belongs to another program"):
            SqliteStore.open(path)
        assert path.read_bytes() == before
        assert other.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
    finally:
        other.close()


def test_a_session_with_an_entry_this_version_cannot_read_is_a_clear_error(data_dir, demo_register):
    with SqliteStore.open() as store:
        a = Appointment.new(store, demo_register, "ayo", now=NOW)
        store.append(a.session_id, "hologram", {"x": 1})
        with pytest.raises(InputError, match="cannot be rebuilt from its journal.*unknown journal entry kind 'hologram'"):
            Appointment.resume(store, a.session_id, demo_register)
        assert [e.kind for e in store.events(a.session_id)] == ["start", "hologram"]
