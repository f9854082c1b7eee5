"""`choice-assistant team [REGISTER] [--html FILE] [--json] [--what-if FILE]`: the team lead's view of skills, capacity and allocation."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("team", help="where the team's skills are scarce, where its capacity is, and how allocation is going",
                       description="Skills coverage and scarcity, free Partnership capacity by week and skill, and, from the "
                                   "journal, kept versus transferred by clinician and Choice-to-Partnership figures. No family's "
                                   "name and no private note is ever shown. With --what-if, a simulation of how long families "
                                   "would wait under each allocation policy and each named change to the team.")
    p.add_argument("team_register", type=Path, metavar="REGISTER", nargs="?",
                   help="the team skill register (YAML); default: the bundled demo team, its diary following the date as on screen")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write a self-contained HTML report with charts")
    p.add_argument("--force", action="store_true", help="replace the HTML file if it exists")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--what-if", dest="what_if", type=Path, metavar="FILE",
                   help="simulate the weeks families would wait under the policies and changes in FILE (YAML; see examples/what-if.yaml)")
    p.add_argument("--db", metavar="URL", help="the journal (sqlite:///PATH); default: the data folder's journal")
    p.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="count free slots as if it were this time (default: now)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from choice_assistant.cli.allocate import parse_now
    from choice_assistant.journal import open_journal
    from choice_assistant.register.demo import load_team_register
    from choice_assistant.team.figures import read_facts, team_figures

    now = parse_now(args.now)
    # The same register the assistant's screen shows: the demo team's diary moved to the weeks ahead.
    register = load_team_register(args.team_register or getattr(args, "register", None), now.date())
    spec = None
    if args.what_if is not None:
        from choice_assistant.team.whatif.model import load_what_if

        spec = load_what_if(args.what_if, register)
    store = open_journal(args.db)
    try:
        facts = read_facts(store, register)
        figures = team_figures(register, store, now, facts=facts) if spec is None else None
    finally:
        store.close()
    if spec is not None:
        from choice_assistant.files import refuse_existing
        from choice_assistant.team.whatif.html import render_what_if_html
        from choice_assistant.team.whatif.run import run_what_if
        from choice_assistant.team.whatif.words import text_lines

        if args.html is not None:
            refuse_existing(args.html, args.force)  # before the runs, not after them
        report = run_what_if(spec, register, facts, args.what_if)
        return _show(args, report.as_json, lambda: text_lines(report), lambda: render_what_if_html(report), "what-if report")
    from choice_assistant.team.html import render_html
    from choice_assistant.team.text import text_lines

    return _show(args, figures.as_json, lambda: text_lines(figures), lambda: render_html(figures), "team report")


def _show(args: argparse.Namespace, as_json, lines, html, what: str) -> int:
    """The figures as JSON or text on stdout, and the HTML report written if asked for."""
    if args.html is not None:
        from choice_assistant.files import write_new_file

        write_new_file(args.html, html(), what, force=args.force)
    if args.json:
        import json

        print(json.dumps(as_json(), indent=2, ensure_ascii=False))
        return 0
    print("\n".join(lines()))
    if args.html is not None:
        print(f"\nReport written to {args.html}")
    return 0
