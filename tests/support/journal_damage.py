"""Damage seeded into SQLite journal files, and what each reader then makes of the record.

`build(path)` writes a journal of realistic appointments (words typed as they grow, a risk answer,
a safety outcome, goals) and returns what was written. `damage_page` overwrites bytes inside one
page of a table; `damage_wal_frame` one frame of the write-ahead log. `outcome` reads every session
back and says whether the journal was refused, named what it could not read, read everything
right, or (the failure these tests exist for) gave back a record that differs from what was written.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path

from choice_assistant.journal import JournalUnavailable
from choice_assistant.journal.sqlite import SqliteStore

NOW = datetime(2026, 11, 23, 10, 0)
PAGE = 4096


def build(path: Path, sessions: int = 12, close: bool = True) -> dict[str, list[tuple[str, dict]]]:
    """A journal of `sessions` appointments; returns each session's entries as written (kind, payload)."""
    store = SqliteStore.open(path)
    truth: dict[str, list[tuple[str, dict]]] = {}
    for n in range(sessions):
        sid = f"s{n:02d}"
        store.create_session(sid, NOW, "ayo", "Riverside")
        entries: list[tuple[str, dict]] = [("start", {"session": sid, "date": "2026-11-23", "team": "Riverside"})]
        text = ""
        for i in range(60):
            text += f" word{i}"
            entries.append(("text", {"field": "concerns", "value": f"Child {n} worries about{text}"}))
        entries.append(("text", {"field": "risk", "value": f"Child {n} said they have had thoughts of self-harm"}))
        entries.append(("set", {"field": "safety", "value": {"concerns": True, "plan": "safety plan agreed",
                                                             "actions": "crisis line given"}}))
        entries.append(("goal_add", {"text": f"feel calmer at school ({n})", "owner": "young_person", "rating": 3}))
        for kind, payload in entries:
            store.append(sid, kind, payload)
        truth[sid] = entries
    if close:
        store.close()
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
    return truth


def pages_of(path: Path, table: str) -> list[int]:
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,))]
    finally:
        conn.close()


def damage_page(path: Path, page: int, seed: int, nbytes: int = 64) -> None:
    """`nbytes` random bytes at a random place inside page `page` (1-based)."""
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE + rng.randrange(PAGE - nbytes)
    data[start:start + nbytes] = bytes(rng.randrange(256) for _ in range(nbytes))
    path.write_bytes(bytes(data))


def outcome(path: Path, truth: dict[str, list[tuple[str, dict]]]) -> str:
    """"refused" (at open), "named" (some session's entries named as unreadable), "sound" or "wrong"."""
    try:
        store = SqliteStore.open(path, read_only=True)
    except JournalUnavailable:
        return "refused"
    named = False
    try:
        for sid, entries in truth.items():
            try:
                got = [(e.kind, e.payload) for e in store.events(sid)]
            except JournalUnavailable:
                named = True
                continue
            if got != entries:
                return "wrong"
        listed = {s.id for s in store.list_sessions()}
        if listed != set(truth):
            return "wrong"
    except JournalUnavailable:
        named = True
    finally:
        store.close()
    return "named" if named else "sound"


def rewrite_in_page(path: Path, page: int, old: bytes, new: bytes) -> int:
    """Replace `old` with `new` (same length) inside one page: damage that leaves the page well formed."""
    assert len(old) == len(new)
    data = bytearray(path.read_bytes())
    start, end = (page - 1) * PAGE, page * PAGE
    chunk = bytes(data[start:end])
    count = chunk.count(old)
    data[start:end] = chunk.replace(old, new)
    path.write_bytes(bytes(data))
    return count


def damage_wal_frame(wal: Path, frame: int, seed: int, nbytes: int = 64) -> None:
    """`nbytes` random bytes inside the page data of frame `frame` (1-based) of a write-ahead log."""
    rng = random.Random(seed)
    data = bytearray(wal.read_bytes())
    start = 32 + (frame - 1) * (24 + PAGE) + 24 + rng.randrange(PAGE - nbytes)
    data[start:start + nbytes] = bytes(rng.randrange(256) for _ in range(nbytes))
    wal.write_bytes(bytes(data))
