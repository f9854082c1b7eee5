"""Copy one journal into another (a laptop's into the team's) entry for entry; running it again adds nothing.

From a damaged journal every entry that can still be read is saved: tables are read by scanning
(a damaged index cannot hide or misplace a row), a session whose entries cannot all be read is read
entry by entry, and its readable entries are copied in order, renumbered, with each text whole; what
could not be read is named in the report, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from choice_assistant.journal.base import SqlStore, decode_events, dumps, iso_now, summary_from_rows
from choice_assistant.journal.port import JournalUnavailable, StoreRefused

_SESSION_COLUMNS = "id, created, choice_clinician, team, stage, young_person, finished, last_change"


@dataclass
class CopyReport:
    """What a copy did, and what it could not do (each a sentence naming the session)."""

    sessions_added: int = 0
    entries_added: int = 0
    bookings_added: int = 0
    sessions_already_there: int = 0
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"sessions_added": self.sessions_added, "entries_added": self.entries_added,
                "bookings_added": self.bookings_added, "sessions_already_there": self.sessions_already_there,
                "problems": list(self.problems)}


def _scan(store: SqlStore, sql: str, args: tuple = ()) -> list[tuple]:
    """Rows of a query that reads its table from end to end (on SQLite, never through an index)."""
    with store._read() as c:
        c.execute(sql.replace(" NOT INDEXED", getattr(store, "not_indexed", "")), args)
        return [tuple(r) for r in c.fetchall()]


class _Source:
    """The journal copied from, read so that damage in one place hides nothing elsewhere."""

    def __init__(self, store: SqlStore, report: CopyReport):
        self.store, self.report = store, report
        self.rows: dict[str, tuple] = {}
        self.entries: dict[str, int] = {}
        self.bookings: dict[str, tuple[str, datetime]] = {}
        counted = ", entries" if store.format >= 3 else ""
        try:
            for r in _scan(store, f"SELECT {_SESSION_COLUMNS}{counted} FROM sessions NOT INDEXED ORDER BY created, id"):
                self.rows[r[0]] = r[:8]
                if counted:
                    self.entries[r[0]] = r[8]
        except JournalUnavailable as exc:
            report.problems.append(f"the list of sessions cannot be read in full ({_reason(exc)}); sessions are found "
                                   "from their entries instead")
        try:
            self.extra = [r[0] for r in _scan(store, "SELECT DISTINCT session_id FROM events") if r[0] not in self.rows]
        except JournalUnavailable:
            self.extra = []
        try:
            for sid, clinician, slot in _scan(store, "SELECT session_id, clinician, slot FROM bookings NOT INDEXED "
                                                     "WHERE cancelled_at IS NULL ORDER BY id"):
                self.bookings[sid] = (clinician, store._from_slot(slot))
        except JournalUnavailable as exc:
            report.problems.append(f"the bookings cannot be read ({_reason(exc)}); no booking was copied: book again")

    def ids(self) -> list[str]:
        return list(self.rows) + self.extra

    def entries_of(self, sid: str) -> tuple[list[tuple], list[tuple[int | None, str]]]:
        """(seq, at, kind, payload text) of every entry to copy, and what could not be read."""
        expected = self.entries.get(sid)
        try:
            rows = _scan(self.store, "SELECT seq, at, kind, payload, " + ("checksum" if self.store.format >= 3 else "NULL")
                         + " FROM events WHERE session_id = ? ORDER BY seq", (sid,))
        except JournalUnavailable:
            rows = self._one_by_one(sid, expected)
        events, _, problems = decode_events(self.store.source, sid, rows, expected, rescue=True)
        if not problems:
            return [r[:4] for r in rows], []
        # Renumbered in order, each text whole: a change stored against an unreadable entry is never replayed.
        return [(n, e.at.isoformat(timespec="microseconds"), e.kind, dumps(e.payload))
                for n, e in enumerate(events, 1)], problems

    def _one_by_one(self, sid: str, expected: int | None) -> list[tuple]:
        """Each entry looked up alone, so a damaged part of the table costs only the entries stored there."""
        checksum = "checksum" if self.store.format >= 3 else "NULL"
        try:
            top = _scan(self.store, "SELECT max(seq) FROM events WHERE session_id = ?", (sid,))[0][0] or 0
        except JournalUnavailable:
            top = 0
        rows = []
        for seq in range(1, max(top, min(expected or 0, top + 10_000)) + 1):
            try:
                rows += _scan(self.store, f"SELECT seq, at, kind, payload, {checksum} FROM events "
                                          "WHERE session_id = ? AND seq = ?", (sid, seq))
            except JournalUnavailable:
                continue  # named as missing when the entries are read in order
        return rows

    def row_of(self, sid: str, rows: list[tuple]) -> tuple:
        """The session's list line; rebuilt from its entries when the sessions table lost it."""
        return self.rows[sid] if sid in self.rows else summary_from_rows(sid, rows)


def _reason(exc: BaseException) -> str:
    return str(exc).split(": ", 1)[-1]


