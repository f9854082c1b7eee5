"""The journal's rules, shared by both backends: entries in order, closed sessions, bookings once, leases.

A backend supplies a transaction (`_tx`, yielding a DB-API cursor that takes `?` placeholders),
its clock (`_clock`), how times and slots are written (`_t`, `_from_t`, `_slot`, `_from_slot`)
and which errors mean a constraint said no (`_integrity_errors`).
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

from choice_assistant.journal import textdelta
from choice_assistant.journal.port import (Booking, Event, Holder, JournalUnavailable, LeaseHeld, ReadOnly,
                                           SessionClosed, SessionSummary, SlotTaken, StoreRefused)
from choice_assistant.journal.schema import SCHEMA_VERSION, entry_sum

LEASE_SECONDS = 30.0  # a holder that stops renewing (a crash, a lost laptop) loses the lease after this
APPOINTMENT_MINUTES = 30  # how long a booked slot keeps its clinician busy, for the overlap rule
# A text is stored whole again each time it has doubled in length (so the journal still grows with what
# is typed), and every 32 changes while it is short: one damaged change loses only the changes up to the next.
WHOLE_EVERY, SHORT_TEXT, LONG_TEXT = 32, 160, 64


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso_now() -> str:
    return utc_now().isoformat(timespec="microseconds")


def _who() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "someone"


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot record a {type(value).__name__} in the journal")


class _Seen:
    """What this store last saw of one session: its last entry number and each text field's value."""

    def __init__(self, last_seq: int, texts: dict[tuple[str, str], str] | None = None,
                 runs: dict[tuple[str, str], int] | None = None):
        self.last_seq = last_seq
        self.texts = texts or {}
        self.runs = runs or {}  # changes stored since each text's last whole value
        self.wholes: dict[tuple[str, str], int] = {}  # the length of each text's last whole value


def text_key(payload: dict[str, Any]) -> tuple[str, str]:
    return (str(payload.get("field")), str(payload.get("stage", "")))


def _unreadable(source: str, session_id: str, seq: int | None, reason: str) -> JournalUnavailable:
    what = f"entry {seq} of session '{session_id}'" if seq is not None else f"session '{session_id}'"
    return JournalUnavailable(source, f"{what} cannot be read ({reason}); nothing was skipped or changed. Keep a copy of "
                                      "the journal; `choice-assistant db copy` saves every entry that can still be read",
                              place="")


def decode_events(source: str, session_id: str, rows, expected: int | None = None,
                  rescue: bool = False) -> tuple[list[Event], _Seen, list[tuple[int | None, str]]]:
    """Rows (seq, at, kind, payload text[, checksum]) as Events, each checked against its checksum, in an
    unbroken run 1..`expected` (the session's count of entries, when the journal keeps one).

    A bad or missing entry is named, never skipped (JournalUnavailable); with `rescue`, every entry that
    can still be read is returned with the problems as (entry number, reason) pairs, and a text entry
    that depends on one that could not be read is left out too, so no text is ever pieced together wrong.
    """
    out: list[Event] = []
    texts: dict[tuple[str, str], str] = {}
    runs: dict[tuple[str, str], int] = {}
    wholes: dict[tuple[str, str], int] = {}
    problems: list[tuple[int | None, str]] = []
    last = 0

    def bad(seq: int | None, reason: str) -> None:
        if not rescue:
            raise _unreadable(source, session_id, seq, reason)
        problems.append((seq, reason))

    for row in rows:
        seq, at, kind, text = row[:4]
        checksum = row[4] if len(row) > 4 else None
        if seq != last + 1:
            bad(last + 1, f"entries {last + 1} to {seq - 1} are missing" if seq > last + 2 else "it is missing")
            texts.clear()  # what the missing entries changed is unknown
        last = max(last, seq)
        key = None
        try:
            if checksum is not None and checksum != entry_sum(session_id, seq, at, kind, text):
                raise ValueError("it is damaged: it no longer matches the checksum written with it")
            payload = json.loads(text)
            if not isinstance(payload, dict):
                raise ValueError("it is not a record")
            when = datetime.fromisoformat(at)
            if kind == "text":
                key = text_key(payload)
                if "d" in payload and "value" not in payload:
                    if key not in texts:
                        raise ValueError("it changes a text that has no earlier readable entry")
                    delta = payload["d"]
                    payload = {k: v for k, v in payload.items() if k != "d"}
                    payload["value"] = textdelta.decode(texts[key], delta)
                    runs[key] = runs.get(key, 0) + 1
                elif isinstance(payload.get("value"), str):
                    runs[key] = 0
                    wholes[key] = len(payload["value"])
                if isinstance(payload.get("value"), str):
                    texts[key] = payload["value"]
        except (ValueError, TypeError, AttributeError) as exc:
            reason = "it is not valid JSON" if isinstance(exc, json.JSONDecodeError) else str(exc)
            bad(seq, reason if isinstance(exc, ValueError) else "it is not a record this program wrote")
            if key is not None:
                texts.pop(key, None)
            else:
                texts.clear()  # which text it changed is unknown: later changes to any text cannot be trusted
            continue
        out.append(Event(seq, when, kind, payload))
    if expected is not None and expected != last:
        if expected > last:
            bad(last + 1, f"the journal counts {expected} entries in this session, and entries {last + 1} to {expected} "
                          "are missing" if expected > last + 1 else f"the journal counts {expected} entries in this "
                                                                      "session, and the last one is missing")
        else:
            bad(None, f"the journal counts {expected} entries in this session, but {last} were found")
    seen = _Seen(out[-1].seq if out else 0, texts, runs)
    seen.wholes = wholes
    return out, seen, problems


