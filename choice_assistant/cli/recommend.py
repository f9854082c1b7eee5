"""`choice-assistant recommend REGISTER CASE [--json]`: keep-or-transfer advice for one case."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "recommend",
        help="suggest who should see a family for Partnership work (keep or transfer)",
        description="Read a team skill register and a case (or a saved session export) and suggest who the "
                    "family could see next, best fit first, with reasons and cautions to read with the family.",
    )
    p.add_argument("register", type=Path, metavar="REGISTER", help="the team skill register (YAML)")
    p.add_argument("case", type=Path, metavar="CASE", help="the case (YAML), or a session export")
    p.add_argument("--json", action="store_true", help="print the recommendation as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from choice_assistant.errors import InputError, Problem
    from choice_assistant.matching.recommend import check, recommend
    from choice_assistant.matching.case import load_case
    from choice_assistant.register.load import load_register
    from choice_assistant.yamlio import locate, read_text

    register = load_register(args.register)
    case = load_case(args.case)
    try:
        check(case, register, args.case)
    except InputError as exc:
        text = read_text(args.case, "case")
        lines = [locate(text, p.place) for p in exc.problems]
        raise InputError(args.case, [Problem(f"{p.place} ({ln})" if ln else p.place, p.message)
                                     for p, ln in zip(exc.problems, lines)]) from None
    rec = recommend(register, case)
    if args.json:
        import json

        print(json.dumps(rec.model_dump(mode="json"), indent=2))
    else:
        print("\n".join(summary_lines(rec, register, case)))
    return 0


def summary_lines(rec, register, case) -> list[str]:
    """The recommendation as plain text a clinician can read aloud from."""
    import textwrap

    def bullets(items: list[str], indent: str) -> list[str]:
        return [textwrap.fill(f"- {x}.", width=100, initial_indent=indent, subsequent_indent=indent + "  ") for x in items]

    me = register.clinician(case.choice_clinician).name
    needs = "; ".join(f"{register.skill_name(n.skill)} at {n.level.value} level" for n in rec.needed_skills)
    lines = [f"{register.team}: who could see this family next (seen in Choice by {me})",
             f"The goals need: {needs or 'no team skill'}", ""]
    best = rec.suggested.name if rec.suggested else None
    if rec.recommendation == "keep":
        lines.append(f"Suggested: carry on with {me}, who holds the skills these goals need, as the family would like.")
    elif best:
        lines.append(f"Suggested: {best}, whose skills fit these goals best.")
    elif rec.offer_choice:
        lines.append(f"Only {me} fits every need of these goals; the nearest others are listed below.")
    else:
        lines.append("Nobody in the team fits every need of these goals: see the nearest clinicians and the notes below.")
    if rec.offer_choice:
        lines.append(f"Staying with {me} is an option: ask the family what they would prefer.")
    lines += ["", f"Staying with {me}"]
    if rec.keep.reasons:
        lines += ["  Why it could help:", *bullets(rec.keep.reasons, "    ")]
    if rec.keep.cautions:
        lines += ["  To weigh:", *bullets(rec.keep.cautions, "    ")]
    lines.append("")
    if not rec.transfer:
        lines.append("There is nobody else in the register.")
    elif rec.transfer[0].missing_skills:
        lines.append("Nearest clinicians (none fits every need):")
    else:
        lines.append("Clinicians whose skills fit, best first:")
    for i, c in enumerate(rec.transfer, 1):
        lines.append(f"  {i}. {c.name} ({c.clinician})")
        if c.reasons:
            lines += ["     Why:", *bullets(c.reasons, "       ")]
        if c.cautions:
            lines += ["     To weigh:", *bullets(c.cautions, "       ")]
    return lines