def _said(problems: list[tuple[int | None, str]]) -> str:
    first = problems[0]
    what = f"entry {first[0]}: {first[1]}" if first[0] is not None else first[1]
    more = f", and {len(problems) - 1} more" if len(problems) > 1 else ""
    return what + more


def copy_journal(src: SqlStore, dst: SqlStore) -> CopyReport:
    """Every readable entry of `src` into `dst`; whatever cannot be read or clashes is named, not guessed."""
    report = CopyReport(problems=list(src.notes))
    source = _Source(src, report)
    for sid in source.ids():
        rows, problems = source.entries_of(sid)
        if not rows:
            report.problems.append(f"session '{sid}' was not copied: none of its entries can be read ({_said(problems)})"
                                   if problems else f"session '{sid}' has no entries; it was not copied")
            continue
        if problems:
            report.problems.append(f"session '{sid}' was copied with {len(rows)} readable entries, renumbered in order; "
                                   f"{len(problems)} could not be read ({_said(problems)}): check that appointment "
                                   "before relying on it")
        row = source.row_of(sid, rows)
        booking = source.bookings.get(sid)
        try:
            _copy_session(dst, row, rows, booking, report)
        except dst._integrity_errors:
            clinician, slot = booking
            report.problems.append(f"session '{sid}' booked {clinician} at {slot:%Y-%m-%d %H:%M}, which overlaps another "
                                   "appointment in the destination: its entries were copied, the booking was not; book again")
            _copy_session(dst, row, rows, None, report)
        except (JournalUnavailable, StoreRefused) as exc:
            report.problems.append(f"session '{sid}' could not be written to the destination ({_reason(exc)})")
    _copy_set_aside(src, dst, report)
    return report


def _copy_set_aside(src: SqlStore, dst: SqlStore, report: CopyReport) -> None:
    """Words set aside beside their appointment go along too, once each."""
    try:
        theirs = src.set_aside()
    except JournalUnavailable as exc:
        report.problems.append(f"the words set aside beside appointments cannot be read ({_reason(exc)})")
        return
    there = {(s["session"], s["at"], s["host"]) for s in dst.set_aside()}
    with dst._tx() as c:
        for s in theirs:
            if (s["session"], s["at"], s["host"]) not in there:
                c.execute("INSERT INTO set_aside (session_id, at, who, host, why, entries) VALUES (?, ?, ?, ?, ?, ?)",
                          (s["session"], s["at"], s["who"], s["host"], s["why"], dumps({"entries": s["entries"]})))


def _copy_session(dst: SqlStore, row: tuple, raw: list[tuple], booking, report: CopyReport) -> None:
    sid = row[0]
    with dst._tx() as c:
        c.execute("SELECT seq, kind, payload FROM events WHERE session_id = ? ORDER BY seq", (sid,))
        there = c.fetchall()
        c.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,))
        exists = c.fetchone() is not None
        if exists and there:
            mine, _, _ = decode_events(dst.source, sid, raw[:len(there)])
            theirs, _, bad = decode_events(dst.source, sid, [(s, "2000-01-01T00:00:00", k, p) for s, k, p in there],
                                           rescue=True)
            if bad or len(there) > len(raw) or [(e.seq, e.kind, e.payload) for e in mine] != [(e.seq, e.kind, e.payload) for e in theirs]:
                report.problems.append(f"session '{sid}' differs in the two journals (both have entries the other lacks); "
                                       "it was left as it is in the destination")
                return
        if not exists:
            c.execute(f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            report.sessions_added += 1
        new = raw[len(there):]
        if not new and exists:
            report.sessions_already_there += 1
        for seq, at, kind, payload in new:
            dst._insert_entry(c, sid, seq, at, kind, payload)
        report.entries_added += len(new)
        if new:
            c.execute("UPDATE sessions SET stage = ?, young_person = ?, finished = ?, last_change = ?, entries = ? WHERE id = ?",
                      (row[4], row[5], row[6], row[7], len(raw), sid))
        if booking is not None:
            _copy_booking(dst, c, sid, booking, report)


def _copy_booking(dst: SqlStore, c, sid: str, booking, report: CopyReport) -> None:
    clinician, slot = booking
    c.execute("SELECT session_id FROM bookings WHERE clinician = ? AND slot = ? AND cancelled_at IS NULL",
              (clinician, dst._slot(slot)))
    holder = c.fetchone()
    if holder is not None:
        if holder[0] != sid:
            report.problems.append(f"session '{sid}' booked {clinician} at {slot:%Y-%m-%d %H:%M}, which the destination has "
                                   "already given to another family: its entries were copied, the booking was not; book again")
        return
    c.execute("SELECT 1 FROM bookings WHERE session_id = ? AND cancelled_at IS NULL", (sid,))
    if c.fetchone() is not None:
        report.problems.append(f"session '{sid}' has a different booking in the destination; it was left as it is there")
        return
    c.execute("INSERT INTO bookings (clinician, slot, session_id, at) VALUES (?, ?, ?, ?)",
              (clinician, dst._slot(slot), sid, iso_now()))
    report.bookings_added += 1
