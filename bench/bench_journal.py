"""The journal's commit latency per entry, as a ratio to a raw SQLite insert in the same run (goal <= 2x)."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

ENTRIES = 300


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


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        raw = _raw(Path(tmp) / "raw.sqlite3")
        journal = _journal(Path(tmp) / "journal.sqlite3")
    raw_ms = statistics.median(raw) * 1000
    journal_ms = statistics.median(journal) * 1000
    return {
        "entries": ENTRIES,
        "raw_insert_ms_median": round(raw_ms, 3),
        "journal_append_ms_median": round(journal_ms, 3),
        "journal_append_ms_p95": round(sorted(journal)[int(ENTRIES * 0.95)] * 1000, 3),
        "journal_to_raw_ratio": round(journal_ms / raw_ms, 2),
        "goal_ratio_at_most": 2.0,
    }
