"""The journal's tables on each backend, by schema version, with the steps from one version to the next."""

from __future__ import annotations

SCHEMA_VERSION = 2
APPLICATION_ID = 0x43484153  # "CHAS": marks a choice-assistant journal (SQLite application_id)
TABLES = ("sessions", "events", "bookings", "leases")

# SQLite: MIGRATIONS[v] takes a journal from version v-1 to v (0 = an empty file).
SQLITE_MIGRATIONS: dict[int, list[str]] = {
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

# PostgreSQL: a team database starts at version 2; the meta table carries marker and version.
POSTGRES_META = "choice_assistant_meta"
POSTGRES_MIGRATIONS: dict[int, list[str]] = {
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
