"""The team view as one self-contained HTML file: inline SVG charts readable in black and white, each with a table."""

from __future__ import annotations

from html import escape as e

from choice_assistant.team.figures import TeamFigures
from choice_assistant.team.text import ATTRIBUTE_TITLES, REASON_WORDS, fit, plural, rule_words

CSS = """
body{font-family:system-ui,sans-serif;color:#000;background:#fff;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #000}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #444;padding:.2rem .5rem;text-align:left}
td.n,th.n{text-align:right}.rare{font-weight:bold}figure{margin:1rem 0}figcaption{font-weight:bold}
svg text{font-family:system-ui,sans-serif}
@media print{h2{break-after:avoid}figure,table{break-inside:avoid}}
"""

DEFS = """<defs>
<pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern>
<pattern id="dots" patternUnits="userSpaceOnUse" width="6" height="6">
<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.3" fill="#000"/></pattern>
</defs>"""


def svg(cid: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-labelledby="{cid}-title {cid}-desc" id="{cid}"><title id="{cid}-title">{e(title)}</title>'
            f'<desc id="{cid}-desc">{e(desc)}</desc>{DEFS}{body}</svg>')


def table(caption: str, head: list[str], rows: list[list], numeric_from: int = 1) -> str:
    th = "".join(f'<th scope="col"{" class=n" if i >= numeric_from else ""}>{e(h)}</th>' for i, h in enumerate(head))
    trs = []
    for r in rows:
        cells = [f'<th scope="row">{e(str(r[0]))}</th>'] + [f'<td{" class=n" if i >= numeric_from else ""}>{e(str(v))}</td>'
                                                            for i, v in enumerate(r[1:], 1)]
        trs.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><caption>{e(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{''.join(trs)}</tbody></table>"


LABEL_PX = 7.5  # room for one character of a 12px label, bold included
LABEL_CHARS = 44  # the longest label the grid makes room for; longer names end in an ellipsis


def skills_grid(f: TeamFigures) -> str:
    """Skills down, clinicians across: S (solid) specific, C (hatched) core, blank none."""
    names = {c["clinician"]: c["name"] for c in f.grid}
    marks = {s.skill: " (rare)" if s.rare_core or (s.specific and s.rare_specific) else "" for s in f.skills}
    labels = {s.skill: fit(s.name, LABEL_CHARS - len(marks[s.skill])) + marks[s.skill] for s in f.skills}
    cell, top = 26, 120
    left = int(max((len(x) for x in labels.values()), default=10) * LABEL_PX) + 12
    w, h = left + cell * len(f.grid) + 90, top + cell * len(f.skills) + 40
    parts = []
    for j, c in enumerate(f.grid):
        x = left + j * cell + cell / 2
        parts.append(f'<text x="{x}" y="{top - 8}" font-size="12" transform="rotate(-60 {x} {top - 8})">{e(c["name"])}</text>')
    for i, s in enumerate(f.skills):
        y = top + i * cell
        weight = ' font-weight="bold"' if marks[s.skill] else ""
        parts.append(f'<text x="{left - 6}" y="{y + 17}" font-size="12" text-anchor="end"{weight}><title>{e(s.name)}</title>'
                     f'{e(labels[s.skill])}</text>')
        for j, c in enumerate(f.grid):
            x = left + j * cell
            level = c["skills"].get(s.skill)
            fill = {"specific": "#000", "core": "url(#hatch)"}.get(level, "#fff")
            parts.append(f'<rect x="{x + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" fill="{fill}" stroke="#000"/>')
            if level:
                colour = "#fff" if level == "specific" else "#000"
                parts.append(f'<rect x="{x + 7}" y="{y + 6}" width="{cell - 14}" height="{cell - 12}" fill="{"#000" if level == "specific" else "#fff"}"/>'
                             f'<text x="{x + cell / 2}" y="{y + 18}" font-size="12" text-anchor="middle" fill="{colour}" font-weight="bold">'
                             f'{"S" if level == "specific" else "C"}</text>')
    ly = top + cell * len(f.skills) + 20
    parts.append(f'<rect x="{left}" y="{ly - 12}" width="14" height="14" fill="#000"/><text x="{left + 20}" y="{ly}" font-size="12">S: specific level</text>'
                 f'<rect x="{left + 140}" y="{ly - 12}" width="14" height="14" fill="url(#hatch)" stroke="#000"/>'
                 f'<text x="{left + 160}" y="{ly}" font-size="12">C: core level</text>')
    desc = "; ".join(f"{s.name}: {len(s.specific)} specific, {len(s.core)} core" for s in f.skills)
    chart = svg("chart-skills", w, h, "Skills by clinician", "Each row is a skill, each column a clinician. " + desc, "".join(parts))
    rows = [[s.name + marks[s.skill], len(s.core), len(s.specific), s.free_slots,
             ", ".join(names[x] for x in s.specific) or "-"] for s in f.skills]
    grid = table(f"Skills coverage; free slots in the next {f.horizon_weeks} weeks", ["Skill", "Core", "Specific", "Free slots", "Specific holders"], rows)
    return f"<figure>{chart}<figcaption>Skills by clinician</figcaption></figure>{grid}"


def _bars(cid: str, title: str, labels: list[str], values: list[int], desc: str) -> str:
    bw, gap, left, top, ch = 60, 20, 40, 20, 180
    peak = max(values + [1])
    w, h = left + (bw + gap) * len(values) + 20, top + ch + 50
    parts = [f'<line x1="{left}" y1="{top + ch}" x2="{w - 10}" y2="{top + ch}" stroke="#000"/>']
    for i, (lab, v) in enumerate(zip(labels, values)):
        x = left + i * (bw + gap) + gap / 2
        bh = ch * v / peak
        parts.append(f'<rect x="{x}" y="{top + ch - bh}" width="{bw}" height="{bh}" fill="url(#hatch)" stroke="#000"/>'
                     f'<text x="{x + bw / 2}" y="{top + ch - bh - 4}" font-size="13" text-anchor="middle" font-weight="bold">{v}</text>'
                     f'<text x="{x + bw / 2}" y="{top + ch + 16}" font-size="12" text-anchor="middle">{e(lab)}</text>')
    return svg(cid, w, h, title, desc, "".join(parts))


def capacity_chart(f: TeamFigures) -> str:
    labels = [f"w/c {w[8:]}/{w[5:7]}" for w in f.weeks]
    desc = "Free Partnership slots in the whole team, week by week: " + ", ".join(f"{lab}: {v}" for lab, v in zip(labels, f.capacity["all"]))
    chart = _bars("chart-capacity", "Free Partnership slots by week", labels, f.capacity["all"], desc)
    rows = [[s.name, *f.capacity[s.skill]] for s in f.skills]
    figures = table("Free Partnership slots by week and skill (slots of anyone holding the skill)", ["Skill", *labels], rows)
    return f"<figure>{chart}<figcaption>Free Partnership slots by week</figcaption></figure>{figures}"


def kept_chart(f: TeamFigures) -> str:
    rows = f.journal.clinicians
    bh, left, top = 24, 190, 30
    peak = max([r.keep + r.transfer for r in rows] + [1])
    scale = 360 / peak
    w, h = left + 420, top + bh * len(rows) + 40
    parts = [f'<rect x="{left}" y="6" width="14" height="14" fill="#000"/><text x="{left + 20}" y="18" font-size="12">kept</text>'
             f'<rect x="{left + 80}" y="6" width="14" height="14" fill="url(#dots)" stroke="#000"/><text x="{left + 100}" y="18" font-size="12">transferred</text>']
    for i, r in enumerate(rows):
        y = top + i * bh
        kw, tw = r.keep * scale, r.transfer * scale
        parts.append(f'<text x="{left - 6}" y="{y + 16}" font-size="12" text-anchor="end">{e(r.name)}</text>'
                     f'<rect x="{left}" y="{y + 3}" width="{kw}" height="{bh - 6}" fill="#000"/>'
                     f'<rect x="{left + kw}" y="{y + 3}" width="{tw}" height="{bh - 6}" fill="url(#dots)" stroke="#000"/>'
                     f'<text x="{left + kw + tw + 6}" y="{y + 16}" font-size="12">{r.keep} kept, {r.transfer} transferred</text>')
    desc = "; ".join(f"{r.name}: {r.keep} kept, {r.transfer} transferred" for r in rows) or "No decisions recorded yet."
    chart = svg("chart-kept", w, h, "Kept and transferred, by Choice clinician", desc, "".join(parts))
    figures = table("Choice appointments by clinician", ["Clinician", "Choice", "Kept", "Transferred", "No Partnership", "Choice Plus", "Open", "Took on"],
                   [[r.name, r.choice, r.keep, r.transfer, r.no_partnership, r.choice_plus, r.open, r.received] for r in rows])
    return f"<figure>{chart}<figcaption>Kept and transferred, by Choice clinician</figcaption></figure>{figures}"


def render_html(f: TeamFigures) -> str:
    """The whole report: no scripts, no external files, nothing fetched when it opens."""
    j = f.journal
    attr = "".join(
        table(ATTRIBUTE_TITLES[a], ["Value", "Clinicians", "Free slots", "Rare"],
               [[r.value, len(r.holders), r.free_slots, "rare" if r.rare else ""] for r in rows]) if rows
        else f"<p>{e(ATTRIBUTE_TITLES[a])}: none recorded in the register.</p>"
        for a, rows in f.attributes.items())
    spent = (table("Rare holdings left unused by the work they were booked for", ["Holding", "Holders", "Kept", "Transferred"],
                    [[r.what, r.holders, r.kept, r.transferred] for r in j.rare_spent]) if j.rare_spent
             else "<p>No rare holding was left unused by a booking.</p>")
    waits = (f"<p>Choice to first Partnership appointment ({j.booked} booked): median {j.median_days_to_partnership} days, "
             f"mean {j.mean_days_to_partnership} days; {j.within_warn} within the warning, {j.past_warn} past it, "
             f"{j.past_strong_warn} past the strong warning.</p>") if j.booked else "<p>No Partnership appointment booked yet.</p>"
    offered = (f"<p>Where keeping was an option, the family's own choice was recorded {plural(j.choice_offered, 'time')} "
               f"out of {j.keep_was_option}.</p>"
               if j.keep_was_option else "")
    reasons = table("Keep reasons given", ["Reason", "Times"], [[REASON_WORDS[k], v] for k, v in j.keep_reasons.items()])
    body = f"""<h1>{e(f.team)}: team view, {f.now:%d %B %Y}</h1>
<p>{e(rule_words(f))} No family's name and no private note appears in this report.</p>
<h2>Skills coverage</h2>{skills_grid(f)}
<h2>Genders, languages and cultural backgrounds</h2>{attr}
<h2>Capacity in the next {f.horizon_weeks} weeks</h2>{capacity_chart(f)}
<h2>Allocation so far ({plural(j.sessions, 'Choice appointment')} in the journal)</h2>{kept_chart(f)}{reasons}{spent}{waits}{offered}"""
    return page(f"{f.team}: team view", body)


def page(title: str, body: str) -> str:
    """A whole self-contained HTML page: no scripts, no external files, nothing fetched when it opens."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{CSS}</style></head>
<body><main>
{body}
</main></body></html>
"""
