"""`choice-assistant register ...`: check, report on, export the schema of, and import a register."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("register", help="check a team skill register, report on it, or import one from CSV",
                       description="Work with a team skill register (YAML).")
    rs = p.add_subparsers(dest="register_command", metavar="ACTION", title="actions", required=True)

    c = rs.add_parser("check", help="validate a register and print a one-line summary")
    c.add_argument("path", type=Path, metavar="PATH")
    c.set_defaults(func=check)

    s = rs.add_parser("schema", help="print the register's JSON Schema (for editors)")
    s.set_defaults(func=schema)

    r = rs.add_parser("report", help="show where skills, genders, languages and backgrounds are rare")
    r.add_argument("path", type=Path, metavar="PATH")
    r.add_argument("--json", action="store_true", help="print the report as JSON")
    r.set_defaults(func=report)

    i = rs.add_parser("import-csv", help="turn a spreadsheet skills matrix (CSV) into a register",
                      description="One row per clinician; columns name, role, gender, languages (separated by ;), "
                                  "optional id, cultural_background, partnership_slots; every other column is a skill "
                                  "holding core, specific or blank. A heading like 'Cognitive behavioural therapy [cbt]' sets the skill id.")
    i.add_argument("csv", type=Path, metavar="SKILLS.csv")
    i.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the register file to write")
    i.add_argument("--team", help="the team's name (default: from the CSV file's name)")
    i.add_argument("--force", action="store_true", help="replace the output file if it exists")
    i.set_defaults(func=import_csv)


def check(args: argparse.Namespace) -> int:
    from choice_assistant.register.load import load_register
    from choice_assistant.team.register_report import summary_line

    from choice_assistant.errors import shown

    print(shown(summary_line(load_register(args.path))))
    return 0


def schema(args: argparse.Namespace) -> int:
    import json

    from choice_assistant.register.model import Register

    print(json.dumps(Register.model_json_schema(), indent=2))
    return 0


def report(args: argparse.Namespace) -> int:
    from choice_assistant.register.load import load_register
    from choice_assistant.team.register_report import report_data, report_lines

    register = load_register(args.path)
    if args.json:
        import json

        print(json.dumps(report_data(register), indent=2))
    else:
        from choice_assistant.errors import shown

        print("\n".join(shown(line) for line in report_lines(register)))
    return 0


def import_csv(args: argparse.Namespace) -> int:
    from choice_assistant.register.csv_import import register_from_csv, register_to_yaml
    from choice_assistant.files import refuse_existing, write_new_file

    out: Path = args.output
    refuse_existing(out, args.force)  # before any work, so a mistake costs nothing
    register = register_from_csv(args.csv, team=args.team)
    write_new_file(out, register_to_yaml(register), "register", force=args.force, private=False)
    from choice_assistant.team.register_report import summary_line

    from choice_assistant.errors import shown

    print(shown(f"wrote {out}: {summary_line(register)}"))
    return 0