def summary_from_rows(session_id: str, rows: list[tuple]) -> tuple:
    """A session's list line (id, created, clinician, team, stage, young person, finished, last change) read
    from its stored entries, for when only the entries are at hand."""
    start: dict[str, Any] = {}
    stage, young = "introduction", ""
    events, _, _ = decode_events("", session_id, rows, rescue=True)
    for e in events:
        if e.kind == "start":
            start = e.payload
        elif e.kind == "move":
            stage = e.payload.get("dest", stage)
        elif e.kind == "text" and e.payload.get("field") == "young_person" and isinstance(e.payload.get("value"), str):
            young = e.payload["value"].strip()
    created = start.get("date") or (rows[0][1][:10] if rows else iso_now()[:10])
    last = rows[-1][1] if rows else iso_now()
    return (session_id, created, start.get("choice_clinician"), start.get("team"), stage, young, int(stage == "closed"), last)


def _due_whole(seen: _Seen, key: tuple[str, str], value: str) -> bool:
    """True when this text should be stored whole (see WHOLE_EVERY), not as a change."""
    if len(value) >= LONG_TEXT and len(value) >= 2 * seen.wholes.get(key, 0):
        return True
    return len(value) <= SHORT_TEXT and seen.runs.get(key, 0) >= WHOLE_EVERY - 1


