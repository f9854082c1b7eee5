"""Training mode screens: pick a scenario, read the briefing, and read the coach's report at the end."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option


class ScenarioScreen(Screen):
    """Lists the practice scenarios; dismisses with the chosen one."""

    def __init__(self, scenarios: list, team_line: str) -> None:
        super().__init__()
        self.scenarios = scenarios

        self.team_line = team_line

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-box"):
            yield Static(self.team_line, id="team")
            yield Static("Practice with a simulated family: pick a scenario (Enter).", classes="lead")
            yield OptionList(*[Option(f"{s.title} - {s.practises}", id=s.id) for s in self.scenarios], id="sessions")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(s for s in self.scenarios if s.id == event.option.id))


class ReadingScreen(ModalScreen[None]):
    """A Markdown page to read (the briefing before practice, the coach's report after it)."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(self.text)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
