"""The team lead's view in the terminal: the team figures as tables and textual-plotext charts, and the what-if."""

from __future__ import annotations

import math
from typing import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static, TabbedContent, TabPane
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from choice_assistant.errors import InputError
from choice_assistant.team.figures import TeamFigures
from choice_assistant.team.text import ATTRIBUTE_TITLES, REASON_WORDS, fit, plural, rule_words, short_name

SKILL_CHARS = 28  # the grid's skill column
NAME_CHARS = 9  # a clinician's column in the grid, or a bar's label


def whole_ticks(peak: float, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 to at least `peak`, at most about `most` of them (counts are never fractions)."""
    step = max(1, math.ceil(max(peak, 1) / most))
    return list(range(0, int(math.ceil(max(peak, 1) / step)) * step + 1, step))


class Stopped(Exception):
    """The screen was closed while the what-if ran: its runs stop."""


class TeamScreen(Screen):
    """Skills coverage, capacity by week and kept/transferred by clinician, from figures handed in; and a What if tab
    that runs the what-if handed in (`what_if(progress)` returns a report or raises InputError) on a thread."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("w", "what_if", "What if")]
    DEFAULT_CSS = """
    TeamScreen VerticalScroll { padding: 0 1; }
    TeamScreen .heading { text-style: bold; margin-top: 1; }
    TeamScreen DataTable { height: auto; max-height: 18; }
    TeamScreen PlotextPlot { height: 16; }
    TeamScreen #what-if-progress { margin: 1 0; }
    """

    def __init__(self, figures: TeamFigures, what_if: Callable | None = None, **kwargs):
        super().__init__(**kwargs)
        self.figures = figures
        self.what_if = what_if
        self.report = None  # the what-if's report, once it has run

    def compose(self) -> ComposeResult:
        f = self.figures
        yield Header()
        with TabbedContent(id="team-tabs"):
            with TabPane("Team now", id="team-now"):
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
            with TabPane("What if", id="team-what-if"):
                with VerticalScroll():
                    yield Static("Press w to simulate how long families would wait under each allocation policy and "
                                 "each change in the what-if file.", id="what-if-status")
                    yield ProgressBar(id="what-if-progress", total=1.0, show_eta=False)
                    yield PlotextPlot(id="what-if-waits")
                    yield Static("Weeks from Choice to the first Partnership appointment", classes="heading")
                    yield DataTable(id="what-if-table", cursor_type="row", zebra_stripes=True)
                    yield Static("Still waiting at the end, and rare skills spent on work others could do", classes="heading")
                    yield DataTable(id="what-if-totals", cursor_type="row")
        yield Footer()

    def _journal_words(self) -> str:
        j = self.figures.journal
        lines = [f"From the journal: {plural(j.sessions, 'Choice appointment')}.",
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
            grid.add_column(short_name(c["name"], NAME_CHARS), key=c["clinician"])
        for s in f.skills:
            cells = [{"specific": "S", "core": "C"}.get(c["skills"].get(s.skill), "·") for c in f.grid]
            grid.add_row(fit(s.name, SKILL_CHARS), *cells)
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
        ticks = whole_ticks(max(f.capacity["all"], default=0))
        cap.yticks(ticks)
        cap.ylim(0, ticks[-1])
        kept = self.query_one("#team-kept", PlotextPlot).plt
        kept.title("Kept and transferred, by Choice clinician")
        rows = [r for r in f.journal.clinicians if r.keep or r.transfer]
        if rows:
            kept.stacked_bar([short_name(r.name, NAME_CHARS) for r in rows], [[r.keep for r in rows], [r.transfer for r in rows]],
                             labels=["kept", "transferred"])
            ticks = whole_ticks(max(r.keep + r.transfer for r in rows))
            kept.yticks(ticks)
            kept.ylim(0, ticks[-1])

    # -- what if ------------------------------------------------------------------------------------

    def action_what_if(self) -> None:
        """Show the What if tab and run the what-if there (once; its figures stay while the screen is open)."""
        self.query_one("#team-tabs", TabbedContent).active = "team-what-if"
        if self.report is None and not self.workers:
            self._start_what_if()

    def _start_what_if(self) -> None:
        status = self.query_one("#what-if-status", Static)
        if self.what_if is None:
            status.update("No what-if is available here.")
            return
        status.update("Running the what-if... the rest of the screen can be used meanwhile.")
        self.run_what_if()

    @work(thread=True, exclusive=True, group="what-if")
    def run_what_if(self) -> None:
        """The simulation on a thread of its own, so the screen never waits for it."""
        worker = get_current_worker()

        def progress(done: float) -> None:
            if worker.is_cancelled:
                raise Stopped()
            self.app.call_from_thread(self.query_one("#what-if-progress", ProgressBar).update, progress=done)

        try:
            report = self.what_if(progress)
        except Stopped:
            return
        except InputError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._what_if_failed, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_what_if, report)

    def _what_if_failed(self, message: str) -> None:
        self.query_one("#what-if-status", Static).update(f"The what-if cannot run: {message}")

    def _show_what_if(self, report) -> None:
        from choice_assistant.team.whatif.words import POLICY_WORDS, capacity_words, caution, demand_words, scenario, with_interval

        self.report = report
        never = "not all seen"
        self.query_one("#what-if-status", Static).update(
            f"{caution(report.weeks, report.replications)}\nDemand: {demand_words(report)}.\nCapacity: {capacity_words(report)}.")
        self.query_one("#what-if-progress", ProgressBar).display = False
        table = self.query_one("#what-if-table", DataTable)
        table.add_columns("Policy, change", "Skill", "Median weeks (95%)", "90th pct", "Families")
        totals = self.query_one("#what-if-totals", DataTable)
        totals.add_columns("Policy, change", f"Waiting at week {report.weeks} (95%)", "Rare-skill hours on others' work")
        for r in report.results:
            label = fit(scenario(r.policy, r.change), 30)
            for w in r.by_skill.values():
                median = with_interval(w.median, never) if w.families else "another service"
                table.add_row(label, fit(w.name, 24), median, with_interval(w.p90, never) if w.families else "-", f"{w.families:.1f}")
            totals.add_row(label, with_interval(r.waiting_at_end), with_interval(r.rare_skill_hours))
        chart = self.query_one("#what-if-waits", PlotextPlot)
        plot = chart.plt
        plot.clear_figure()  # the empty chart drawn before the runs fixed its limits: start it afresh
        plot.title("Median weeks waited by skill, no change")
        plain = [r for r in report.results if r.change is None]
        skills = list(plain[0].by_skill) if plain else []
        if plain and skills:
            values = [[(r.by_skill[s].median.value or 0.0) for s in skills] for r in plain]
            plot.multiple_bar([fit(plain[0].by_skill[s].name, 14) for s in skills], values,
                              labels=[POLICY_WORDS[r.policy] for r in plain])
        chart.refresh()
