"""The journal's tables on each backend, by schema version, with the steps from one version to the next.

A step is a list of SQL statements, or of functions given a cursor (for what SQL alone cannot do).
Format 3 gives every entry a checksum (`entry_sum`) and every session the number of its entries,
so a reader can tell a damaged or missing entry from a sound one. Entries written before format 3
get their checksum when the journal is first opened by a program that knows format 3: damage that
happened before that moment cannot be told apart from what was written.
"""

from __future__ import annotations

import hashlib

SCHEMA_VERSION = 3
APPLICATION_ID = 0x43484153  # "CHAS": marks a choice-assistant journal (SQLite application_id)
TABLES = ("sessions", "events", "bookings", "leases")

# SQLite: MIGRATIONS[v] takes a journal from version v-1 to v (0 = an empty file).
SQLITE_MIGRATIONS: dict[int, list] = {
    1: [
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY, created TEXT NOT NULL, choice_clinician TEXT, team TEXT,
            stage TEXT NOT NULL DEFAULT 'introduction', young_person TEXT NOT NULL DEFAULT '',
            finished INTEGER NOT NULL DEFAULT 0, last_change TEXT NOT NULL)""",
        """CREATE TABLE events (
            session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, at TEXT NOT NULL,
            kind TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID""",
        """CREATE TABLE bookings (
            clinician TEXT NOT NULL, slot TEXT NOT NULL, session_id TEXT NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL, UNIQUE (clinician, slot))""",
        "CREATE INDEX bookings_by_session ON bookings(session_id)",
    ],
    2: [
        # Bookings are kept when cancelled (cancelled_at set), and only live ones hold a slot.
        """CREATE TABLE bookings_v2 (
            id INTEGER PRIMARY KEY, clinician TEXT NOT NULL, slot TEXT NOT NULL,
            minutes INTEGER NOT NULL DEFAULT 30, session_id TEXT NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL, cancelled_at TEXT)""",
        "INSERT INTO bookings_v2 (clinician, slot, session_id, at) SELECT clinician, slot, session_id, at FROM bookings",
        "DROP TABLE bookings",
        "ALTER TABLE bookings_v2 RENAME TO bookings",
        "CREATE UNIQUE INDEX live_slot ON bookings(clinician, slot) WHERE cancelled_at IS NULL",
        "CREATE UNIQUE INDEX live_booking_of_session ON bookings(session_id) WHERE cancelled_at IS NULL",
        """CREATE TABLE leases (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id), token TEXT NOT NULL, who TEXT NOT NULL,
            host TEXT NOT NULL, pid INTEGER NOT NULL, since TEXT NOT NULL, expires TEXT NOT NULL)""",
    ],
}


def entry_sum(session_id: str, seq: int, at: str, kind: str, payload: str) -> str:
    """The checksum an entry carries: 16 hex digits over everything the entry says, its place included."""
    text = "\x1f".join((session_id, str(seq), at, kind, payload))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def fill_sums(c) -> None:
    """Format 3 for a journal written before it: each entry's checksum and each session's count of entries."""
    c.execute("SELECT session_id, seq, at, kind, payload FROM events")
    rows = c.fetchall()
    for sid, seq, at, kind, payload in rows:
        c.execute("UPDATE events SET checksum = ? WHERE session_id = ? AND seq = ?", (entry_sum(sid, seq, at, kind, payload), sid, seq))
    c.execute("UPDATE sessions SET entries = (SELECT count(*) FROM events WHERE events.session_id = sessions.id)")


def _format_3(key: str) -> list:
    """Format 3 on either backend (`key`: its auto-numbered primary key column)."""
    return [
        "ALTER TABLE events ADD COLUMN checksum TEXT",
        "ALTER TABLE sessions ADD COLUMN entries INTEGER NOT NULL DEFAULT 0",
        fill_sums,
        # Words typed on a laptop while the team diary was away that could not be added to their appointment
        # (it was changed elsewhere meanwhile), kept whole beside it; on SQLite too, so `db copy` keeps them.
        f"""CREATE TABLE set_aside (
            id {key}, session_id TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
            host TEXT NOT NULL, why TEXT NOT NULL, entries TEXT NOT NULL)""",
    ]


SQLITE_MIGRATIONS[3] = _format_3("INTEGER PRIMARY KEY")

# PostgreSQL: a team database starts at version 2; the meta table carries marker and version.
POSTGRES_META = "choice_assistant_meta"
POSTGRES_MIGRATIONS: dict[int, list] = {
    2: [
        f"CREATE TABLE {POSTGRES_META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE EXTENSION IF NOT EXISTS btree_gist",
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY, created TEXT NOT NULL, choice_clinician TEXT, team TEXT,
            stage TEXT NOT NULL DEFAULT 'introduction', young_person TEXT NOT NULL DEFAULT '',
            finished INTEGER NOT NULL DEFAULT 0, last_change TEXT NOT NULL)""",
        """CREATE TABLE events (
            session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, at TEXT NOT NULL,
            kind TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (session_id, seq))""",
        """CREATE TABLE bookings (
            id BIGSERIAL PRIMARY KEY, clinician TEXT NOT NULL, slot TIMESTAMP NOT NULL,
            minutes INTEGER NOT NULL DEFAULT 30 CHECK (minutes > 0),
            session_id TEXT NOT NULL REFERENCES sessions(id), at TEXT NOT NULL, cancelled_at TEXT,
            CONSTRAINT clinician_never_in_two_places EXCLUDE USING gist (
                clinician WITH =, tsrange(slot, slot + minutes * INTERVAL '1 minute') WITH &&)
                WHERE (cancelled_at IS NULL))""",
        "CREATE UNIQUE INDEX live_slot ON bookings(clinician, slot) WHERE cancelled_at IS NULL",
        "CREATE UNIQUE INDEX live_booking_of_session ON bookings(session_id) WHERE cancelled_at IS NULL",
        """CREATE TABLE leases (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id), token TEXT NOT NULL, who TEXT NOT NULL,
            host TEXT NOT NULL, pid INTEGER NOT NULL, since TIMESTAMPTZ NOT NULL, expires TIMESTAMPTZ NOT NULL)""",
    ],
}
POSTGRES_MIGRATIONS[3] = _format_3("BIGSERIAL PRIMARY KEY")
