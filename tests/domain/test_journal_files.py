"""Damaged and odd journal files: a plain message (exit 2), the file untouched, readable copies still readable."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from choice_assistant.journal import JournalUnavailable, ReadOnly, open_journal
from choice_assistant.journal.schema import APPLICATION_ID
from choice_assistant.journal.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 10, 0)


def _journal(path: Path, sessions=3, entries=150) -> None:
    store = SqliteStore.open(path)
    for n in range(sessions):
        sid = f"s{n}"
        store.create_session(sid, NOW, "ayo", "T")
        store.append(sid, "start", {"session": sid, "date": "2026-11-23"})
        for i in range(entries):
            store.append(sid, "phrase", {"id": f"p{i}-" + "x" * 40, "said": True})
    store.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)  # closed cleanly: everything is in the main file


def _cli(*args, data: Path, timeout=20) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(data)}
    env.pop("CHOICE_ASSISTANT_DB", None)
    return subprocess.run([sys.executable, "-m", "choice_assistant", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_random_blocks_in_the_journal_are_found_at_open_and_nothing_is_written(data_dir):
    path = data_dir / "journal.sqlite3"
    _journal(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    page = 4096
    for p in (len(data) // page // 2, len(data) // page - 2):  # two pages in the middle of the events
        data[p * page:(p + 1) * page] = bytes(rng.randrange(256) for _ in range(page))
    path.write_bytes(bytes(data))
    result = _cli("sessions", "list", data=data_dir)
    assert result.returncode == 2, result.stdout
    assert "the journal is damaged" in result.stderr and "db copy" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == bytes(data)
    assert not Path(f"{path}-wal").exists()


def test_a_fifo_as_the_journal_is_refused_at_once_without_hanging(data_dir):
    path = data_dir / "journal.sqlite3"
    os.mkfifo(path)
    result = _cli("sessions", "list", data=data_dir, timeout=10)
    assert result.returncode == 2 and "not a plain file" in result.stderr
    assert path.is_fifo()


def test_our_marker_without_our_tables_is_refused_and_left_untouched(data_dir):
    path = data_dir / "journal.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = _cli("sessions", "list", data=data_dir)
    assert result.returncode == 2 and "incomplete" in result.stderr
    assert path.read_bytes() == before and not Path(f"{path}-wal").exists()


def test_a_journal_in_a_folder_that_cannot_be_written_is_read_and_exported(data_dir, monkeypatch):
    path = data_dir / "journal.sqlite3"
    _journal(path, sessions=1, entries=3)
    before = path.read_bytes()
    if os.geteuid() == 0:  # root may write anywhere: make the folder read-only as this program sees it
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK else real(p, mode, **kw))
    else:
        os.chmod(data_dir, 0o500)
    try:
        store = open_journal()
        assert store.read_only
        assert [s.id for s in store.list_sessions()] == ["s0"]
        assert len(store.events("s0")) == 4
        with pytest.raises(ReadOnly):
            store.append("s0", "phrase", {"id": "x", "said": True})
        store.close()
    finally:
        os.chmod(data_dir, 0o700)
    assert path.read_bytes() == before


def test_someone_elses_locked_folder_is_a_plain_message(data_dir, monkeypatch):
    folder = data_dir / "theirs"
    folder.mkdir(mode=0o700)
    target = folder / "journal.sqlite3"
    if os.geteuid() == 0:  # root passes every permission check: the refusal the OS gives others is simulated
        real = Path.stat

        def stat(self, *a, **kw):
            if str(self).startswith(str(folder)):
                raise PermissionError(13, "Permission denied", str(self))
            return real(self, *a, **kw)

        monkeypatch.setattr(Path, "stat", stat)
    else:
        os.chmod(folder, 0o000)
    try:
        with pytest.raises(JournalUnavailable, match="permission denied.*belongs to someone else"):
            open_journal(f"sqlite:///{target}")
    finally:
        os.chmod(folder, 0o700)
        monkeypatch.undo()
    assert not target.exists()
