"""`choice-assistant sessions list|export|set-aside`: the appointments saved in the journal."""

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

    sa = ss.add_parser("set-aside", help="words typed while the team diary was away that no longer fitted their appointment",
                       description="Entries a laptop kept while the team's database could not be reached, which could not "
                                   "be added to their appointment because it was changed elsewhere meanwhile. They are "
                                   "kept whole beside it; copy what is still needed into the appointment.")
    sa.add_argument("id", metavar="ID", nargs="?", help="only this appointment (a unique start of its id is enough)")
    sa.add_argument("--json", action="store_true", help="print them as JSON")
    sa.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="the journal (sqlite:///PATH or postgresql://...)")
    sa.set_defaults(func=set_aside)


def list_sessions(args: argparse.Namespace) -> int:
    from choice_assistant.journal import open_journal

    with open_journal(getattr(args, "db", None)) as store:
        rows = store.list_sessions()
        _say_if_not_saved(store)
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
        _say_if_not_saved(store)
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


def _say_if_not_saved(store) -> None:
    """A team diary that cannot be reached: say that what is shown is what this computer kept."""
    import sys

    if getattr(store, "read_from_kept", False):
        print("choice-assistant: the team's database cannot be reached: this shows only the appointments kept on this "
              "computer", file=sys.stderr)
    note = store.save_state().get("note")
    if note:
        print(f"choice-assistant: {note['text']}", file=sys.stderr)


def set_aside(args: argparse.Namespace) -> int:
    import json

    from choice_assistant.journal import open_journal

    with open_journal(getattr(args, "db", None)) as store:
        wanted = None
        if args.id:
            kept_ids = {s["session"] for s in store.set_aside()}
            matches = [i for i in kept_ids if i == args.id] or [i for i in kept_ids if i.startswith(args.id)]
            wanted = matches[0] if len(matches) == 1 else args.id
        found = store.set_aside(wanted)
    if args.json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("Nothing has been set aside.")
        return 0
    from choice_assistant.errors import shown

    for group in found:
        print(f"{group['session']}  set aside {group['at'][:16].replace('T', ' ')} on {shown(group['host'])} "
              f"({shown(group['who'])}): {shown(group['why'])}")
        for e in group["entries"]:
            p = e["payload"]
            what = p.get("field") or p.get("id") or ""
            value = p.get("value", {k: v for k, v in p.items() if k != "field"})
            print(f"  {e['at'][:16].replace('T', ' ')}  {e['kind']} {what}: {shown(json.dumps(value, ensure_ascii=False))}")
    return 0
