"""Options: for each goal, ways of working from the catalogue, ticked as they are discussed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import SelectionList, Static

from choice_assistant.tui.widgets.ticks import TickList
from choice_assistant.tui.stages.base import StagePane


class OptionsPane(StagePane):
    stage = "options"
    main_id = "opts-1"
    keep = True
    shows = frozenset({"goal_add", "goal_update", "goal_remove", "option_add", "option_remove"})

    def fields(self, session) -> ComposeResult:
        catalogue = list(self.appointment.catalogue.values())
        talked = {(o.goal, o.approach) for o in session.options_discussed}
        if not session.goals:
            yield Static("No goals yet: go back to Goals (ctrl+b) to record one.", classes="hint")
        outside = [o.title for o in catalogue if not o.team]
        if session.goals and outside:
            yield Static("Each list ends with ways forward outside the team, marked \"outside the team\": "
                         + ", ".join(outside) + ".", classes="note", markup=False)
        for n, goal in enumerate(session.goals, 1):
            yield Static(f"Goal {n}: {goal.text} - tick each way forward you talk through", classes="label", markup=False)
            yield TickList(
                *[(o.title + ("" if o.team else "  (outside the team)"), o.id, (n, o.id) in talked) for o in catalogue],
                id=f"opts-{n}",
            )
        about = Static(id="about", classes="note")
        about.border_title = "In the family's words"
        yield about

    def main(self):
        found = self.query(SelectionList)
        return found.first() if found else self.query_one("#private")

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        event.stop()
        entry = self.appointment.catalogue.get(event.selection.value)
        if entry is not None:
            self.query_one("#about", Static).update(Text.assemble((entry.title + ": ", "bold"), entry.family_description))

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        n = int(event.selection_list.id.removeprefix("opts-"))
        approach = event.selection.value
        if approach in event.selection_list.selected:
            self.record(self.appointment.add_option, n, approach)
        else:
            agreed = self.appointment.session.goals[n - 1].approach == approach
            if self.record(self.appointment.remove_option, n, approach) and agreed:
                entry = self.appointment.catalogue.get(approach)
                self.app.notify(f"Goal {n}: {entry.title if entry else approach} was the agreed way of working; with it taken "
                                "off the table, ask the family again at the Choice Point.", severity="warning", timeout=8,
                                markup=False)
