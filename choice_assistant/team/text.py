"""The team view's figures as plain text for the terminal."""

from __future__ import annotations

from choice_assistant.team.figures import TeamFigures

RARE = "RARE"
ATTRIBUTE_TITLES = {"gender": "Genders", "language": "Languages", "cultural_background": "Cultural backgrounds"}
REASON_WORDS = {"disclosure": "shared something very personal", "network_work": "network and multi-agency work",
                "client_preference": "the family's own preference"}


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """'1 Choice appointment', '3 Choice appointments' ('many' when the plural is not word + s)."""
    return f"{n:g} {word if n == 1 else many or word + 's'}"


def fit(text: str, width: int) -> str:
    """The text whole when it fits in `width` characters, else cut at the end with an ellipsis."""
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


def short_name(name: str, width: int = 10) -> str:
    """A person's name for a narrow label: whole if it fits, else first name and initial ('Chloe M.'), else cut."""
    if len(name) <= width:
        return name
    parts = name.split()
    if len(parts) > 1 and len(parts[0]) + 3 <= width:
        return f"{parts[0]} {parts[-1][0]}."
    return fit(name, width)


def rule_words(f: TeamFigures) -> str:
    return (f"Rare means held by at most {f.rare_limit} of the {f.team_size} clinicians (the larger of "
            f"{f.rare_max_holders} and {f.rare_share:.0%} of the team), and not by everyone.")


def text_lines(f: TeamFigures) -> list[str]:
    lines = [f"{f.team}: team view on {f.now:%d %b %Y}", rule_words(f), "",
             f"Skills (clinicians at each level; free Partnership slots in the next {f.horizon_weeks} weeks)"]
    width = max((len(s.name) for s in f.skills), default=10) + 2
    lines.append(f"  {'skill':{width}}{'core':>6}{'specific':>10}{'slots':>7}  ")
    for s in f.skills:
        marks = ", ".join(m for m, on in (("few for core work", s.rare_core), ("few at specific level", s.rare_specific and s.specific)) if on)
        lines.append(f"  {s.name:{width}}{len(s.core):>6}{len(s.specific):>10}{s.free_slots:>7}  {RARE + ': ' + marks if marks else ''}")
    for attr, rows in f.attributes.items():
        lines += ["", ATTRIBUTE_TITLES[attr]]
        if not rows:
            lines.append("  none recorded in the register")
        for r in rows:
            lines.append(f"  {r.value:{width}}{len(r.holders):>6} clinician{'s' if len(r.holders) != 1 else ' '}{r.free_slots:>7} slot{'s' if r.free_slots != 1 else ' '}  {RARE if r.rare else ''}".rstrip())
    lines += ["", f"Free Partnership slots by week (weeks starting {', '.join(w[5:] for w in f.weeks)})"]
    lines.append(f"  {'whole team':{width}}" + "".join(f"{n:>5}" for n in f.capacity["all"]))
    for s in f.skills:
        lines.append(f"  {s.name:{width}}" + "".join(f"{n:>5}" for n in f.capacity[s.skill]))
    j = f.journal
    lines += ["", f"From the journal: {plural(j.sessions, 'Choice appointment')}"]
    if j.clinicians:
        lines.append(f"  {'clinician':24}{'Choice':>7}{'kept':>6}{'moved':>7}{'no PW':>7}{'Ch+':>5}{'open':>6}{'took on':>9}")
        for r in j.clinicians:
            lines.append(f"  {r.name:24}{r.choice:>7}{r.keep:>6}{r.transfer:>7}{r.no_partnership:>7}{r.choice_plus:>5}{r.open:>6}{r.received:>9}")
    lines.append("  Keep reasons given: " + ", ".join(f"{REASON_WORDS[k]} {v}" for k, v in j.keep_reasons.items()))
    if j.rare_spent:
        lines.append("  Rare holdings left unused by the work they were booked for (kept / transferred):")
        lines += [f"    {r.what} ({plural(r.holders, 'holder')}): {r.kept} / {r.transferred}" for r in j.rare_spent]
    if j.booked:
        lines.append(f"  Choice to first Partnership appointment: median {j.median_days_to_partnership} days, mean "
                     f"{j.mean_days_to_partnership} days; {j.within_warn} within the warning, {j.past_warn} past it, "
                     f"{j.past_strong_warn} past the strong warning")
    if j.keep_was_option:
        lines.append(f"  Family's choice recorded where keeping was an option: {j.choice_offered} of {j.keep_was_option}")
    return lines
