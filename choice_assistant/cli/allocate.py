"""`choice-assistant allocate WAITING --register PATH [--json] [--apply]`: book a waiting list at least total wait."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "allocate",
        help="plan Partnership bookings for a team's waiting list, longest waiters first",
        description="Book every waiting family into a free Partnership slot of a clinician who fits their goals' skills and "
                    "hard needs, keeping total waiting (longest waiters weighted most) and rare skills left unused as low as "
                    "possible, and compare with booking them one by one in waiting order. Nothing is booked without --apply.",
    )
    p.add_argument("waiting", type=Path, metavar="WAITING", help="the waiting list (YAML: waiting: [case + id + waiting_since])")
    p.add_argument("--register", dest="team_register", type=Path, metavar="PATH",
                   help="the team skill register (YAML); default: the bundled demo team")
    p.add_argument("--json", action="store_true", help="print the allocation as JSON")
    p.add_argument("--apply", action="store_true", help="book the planned slots in the journal (all of them, or none)")
    p.add_argument("--db", metavar="URL", help="the journal (sqlite:///PATH); default: the data folder's journal")
    p.add_argument("--within", type=float, metavar="WEEKS", help="use only slots within this many weeks from now")
    p.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="plan as if it were this time (default: now)")
    p.set_defaults(func=run)


def parse_now(text: str | None) -> datetime:
    """The --now option as a local time, or one clear error."""
    from choice_assistant.errors import InputError

    if text is None:
        return datetime.now().replace(second=0, microsecond=0)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(None, f"'{text}' is not a date and time: write it as 2026-12-01T09:00", place="--now") from None
    if value.tzinfo is not None:
        raise InputError(None, "write the time without a time zone, in the team's local time", place="--now")
    return value


def team_register(path: Path | None, fallback: Path | None = None):
    from choice_assistant.register.load import load_register
    from choice_assistant.resources import demo_register_path

    return load_register(path or fallback or demo_register_path())


def run(args: argparse.Namespace) -> int:
    from choice_assistant.errors import InputError
    from choice_assistant.journal import open_journal
    from choice_assistant.team.allocate import allocate
    from choice_assistant.team.waiting import load_waiting

    now = parse_now(args.now)
    if args.within is not None and args.within <= 0:
        raise InputError(None, "give a number of weeks above 0", place="--within")
    register = team_register(args.team_register, getattr(args, "register", None))
    waiting = load_waiting(args.waiting, register)
    if not waiting:
        print(f"Nobody is waiting in {args.waiting}: there is nothing to allocate.")
        return 0
    store = open_journal(args.db)
    try:
        taken = {(c.id, s) for c in register.clinicians for s in store.booked_slots(c.id)}
        result = allocate(register, waiting, now=now, taken=taken, within_weeks=args.within)
        booked = None
        if args.apply:
            from choice_assistant.team.apply import apply_allocation

            booked = apply_allocation(store, result, now)
    finally:
        store.close()
    data = result.as_json()
    if args.json:
        import json

        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print("\n".join(summary_lines(data, register, booked)))
    return 0


def summary_lines(data: dict, register, booked: int | None) -> list[str]:
    """The allocation in plain text for a team lead."""
    t, f = data["totals"], data["first_come"]
    lines = [f"{register.team}: waiting-list allocation", ""]
    for a in data["assignments"]:
        who = register.clinician(a["clinician"]).name
        lines.append(f"{a['case']}: {who}, {a['slot'].replace('T', ' ')}")
        for s in a["specific_input"]:
            lines.append(f"    Specific input: {s['name']} for {register.skill_name(s['skill'])}"
                         + (f" (next free {s['next_slot'].replace('T', ' ')})" if s["next_slot"] else " (no free slot yet)"))
        for n in a["reasons"]:
            lines.append(f"    - {n['text']}")
    if data["unassigned"]:
        lines += ["", "Not booked:"]
        for u in data["unassigned"]:
            lines.append(f"{u['case']}:")
            lines += [f"    - {n['text']}" for n in u["why"]]

    def mean(v):
        return "-" if v is None else f"{v:.1f}"

    lines += ["", f"{'':32}{'this plan':>12}{'first come':>12}",
              f"{'families booked':32}{t['assigned']:>12}{f['assigned']:>12}",
              f"{'families not booked':32}{t['unassigned']:>12}{f['unassigned']:>12}",
              f"{'mean weeks to first appointment':32}{mean(t['mean_weeks_to_first_appointment']):>12}{mean(f['mean_weeks_to_first_appointment']):>12}",
              f"{'rare holdings left unused':32}{t['rare_skills_spent']:>12}{f['rare_skills_spent']:>12}", ""]
    if booked is None:
        lines.append("Nothing was booked: run again with --apply to book these slots.")
    else:
        lines.append(f"Booked {booked} appointment{'s' if booked != 1 else ''} in the journal.")
    return lines
