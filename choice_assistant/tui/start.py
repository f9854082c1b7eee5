"""The start screen: resume an unfinished appointment exactly where it stopped, or start a new one."""

from __future__ import annotations

from rich.text import Text

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

NEW = "__new__"


class StartScreen(Screen[str | None]):
    """Lists unfinished appointments, newest first; dismisses with a session id or NEW."""

    BINDINGS = [
        Binding("n", "new", "New appointment"),
        Binding("escape", "close", "Back", show=False),
    ]

    def __init__(self, rows: list[dict], team_line: str, closable: bool = False) -> None:
        super().__init__()
        self.rows = rows
        self.team_line = team_line
        self.closable = closable

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-box"):
            yield Static(self.team_line, id="team", markup=False)
            if self.rows:
                yield Static("Unfinished appointments - pick one to carry on exactly where it stopped, or start a new one:", classes="lead")
            options = [Option(Text(_row_label(r)), id=r["id"]) for r in self.rows]
            options.append(Option("+ Start a new appointment", id=NEW))
            yield OptionList(*options, id="sessions")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions", OptionList).focus()

    def show_team(self, team_line: str) -> None:
        """Say the team, once its register has been read (the screen may open before)."""
        self.team_line = team_line
        self.query_one("#team", Static).update(team_line)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_new(self) -> None:
        self.dismiss(NEW)

    def action_close(self) -> None:
        if self.closable:
            self.dismiss(None)


def _row_label(row: dict) -> str:
    name = row.get("name") or "(no name yet)"
    return f"{name}  -  stage: {row.get('stage_title', row.get('stage', '?'))}  -  last change {row.get('changed', '')}"


class ClinicianScreen(Screen[str | None]):
    """Asks who is running the Choice appointment; escape leaves it as it was."""

    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, register, team_line: str, current: str | None = None) -> None:
        super().__init__()
        self.register = register
        self.team_line = team_line
        self.current = current

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-box"):
            yield Static(self.team_line, id="team", markup=False)
            yield Static("Who is running this Choice appointment? (Remembered on this computer for the next one.)", classes="lead")
            yield OptionList(*[Option(Text(f"{c.name} - {c.role}"), id=c.id) for c in self.register.clinicians], id="sessions")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#sessions", OptionList)
        ids = [c.id for c in self.register.clinicians]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


def unfinished_rows(store, titles: dict[str, str]) -> list[dict]:
    """One row per unfinished appointment in the journal, newest first."""
    return [
        {
            "id": s.id,
            "name": s.young_person,
            "stage_title": titles.get(s.stage, s.stage),
            "changed": f"{s.last_change.astimezone():%a %d %b %H:%M}",
        }
        for s in store.list_sessions()
        if not s.finished
    ]


class HeldElsewhereScreen(Screen[bool]):
    """The appointment is open in another place: say who has it, and offer to look at it read-only."""

    BINDINGS = [
        Binding("r", "read_only", "Open read-only"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, session, holder: str) -> None:
        super().__init__()
        self.session = session
        self.holder = holder

    def compose(self) -> ComposeResult:
        name = self.session.young_person.name if self.session.young_person else "This appointment"
        yield Header()
        with Vertical(id="start-box"):
            yield Static(Text(f"{name}'s appointment is open in another place: {self.holder}."), classes="lead")
            yield Static("One appointment is open in one place at a time, so that no words are written over. "
                         "You can look at it read-only (nothing you change is saved), or go back. If that place "
                         "stopped without closing, it lets go by itself within a minute.", markup=False)
            yield OptionList(Option("Look at it read-only", id="read-only"), Option("Go back", id="back"), id="sessions")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id == "read-only")

    def action_read_only(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
