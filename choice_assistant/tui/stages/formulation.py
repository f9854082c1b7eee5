"""Formulation: a shared understanding in plain words, with the clinician's honest opinion."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from choice_assistant.tui.widgets.notes import NoteArea
from choice_assistant.tui.stages.base import IN_FAMILY_LETTER, StagePane


class SharedUnderstandingPane(StagePane):
    stage = "formulation"
    main_id = "f-formulation"
    keep = True
    shows = frozenset({"text:formulation"})

    def fields(self, session) -> ComposeResult:
        yield Static("Our shared understanding, in plain words, and your honest opinion" + IN_FAMILY_LETTER,
                     classes="label", markup=False)
        yield NoteArea("formulation", session.formulation, id="f-formulation", classes="tall")
