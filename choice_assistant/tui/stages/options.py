"""Options: for each goal, ways of working from the catalogue, ticked as they are discussed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import SelectionList, Static

from choice_assistant.tui.widgets.ticks import TickList
from choice_assistant.tui.stages.base import StagePane


class Pane(StagePane):
    stage = "options"
    main_id = "opts-1"

    def fields(self, session) -> ComposeResult:
        catalogue = list(self.appointment.catalogue.values())
        talked = {(o.goal, o.approach) for o in session.options_discussed}
        if not session.goals:
            yield Static("No goals yet: go back to Goals (ctrl+b) to record one.", classes="hint")
        for n, goal in enumerate(session.goals, 1):
            yield Static(f"Goal {n}: {goal.text} - tick each way forward you talk through", classes="label")
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
            self.record(self.appointment.remove_option, n, approach)
