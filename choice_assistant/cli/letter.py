"""`choice-assistant letter ...`: write the family or referrer letter for a saved session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    from choice_assistant.letters.people import RECIPIENTS
    from choice_assistant.letters.registry import FORMATS

    p = sub.add_parser(
        "letter", help="write the letter to the family, or the summary to the referrer or the GP, for a session",
        description="Write the letter after a Choice appointment from a session export. Contact details come "
                    "from the register's service: block. A quality check (required parts, pages, reading "
                    "grade, voice, tone, communication needs, characters the PDF cannot print) and what the "
                    "letter still lacks to be posted and filed (date of birth, NHS number, postal address, "
                    "reason for referral, GP) are printed on stderr; these are to fix in the session and the "
                    "letter is written anyway, except a PDF with a character it cannot print, and a letter "
                    "that cannot be filed against the right record (no young person, or neither a date of "
                    "birth nor an NHS number), which are not written. Markdown and HTML go to stdout without "
                    "-o; DOCX and PDF are saved in the data folder's letters/ without -o, named by young "
                    "person and date. A referrer or GP letter is written only when the family agreed to a copy.")
    p.add_argument("session", type=Path, metavar="SESSION", help="a session export file (YAML), as `sessions export` writes")
    p.add_argument("--register", dest="letter_register", type=Path, metavar="PATH",
                   help="the team skill register the session was recorded against (default: the bundled demo team)")
    p.add_argument("--to", required=True, type=str.lower, choices=list(RECIPIENTS), help="who the letter is for")
    p.add_argument("--for", dest="addressee", metavar="NAME",
                   help="with --to family: the family member at another address who gets their own copy")
    p.add_argument("--format", type=str.lower, choices=list(FORMATS),
                   help="the file format (default: from the -o file's suffix, e.g. letter.pdf)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--large-print", action=argparse.BooleanOptionalAction, default=None,
                   help="large print: 16 pt text, the same words (default: when a reader's communication needs say so)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed on the letter (default: today)")
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    from choice_assistant.errors import InputError
    from choice_assistant.letters.registry import FORMATS, format_of

    if args.format:
        return args.format
    if args.output is None:
        raise InputError("command line", f"say which format with --format ({', '.join(FORMATS)}), or give -o FILE ending in one of them",
                         place="--format")
    fmt = format_of(args.output.suffix)
    if fmt is None:
        raise InputError("command line", f"'{args.output.name}' does not end in a letter format: add --format "
                                         f"({', '.join(FORMATS)}) or name the file e.g. letter.pdf", place="-o")
    return fmt


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from choice_assistant.errors import InputError
    from choice_assistant.files import refuse_existing
    from choice_assistant.letters import build_letter, default_letter_path, load_session, quality_gate, service_refusal
    from choice_assistant.letters.people import elsewhere
    from choice_assistant.letters.postable import missing
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path

    fmt = _format(args)
    register_path = args.letter_register or args.register
    if register_path is None:
        register_path = demo_register_path()
        print(f"Using the bundled demo team ({register_path}); give --register PATH for your own team.", file=sys.stderr)
    today = None
    if args.date:
        try:
            today = date.fromisoformat(args.date)
        except ValueError:
            raise InputError("command line", f"'{args.date}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23", place="--date") from None
    register = load_register(register_path)
    session = load_session(args.session)
    to_stdout = args.output is None and fmt in ("md", "html")
    path = None if to_stdout else args.output or default_letter_path(session, args.to, fmt)
    if path is not None:
        refuse_existing(path, args.force)  # before any work
    if why := service_refusal(register):
        raise InputError(register_path, why, place="service")
    letter = build_letter(session, register, args.to, today=today, source=args.session, large_print=args.large_print,
                          addressee=args.addressee)

    results = [r for r in quality_gate(letter) if fmt == "pdf" or r.check != "glyphs"]
    warnings = [r for r in results if not r.ok and not r.error]
    errors = [r for r in results if r.error]
    counts = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}" + (f", {len(errors)} error{'s' if len(errors) != 1 else ''}" if errors else "")
    print(f"Quality check: {counts}", file=sys.stderr)
    for r in results:
        print(f"  {'ok     ' if r.ok else 'ERROR  ' if r.error else 'WARNING'}  {r.message}", file=sys.stderr)
    gaps = missing(session, args.to, args.addressee)
    print(f"Before posting: {len(gaps)} thing{'s' if len(gaps) != 1 else ''} missing" if gaps else "Before posting: nothing missing",
          file=sys.stderr)
    for m in gaps:
        print(f"  {'CANNOT ' if m.blocks else 'MISSING'}  {m.text} (session field: {m.field})", file=sys.stderr)
    if args.to == "family" and args.addressee is None:
        for other in elsewhere(session):
            print(f"  {other.member} lives at another address: write their own copy with --for \"{other.member}\"",
                  file=sys.stderr)
    if errors:
        raise InputError(args.session, "the letter was not written: fix the errors above first")
    if any(m.blocks for m in gaps):
        raise InputError(args.session, "the letter was not written: it could not be filed against the right record; "
                                       "add what is marked CANNOT above in the session first")

    if path is None:
        sys.stdout.write(letter.render(fmt).decode("utf-8"))
        return 0
    written = letter.write(path, fmt, force=args.force)
    print(f"wrote {written}", file=sys.stderr)
    return 0
