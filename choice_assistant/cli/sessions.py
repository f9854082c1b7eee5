"""`choice-assistant sessions list|export`: the appointments saved in the journal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sessions", help="list saved appointments, or export one as YAML",
                       description="Work with the appointments saved in the journal (the data folder's, or the one --db names).")
    ss = p.add_subparsers(dest="sessions_command", metavar="ACTION", title="actions", required=True)

    ls = ss.add_parser("list", help="list saved appointments, newest first")
    ls.add_argument("--json", action="store_true", help="print a JSON list (id, date, stage, young_person, last_change, finished)")
    ls.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="the journal (sqlite:///PATH or postgresql://...)")
    ls.set_defaults(func=list_sessions)

    ex = ss.add_parser("export", help="write one appointment as YAML (the session export format)")
    ex.add_argument("id", metavar="ID", help="the session id, as `sessions list` shows it (a unique start is enough)")
    ex.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to this file instead of the screen")
    ex.add_argument("--force", action="store_true", help="replace the output file if it exists")
    ex.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="the journal (sqlite:///PATH or postgresql://...)")
    ex.set_defaults(func=export)


def list_sessions(args: argparse.Namespace) -> int:
    from choice_assistant.journal import open_journal

    with open_journal(getattr(args, "db", None)) as store:
        rows = store.list_sessions()
    if args.json:
        import json

        print(json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No saved appointments yet.")
        return 0
    from choice_assistant.appointment import STAGE_TITLES

    for r in rows:
        name = r.young_person or "(no name yet)"
        stage = STAGE_TITLES.get(r.stage, r.stage)
        print(f"{r.id}  {r.date}  {stage:<22}  {name:<28}  last change {r.last_change.astimezone():%Y-%m-%d %H:%M}")
    return 0


def _resolve(store, wanted: str) -> str:
    from choice_assistant.errors import InputError

    ids = [r.id for r in store.list_sessions()]
    if wanted in ids:
        return wanted
    matches = [i for i in ids if i.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise InputError(store.source, f"'{wanted}' matches {len(matches)} saved appointments: give more of the id")
    raise InputError(store.source, f"there is no saved appointment '{wanted}': see `choice-assistant sessions list`")


def export(args: argparse.Namespace) -> int:
    from choice_assistant.files import refuse_existing, write_new_file
    from choice_assistant.appointment import export_session
    from choice_assistant.journal import open_journal

    if args.output is not None:
        refuse_existing(args.output, args.force)
    with open_journal(getattr(args, "db", None)) as store:
        session = export_session(store, _resolve(store, args.id))
    from choice_assistant.appointment import session_to_yaml
    from choice_assistant.appointment.limits import over_words

    text = session_to_yaml(session)
    if over := over_words(session):
        print(f"choice-assistant: warning: {over}", file=sys.stderr)
    if args.output is None:
        print(text, end="")
        return 0
    write_new_file(args.output, text, "export", force=args.force)
    print(f"wrote {args.output}")
    return 0
