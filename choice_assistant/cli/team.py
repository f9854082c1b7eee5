"""`choice-assistant team REGISTER [--html FILE] [--json]`: the team lead's view of skills, capacity and allocation."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("team", help="where the team's skills are scarce, where its capacity is, and how allocation is going",
                       description="Skills coverage and scarcity, free Partnership capacity by week and skill, and, from the "
                                   "journal, kept versus transferred by clinician and Choice-to-Partnership figures. No family's "
                                   "name and no private note is ever shown.")
    p.add_argument("team_register", type=Path, metavar="REGISTER", help="the team skill register (YAML)")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write a self-contained HTML report with charts")
    p.add_argument("--force", action="store_true", help="replace the HTML file if it exists")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--db", metavar="URL", help="the journal (sqlite:///PATH); default: the data folder's journal")
    p.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="count free slots as if it were this time (default: now)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from choice_assistant.cli.allocate import parse_now
    from choice_assistant.journal import open_journal
    from choice_assistant.register.load import load_register
    from choice_assistant.team.figures import team_figures

    now = parse_now(args.now)
    register = load_register(args.team_register)
    store = open_journal(args.db)
    try:
        figures = team_figures(register, store, now)
    finally:
        store.close()
    if args.html is not None:
        from choice_assistant.files import write_new_file
        from choice_assistant.team.html import render_html

        write_new_file(args.html, render_html(figures), "team report", force=args.force)
    if args.json:
        import json

        print(json.dumps(figures.as_json(), indent=2, ensure_ascii=False))
    else:
        from choice_assistant.team.text import text_lines

        print("\n".join(text_lines(figures)))
        if args.html is not None:
            print(f"\nReport written to {args.html}")
    return 0