class SqlStore:
    """Journal operations over a DB-API connection; subclasses add connecting and the schema."""

    source: str
    read_only: bool = False
    lease_seconds: float = LEASE_SECONDS
    _integrity_errors: tuple[type[BaseException], ...] = ()
    _lock_session = ""  # PostgreSQL: " FOR UPDATE OF s", so writers to one session take turns
    format = SCHEMA_VERSION  # the journal's own format (older only when an old journal is opened for reading)
    notes: tuple[str, ...] = ()  # what a rescue read found before the first entry (a damaged log)

    def _init_common(self, read_only: bool) -> None:
        self.read_only = read_only
        self.token = uuid.uuid4().hex
        self.who, self.host, self.pid = _who(), socket.gethostname(), os.getpid()
        self._seen: dict[str, _Seen] = {}

    # -- backend hooks ---------------------------------------------------------------------
    def _tx(self) -> Iterator[Any]: raise NotImplementedError
    def _read(self) -> Iterator[Any]: raise NotImplementedError
    def _snapshot(self) -> Iterator[Any]: raise NotImplementedError  # a read that sees one moment throughout
    def _clock(self, c) -> datetime: return utc_now()
    def _t(self, when: datetime) -> Any: return when.isoformat(timespec="microseconds")
    def _from_t(self, value: Any) -> datetime: return datetime.fromisoformat(value) if isinstance(value, str) else value
    def _slot(self, slot: datetime) -> Any: return slot.strftime("%Y-%m-%dT%H:%M")
    def _from_slot(self, value: Any) -> datetime: return datetime.fromisoformat(value) if isinstance(value, str) else value
    def _on_disk(self) -> None: """Wait until what was committed is on the disk (for backends that sync later)."""
    def _check_bookings(self, c) -> None: """Refuse to book when the journal's bookings cannot be trusted."""

    # -- guards ----------------------------------------------------------------------------
    def _writable(self, c, session_id: str, now: datetime) -> None:
        """Refuse a write to a closed session, or to one that someone else has open."""
        if self.read_only:
            raise ReadOnly("this journal was opened for reading only; nothing was written")
        c.execute("SELECT s.finished, l.token, l.who, l.host, l.pid, l.since, l.expires FROM sessions s "
                  "LEFT JOIN leases l ON l.session_id = s.id WHERE s.id = ?" + self._lock_session, (session_id,))
        row = c.fetchone()
        if row is None:
            raise StoreRefused(f"there is no session '{session_id}' in this journal")
        if row[0]:
            raise SessionClosed("this appointment is closed; its record can no longer change")
        if row[1] is not None and row[1] != self.token and self._from_t(row[6]) > now:
            holder = Holder(row[2], row[3], row[4], self._from_t(row[5]), self._from_t(row[6]))
            raise LeaseHeld(f"this appointment is already open elsewhere: {holder.describe()}", holder)

    # -- writing ---------------------------------------------------------------------------
    def create_session(self, session_id: str, created: datetime, choice_clinician: str | None, team: str) -> None:
        if self.read_only:
            raise ReadOnly("this journal was opened for reading only; nothing was written")
        with self._tx() as c:
            c.execute("INSERT INTO sessions (id, created, choice_clinician, team, last_change) VALUES (?, ?, ?, ?, ?)",
                      (session_id, created.isoformat(), choice_clinician, team, iso_now()))
        self._seen[session_id] = _Seen(0)

    def append(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> int:
        """Add one entry and commit it; `summary` updates the session's list line in the same commit."""
        dumps(payload)  # refuse what cannot be recorded before touching the database
        with self._tx() as c:
            seq = self._add_event(c, session_id, kind, payload, summary)
        if summary and summary.get("finished"):
            self._on_disk()  # a closed appointment is what the letters say: on the disk before it is shown closed
        return seq

    def _add_event(self, c, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None,
                   at: str | None = None) -> int:
        now = self._clock(c)
        self._writable(c, session_id, now)
        c.execute("SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = ?", (session_id,))
        seq = c.fetchone()[0] + 1
        seen = self._seen.get(session_id)
        if seen is None or seen.last_seq != seq - 1:
            seen = self._seen[session_id] = _Seen(seq - 1)  # someone else wrote: start afresh, whole values
        stored = payload
        if kind == "text" and isinstance(payload.get("value"), str):
            key = text_key(payload)
            if key in seen.texts and not _due_whole(seen, key, payload["value"]):
                delta = textdelta.encode(seen.texts[key], payload["value"])
                if delta is not None:
                    stored = {**{k: v for k, v in payload.items() if k != "value"}, "d": delta}
        at = at or now.isoformat(timespec="microseconds")
        self._insert_entry(c, session_id, seq, at, kind, dumps(stored))
        sets, args = ["last_change = ?", "entries = ?"], [at, seq]
        for key in ("stage", "young_person", "finished"):
            if summary and key in summary:
                sets.append(f"{key} = ?")
                args.append(int(summary[key]) if key == "finished" else summary[key])
        c.execute(f"UPDATE sessions SET {', '.join(sets)} WHERE id = ?", (*args, session_id))
        # Noted before the commit: a transaction that fails calls _forget, so the cache never runs ahead.
        seen.last_seq = seq
        if kind == "text" and isinstance(payload.get("value"), str):
            key = text_key(payload)
            seen.texts[key] = payload["value"]
            seen.runs[key] = seen.runs.get(key, 0) + 1 if stored is not payload else 0
            if stored is payload:
                seen.wholes[key] = len(payload["value"])
        return seq

    def _insert_entry(self, c, session_id: str, seq: int, at: str, kind: str, text: str) -> None:
        """One entry as stored, with its checksum (the session's count of entries is the caller's to set)."""
        c.execute("INSERT INTO events (session_id, seq, at, kind, payload, checksum) VALUES (?, ?, ?, ?, ?, ?)",
                  (session_id, seq, at, kind, text, entry_sum(session_id, seq, at, kind, text)))

    def _forget(self) -> None:
        self._seen.clear()

    def book(self, session_id: str, clinician: str, slot: datetime, minutes: int = APPOINTMENT_MINUTES) -> int:
        """Book a slot (the session's earlier one is freed in the same commit); SlotTaken if anyone has it."""
        try:
            with self._tx() as c:
                self._writable(c, session_id, self._clock(c))
                self._check_bookings(c)
                now = iso_now()
                c.execute("UPDATE bookings SET cancelled_at = ? WHERE session_id = ? AND cancelled_at IS NULL", (now, session_id))
                c.execute("INSERT INTO bookings (clinician, slot, minutes, session_id, at) VALUES (?, ?, ?, ?, ?)",
                          (clinician, self._slot(slot), minutes, session_id, now))
                seq = self._add_event(c, session_id, "book", {"clinician": clinician, "slot": slot.strftime("%Y-%m-%dT%H:%M")}, None)
        except self._integrity_errors:
            raise SlotTaken(f"the slot {slot:%a %d %b %H:%M} with {clinician} has already been booked for another family "
                            "(or overlaps one of theirs): choose another slot") from None
        self._on_disk()  # the family is told of this slot: it must survive a power cut
        return seq

    def release(self, session_id: str) -> bool:
        """Free the session's booked slot with an `unbook` entry; True if one was freed.

        A closed session's booking stays as it is (False): what the family was told still holds.
        """
        with self._tx() as c:
            c.execute("SELECT b.clinician, b.slot, s.finished FROM bookings b JOIN sessions s ON s.id = b.session_id "
                      "WHERE b.session_id = ? AND b.cancelled_at IS NULL", (session_id,))
            row = c.fetchone()
            if row is None or row[2]:
                return False
            self._writable(c, session_id, self._clock(c))
            c.execute("UPDATE bookings SET cancelled_at = ? WHERE session_id = ? AND cancelled_at IS NULL",
                      (iso_now(), session_id))
            self._add_event(c, session_id, "unbook", {"clinician": row[0], "slot": self._from_slot(row[1]).strftime("%Y-%m-%dT%H:%M")}, None)
        self._on_disk()
        return True

    # -- the lease: one appointment open in one place --------------------------------------
    def acquire(self, session_id: str) -> Holder:
        """Take the appointment's lease (or renew ours); LeaseHeld names whoever has it."""
        if self.read_only:
            raise ReadOnly("this journal was opened for reading only; it cannot hold an appointment open")
        try:
            return self._acquire(session_id)
        except self._integrity_errors:  # the lease names a session the journal cannot find: it is not there, or damaged
            raise StoreRefused(f"the journal cannot find the appointment '{session_id}' to hold it open (it may be damaged: "
                               "`choice-assistant db check` says)") from None

    def _acquire(self, session_id: str) -> Holder:
        with self._tx() as c:
            now = self._clock(c)
            until = now + timedelta(seconds=self.lease_seconds)
            c.execute(
                "INSERT INTO leases (session_id, token, who, host, pid, since, expires) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET token = excluded.token, who = excluded.who, host = excluded.host, "
                "pid = excluded.pid, since = CASE WHEN leases.token = excluded.token THEN leases.since ELSE excluded.since END, "
                "expires = excluded.expires WHERE leases.token = excluded.token OR leases.expires < ?",
                (session_id, self.token, self.who, self.host, self.pid, self._t(now), self._t(until), self._t(now)))
            holder, token = self._holder(c, session_id)
        if token != self.token:
            raise LeaseHeld(f"this appointment is already open elsewhere: {holder.describe()}", holder)
        return holder

    def renew(self, session_id: str) -> Holder:
        """Keep our lease alive (call every few seconds while the appointment is open)."""
        return self.acquire(session_id)

    def release_lease(self, session_id: str) -> None:
        if self.read_only:
            return
        with self._tx() as c:
            c.execute("DELETE FROM leases WHERE session_id = ? AND token = ?", (session_id, self.token))

    def holder(self, session_id: str) -> Holder | None:
        """Who has the appointment open now (None when nobody does, or their lease ran out)."""
        with self._read() as c:
            holder, _ = self._holder(c, session_id)
            return holder if holder is not None and holder.expires > self._clock(c) else None

    def _holder(self, c, session_id: str) -> tuple[Holder | None, str | None]:
        c.execute("SELECT who, host, pid, since, expires, token FROM leases WHERE session_id = ?", (session_id,))
        row = c.fetchone()
        if row is None:
            return None, None
        return Holder(row[0], row[1], row[2], self._from_t(row[3]), self._from_t(row[4])), row[5]

    # -- reading ---------------------------------------------------------------------------
    def events(self, session_id: str) -> list[Event]:
        rows, expected = self.stored_entries(session_id)
        out, seen, _ = decode_events(self.source, session_id, rows, expected)
        self._seen[session_id] = seen
        return out

    def stored_entries(self, session_id: str) -> tuple[list[tuple], int | None]:
        """The entries as stored (seq, at, kind, payload text, checksum or None), and how many the session
        counts (None in a journal older than format 3), read at one moment."""
        with self._snapshot() as c:
            expected = None
            if self.format >= 3:
                c.execute("SELECT entries FROM sessions WHERE id = ?", (session_id,))
                row = c.fetchone()
                expected = row[0] if row else None
            checksum = "checksum" if self.format >= 3 else "NULL"
            c.execute(f"SELECT seq, at, kind, payload, {checksum} FROM events WHERE session_id = ? ORDER BY seq", (session_id,))
            return [tuple(r) for r in c.fetchall()], expected

    def raw_events(self, session_id: str) -> list[tuple[int, str, str, str]]:
        """The entries as stored (seq, at, kind, payload text), for copying a journal exactly."""
        return [r[:4] for r in self.stored_entries(session_id)[0]]

    def list_sessions(self) -> list[SessionSummary]:
        with self._read() as c:
            c.execute("SELECT id, created, stage, young_person, last_change, finished FROM sessions "
                      "WHERE EXISTS (SELECT 1 FROM events WHERE events.session_id = sessions.id) "
                      "ORDER BY last_change DESC, created DESC")
            rows = c.fetchall()
        return [SessionSummary(sid, created[:10], stage, young, datetime.fromisoformat(last), bool(done))
                for sid, created, stage, young, last, done in rows]

    def session_row(self, session_id: str) -> tuple | None:
        with self._read() as c:
            c.execute("SELECT id, created, choice_clinician, team, stage, young_person, finished, last_change "
                      "FROM sessions WHERE id = ?", (session_id,))
            row = c.fetchone()
        return tuple(row) if row else None

    def booked_slots(self, clinician: str) -> set[datetime]:
        with self._read() as c:
            c.execute("SELECT slot FROM bookings WHERE clinician = ? AND cancelled_at IS NULL", (clinician,))
            return {self._from_slot(r[0]) for r in c.fetchall()}

    def booking_of(self, session_id: str) -> tuple[str, datetime] | None:
        with self._read() as c:
            c.execute("SELECT clinician, slot FROM bookings WHERE session_id = ? AND cancelled_at IS NULL", (session_id,))
            row = c.fetchone()
        return (row[0], self._from_slot(row[1])) if row else None

    # -- team-wide reads: never a private note ---------------------------------------------
    def team_bookings(self) -> list[Booking]:
        """Every live booking in this journal, soonest first."""
        with self._read() as c:
            c.execute("SELECT session_id, clinician, slot FROM bookings WHERE cancelled_at IS NULL ORDER BY slot, clinician")
            return [Booking(r[0], r[1], self._from_slot(r[2])) for r in c.fetchall()]

    def team_sessions(self) -> list[dict[str, Any]]:
        """Every session's list line and outcome, for the team view; private notes are never read here."""
        with self._read() as c:
            c.execute("SELECT s.id, s.created, s.choice_clinician, s.team, s.stage, s.finished, b.clinician, b.slot "
                      "FROM sessions s LEFT JOIN bookings b ON b.session_id = s.id AND b.cancelled_at IS NULL "
                      "ORDER BY s.created")
            rows = c.fetchall()
            c.execute("SELECT session_id, payload FROM events WHERE kind = 'choose' ORDER BY session_id, seq")
            chosen: dict[str, dict[str, Any]] = {}
            for sid, text in c.fetchall():
                try:
                    p = json.loads(text)
                except ValueError:
                    continue  # the per-session read names a bad entry; the team view only counts
                chosen[sid] = {k: p.get(k) for k in ("decision", "clinician", "needs")}
        return [{"session": r[0], "date": r[1][:10], "choice_clinician": r[2], "team": r[3], "stage": r[4],
                 "finished": bool(r[5]), "choice": chosen.get(r[0]),
                 "booking": {"clinician": r[6], "slot": self._from_slot(r[7]).strftime("%Y-%m-%dT%H:%M")} if r[6] else None}
                for r in rows]

    def entry_problems(self) -> list[str]:
        """Every entry of every session read and checked: a plain sentence for each session with entries that
        cannot be read ([] when all can)."""
        with self._read() as c:
            c.execute("SELECT id FROM sessions ORDER BY created, id")
            ids = [r[0] for r in c.fetchall()]
        out = []
        for sid in ids:
            try:
                rows, expected = self.stored_entries(sid)
            except JournalUnavailable as exc:
                out.append(f"the entries of session '{sid}' cannot be read ({str(exc).split(': ', 1)[-1]})")
                continue
            _, _, problems = decode_events(self.source, sid, rows, expected, rescue=True)
            if problems:
                seq, reason = problems[0]
                first = f"entry {seq}: {reason}" if seq is not None else reason
                more = f"; and {len(problems) - 1} more" if len(problems) > 1 else ""
                out.append(f"session '{sid}' has {len(problems)} entries that cannot be read ({first}{more})")
        return out

    def set_aside(self, session_id: str | None = None) -> list[dict[str, Any]]:
        """Entries typed on a laptop while the team diary was away that no longer fitted their appointment,
        kept whole beside it: [{"session", "at", "who", "host", "why", "entries": [{seq, at, kind, payload}]}]."""
        if self.format < 3:
            return []
        with self._read() as c:
            c.execute("SELECT session_id, at, who, host, why, entries FROM set_aside" +
                      (" WHERE session_id = ?" if session_id else "") + " ORDER BY at, id", (session_id,) if session_id else ())
            rows = c.fetchall()
        out = []
        for sid, at, who, host, why, text in rows:
            try:
                entries = json.loads(text)["entries"]
            except (ValueError, KeyError, TypeError):
                entries = []
            out.append({"session": sid, "at": at, "who": who, "host": host, "why": why, "entries": entries})
        return out

    def unsaved(self) -> int:
        """Entries kept here but not yet in the journal's database (only a team database can fall behind)."""
        return 0

    def save_state(self) -> dict[str, Any]:
        """For the screen: {"state": "saved" | "not_saved_yet", "unsaved": n, "note": NOTE or None}."""
        return {"state": "saved", "unsaved": 0, "note": None}

    def retry(self) -> int:
        """Write entries kept while the database was away; returns how many are still not saved."""
        return 0

    def counts(self) -> dict[str, int]:
        with self._read() as c:
            out = {}
            for name, sql in (("sessions", "SELECT count(*) FROM sessions"), ("entries", "SELECT count(*) FROM events"),
                              ("live_bookings", "SELECT count(*) FROM bookings WHERE cancelled_at IS NULL"),
                              ("cancelled_bookings", "SELECT count(*) FROM bookings WHERE cancelled_at IS NOT NULL")):
                c.execute(sql)
                out[name] = c.fetchone()[0]
            return out

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
