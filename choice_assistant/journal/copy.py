"""Copy one journal into another (a laptop's into the team's) entry for entry; running it again adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from choice_assistant.journal.base import SqlStore, decode_events
from choice_assistant.journal.port import JournalUnavailable


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


def _session_ids(store: SqlStore) -> list[str]:
    with store._read() as c:
        c.execute("SELECT id FROM sessions ORDER BY created, id")
        return [r[0] for r in c.fetchall()]


def copy_journal(src: SqlStore, dst: SqlStore) -> CopyReport:
    """Every readable session of `src` into `dst`; a session that cannot be read or clashes is named, not guessed."""
    report = CopyReport()
    try:
        ids = _session_ids(src)
    except JournalUnavailable as exc:
        report.problems.append(f"the list of sessions cannot be read ({exc})")
        return report
    for sid in ids:
        try:
            row = src.session_row(sid)
            raw = src.raw_events(sid)
            decode_events(src.source, sid, raw)
            booking = src.booking_of(sid)
        except JournalUnavailable as exc:
            report.problems.append(f"session '{sid}' was not copied: {exc}")
            continue
        try:
            _copy_session(dst, row, raw, booking, report)
        except dst._integrity_errors:
            clinician, slot = booking
            report.problems.append(f"session '{sid}' booked {clinician} at {slot:%Y-%m-%d %H:%M}, which overlaps another "
                                   "appointment in the destination: its entries were copied, the booking was not; book again")
            _copy_session(dst, row, raw, None, report)
    return report


def _copy_session(dst: SqlStore, row: tuple, raw: list[tuple], booking, report: CopyReport) -> None:
    sid = row[0]
    with dst._tx() as c:
        c.execute("SELECT seq, kind, payload FROM events WHERE session_id = ? ORDER BY seq", (sid,))
        there = c.fetchall()
        c.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,))
        exists = c.fetchone() is not None
        if exists and there:
            mine, _ = decode_events(dst.source, sid, raw[:len(there)])
            theirs, _ = decode_events(dst.source, sid, [(s, "2000-01-01T00:00:00", k, p) for s, k, p in there])
            if len(there) > len(raw) or [(e.seq, e.kind, e.payload) for e in mine] != [(e.seq, e.kind, e.payload) for e in theirs]:
                report.problems.append(f"session '{sid}' differs in the two journals (both have entries the other lacks); "
                                       "it was left as it is in the destination")
                return
        if not exists:
            c.execute("INSERT INTO sessions (id, created, choice_clinician, team, stage, young_person, finished, last_change) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            report.sessions_added += 1
        new = raw[len(there):]
        if not new and exists:
            report.sessions_already_there += 1
        for seq, at, kind, payload in new:
            c.execute("INSERT INTO events (session_id, seq, at, kind, payload) VALUES (?, ?, ?, ?, ?)", (sid, seq, at, kind, payload))
        report.entries_added += len(new)
        if new and exists:
            c.execute("UPDATE sessions SET stage = ?, young_person = ?, finished = ?, last_change = ? WHERE id = ?",
                      (row[4], row[5], row[6], row[7], sid))
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
    from choice_assistant.journal.base import iso_now

    c.execute("INSERT INTO bookings (clinician, slot, session_id, at) VALUES (?, ?, ?, ?)",
              (clinician, dst._slot(slot), sid, iso_now()))
    report.bookings_added += 1
