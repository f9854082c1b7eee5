"""Curiosity: what worries them, what is going on, strengths, network, and the risk question with its outcome."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Select, Static, TextArea

from choice_assistant.tui.widgets.notes import NoteArea
from choice_assistant.tui.stages.base import IN_FAMILY_LETTER, StagePane

FIELDS = [
    ("concerns", "What worries them, in their words" + IN_FAMILY_LETTER),
    ("background", "What is going on (background)" + IN_FAMILY_LETTER),
    ("strengths", "Strengths and resources - theirs and their network's" + IN_FAMILY_LETTER),
    ("network", "Network and other agencies involved" + IN_FAMILY_LETTER),
]


class CuriosityPane(StagePane):
    stage = "curiosity"
    main_id = "f-concerns"
    keep = True
    shows = frozenset({"text:concerns", "text:background", "text:strengths", "text:network", "text:risk", "set:safety"})

    def fields(self, session) -> ComposeResult:
        for field, label in FIELDS:
            yield Static(label, classes="label", markup=False)
            yield NoteArea(field, getattr(session, field), id=f"f-{field}")
        yield Static("Risk and safeguarding - must be asked and answered (write what was asked and said; "
                     "in the referrer's letter)", classes="label")
        yield NoteArea("risk", session.risk, id="f-risk")
        yield Static("Your own judgement after asking: are there safety concerns?", classes="label")
        safety = session.safety
        yield Select(SAFETY_CHOICES, prompt="Choose: no concerns, or concerns with a plan", id="f-safety",
                     value=("yes" if safety.concerns else "no") if safety is not None else Select.NULL)
        plan = Vertical(id="safety-plan")
        plan.display = safety is not None and safety.concerns  # composed as it first looks: on_mount finds nothing to fill
        with plan:
            yield Static("What was agreed to keep the young person safe (the plan)" + IN_FAMILY_LETTER, classes="label",
                         markup=False)
            yield TextArea(safety.plan if safety else "", soft_wrap=True, tab_behavior="focus", id="f-safety-plan")
            yield Static("Who will do what, and by when (the actions)", classes="label")
            yield TextArea(safety.actions if safety else "", soft_wrap=True, tab_behavior="focus", id="f-safety-actions")

    def on_mount(self) -> None:
        for w in self.query(TextArea):
            w.cursor_blink = self.app.cursor_blink

    def _concerns(self) -> bool | None:
        value = self.query_one("#f-safety", Select).value
        return None if value is Select.NULL else value == "yes"

    def _show_plan(self) -> None:
        if not self.is_attached:
            return  # the app is stopping: this pane's fields may be gone already
        self.query_one("#safety-plan").display = self._concerns() is True

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-safety" and self.is_attached:
            event.stop()
            self._show_plan()
            self._typed = True
            self.save_pending()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id in ("f-safety-plan", "f-safety-actions"):
            event.stop()
            self._typed = True

    def save_pending(self) -> None:
        """Record the safety outcome when it differs from what is saved (plan and actions as typed)."""
        if not getattr(self, "_typed", False):
            return
        self._typed = False
        concerns = self._concerns()
        plan = self.query_one("#f-safety-plan", TextArea).text.strip() if concerns else ""
        actions = self.query_one("#f-safety-actions", TextArea).text.strip() if concerns else ""
        saved = self.appointment.session.safety
        now = None if concerns is None else (concerns, plan, actions)
        before = None if saved is None else (saved.concerns, saved.plan, saved.actions)
        if now != before:
            self.record(self.appointment.set_safety, concerns, plan, actions)


SAFETY_CHOICES = [("No safety concerns after asking", "no"), ("Yes - safety concerns: write the plan and actions", "yes")]
