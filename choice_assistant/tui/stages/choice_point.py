"""Choice Point: read back the summary, agree a way of working per goal, and things to try."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select, Static, TextArea

from choice_assistant.tui.stages.base import IN_FAMILY_LETTER, StagePane


# The level a way of working needs, in the clinician's words (the family never sees "core" or "specific").
LEVELS = [("Level: core - any colleague with this skill", "core"), ("Level: specific - specialist training needed", "specific")]


class ChoicePointPane(StagePane):
    stage = "choice_point"
    main_id = "f-try"
    keep = True
    shows = frozenset({"goal_add", "goal_update", "goal_remove", "option_add", "option_remove", "things_to_try"})
    # Decisions for the clinician: kept out of the footer the family can see (F1 help and ctrl+p list them).
    BINDINGS = [
        Binding("f8", "no_partnership", "No Partnership work needed", show=False),
        Binding("f9", "choice_plus", "A further Choice appointment (Choice Plus)", show=False),
    ]

    def fields(self, session) -> ComposeResult:
        titles = {o.id: o.title for o in self.appointment.catalogue.values()}
        yield Static("Things to try before the next appointment - one per line, in their words" + IN_FAMILY_LETTER,
                     classes="label", markup=False)
        area = TextArea("\n".join(session.things_to_try), soft_wrap=True, tab_behavior="focus", id="f-try")
        yield area
        for n, goal in enumerate(session.goals, 1):
            discussed = [o.approach for o in session.options_discussed if o.goal == n]
            choices = [(titles.get(a, self.register.skill_name(a)), a) for a in discussed]
            yield Static(f"Goal {n}: {goal.text} - the way of working they chose, and the level it needs", classes="label",
                         markup=False)
            yield Select(choices, prompt="Which do they prefer?", value=goal.approach if goal.approach in discussed else Select.NULL,
                         id=f"agree-{n}")
            # Under the way of working (never beside it: the pane is narrow), shown once a team skill is chosen.
            level = Select(LEVELS, value=goal.level.value, allow_blank=False, id=f"level-{n}", classes="level")
            level.display = self.appointment.is_team_option(goal.approach)
            yield level
        yield Static("ctrl+n: Partnership work with the team (who they will see)   f8: no Partnership work needed   "
                     "f9: a further Choice appointment (Choice Plus)", classes="note")

    def on_mount(self) -> None:
        for area in self.query(TextArea):  # (a query: the pane may be built out of sight as its screen goes)
            area.cursor_blink = self.app.cursor_blink

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "f-try":
            event.stop()
            self._typed = True
            self.post_message(self.WordsTyped(event.text_area.text))

    def save_pending(self) -> None:
        if getattr(self, "_typed", False):
            self._typed = False
            items = self.query_one("#f-try", TextArea).text.splitlines()
            if [i.strip() for i in items if i.strip()] != self.appointment.view().session.things_to_try:
                self.record(self.appointment.set_things_to_try, items)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        kind, _, number = (event.select.id or "").partition("-")
        n = int(number)
        goal = self.appointment.view().session.goals[n - 1]
        if kind == "level":
            if event.value is not Select.NULL and event.value != goal.level.value:
                self.record(self.appointment.update_goal, n, level=event.value)
            return
        value = None if event.value is Select.NULL else event.value
        if value != goal.approach and self.record(self.appointment.agree_option, n, value):
            # The level starts from the options catalogue for the way of working chosen; the clinician may change it.
            level = self.query_one(f"#level-{n}", Select)
            with level.prevent(Select.Changed):
                level.value = self.appointment.view().session.goals[n - 1].level.value
            level.display = self.appointment.is_team_option(value)

    def action_no_partnership(self) -> None:
        self.post_message(self.MoveRequested("no_partnership"))

    def action_choice_plus(self) -> None:
        self.post_message(self.MoveRequested("choice_plus"))
