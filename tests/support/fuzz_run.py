"""The long fuzz run: N hostile inputs of each kind through the real commands, counted by outcome.

Usage: scripts/fuzz [--count N] [--seed S] [KIND ...]   (kinds: registers, cases, sessions, csv, and
registers-big, cases-big, sessions-big: every field in turn as a long text, then as very many items)
Prints JSON: per kind, how many inputs ended in a result (exit 0), a clear message naming the file
(exit 2), a traceback, a hang over 10 s, a message not naming the file, or another exit status,
with the first seeds of each failing outcome so they can be replayed.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

from tests.support.hostile import KINDS, run_input, write_input

HANG_SECONDS = 10


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang


def fuzz(kind: str, count: int, seed: int) -> dict:
    counts = {"ok": 0, "clear": 0, "traceback": 0, "hang": 0, "unnamed": 0, "other-exit": 0}
    failing: dict[str, list[int]] = {}
    slowest = 0.0
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(seed, seed + count):
            written = write_input(kind, n, folder)  # making a huge input is not the command's time
            t0 = time.perf_counter()
            signal.alarm(HANG_SECONDS)
            try:
                outcome = run_input(*written)[0]
            except _Hang:
                outcome = "hang"
            finally:
                signal.alarm(0)
            slowest = max(slowest, time.perf_counter() - t0)
            counts[outcome] += 1
            if outcome not in ("ok", "clear"):
                failing.setdefault(outcome, []).append(n) if len(failing.get(outcome, [])) < 10 else None
    return {"inputs": count, **counts, "slowest_seconds": round(slowest, 2),
            "seconds": round(time.perf_counter() - started, 1), "failing_seeds": failing}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("kinds", nargs="*", metavar="KIND", help=f"any of {', '.join(KINDS)} (default: all)")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    unknown = [k for k in args.kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kind {', '.join(unknown)}: use {', '.join(KINDS)}")
    results = {}
    for kind in args.kinds or list(KINDS):
        print(f"fuzz: {kind} x {args.count} ...", file=sys.stderr, flush=True)
        results[kind] = fuzz(kind, args.count, args.seed)
        print(f"fuzz: {kind}: {json.dumps(results[kind])}", file=sys.stderr, flush=True)  # kept if a later kind fails
    print(json.dumps(results, indent=2))
    bad = sum(r["traceback"] + r["hang"] + r["unnamed"] + r["other-exit"] for r in results.values())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
