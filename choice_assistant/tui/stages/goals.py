"""Goals: up to three in their own words, whose goal, and a 0-10 rating; vague goals get a nudge."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from choice_assistant.tui.summary import OWNER_WORDS, goal_line
from choice_assistant.tui.stages.base import IN_FAMILY_LETTER, StagePane
from choice_assistant.tui.widgets.fields import Field

OWNERS = [(words, key) for key, words in OWNER_WORDS.items()]
NUDGE_AT = 3


class GoalsPane(StagePane):
    """Typing a goal records it at once (then edits it as you type); Enter starts the next one."""

    stage = "goals"
    main_id = "f-goal"
    keep = True
    shows = frozenset({"goal_add", "goal_update", "goal_remove", "option_remove", "text:young_person"})
    BINDINGS = [
        Binding("f2", "new_goal", "New goal"),
        Binding("f4", "remove_goal", "Remove goal"),
    ]

    editing: int | None = None

    def fields(self, session) -> ComposeResult:
        # Everything is composed as it should first look (a pane may be built out of sight, even as its
        # screen goes away, so nothing is left for on_mount to find and fill in).
        goals = session.goals
        half_written = goals[-1] if goals and (goals[-1].owner is None or goals[-1].rating is None) else None
        if half_written is not None:  # a goal half-written when the appointment stopped comes back to finish
            self.editing = len(goals)
        yield Static("Goal in their own words - whose goal - rating now (0-10); Enter to finish it" + IN_FAMILY_LETTER,
                     classes="label", markup=False)
        yield Field(half_written.text if half_written else "", placeholder="What would be different if things went well?",
                    id="f-goal")
        with Horizontal():
            yield Select(OWNERS, prompt="Whose goal?", id="f-owner",
                         value=half_written.owner if half_written and half_written.owner else Select.NULL)
            yield Field("" if half_written is None or half_written.rating is None else str(half_written.rating),
                        placeholder="0-10", type="integer", max_length=2, classes="rating", id="f-rating")
        vague = Static(id="vague", classes="hint")
        vague.display = False
        yield vague
        yield Static("Goals so far (Enter to edit, f4 removes, f2 starts a new one)", classes="label")
        yield OptionList(*self._goal_options(goals), id="goal-list")

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink

    def edit_goal(self, n: int) -> None:
        """Put goal n in the editor, to change it."""
        goal = self.appointment.view().session.goals[n - 1]
        self.editing = None  # so filling the fields below does not record anything
        with self.prevent(Input.Changed, Select.Changed):
            goal_input = self.query_one("#f-goal", Input)
            goal_input.value = goal.text
            goal_input.cursor_position = len(goal.text)
            self.query_one("#f-owner", Select).value = goal.owner if goal.owner else Select.NULL
            self.query_one("#f-rating", Input).value = "" if goal.rating is None else str(goal.rating)
        self.editing = n

    def list_goals(self) -> None:
        ol = self.query_one("#goal-list", OptionList)
        ol.clear_options()
        ol.add_options(self._goal_options(self.appointment.view().session.goals))

    def _goal_options(self, goals) -> list[Option]:
        return ([Option(Text(goal_line(i, g, self.register)), id=str(i)) for i, g in enumerate(goals, 1)]
                or [Option("none yet", disabled=True)])

    # -- typing a goal -------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "f-goal":
            from choice_assistant.wording.stage_prompts import vague_goal_hint

            hint = vague_goal_hint(event.value)
            vague = self.query_one("#vague", Static)
            vague.display = bool(hint)
            vague.update(hint or "")
            self.post_message(self.WordsTyped(event.value))  # recorded on the screen's half-second tick

    def save_pending(self) -> None:
        """Record the goal being typed: added on the first word, then kept up to date."""
        text = self.query_one("#f-goal", Input).value.strip()
        rating = _rating(self.query_one("#f-rating", Input).value)
        owner = self.query_one("#f-owner", Select).value
        owner = None if owner is Select.NULL else owner
        appt = self.appointment
        if self.editing is None:
            if not text:
                return
            n = self.record(appt.add_goal, text, owner=owner, rating=rating)
            if n:
                self.editing = n
                if n > NUDGE_AT:
                    self.app.notify(f"That makes {n} goals. Could some be combined, or which matter most for now?", timeout=8)
            return
        goal = appt.view().session.goals[self.editing - 1]
        changes = {k: v for k, v in (("text", text), ("owner", owner), ("rating", rating)) if v != getattr(goal, k) and (k != "text" or v)}
        if changes:
            self.record(appt.update_goal, self.editing, **changes)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.save_pending()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_pending()
        if event.input.id == "f-goal":
            self.query_one("#f-owner").focus()
        elif self.editing is not None:
            self.action_new_goal()

    def recorded(self) -> None:
        super().recorded()
        self.list_goals()

    # -- the list ------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.edit_goal(int(event.option.id))
        self.query_one("#f-goal").focus()

    def action_new_goal(self) -> None:
        self.save_pending()
        self.editing = None
        self.query_one("#f-goal", Input).value = ""
        self.query_one("#f-owner", Select).value = Select.NULL
        self.query_one("#f-rating", Input).value = ""
        self.query_one("#f-goal").focus()

    def action_remove_goal(self) -> None:
        ol = self.query_one("#goal-list", OptionList)
        n = self.editing if not ol.has_focus else (ol.highlighted + 1 if ol.highlighted is not None else None)
        if n is None or n > len(self.appointment.view().session.goals):
            return
        if self.record(self.appointment.remove_goal, n):
            self.app.notify(f"Goal {n} removed.", timeout=3)
            self.editing = None
            self.action_new_goal()


def _rating(text: str) -> int | None:
    text = text.strip()
    if not text.isdigit():
        return None
    return min(int(text), 10)
