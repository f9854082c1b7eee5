"""`choice-assistant db check|copy`: look a journal over, or move one journal's sessions into another."""

from __future__ import annotations

import argparse
import json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="check a journal, or copy one journal into another",
                       description="Work with the journal itself: its schema version, counts and integrity, "
                                   "and copying a laptop's journal into the team's shared one.")
    ds = p.add_subparsers(dest="db_command", metavar="ACTION", title="actions", required=True)
    ck = ds.add_parser("check", help="schema version, counts and integrity of the journal (--db, or the default)")
    ck.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="the journal to check")
    ck.add_argument("--json", action="store_true", help="print the findings as JSON")
    ck.set_defaults(func=check)
    cp = ds.add_parser("copy", help="copy every session of FROM into TO; running it again adds nothing",
                       description="Copy sessions, entries and bookings from one journal into another, for example "
                                   "sqlite:///PATH into postgresql://user@host:port/db. Nothing in FROM changes; "
                                   "nothing already in TO is duplicated or overwritten. A damaged FROM is read as far as it can be.")
    cp.add_argument("source", metavar="FROM", help="the journal to copy from (sqlite:///PATH or postgresql://...)")
    cp.add_argument("target", metavar="TO", help="the journal to copy into (created on first use)")
    cp.add_argument("--json", action="store_true", help="print what was copied as JSON")
    cp.set_defaults(func=copy)


def check(args: argparse.Namespace) -> int:
    from choice_assistant.journal import describe_url, open_journal

    store = open_journal(getattr(args, "db", None), read_only=True)
    try:
        problems = [p for p in store.integrity() if p != "ok"] + store.entry_problems()
        found = {"journal": describe_url(store.source), "schema_version": store.schema_version(), **store.counts(),
                 "integrity": problems or ["ok"], "not_saved_yet": store.unsaved()}
    finally:
        store.close()
    ok = not problems
    if args.json:
        print(json.dumps(found, indent=2))
    else:
        unsaved = found["not_saved_yet"]
        print(f"{found['journal']}: schema version {found['schema_version']}, {found['sessions']} sessions, "
              f"{found['entries']} entries, {found['live_bookings']} live bookings "
              f"({found['cancelled_bookings']} cancelled); integrity: {'ok' if ok else f'{len(problems)} problems'}"
              + (f"; {unsaved} entries kept on this computer are not saved to this journal yet" if unsaved else ""))
        for line in problems:
            print(f"  - {line}")
    return 0 if ok else 2


def copy(args: argparse.Namespace) -> int:
    from choice_assistant.errors import InputError
    from choice_assistant.journal import open_journal
    from choice_assistant.journal.copy import copy_journal

    src = _open_source(args.source)
    try:
        dst = open_journal(args.target)
        if dst.source == src.source:
            raise InputError(None, "FROM and TO are the same journal: give two different ones", place="db copy")
        try:
            report = copy_journal(src, dst)
        finally:
            dst.close()
    finally:
        src.close()
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        print(f"copied {report.sessions_added} new sessions, {report.entries_added} entries and "
              f"{report.bookings_added} bookings; {report.sessions_already_there} sessions were already there in full")
    if report.problems:
        import sys

        for line in report.problems:
            print(f"choice-assistant: {line}", file=sys.stderr)
        return 2
    return 0


def _open_source(url: str):
    """The journal to copy from, opened for reading; a damaged SQLite file is read as far as it goes."""
    from pathlib import Path

    from choice_assistant.journal import open_journal

    if url.startswith("sqlite:///"):
        from choice_assistant.journal.sqlite import SqliteStore

        return SqliteStore.open(Path(url[len("sqlite:///"):]), salvage=True)
    return open_journal(url, read_only=True)
