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
    from choice_assistant.appointment.export import load_case
    from choice_assistant.errors import InputError, shown_lines
    from choice_assistant.matching.recommend import check, recommend
    from choice_assistant.register.load import load_register
    from choice_assistant.yamlio import looks_like, parse_document, read_text, with_lines

    try:
        register = load_register(args.register)
        text = read_text(args.case, "case")  # the case file is read once; its lines name the place of any problem
        case = load_case(args.case, text=text)
    except InputError:
        if looks_like(args.register) == "case" and looks_like(args.case) == "register":
            raise InputError("command line", f"'{args.register}' looks like a case and '{args.case}' like a register: "
                                             "they look swapped; give the register first: recommend REGISTER CASE") from None
        raise
    try:
        check(case, register, args.case)
    except InputError as exc:
        node = parse_document(text, args.case, "case").node
        raise InputError(args.case, with_lines(exc.problems, node, limit=len(exc.problems))) from None
    rec = recommend(register, case)
    if args.json:
        import json

        print(json.dumps(rec.model_dump(mode="json"), indent=2))
    else:
        print(shown_lines("\n".join(summary_lines(rec, register, case))))
    return 0


def summary_lines(rec, register, case) -> list[str]:
    """The recommendation as plain text: notes to read with the family, and apart from them the
    notes for the clinician and the team only (scarcity, colleagues' capacity)."""
    import textwrap

    def bullets(items, indent: str) -> list[str]:
        return [textwrap.fill(f"- {x.text}.", width=100, initial_indent=indent, subsequent_indent=indent + "  ") for x in items]

    def notes(reasons, cautions, indent: str, why: str) -> list[str]:
        out = []
        fam_r = [n for n in reasons if n.audience == "family"]
        fam_c = [n for n in cautions if n.audience == "family"]
        staff = [n for n in [*reasons, *cautions] if n.audience == "clinician"]
        if fam_r:
            out += [f"{indent}{why}", *bullets(fam_r, indent + "  ")]
        if fam_c:
            out += [f"{indent}To weigh:", *bullets(fam_c, indent + "  ")]
        if staff:
            out += [f"{indent}For you and the team (not to read out):", *bullets(staff, indent + "  ")]
        return out

    me = register.clinician(case.choice_clinician).name
    needs = "; ".join(f"{register.skill_name(n.skill)} at {n.level.value} level" for n in rec.needed_skills)
    lines = [f"{register.team}: who could see this family next (seen in Choice by {me})",
             f"The goals need: {needs or 'no team skill'}", ""]
    best = rec.candidate(rec.suggested)
    if not rec.partnership_needed:
        lines.append("No chosen way of working needs a team skill: Partnership work may not be needed, so nobody is suggested.")
    elif rec.suggested == case.choice_clinician:
        lines.append(f"Suggested: carry on with {me}, who holds the skills these goals need, as the family would like.")
    elif best is not None:
        lines.append(f"Suggested: {best.name}, who has every skill and need these goals ask for"
                     + (f", next free {best.next_slot.replace('T', ' ')}." if best.next_slot else " (no free slot yet)."))
    elif rec.offer_choice and not rec.keep.specific_input:
        lines.append(f"Only {me} fits every need of these goals; the nearest others are listed below.")
    else:
        lines.append("Nobody in the team fits every need of these goals: see the plan and the notes below.")
    if rec.offer_choice:
        lines.append(f"Staying with {me} is an option: ask the family what they would prefer.")
    lines += ["", f"Staying with {me}"]
    lines += notes(rec.keep.reasons, rec.keep.cautions, "  ", "Why it could help:")
    for s in rec.keep.specific_input:
        lines.append(f"    + {s.name} could add {register.skill_name(s.skill)} ({s.level.value}) as Specific input")
    lines.append("")
    if not rec.transfer:
        lines.append("There is nobody else in the register.")
    elif rec.transfer[0].missing_skills:
        lines.append("Nearest clinicians (none fits every need):")
    else:
        lines.append("Clinicians whose skills fit, best first:")
    for i, c in enumerate(rec.transfer, 1):
        lines.append(f"  {i}. {c.name} ({c.clinician})")
        lines += notes(c.reasons, c.cautions, "     ", "Why:")
    return lines
