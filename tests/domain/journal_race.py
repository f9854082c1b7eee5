"""Many processes booking the same slots at once, and two opening one appointment: for tests and the bench."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_SLOT = datetime(2027, 1, 4, 9, 0)

_BOOKER = textwrap.dedent("""
    import json, sys, time
    from datetime import datetime, timedelta
    from choice_assistant.journal import SlotTaken, open_journal

    url, me, rounds, start_at = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    store = open_journal(url)
    first = datetime.fromisoformat(sys.argv[5])
    while time.time() < start_at:
        time.sleep(0.001)
    for r in range(rounds):
        sid = f"{me}-r{r}"
        store.create_session(sid, datetime(2026, 11, 23), "ayo", "Race")
        store.append(sid, "start", {"session": sid, "date": "2026-11-23"})
        started = time.perf_counter()
        try:
            store.book(sid, "ben", first + timedelta(hours=r))
            won = True
        except SlotTaken:
            won = False
        print(json.dumps({"round": r, "won": won, "ms": (time.perf_counter() - started) * 1000}), flush=True)
    store.close()
""")

_OPENER = textwrap.dedent("""
    import json, os, sys, time
    from choice_assistant.journal import LeaseHeld, open_journal

    url, sid, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
    store = open_journal(url)
    while time.time() < start_at:
        time.sleep(0.001)
    try:
        store.acquire(sid)
        print(json.dumps({"pid": os.getpid(), "held": True}))
    except LeaseHeld as exc:
        print(json.dumps({"pid": os.getpid(), "held": False, "holder_pid": exc.holder.pid}))
    store.close()
""")


def _env() -> dict:
    env = dict(os.environ)
    env.pop("CHOICE_ASSISTANT_DB", None)
    return env


def race_bookings(url: str, processes: int = 20, rounds: int = 50) -> dict:
    """Every process books slot r in round r; returns winners per slot, latencies and what the journal holds."""
    from choice_assistant.journal import open_journal

    open_journal(url).close()  # schema made once, before the race
    start_at = time.time() + 1.0 + processes * 0.15
    procs = [subprocess.Popen([sys.executable, "-c", _BOOKER, url, f"p{i}", str(rounds), str(start_at), FIRST_SLOT.isoformat()],
                              cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(processes)]
    results, errors = [], []
    for p in procs:
        out, err = p.communicate(timeout=600)
        results += [json.loads(line) for line in out.splitlines() if line.strip()]
        if p.returncode:
            errors.append(err[-2000:])
    winners = Counter(r["round"] for r in results if r["won"])
    store = open_journal(url)
    booked = Counter()
    book_entries = Counter()
    for b in store.team_bookings():
        booked[b.slot] += 1
    for row in store.team_sessions():
        for e in store.events(row["session"]):
            if e.kind == "book":
                book_entries[e.payload["slot"]] += 1
    store.close()
    latencies = sorted(r["ms"] for r in results)
    return {
        "attempts": len(results), "errors": errors,
        "double_bookings": sum(1 for n in winners.values() if n > 1) + sum(1 for n in booked.values() if n > 1),
        "slots_won": len(winners), "live_bookings": sum(booked.values()), "book_entries": sum(book_entries.values()),
        "most_entries_for_one_slot": max(book_entries.values(), default=0),
        "booking_ms_median": round(latencies[len(latencies) // 2], 2) if latencies else None,
        "booking_ms_p95": round(latencies[int(len(latencies) * 0.95)], 2) if latencies else None,
        "successful_booking_ms_median": round(sorted(r["ms"] for r in results if r["won"])[len(winners) // 2], 2) if winners else None,
    }


def race_openers(url: str, session_id: str = "shared") -> list[dict]:
    """Two processes open one appointment at the same instant."""
    from choice_assistant.journal import open_journal

    store = open_journal(url)
    store.create_session(session_id, datetime(2026, 11, 23), "ayo", "Race")
    store.close()
    start_at = time.time() + 1.5
    procs = [subprocess.Popen([sys.executable, "-c", _OPENER, url, session_id, str(start_at)], cwd=ROOT, env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    out = []
    for p in procs:
        text, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        out.append(json.loads(text))
    return out


__all__ = ["race_bookings", "race_openers", "FIRST_SLOT"]
