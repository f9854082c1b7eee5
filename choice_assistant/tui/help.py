"""The help screen (?/F1): why this stage matters in CAPA, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

KEYS = """\
## Keys

| Key | Does |
|---|---|
| ctrl+n | next stage (says what is missing first) |
| ctrl+b | back to the previous stage |
| ctrl+s | save now (typing is saved as you go anyway) |
| ctrl+p | command palette: jump to a stage, open a session, export, help |
| ctrl+g | show or hide the "agreed so far" pane |
| ctrl+up / ctrl+down | scroll the suggested wording ("Say next"), whichever field has the focus |
| f8 / f9 | at the Choice Point: no Partnership work needed / a further Choice appointment (Choice Plus); also in ctrl+p, and kept out of the footer the family can see |
| ctrl+t | light or dark theme |
| tab / shift+tab | next / previous field |
| ? or F1 | this help; Esc closes it |
| ctrl+q | quit (everything is already saved) |
| f3 / f6 | Practice: why this stage matters (the coach) / type what you say to the simulated family (Esc: back to the stage's fields) |

Stages you have reached can be opened again from the stage list (Enter) or the palette.
"""


class HelpScreen(ModalScreen[None]):
    """CAPA's reason for the current stage, then the key list."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, stage_title: str, why: str, stage_keys: list[tuple[str, str]] = ()) -> None:
        super().__init__()
        self.stage_title = stage_title
        self.why = why
        self.stage_keys = list(stage_keys)

    def compose(self) -> ComposeResult:
        own = ""
        if self.stage_keys:  # read from the stage's own key bindings, so the list never drifts from them
            rows = "".join(f"| {key} | {does} |\n" for key, does in self.stage_keys)
            own = f"## Keys on this stage\n\n| Key | Does |\n|---|---|\n{rows}\n"
        with VerticalScroll(id="help-box"):
            yield Markdown(f"# {self.stage_title}: why this stage\n\n{self.why}\n\n{own}{KEYS}")
        yield Footer()

    def action_dismiss(self) -> None:
        self.dismiss(None)
