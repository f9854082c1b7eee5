"""The journal: an append-only event log per session, and bookings, behind a small Store interface.

`Store` is the interface the workflow writes through; `SqliteStore` is the embedded SQLite
implementation (one file in the data directory, WAL mode, `synchronous=FULL`, so every entry
is on disk when `append` returns). A shared database can implement the same protocol later.

    store = SqliteStore.open()                  # data_dir()/journal.sqlite3, created 0600
    store.create_session(sid, created, "ayo", "Riverside CAMHS")
    store.append(sid, "text", {"field": "concerns", "value": "..."})
    store.events(sid)                           # -> list[Event], in order
    store.list_sessions()                       # -> list[SessionSummary], newest first
    store.book(sid, "ben", slot)                # atomic; raises SlotTaken if anyone has it
    store.release(sid)                          # frees the session's slot (a new choice, no Partnership)
    store.booked_slots("ben")                   # -> set[datetime]

A file that is not SQLite, or is SQLite without this program's marker, raises InputError
naming the file and is never written to.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from contextlib import contextmanager

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from choice_assistant.errors import InputError
from choice_assistant.journal.port import Event, SessionSummary, SlotTaken, Store

APPLICATION_ID = 0x43484153  # "CHAS": marks a choice-assistant journal
SCHEMA_VERSION = 1
FILE_NAME = "journal.sqlite3"
_SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    choice_clinician TEXT,
    team TEXT,
    stage TEXT NOT NULL DEFAULT 'introduction',
    young_person TEXT NOT NULL DEFAULT '',
    finished INTEGER NOT NULL DEFAULT 0,
    last_change TEXT NOT NULL
);
CREATE TABLE events (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE bookings (
    clinician TEXT NOT NULL,
    slot TEXT NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    at TEXT NOT NULL,
    UNIQUE (clinician, slot)
);
CREATE INDEX bookings_by_session ON bookings(session_id);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def slot_key(slot: datetime) -> str:
    """How a slot is written in the database: local wall-clock time to the minute."""
    return slot.strftime("%Y-%m-%dT%H:%M")


def _check_existing(path: Path) -> None:
    """Refuse, without writing, a file that is not a choice-assistant journal."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except PermissionError:
        raise InputError(path, "the journal cannot be read (permission denied): check the file's owner and permissions") from None
    except OSError as exc:
        raise InputError(path, f"the journal cannot be read ({exc.strerror or exc})") from None
    if not head:
        return  # an empty file is what SqliteStore.open creates before the schema
    if not head.startswith(_SQLITE_HEADER) or len(head) < 72:
        raise InputError(path, "this file is not a choice-assistant journal (not an SQLite database); it was left untouched. "
                               "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")
    app_id = int.from_bytes(head[68:72], "big")
    # In WAL mode the marker may still sit in the -wal file (not yet copied into the main
    # file); SqliteStore._prepare then checks it through SQLite, before writing anything.
    in_wal = head[18] == 2 and Path(f"{path}-wal").exists()
    if app_id != APPLICATION_ID and not (app_id == 0 and in_wal):
        raise InputError(path, "this SQLite database belongs to another program, not choice-assistant; it was left untouched. "
                               "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")


