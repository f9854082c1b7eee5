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
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def prepared(n: int):
            written = write_input(kind, n, folder)  # making a huge input is not the command's time
            return lambda: run_input(*written)[0]

        return _tally(range(seed, seed + count), prepared, ("ok", "clear", "traceback", "hang", "unnamed", "other-exit"))


def fuzz_appointment(count: int, seed: int) -> dict:
    """The live appointment's recording calls given long texts and very many items (tests/support/hostile_appointment)."""
    from tests.support.hostile_appointment import run_appointment

    return _tally(range(seed, seed + count), lambda n: lambda: run_appointment(n)[0], ("ok", "traceback", "hang", "other-exit"))


def _tally(seeds: range, prepared, outcomes: tuple[str, ...]) -> dict:
    """Run each seed's prepared input under the hang alarm; count the outcomes, with the first failing seeds of each."""
    counts = dict.fromkeys(outcomes, 0)
    failing: dict[str, list[int]] = {}
    slowest = 0.0
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    for n in seeds:
        run = prepared(n)
        t0 = time.perf_counter()
        signal.alarm(HANG_SECONDS)
        try:
            outcome = run()
        except _Hang:
            outcome = "hang"
        finally:
            signal.alarm(0)
        slowest = max(slowest, time.perf_counter() - t0)
        counts[outcome] += 1
        if outcome not in ("ok", "clear") and len(failing.setdefault(outcome, [])) < 10:
            failing[outcome].append(n)
    return {"inputs": len(seeds), **counts, "slowest_seconds": round(slowest, 2),
            "seconds": round(time.perf_counter() - started, 1), "failing_seeds": failing}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.splitlines()[0])
    kinds = [*KINDS, "appointment"]  # appointment: the live appointment's recording calls, not a file
    parser.add_argument("kinds", nargs="*", metavar="KIND", help=f"any of {', '.join(kinds)} (default: all)")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    unknown = [k for k in args.kinds if k not in kinds]
    if unknown:
        parser.error(f"unknown kind {', '.join(unknown)}: use {', '.join(kinds)}")
    results = {}
    for kind in args.kinds or kinds:
        print(f"fuzz: {kind} x {args.count} ...", file=sys.stderr, flush=True)
        results[kind] = fuzz_appointment(args.count, args.seed) if kind == "appointment" else fuzz(kind, args.count, args.seed)
        print(f"fuzz: {kind}: {json.dumps(results[kind])}", file=sys.stderr, flush=True)  # kept if a later kind fails
    print(json.dumps(results, indent=2))
    bad = sum(r["traceback"] + r["hang"] + r.get("unnamed", 0) + r["other-exit"] for r in results.values())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
