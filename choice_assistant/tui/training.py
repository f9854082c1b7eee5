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


HOW_TO_PRACTISE = """
## How to practise

- **f6** puts you in the *say to the family* box at the bottom: type, then Enter; their answer appears
  under *Conversation so far* on the right (ctrl+g shows that pane on a small screen). Esc takes
  you back to the stage's fields.
- Record what you hear in the stage's fields, as you would for real.
- **f3** explains why this stage matters and what the feedback looks at; **f1** lists every key.
- **ctrl+n** moves to the next stage; at the Choice Point, **f8** ends without Partnership work.
- Moving on from *Letters* closes the appointment: your feedback report opens and is saved as a
  Markdown file (the report says where).

Press Enter or Esc to start.
"""


def briefing_page(text: str) -> str:
    """The briefing, then how practice works on this screen."""
    return text.rstrip() + "\n" + HOW_TO_PRACTISE


def report_page(report, path) -> str:
    """The coach's report, saying first where it was saved and how to leave."""
    return (f"*This report is saved as* `{path}`. *Esc closes it; ctrl+q then quits.*\n\n"
            + report.markdown())


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
