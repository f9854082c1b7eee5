"""The team's shared journal on PostgreSQL (psycopg 3), with the same rules as the SQLite journal.

    store = PostgresStore.open("postgresql://user@host:5432/db")

Many laptops, one list of free slots: the database itself refuses a second live booking of a
slot (unique index) and a clinician in two overlapping appointments (exclusion constraint).
When the server cannot be reached mid-appointment, entries are kept in order in a private
file in the data folder and written as soon as it answers again; `save_state()` says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from choice_assistant.journal.base import SqlStore, _Seen, dumps, iso_now, text_key
from choice_assistant.journal.port import JournalUnavailable, StoreRefused, Unreachable
from choice_assistant.journal.schema import POSTGRES_META, POSTGRES_MIGRATIONS, SCHEMA_VERSION, TABLES

RETRY_SECONDS = 5.0  # while the server is away, try to reach it at most this often (typing never waits)
CONNECT_TIMEOUT = 3
_LOCK_KEY = 0x43484153


def masked(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", url)


def _driver():
    try:
        import psycopg
    except ImportError:
        return None
    return psycopg


class _Cursor:
    """A psycopg cursor that takes the `?` placeholders the shared SQL uses."""

    def __init__(self, cur):
        self._cur = cur

    def execute(self, sql: str, args: tuple = ()) -> "_Cursor":
        self._cur.execute(sql.replace("?", "%s"), args)
        return self

    def fetchone(self):
        return self._cur.fetchone()

    def fetchall(self):
        return self._cur.fetchall()


class PostgresStore(SqlStore):
    """The journal in a team's PostgreSQL database."""

    _lock_session = " FOR UPDATE OF s"

    def __init__(self, url: str, conn, psycopg, read_only: bool = False):
        self.url = url
        self.source = masked(url)
        self._conn = conn
        self._pg = psycopg
        self._integrity_errors = (psycopg.errors.IntegrityError,)
        self._lock = threading.RLock()
        self._failed_at = 0.0
        self._init_common(read_only)
        self._spool = _spool_path(self.source)
        self._queue: list[dict[str, Any]] = _load_spool(self._spool)

    @classmethod
    def open(cls, url: str, read_only: bool = False) -> "PostgresStore":
        psycopg = _driver()
        if psycopg is None:
            raise JournalUnavailable(masked(url), "this journal is a PostgreSQL database, and the PostgreSQL driver is not "
                                                  "installed: install it with `pip install 'choice-assistant[team]'`, "
                                                  "or use a journal on this computer (sqlite:///PATH)")
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()[:300]
            raise JournalUnavailable(masked(url), f"the team's database cannot be reached ({first}): check the address, "
                                                  "that the server is running and that this computer may connect to it; "
                                                  "the local journal (sqlite:///PATH) works without it") from None
        store = cls(url, conn, psycopg, read_only)
        try:
            store._prepare()
        except psycopg.Error as exc:
            conn.close()
            raise JournalUnavailable(store.source, f"the team's database could not be prepared ({str(exc).strip()[:300]}): "
                                                   "ask whoever looks after it to check this user may create tables") from None
        except BaseException:
            conn.close()
            raise
        if store._queue:
            store.retry()
        return store

    def _prepare(self) -> None:
        """Create the tables on first use, bring an older schema up to date, refuse a newer one untouched."""
        with self._conn.transaction():
            cur = self._conn.cursor()
            if self.read_only:
                cur.execute("SET TRANSACTION READ ONLY")
            version = self._version(cur)
            if version is not None and version >= SCHEMA_VERSION and not self.read_only:
                self._refuse_newer(version)
                return
            if self.read_only:
                if version is None:
                    raise JournalUnavailable(self.source, "this database holds no choice-assistant journal yet: nothing to read")
                self._refuse_newer(version)
                self.format = version
                return
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            version = self._version(cur)  # again, under the lock: another laptop may have just made it
            if version is None:
                cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                            "AND table_name = ANY(%s)", (list(TABLES),))
                clash = sorted(r[0] for r in cur.fetchall())
                if clash:
                    raise JournalUnavailable(self.source, f"this database already has tables named {', '.join(clash)} that "
                                                          "are not a choice-assistant journal; they were left untouched. "
                                                          "Give the journal a database of its own")
                version = 1
            self._refuse_newer(version)
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in POSTGRES_MIGRATIONS[step]:
                    statement(_Cursor(cur)) if callable(statement) else cur.execute(statement)
            if version < SCHEMA_VERSION:
                cur.execute(f"INSERT INTO {POSTGRES_META} (key, value) VALUES ('marker', 'choice-assistant'), "
                            f"('schema_version', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            (str(SCHEMA_VERSION),))

    def _version(self, cur) -> int | None:
        cur.execute("SELECT to_regclass(%s)", (POSTGRES_META,))
        if cur.fetchone()[0] is None:
            return None
        cur.execute(f"SELECT value FROM {POSTGRES_META} WHERE key = 'schema_version'")
        row = cur.fetchone()
        return int(row[0]) if row else None

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise JournalUnavailable(self.source, f"this team journal was written by a newer choice-assistant (format "
                                                  f"{version}, this program knows up to {SCHEMA_VERSION}); it was left "
                                                  "untouched. Update the program on this computer to use it")

    def schema_version(self) -> int:
        with self._read() as c:
            c.execute(f"SELECT value FROM {POSTGRES_META} WHERE key = 'schema_version'")
            return int(c.fetchone()[0])

    def integrity(self) -> list[str]:
        """Every live booking's entry is in the journal and no slot is held twice (["ok"] when sound)."""
        with self._read() as c:
            c.execute("SELECT count(*) FROM (SELECT clinician, slot FROM bookings WHERE cancelled_at IS NULL "
                      "GROUP BY clinician, slot HAVING count(*) > 1) d")
            doubles = c.fetchone()[0]
        return ["ok"] if not doubles else [f"{doubles} slots are booked twice"]

    # -- time and slots as PostgreSQL types ------------------------------------------------
    def _clock(self, c) -> datetime:
        c.execute("SELECT now()")
        return c.fetchone()[0]

    def _t(self, when: datetime) -> Any:
        return when

    def _slot(self, slot: datetime) -> Any:
        return slot.replace(tzinfo=None, second=0, microsecond=0)

    # -- connection, and what happens when it is lost --------------------------------------
    def _connection(self):
        if self._conn is not None and not self._conn.closed and not self._conn.broken:
            return self._conn
        if time.monotonic() - self._failed_at < RETRY_SECONDS:
            raise Unreachable(f"the team's database ({self.source}) cannot be reached just now")
        try:
            self._conn = self._pg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        except self._pg.Error:
            self._failed_at = time.monotonic()
            raise Unreachable(f"the team's database ({self.source}) cannot be reached just now") from None
        return self._conn

    def _lost(self, exc: BaseException) -> bool:
        lost = isinstance(exc, (self._pg.OperationalError, self._pg.InterfaceError)) and (
            self._conn is None or self._conn.closed or self._conn.broken)
        if lost:
            self._failed_at = time.monotonic()
        return lost

    @contextmanager
    def _tx(self) -> Iterator[_Cursor]:
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    yield _Cursor(conn.cursor())
            except BaseException as exc:
                if self._lost(exc):  # the caller puts back what it noted (append) or gives up (everything else)
                    raise Unreachable(f"the team's database ({self.source}) stopped answering; nothing was written") from None
                self._forget()
                raise

    @contextmanager
    def _snapshot(self) -> Iterator[_Cursor]:
        with self._read(snapshot=True) as c:
            yield c

    @contextmanager
    def _read(self, snapshot: bool = False) -> Iterator[_Cursor]:
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    if snapshot:
                        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    if self.read_only:
                        conn.execute("SET TRANSACTION READ ONLY")
                    yield _Cursor(conn.cursor())
            except BaseException as exc:
                if self._lost(exc):
                    raise Unreachable(f"the team's database ({self.source}) stopped answering") from None
                raise

    def append(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> int:
        """Write the entry; if the server is away, keep it (in order, on disk) to write when it is back."""
        dumps(payload)
        with self._lock:
            if self._queue and self.retry():
                return self._enqueue(session_id, kind, payload, summary)
            seen = self._seen.get(session_id)
            noted = (seen.last_seq, dict(seen.texts)) if seen is not None else None
            try:
                with self._tx() as c:
                    return self._add_event(c, session_id, kind, payload, summary)
            except Unreachable:
                if noted is None:
                    self._seen.pop(session_id, None)
                else:
                    self._seen[session_id] = _Seen(*noted)
                return self._enqueue(session_id, kind, payload, summary)

    def _enqueue(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None) -> int:
        seen = self._seen.get(session_id)
        queued = [e for e in self._queue if e["session"] == session_id]
        if seen is None and not queued:
            raise Unreachable(f"the team's database ({self.source}) cannot be reached, and this session was not "
                              "opened here, so the entry cannot be kept in order")
        seq = (queued[-1]["seq"] if queued else seen.last_seq) + 1
        entry = {"session": session_id, "seq": seq, "at": iso_now(), "kind": kind, "payload": payload,
                 "summary": summary or {}}
        _spool_add(self._spool, entry)
        self._queue.append(entry)
        return seq

    def retry(self) -> int:
        """Write kept entries now if the server answers; returns how many are still not saved."""
        with self._lock:
            if not self._queue:
                return 0
            try:
                with self._tx() as c:
                    for entry in self._queue:
                        self._write_kept(c, entry)
            except (Unreachable, StoreRefused):
                return len(self._queue)
            for entry in self._queue:
                seen = self._seen.setdefault(entry["session"], _Seen(entry["seq"]))
                seen.last_seq = entry["seq"]
                if entry["kind"] == "text" and isinstance(entry["payload"].get("value"), str):
                    seen.texts[text_key(entry["payload"])] = entry["payload"]["value"]
            self._queue.clear()
            _spool_clear(self._spool)
            return 0

    def _write_kept(self, c, entry: dict[str, Any]) -> None:
        sid, seq, text = entry["session"], entry["seq"], dumps(entry["payload"])
        c.execute("SELECT kind, payload FROM events WHERE session_id = ? AND seq = ?", (sid, seq))
        row = c.fetchone()
        if row is not None:
            if (row[0], json.loads(row[1])) == (entry["kind"], entry["payload"]):
                return  # written before the connection dropped: nothing to add
            raise StoreRefused(f"entry {seq} of session '{sid}' was written by someone else meanwhile; "
                               "the words kept on this computer were not merged")
        self._writable(c, sid, self._clock(c))
        self._insert_entry(c, sid, seq, entry["at"], entry["kind"], text)
        sets, args = ["last_change = ?", "entries = ?"], [entry["at"], seq]
        for key in ("stage", "young_person", "finished"):
            if key in entry["summary"]:
                sets.append(f"{key} = ?")
                args.append(int(entry["summary"][key]) if key == "finished" else entry["summary"][key])
        c.execute(f"UPDATE sessions SET {', '.join(sets)} WHERE id = ?", (*args, sid))

    def unsaved(self) -> int:
        return len(self._queue)

    def save_state(self) -> dict[str, Any]:
        """For the screen: whether everything typed is in the team diary, and a note to show if not."""
        n = len(self._queue)
        if not n:
            return {"state": "saved", "unsaved": 0, "note": None}
        return {"state": "not_saved_yet", "unsaved": n, "note": {
            "code": "team_diary_unreachable", "audience": "clinician",
            "text": f"Not saved to the team diary yet ({n} entries kept on this computer); they will be written "
                    "when the team's database answers again."}}

    def close(self) -> None:
        with self._lock:
            if self._queue:
                self.retry()
            if self._conn is not None:
                self._conn.close()


def _spool_path(source: str) -> Path:
    from choice_assistant.resources import data_dir

    name = hashlib.sha256(source.encode()).hexdigest()[:16]
    return data_dir() / f"team-diary-unsaved-{name}.jsonl"


def _load_spool(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            break  # a line cut short by a crash mid-write: everything before it is whole
    return out


def _spool_add(path: Path, entry: dict[str, Any]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (dumps(entry) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _spool_clear(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass

