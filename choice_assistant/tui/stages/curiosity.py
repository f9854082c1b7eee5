"""Curiosity: what worries them, what is going on, strengths, network, and the risk question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from choice_assistant.tui.widgets.fields import NoteArea
from choice_assistant.tui.stages.base import StagePane

FIELDS = [
    ("concerns", "What worries them, in their words"),
    ("background", "What is going on (background)"),
    ("strengths", "Strengths and resources - theirs and their network's"),
    ("network", "Network and other agencies involved"),
]


class Pane(StagePane):
    stage = "curiosity"
    main_id = "f-concerns"

    def fields(self, session) -> ComposeResult:
        for field, label in FIELDS:
            yield Static(label, classes="label")
            yield NoteArea(field, getattr(session, field), id=f"f-{field}")
        yield Static("Risk and safeguarding - must be asked and answered (write what was asked and said)", classes="label")
        yield NoteArea("risk", session.risk, id="f-risk")
