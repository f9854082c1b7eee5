"""The team lead's view in the terminal: the team figures as tables and textual-plotext charts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from choice_assistant.team.figures import TeamFigures
from choice_assistant.team.text import ATTRIBUTE_TITLES, REASON_WORDS, rule_words


class TeamScreen(Screen):
    """Skills coverage, capacity by week and kept/transferred by clinician, from figures handed in."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    DEFAULT_CSS = """
    TeamScreen VerticalScroll { padding: 0 1; }
    TeamScreen .heading { text-style: bold; margin-top: 1; }
    TeamScreen DataTable { height: auto; max-height: 18; }
    TeamScreen PlotextPlot { height: 16; }
    """

    def __init__(self, figures: TeamFigures, **kwargs):
        super().__init__(**kwargs)
        self.figures = figures

    def compose(self) -> ComposeResult:
        f = self.figures
        yield Header()
        with VerticalScroll():
            yield Static(f"{f.team}: team view on {f.now:%d %b %Y}. {rule_words(f)}", id="team-rule")
            yield PlotextPlot(id="team-capacity")
            yield PlotextPlot(id="team-kept")
            yield Static("Skills by clinician (S specific, C core)", classes="heading")
            yield DataTable(id="team-grid", cursor_type="row", zebra_stripes=True)
            yield Static(f"Skills coverage (free slots in the next {f.horizon_weeks} weeks)", classes="heading")
            yield DataTable(id="team-skills", cursor_type="row")
            yield Static("Genders, languages and cultural backgrounds", classes="heading")
            yield DataTable(id="team-attributes", cursor_type="row")
            yield Static(self._journal_words(), id="team-journal")
        yield Footer()

    def _journal_words(self) -> str:
        j = self.figures.journal
        lines = [f"From the journal: {j.sessions} Choice appointments.",
                 "Keep reasons given: " + ", ".join(f"{REASON_WORDS[k]} {v}" for k, v in j.keep_reasons.items()) + "."]
        if j.rare_spent:
            lines.append("Rare holdings left unused (kept / transferred): "
                         + "; ".join(f"{r.what} {r.kept} / {r.transferred}" for r in j.rare_spent) + ".")
        if j.booked:
            lines.append(f"Choice to first Partnership appointment: median {j.median_days_to_partnership} days "
                         f"({j.past_warn} past the warning, {j.past_strong_warn} past the strong warning).")
        if j.keep_was_option:
            lines.append(f"Family's choice recorded where keeping was an option: {j.choice_offered} of {j.keep_was_option}.")
        return "\n".join(lines)

    def on_mount(self) -> None:
        f = self.figures
        self.title = f"{f.team}: team view"
        grid = self.query_one("#team-grid", DataTable)
        grid.add_column("Skill", key="skill")
        for c in f.grid:
            grid.add_column(c["clinician"][:6], key=c["clinician"])
        for s in f.skills:
            cells = [{"specific": "S", "core": "C"}.get(c["skills"].get(s.skill), "·") for c in f.grid]
            grid.add_row(s.name[:28], *cells)
        skills = self.query_one("#team-skills", DataTable)
        skills.add_columns("Skill", "Core", "Specific", "Free slots", "Rare")
        for s in f.skills:
            rare = ", ".join(w for w, on in (("core", s.rare_core), ("specific", s.rare_specific and s.specific)) if on)
            skills.add_row(s.name, len(s.core), len(s.specific), s.free_slots, rare or "-")
        attrs = self.query_one("#team-attributes", DataTable)
        attrs.add_columns("Kind", "Value", "Clinicians", "Free slots", "Rare")
        for attr, rows in f.attributes.items():
            for r in rows:
                attrs.add_row(ATTRIBUTE_TITLES[attr], r.value, len(r.holders), r.free_slots, "rare" if r.rare else "-")
        cap = self.query_one("#team-capacity", PlotextPlot).plt
        cap.title("Free Partnership slots by week")
        cap.bar([f"{w[8:]}/{w[5:7]}" for w in f.weeks], f.capacity["all"])
        kept = self.query_one("#team-kept", PlotextPlot).plt
        kept.title("Kept and transferred, by Choice clinician")
        rows = [r for r in f.journal.clinicians if r.keep or r.transfer]
        if rows:
            kept.stacked_bar([r.clinician for r in rows], [[r.keep for r in rows], [r.transfer for r in rows]],
                             labels=["kept", "transferred"])
