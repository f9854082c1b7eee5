"""The journal: commit latency per entry (ratio to a raw SQLite insert), size and resume of a 5,000-entry
session, and a booking race (double bookings, must be 0; booking latency) on SQLite and PostgreSQL.

PostgreSQL figures need a server: `scripts/pg scripts/bench journal` starts a throwaway one.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ENTRIES = 300
LONG_SESSION = 5000
ROOT = Path(__file__).resolve().parent.parent


def _raw(path: Path) -> list[float]:
    """A bare autocommit INSERT with the journal's durability settings (WAL, synchronous=FULL)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (session_id TEXT, seq INTEGER, at TEXT, kind TEXT, payload TEXT)")
    times = []
    for i in range(ENTRIES):
        started = time.perf_counter()
        conn.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", ("s", i, "2026-11-23T10:00:00", "text",
                                                              '{"field":"concerns","value":"typed words"}'))
        times.append(time.perf_counter() - started)
    conn.close()
    return times


def _journal(path: Path) -> list[float]:
    from choice_assistant.journal.sqlite import SqliteStore

    store = SqliteStore.open(path)
    store.create_session("s", datetime(2026, 11, 23), "ayo", "Bench team")
    times = []
    for i in range(ENTRIES):
        started = time.perf_counter()
        store.append("s", "text", {"field": "concerns", "value": f"typed words {i}"})
        times.append(time.perf_counter() - started)
    store.close()
    return times


def _long_session(path: Path) -> dict:
    """5,000 text entries typed a few characters at a time into four fields, then resumed."""
    from choice_assistant import load_register
    from choice_assistant.appointment import Appointment
    from choice_assistant.journal.sqlite import SqliteStore

    register = load_register(ROOT / "examples" / "team.yaml")
    store = SqliteStore.open(path)
    a = Appointment.new(store, register, "ayo", now=datetime(2026, 11, 23, 10))
    sid = a.session_id
    fields = ["concerns", "background", "strengths", "risk"]
    texts = {f: "" for f in fields}
    for i in range(LONG_SESSION):
        f = fields[(i // 50) % 4]
        texts[f] += "worry "[i % 6]
        a.set_text(f, texts[f])
        a.flush()
    store.close()
    typed = sum(len(t) for t in texts.values())
    store = SqliteStore.open(path)
    started = time.perf_counter()
    events = store.events(sid)
    read_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    resumed = Appointment.resume(store, sid, register, now=datetime(2026, 11, 23, 11))
    resume_ms = (time.perf_counter() - started) * 1000
    assert resumed.export().concerns == texts["concerns"]
    stored = sum(len(p) for _, _, _, p in store.raw_events(sid))
    store.close()
    return {"entries": len(events), "characters_typed": typed, "payload_characters_stored": stored,
            "file_bytes": path.stat().st_size + (Path(f"{path}-wal").stat().st_size if Path(f"{path}-wal").exists() else 0),
            "read_ms": round(read_ms, 1), "resume_ms": round(resume_ms, 1), "goal_resume_ms_at_most": 300}


def _race(url: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.domain.journal_race import race_bookings, race_openers

    found = race_bookings(url, processes=20, rounds=50)
    openers = race_openers(url)
    found["two_openers_both_held"] = all(o["held"] for o in openers)
    found["errors"] = len(found["errors"])
    return found


def _pg_url() -> str | None:
    url = os.environ.get("CHOICE_ASSISTANT_TEST_PG")
    if not url:
        return None
    sys.path.insert(0, str(ROOT))
    from tests.domain.journal_backends import fresh_pg_url

    return fresh_pg_url()


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        raw = _raw(Path(tmp) / "raw.sqlite3")
        journal = _journal(Path(tmp) / "journal.sqlite3")
        long_session = _long_session(Path(tmp) / "long.sqlite3")
        race_sqlite = _race(f"sqlite:///{Path(tmp) / 'race.sqlite3'}")
    pg = _pg_url()
    race_pg = _race(pg) if pg else {"skipped": "no server: run `scripts/pg scripts/bench journal`"}
    raw_ms = statistics.median(raw) * 1000
    journal_ms = statistics.median(journal) * 1000
    return {
        "entries": ENTRIES,
        "raw_insert_ms_median": round(raw_ms, 3),
        "journal_append_ms_median": round(journal_ms, 3),
        "journal_append_ms_p95": round(sorted(journal)[int(ENTRIES * 0.95)] * 1000, 3),
        "journal_to_raw_ratio": round(journal_ms / raw_ms, 2),
        "goal_ratio_at_most": 2.0,
        "long_session": long_session,
        "booking_race_sqlite": race_sqlite,
        "booking_race_postgres": race_pg,
        "double_bookings": race_sqlite["double_bookings"] + race_pg.get("double_bookings", 0),
    }
