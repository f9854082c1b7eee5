"""The what-if as one offline HTML page: inline SVG bar charts with 95% intervals, readable in black and white, each with a table."""

from __future__ import annotations

from html import escape as e

from choice_assistant.team.html import LABEL_PX, page, svg, table
from choice_assistant.team.text import fit
from choice_assistant.team.whatif.summary import Estimate
from choice_assistant.team.whatif.words import (
    POLICY_ABOUT, capacity_words, caution, demand_words, number, scenario, with_interval,
)

FILLS = {"skill": "url(#hatch)", "keep_when_eligible": "url(#dots)"}
LABEL_CHARS = 48
BAR_ROOM = 360  # px for the longest bar


def _hbars(cid: str, title: str, desc: str, groups: list[tuple[str | None, list[tuple[str, str, Estimate]]]], never: str) -> str:
    """Horizontal bars (label, policy, estimate) in groups, each with its interval drawn as a whisker."""
    labels = [fit(label, LABEL_CHARS) for _, rows in groups for label, _, _ in rows]
    left = int(max((len(x) for x in labels), default=10) * LABEL_PX) + 12
    peak = max([x for _, rows in groups for _, _, est in rows for x in (est.value, est.high) if x is not None] + [1e-9])
    scale = BAR_ROOM / peak
    bh, y = 22, 6
    parts = []
    for policy, words in POLICY_ABOUT.items():  # the key, one line each
        parts.append(f'<rect x="6" y="{y}" width="14" height="14" fill="{FILLS[policy]}" stroke="#000"/>'
                     f'<text x="26" y="{y + 12}" font-size="12">{e(words)}</text>')
        y += 20
    for group, rows in groups:
        if group is not None:
            y += 8
            parts.append(f'<text x="6" y="{y + 12}" font-size="13" font-weight="bold">{e(group)}</text>')
            y += 18
        for label, policy, est in rows:
            parts.append(f'<text x="{left - 6}" y="{y + 15}" font-size="12" text-anchor="end"><title>{e(label)}</title>'
                         f'{e(fit(label, LABEL_CHARS))}</text>')
            if est.value is None:
                parts.append(f'<text x="{left + 4}" y="{y + 15}" font-size="12" font-style="italic">{e(never)}</text>')
            else:
                w = est.value * scale
                parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{bh - 6}" fill="{FILLS.get(policy, "#fff")}" stroke="#000"/>')
                end = w
                if est.low is not None:
                    lo, hi, mid = left + est.low * scale, left + est.high * scale, y + bh / 2
                    parts.append(f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" stroke="#000" stroke-width="2"/>'
                                 f'<line x1="{lo:.1f}" y1="{mid - 6}" x2="{lo:.1f}" y2="{mid + 6}" stroke="#000" stroke-width="2"/>'
                                 f'<line x1="{hi:.1f}" y1="{mid - 6}" x2="{hi:.1f}" y2="{mid + 6}" stroke="#000" stroke-width="2"/>')
                    end = max(end, est.high * scale)
                parts.append(f'<text x="{left + end + 8:.1f}" y="{y + 15}" font-size="12">{e(with_interval(est))}</text>')
            y += bh
    return svg(cid, left + BAR_ROOM + 160, y + 16, title, desc, "".join(parts))


def _figure(chart: str, caption: str, figures: str) -> str:
    return f"<figure>{chart}<figcaption>{e(caption)}</figcaption></figure>{figures}"


def waits_chart(report) -> str:
    never = f"some not seen in {report.seen_until} weeks"
    skills = {s: w.name for r in report.results for s, w in r.by_skill.items()}
    groups = []
    for sid, name in skills.items():
        rows = [(scenario(r.policy, r.change), r.policy, r.by_skill[sid].median) for r in report.results
                if r.by_skill[sid].families or not r.by_skill[sid].another_service]
        groups.append((name, rows))
    desc = "Median weeks from Choice to the first Partnership appointment, by skill, for each policy and change, with 95% intervals. " + \
           " ".join(f"{name}: " + "; ".join(f"{label}: {with_interval(est, never)}" for label, _, est in rows) + "." for name, rows in groups)
    title = "Median weeks waited, by skill"
    rows = [[scenario(r.policy, r.change), w.name, with_interval(w.median, never), with_interval(w.p90, never),
             number(w.families), number(w.another_service)] for r in report.results for w in r.by_skill.values()]
    figures = table("Weeks from Choice to the first Partnership appointment (95% interval over the runs)",
                    ["Policy and change", "Skill", "Median weeks", "90th percentile", "Families a run", "To another service"], rows, 2)
    return _figure(_hbars("chart-what-if-waits", title, desc, groups, never), title, figures)


def _totals_chart(report, cid: str, title: str, pick, unit: str) -> str:
    rows = [(scenario(r.policy, r.change), r.policy, pick(r)) for r in report.results]
    desc = f"{title}, for each policy and change, with 95% intervals: " + "; ".join(f"{label}: {with_interval(est)}" for label, _, est in rows) + "."
    figures = table(title, ["Policy and change", unit], [[label, with_interval(est)] for label, _, est in rows])
    return _figure(_hbars(cid, title, desc, [(None, rows)], "some never seen"), title, figures)


def render_what_if_html(report) -> str:
    """The what-if page: its assumptions and caution first, then the charts."""
    changes = "".join(f"<li><b>{e(name)}</b>: {e(what)}</li>" for name, what in report.changes.items())
    body = f"""<h1>{e(report.team)}: what if</h1>
<p><b>{e(caution(report.weeks, report.replications))}</b></p>
<h2>Assumptions</h2>
<ul><li>Demand: {e(demand_words(report))}.</li><li>Capacity: {e(capacity_words(report))}.</li>
<li>{report.weeks} weeks of arrivals, {report.replications} runs, seed {report.seed}: the same seed gives the same figures.</li></ul>
{f"<h2>Changes, each on its own on top of today's team</h2><ul>{changes}</ul>" if changes else ""}
<h2>Weeks waited</h2>{waits_chart(report)}
<h2>Families still waiting after {report.weeks} weeks</h2>{_totals_chart(report, "chart-what-if-waiting", "Families still waiting at the end", lambda r: r.waiting_at_end, "Families")}
<h2>Rare skills spent on work others could do</h2>{_totals_chart(report, "chart-what-if-rare", "Rare-skill hours spent on work others could do", lambda r: r.rare_skill_hours, "Hours")}"""
    return page(f"{report.team}: what if", body)