class SqliteStore:
    """The journal in one SQLite file. Safe to use from several processes at once."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path
        self.source = str(path)

    @classmethod
    def open(cls, path: str | Path | None = None) -> "SqliteStore":
        """Open (creating if needed, readable by its owner only) the journal database."""
        if path is None:
            from choice_assistant.resources import data_dir

            path = data_dir() / FILE_NAME
        path = Path(path)
        if path.exists():
            if path.is_dir():
                raise InputError(path, "this is a folder, not a journal file: give the path of the journal itself")
            _check_existing(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
            except FileExistsError:
                _check_existing(path)  # another process created it a moment ago
            except OSError as exc:
                raise InputError(path, f"the journal cannot be created ({exc.strerror or exc}): check the folder is writable") from None
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise InputError(path, f"the journal cannot be opened ({exc}): check the file and its folder") from None
        store = cls(conn, path)
        try:
            store._prepare()
        except InputError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise InputError(path, f"the journal is damaged or unreadable ({exc}); it was left untouched. "
                                   "Keep a copy and ask your maintainer to look at it") from None
        return store

    def _prepare(self) -> None:
        c = self._conn
        c.execute("PRAGMA busy_timeout = 30000")
        self._check_marker(*self._marker())  # read-only: nothing is written to a file that is not ours
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"could not switch to WAL mode (got {mode})")
        # FULL: the WAL is synced at every commit, so a power cut loses no committed entry.
        c.execute("PRAGMA synchronous = FULL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("BEGIN IMMEDIATE")
        try:
            app_id, version, tables = self._marker()  # again, inside the lock: another process may have just made it
            if app_id == 0 and tables == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        c.execute(statement)
                c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            else:
                self._check_marker(app_id, version, tables)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _marker(self) -> tuple[int, int, int]:
        c = self._conn
        return (c.execute("PRAGMA application_id").fetchone()[0], c.execute("PRAGMA user_version").fetchone()[0],
                c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])

    def _check_marker(self, app_id: int, version: int, tables: int) -> None:
        if app_id == 0 and tables == 0:
            return  # a new, empty file
        if app_id != APPLICATION_ID:
            raise InputError(self.path, "this SQLite database belongs to another program, not choice-assistant; it was left untouched. "
                                        "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")
        if version > SCHEMA_VERSION:
            raise InputError(self.path, f"this journal was written by a newer choice-assistant (format {version}); "
                                        "update the program to open it")

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the database's write lock at once (other processes wait)."""
        with self._lock:
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            try:
                yield c
            except BaseException:
                c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")

    def create_session(self, session_id: str, created: datetime, choice_clinician: str | None, team: str) -> None:
        with self._transaction() as c:
            c.execute("INSERT INTO sessions (id, created, choice_clinician, team, last_change) VALUES (?, ?, ?, ?, ?)",
                      (session_id, created.isoformat(), choice_clinician, team, _now()))

    def append(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> int:
        """Add one entry and commit it; `summary` updates the session's list line in the same commit."""
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_json_default)
        with self._transaction() as c:
            return self._add_event(c, session_id, kind, text, summary)

    def _add_event(self, c: sqlite3.Connection, session_id: str, kind: str, text: str, summary: dict[str, Any] | None) -> int:
        now = _now()
        seq = c.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?", (session_id,)).fetchone()[0]
        c.execute("INSERT INTO events (session_id, seq, at, kind, payload) VALUES (?, ?, ?, ?, ?)", (session_id, seq, now, kind, text))
        sets, args = ["last_change = ?"], [now]
        for key in ("stage", "young_person", "finished"):
            if summary and key in summary:
                sets.append(f"{key} = ?")
                args.append(int(summary[key]) if key == "finished" else summary[key])
        c.execute(f"UPDATE sessions SET {', '.join(sets)} WHERE id = ?", (*args, session_id))
        return seq

    def book(self, session_id: str, clinician: str, slot: datetime) -> int:
        """Book a slot for a session, atomically across processes.

        The session's earlier booking (if any) is released in the same transaction, and a
        `book` event is appended to its journal. Raises SlotTaken if the slot is taken.
        """
        key = slot_key(slot)
        with self._transaction() as c:
            row = c.execute("SELECT session_id FROM bookings WHERE clinician = ? AND slot = ?", (clinician, key)).fetchone()
            if row is not None and row[0] != session_id:
                raise SlotTaken(f"the slot {slot:%a %d %b %H:%M} with {clinician} has already been booked for another family: choose another slot")
            c.execute("DELETE FROM bookings WHERE session_id = ?", (session_id,))
            c.execute("INSERT INTO bookings (clinician, slot, session_id, at) VALUES (?, ?, ?, ?)", (clinician, key, session_id, _now()))
            return self._add_event(c, session_id, "book", json.dumps({"clinician": clinician, "slot": key}, separators=(",", ":")), None)

    def release(self, session_id: str) -> bool:
        """Free the session's booked slot, if it has one, with an `unbook` event; True if one was freed."""
        with self._transaction() as c:
            row = c.execute("SELECT clinician, slot FROM bookings WHERE session_id = ?", (session_id,)).fetchone()
            if row is None:
                return False
            c.execute("DELETE FROM bookings WHERE session_id = ?", (session_id,))
            self._add_event(c, session_id, "unbook", json.dumps({"clinician": row[0], "slot": row[1]}, separators=(",", ":")), None)
            return True

    # -- reading ---------------------------------------------------------------------------

    def events(self, session_id: str) -> list[Event]:
        rows = self._conn.execute("SELECT seq, at, kind, payload FROM events WHERE session_id = ? ORDER BY seq", (session_id,)).fetchall()
        return [Event(seq, datetime.fromisoformat(at), kind, json.loads(payload)) for seq, at, kind, payload in rows]

    def list_sessions(self) -> list[SessionSummary]:
        rows = self._conn.execute(
            "SELECT id, created, stage, young_person, last_change, finished FROM sessions "
            "WHERE EXISTS (SELECT 1 FROM events WHERE events.session_id = sessions.id) ORDER BY last_change DESC, created DESC"
        ).fetchall()
        return [
            SessionSummary(sid, created[:10], stage, young, datetime.fromisoformat(last), bool(done))
            for sid, created, stage, young, last, done in rows
        ]

    def booked_slots(self, clinician: str) -> set[datetime]:
        rows = self._conn.execute("SELECT slot FROM bookings WHERE clinician = ?", (clinician,)).fetchall()
        return {datetime.fromisoformat(r[0]) for r in rows}

    def booking_of(self, session_id: str) -> tuple[str, datetime] | None:
        row = self._conn.execute("SELECT clinician, slot FROM bookings WHERE session_id = ?", (session_id,)).fetchone()
        return (row[0], datetime.fromisoformat(row[1])) if row else None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return slot_key(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot record a {type(value).__name__} in the journal")
