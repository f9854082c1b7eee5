"""`choice-assistant letter ...`: write the family or referrer letter for a saved session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "letter", help="write the letter to the family, or the summary to the referrer, for a session",
        description="Write the letter after a Choice appointment from a session export. A quality check "
                    "(required parts, pages, reading grade, tone) is printed on stderr; its findings are "
                    "warnings to fix in the session, and the letter is written anyway. Markdown and HTML "
                    "go to stdout without -o; DOCX and PDF are saved in the data folder's letters/ "
                    "without -o. A referrer letter is written only when the family agreed to a copy.")
    p.add_argument("session", type=Path, metavar="SESSION", help="a session export file (YAML), as `sessions export` writes")
    p.add_argument("--register", dest="letter_register", type=Path, metavar="PATH",
                   help="the team skill register the session was recorded against")
    p.add_argument("--to", required=True, choices=["family", "referrer"], help="who the letter is for")
    p.add_argument("--format", required=True, choices=["md", "html", "docx", "pdf"], help="the file format")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed on the letter (default: today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from choice_assistant.errors import InputError
    from choice_assistant.files import refuse_existing
    from choice_assistant.letters import build_letter, default_letter_path, load_session, quality_gate
    from choice_assistant.register.load import load_register

    register_path = args.letter_register or args.register
    if register_path is None:
        raise InputError("command line", "give the team skill register with --register PATH: the session's clinicians are looked up there")
    today = None
    if args.date:
        try:
            today = date.fromisoformat(args.date)
        except ValueError:
            raise InputError("command line", f"'{args.date}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23", place="--date") from None
    register = load_register(register_path)
    session = load_session(args.session)
    to_stdout = args.output is None and args.format in ("md", "html")
    path = None if to_stdout else args.output or default_letter_path(session, args.to, args.format)
    if path is not None:
        refuse_existing(path, args.force)  # before any work
    letter = build_letter(session, register, args.to, today=today, source=args.session)

    results = quality_gate(letter)
    warnings = [r for r in results if not r.ok]
    print(f"Quality check: {len(warnings)} warning{'s' if len(warnings) != 1 else ''}", file=sys.stderr)
    for r in results:
        print(f"  {'ok     ' if r.ok else 'WARNING'}  {r.message}", file=sys.stderr)

    if path is None:
        sys.stdout.write(letter.render(args.format).decode("utf-8"))
        return 0
    written = letter.write(path, args.format, force=args.force)
    print(f"wrote {written}", file=sys.stderr)
    return 0
