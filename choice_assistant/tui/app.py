"""The Textual application: its shell, header with the team's name, and footer."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from ..models import Register


class ChoiceAssistantApp(App):
    TITLE = "Choice assistant"
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, register: Register, register_path: Path | None = None, demo: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.register = register
        self.register_path = register_path
        self.demo = demo

    def compose(self) -> ComposeResult:
        yield Header()
        note = " (the bundled demo team)" if self.demo else ""
        yield Static(f"Team: {self.register.team}{note}", id="team")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.register.team + (" - demo team" if self.demo else "")
