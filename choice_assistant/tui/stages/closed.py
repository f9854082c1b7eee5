"""Closed: the appointment is recorded; nothing more can be typed into it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from choice_assistant.tui.stages.base import StagePane, say_box


class ClosedPane(StagePane):
    stage = "closed"
    main_id = "done"

    def compose(self) -> ComposeResult:
        yield say_box("Done")
        yield Static("Export it from ctrl+p, or start the next appointment from ctrl+p > Open a session.", classes="note", id="done")
