"""`choice-assistant fhir ...`: a saved session as a FHIR R4 bundle for the service's electronic record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fhir", help="write a session as a FHIR R4 bundle an electronic patient record can take in",
        description="Write one Choice appointment as a FHIR R4 (4.0.1) Bundle in JSON, with UK Core profiles: the "
                    "young person, their family, the clinicians, the appointment, the goals and their ratings, the "
                    "agreed plan, the booked Partnership appointment, communication needs and the letters as PDFs. "
                    "Private notes never go in. The young person's NHS number and date of birth are required, so the "
                    "record cannot be filed against the wrong person. Printed on stdout without -o.")
    p.add_argument("session", type=Path, metavar="SESSION", help="a session export file (YAML), as `sessions export` writes")
    p.add_argument("--register", dest="fhir_register", type=Path, metavar="PATH",
                   help="the team skill register the session was recorded against (required: it names the clinicians)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to write (private to you); default: stdout")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="the date the attached letters carry (default: today)")
    p.set_defaults(func=run)


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23") from None


def run(args: argparse.Namespace) -> int:
    from choice_assistant.appointment.export import load_session
    from choice_assistant.errors import InputError
    from choice_assistant.files import refuse_existing, write_new_file
    from choice_assistant.interchange import build_bundle
    from choice_assistant.register.load import load_register

    register_path = args.fhir_register or args.register
    if register_path is None:
        raise InputError("command line", "say which team's register the session was recorded with: --register PATH "
                                         "(the record names the clinicians from it)", place="--register")
    if args.output is not None:
        refuse_existing(args.output, args.force)  # before any work
    register = load_register(register_path)
    session = load_session(args.session)
    record = build_bundle(session, register, today=args.date, source=args.session)
    for note in record.notes:
        print(f"note: {note.text}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(record.json_text())
        return 0
    written = write_new_file(args.output, record.json_text(), "FHIR bundle", force=args.force)
    print(f"wrote {written}", file=sys.stderr)
    return 0
