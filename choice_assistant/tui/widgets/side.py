"""The side pane: what is agreed so far, then the conversation so far as a transcript."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from choice_assistant.tui.summary import agreed, transcript
from choice_assistant.tui.widgets.shown import show_text


class SidePane(VerticalScroll, can_focus=False):
    """Goals, options and the Choice Point, then the transcript; refreshed after each change."""

    def compose(self) -> ComposeResult:
        yield Static(id="agreed")
        yield Static(id="transcript")

    def show(self, session, register, titles: dict[str, str], conversation=None) -> None:
        """`conversation` (practice only) is the spoken exchange, shown instead of the record."""
        text = Text()
        for heading, lines in agreed(session, register, titles):
            text.append(heading + "\n", style="bold underline")
            for line in lines:
                text.append(line + "\n", style="dim" if line in ("none yet", "not reached yet") else "")
        show_text(self.query_one("#agreed", Static), text)
        said = Text()
        said.append("Conversation so far\n", style="bold underline")
        if conversation is not None:
            pairs = [("You" if line.who == "trainee" else "Family", line.text) for line in conversation]
        else:
            pairs = transcript(session, register, titles)
        if not pairs:
            said.append("nothing recorded yet\n", style="dim")
        for heading, words in pairs:
            said.append(f"{heading}: ", style="bold")
            said.append(words + "\n")
        show_text(self.query_one("#transcript", Static), said)

