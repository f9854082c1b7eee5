"""The team's shared journal on PostgreSQL (psycopg 3), with the same rules as the SQLite journal.

    store = PostgresStore.open("postgresql://user@host:5432/db")

Many laptops, one list of free slots: the database itself refuses a second live booking of a
slot (unique index) and a clinician in two overlapping appointments (exclusion constraint).
When the server cannot be reached, entries are kept in order in a private file in the data
folder (journal/spool.py) and written as soon as it answers again; `save_state()` says so. A
program started while the server is still away opens what that file holds, so the clinician
carries on. Kept entries that no longer fit their appointment (someone else changed it, or
has it open, meanwhile) are never dropped and never block other appointments: they are set
aside whole, beside the appointment, in the team diary (`set_aside()`), and the screen says so.
"""

from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from datetime import timedelta

from choice_assistant.journal.base import SqlStore, _Seen, decode_events, dumps, iso_now, summary_from_rows, utc_now
from choice_assistant.journal.port import (Event, Holder, JournalUnavailable, LeaseHeld, ReadOnly, SessionSummary,
                                           StoreRefused, Unreachable)
from choice_assistant.journal.spool import Kept, Spool
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
        self._prepared = conn is not None
        self._init_common(read_only)
        from choice_assistant.resources import data_dir

        self._spool = Spool(data_dir(), self.source)
        # Only the program that owns the local file writes it out; any other just sees what it holds.
        self._kept = self._spool.load()
        if not read_only and self._spool.own():
            self._kept = self._spool.load()  # again, now that no other program can change it
            if self._kept and self._kept.token:
                self.token = self._kept.token  # the lease of the program that kept them: carry on as it
        self._mirror: dict[str, list[list]] = {}  # each session's entries as the server has them (to keep a copy)
        self._written: list[tuple[str, list]] = []  # entries of the transaction under way, mirrored once it commits
        self._changed_elsewhere: dict[str, str] = {}  # sessions whose kept words were set aside: why
        self.set_aside_here: list[dict[str, Any]] = []  # what was set aside by this program, for the screen
        self.read_from_kept = False  # a list was made from what this computer kept (the server was away)

    @property
    def _queue(self) -> list[dict[str, Any]]:
        return self._kept.entries

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
            store = None if read_only else cls(url, None, psycopg)
            if store is not None and store._kept:  # words kept on this computer: carry on with them
                store._failed_at = time.monotonic()
                return store
            if store is not None:
                store._spool.let_go()
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()[:300]
            raise JournalUnavailable(masked(url), f"the team's database cannot be reached ({first}): check the address, "
                                                  "that the server is running and that this computer may connect to it; "
                                                  "the local journal (sqlite:///PATH) works without it") from None
        store = cls(url, conn, psycopg, read_only)
        try:
            store._prepare()
        except psycopg.Error as exc:
            conn.close()
            store._spool.let_go()
            raise JournalUnavailable(store.source, f"the team's database could not be prepared ({str(exc).strip()[:300]}): "
                                                   "ask whoever looks after it to check this user may create tables") from None
        except BaseException:
            conn.close()
            store._spool.let_go()
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
        if not self._prepared:  # started while the server was away: its schema is checked (or made) now
            try:
                self._prepare()
            except (self._pg.Error, JournalUnavailable) as exc:
                self._conn.close()
                self._failed_at = time.monotonic()
                raise Unreachable(f"the team's database ({self.source}) answers, but cannot be used: "
                                  f"{str(exc).split(': ', 1)[-1][:300]}") from None
            self._prepared = True
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
            self._written = []
            try:
                with conn.transaction():
                    yield _Cursor(conn.cursor())
            except BaseException as exc:
                self._written = []
                if self._lost(exc):  # the caller puts back what it noted (append) or gives up (everything else)
                    raise Unreachable(f"the team's database ({self.source}) stopped answering; nothing was written") from None
                self._forget()
                raise
            for sid, row in self._written:
                mirror = self._mirror.get(sid)
                if mirror is not None and (mirror[-1][0] if mirror else 0) == row[0] - 1:
                    mirror.append(row)
                else:
                    self._mirror.pop(sid, None)  # a gap: no whole copy of this session here any more
            self._written = []

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

    # -- a copy of each session, so that a program started while the server is away can open it --------
    def _insert_entry(self, c, session_id: str, seq: int, at: str, kind: str, text: str) -> None:
        super()._insert_entry(c, session_id, seq, at, kind, text)
        self._written.append((session_id, [seq, at, kind, text]))

    def create_session(self, session_id: str, created: datetime, choice_clinician: str | None, team: str) -> None:
        super().create_session(session_id, created, choice_clinician, team)
        self._mirror[session_id] = []

    def stored_entries(self, session_id: str) -> tuple[list[tuple], int | None]:
        rows, expected = super().stored_entries(session_id)
        self._mirror[session_id] = [list(r[:4]) for r in rows]
        self._changed_elsewhere.pop(session_id, None)  # read afresh: writing may go on from here
        return rows, expected

    def _local_rows(self, session_id: str) -> list[tuple] | None:
        """The session as kept on this computer: its copy from the server and the entries kept since."""
        base = self._kept.bases.get(session_id)
        kept = [e for e in self._queue if e["session"] == session_id]
        if base is None:
            return None
        return [tuple(r) for r in base] + [(e["seq"], e["at"], e["kind"], dumps(e["payload"])) for e in kept]

    def events(self, session_id: str) -> list[Event]:
        if any(e["session"] == session_id for e in self._queue):
            self.retry()  # the diary's own copy must not be read without what this computer kept for it
        if not any(e["session"] == session_id for e in self._queue):
            try:
                return super().events(session_id)
            except Unreachable:
                pass
        rows = self._local_rows(session_id)
        if rows is None:
            raise Unreachable(f"the team's database ({self.source}) cannot be reached just now")
        out, seen, _ = decode_events(self.source, session_id, rows)
        self._seen[session_id] = seen
        return out

    def list_sessions(self) -> list[SessionSummary]:
        try:
            return super().list_sessions()
        except Unreachable:
            if not self._kept.bases:
                raise
        self.read_from_kept = True
        out = []
        for sid in self._kept.bases:
            row = summary_from_rows(sid, self._local_rows(sid))
            out.append(SessionSummary(sid, row[1][:10], row[4], row[5], datetime.fromisoformat(row[7]), bool(row[6])))
        return sorted(out, key=lambda s: s.last_change, reverse=True)

    def acquire(self, session_id: str) -> Holder:
        try:
            return super().acquire(session_id)
        except Unreachable:
            if session_id not in self._kept.bases and session_id not in self._seen:
                raise
        now = utc_now()  # kept here: the lease is taken for real when the server answers
        return Holder(self.who, self.host, self.pid, now, now + timedelta(seconds=self.lease_seconds))

    def release_lease(self, session_id: str) -> None:
        try:
            super().release_lease(session_id)
        except Unreachable:
            pass  # it runs out by itself

    def _writable(self, c, session_id: str, now: datetime) -> None:
        super()._writable(c, session_id, now)
        if session_id in self._changed_elsewhere:
            raise StoreRefused(self._changed_elsewhere[session_id])

    # -- writing, and keeping entries while the server is away -------------------------------------------
    def append(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> int:
        """Write the entry; if the server is away, keep it (in order, on disk) to write when it is back."""
        dumps(payload)
        if self.read_only:
            raise ReadOnly("this journal was opened for reading only; nothing was written")
        with self._lock:
            if self._queue:
                self.retry()
            if any(e["session"] == session_id for e in self._queue):
                return self._enqueue(session_id, kind, payload, summary)  # after the ones kept before it
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
        if (seen is None and not queued) or not self._spool.owned:
            why = ("another program on this computer is keeping this team diary's unsaved entries"
                   if not self._spool.owned else "this session was not opened here, so the entry cannot be kept in order")
            raise Unreachable(f"the team's database ({self.source}) cannot be reached, and {why}")
        seq = (queued[-1]["seq"] if queued else seen.last_seq) + 1
        entry = {"session": session_id, "seq": seq, "at": iso_now(), "kind": kind, "payload": payload,
                 "summary": summary or {}}
        lines: list[dict[str, Any]] = []
        if not self._queue:
            self._kept.token = self.token
            lines.append({"token": self.token})
        mirror = self._mirror.get(session_id)
        if not queued and mirror is not None and len(mirror) == seq - 1:
            self._kept.bases[session_id] = [list(r) for r in mirror]
            lines.append({"base": session_id, "rows": self._kept.bases[session_id]})
        self._spool.add(*lines, entry)
        self._queue.append(entry)
        return seq

    def retry(self) -> int:
        """Write kept entries now if the server answers; returns how many are still not saved.

        Each session's entries go in one transaction of their own. Entries that no longer fit their
        session (another entry already has their place, someone else has it open, it is closed) are set
        aside whole beside it: never dropped, and never in the way of the other sessions."""
        with self._lock:
            if not self._queue or not self._spool.owned:
                return len(self._queue)
            order = list(dict.fromkeys(e["session"] for e in self._queue))
            done: set[str] = set()
            try:
                for sid in order:
                    entries = [e for e in self._queue if e["session"] == sid]
                    try:
                        with self._tx() as c:
                            for entry in entries:
                                self._write_kept(c, entry)
                    except Unreachable:
                        raise
                    except (StoreRefused, self._pg.Error) as exc:
                        self._set_aside(sid, entries, exc)
                    else:
                        self._note_written(entries)
                    done.add(sid)
            except Unreachable:
                pass
            if done:
                self._kept.entries = [e for e in self._queue if e["session"] not in done]
                self._kept.bases = {sid: rows for sid, rows in self._kept.bases.items() if sid not in done}
                self._spool.rewrite(self._kept)
            return len(self._queue)

    def _note_written(self, entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            seen = self._seen.setdefault(entry["session"], _Seen(entry["seq"]))
            seen.last_seq = entry["seq"]
            if entry["kind"] == "text" and isinstance(entry["payload"].get("value"), str):
                seen.texts[(str(entry["payload"].get("field")), str(entry["payload"].get("stage", "")))] = entry["payload"]["value"]

    def _set_aside(self, sid: str, entries: list[dict[str, Any]], exc: BaseException) -> None:
        """Keep entries that no longer fit their session whole, beside it; Unreachable if that cannot be written."""
        if isinstance(exc, LeaseHeld):
            why = f"the appointment was open elsewhere meanwhile ({exc.holder.describe()})"
        elif isinstance(exc, StoreRefused):
            why = str(exc)
        else:
            why = "the team diary would not take them"
        with self._tx() as c:
            c.execute("INSERT INTO set_aside (session_id, at, who, host, why, entries) VALUES (?, ?, ?, ?, ?, ?)",
                      (sid, iso_now(), self.who, self.host, why,
                       dumps({"entries": [{k: e[k] for k in ("seq", "at", "kind", "payload")} for e in entries]})))
        self.set_aside_here.append({"session": sid, "entries": len(entries), "why": why})
        self._changed_elsewhere[sid] = (f"this appointment was changed in the team diary while this computer could not "
                                        f"reach it; the {len(entries)} entries typed here meanwhile are kept beside it "
                                        "(`choice-assistant sessions set-aside` shows them): open it again to carry on")
        self._seen.pop(sid, None)

    def _write_kept(self, c, entry: dict[str, Any]) -> None:
        sid, seq, text = entry["session"], entry["seq"], dumps(entry["payload"])
        c.execute("SELECT kind, payload FROM events WHERE session_id = ? AND seq = ?", (sid, seq))
        row = c.fetchone()
        if row is not None:
            if row[0] == entry["kind"] and _same_entry(row[1], entry["payload"], c, sid, seq):
                return  # written before the connection dropped: nothing to add
            raise StoreRefused(f"someone else wrote to this appointment meanwhile (its entry {seq} is theirs)")
        self._writable(c, sid, self._clock(c))
        c.execute("SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = ?", (sid,))
        if c.fetchone()[0] != seq - 1:
            raise StoreRefused(f"someone else wrote to this appointment meanwhile (its entries after {seq - 1} are theirs)")
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
        if n:
            return {"state": "not_saved_yet", "unsaved": n, "note": {
                "code": "team_diary_unreachable", "audience": "clinician",
                "text": f"Not saved to the team diary yet ({n} entries kept on this computer); they will be written "
                        "when the team's database answers again."}}
        if self.set_aside_here:
            kept = sum(s["entries"] for s in self.set_aside_here)
            return {"state": "set_aside", "unsaved": 0, "note": {
                "code": "team_diary_set_aside", "audience": "clinician",
                "text": f"{kept} entries typed on this computer while the team diary could not be reached did not fit "
                        "their appointment any more (it was changed elsewhere meanwhile), so they were not added to it. "
                        "Nothing is lost: they are kept whole beside it in the team diary; "
                        "`choice-assistant sessions set-aside` shows them."}}
        return {"state": "saved", "unsaved": 0, "note": None}

    def counts(self) -> dict[str, int]:
        out = super().counts()
        with self._read() as c:
            c.execute("SELECT count(*) FROM set_aside")
            out["set_aside"] = c.fetchone()[0]
        return out

    def close(self) -> None:
        with self._lock:
            if self._queue:
                try:
                    self.retry()
                except Exception:  # noqa: BLE001 - they stay kept in the local file
                    pass
            if self._conn is not None:
                self._conn.close()
            self._spool.let_go()


def _same_entry(stored: str, payload: dict[str, Any], c, sid: str, seq: int) -> bool:
    """True when the entry already in the diary at this place is the kept one (written just before the line dropped)."""
    try:
        theirs = json.loads(stored)
    except ValueError:
        return False
    if theirs == payload:
        return True
    if "d" in theirs and "value" not in theirs and isinstance(payload.get("value"), str):
        c.execute("SELECT seq, at, kind, payload FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq", (sid, seq))
        try:
            events, _, _ = decode_events("", sid, [tuple(r) for r in c.fetchall()])
        except JournalUnavailable:
            return False
        return bool(events) and events[-1].payload == payload
    return False
