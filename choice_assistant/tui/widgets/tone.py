"""A quiet hint under the fields when wording frames a transfer as a loss."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ToneHint(Static):
    """Shows the first phrase worth rewording and a positive alternative; hidden otherwise."""

    def check(self, text: str) -> None:
        from choice_assistant.wording.tone import check

        nudges = check(text)
        self.display = bool(nudges)
        if nudges:
            n = nudges[0]
            self.update(Text.assemble(("Wording: ", "bold"), f"\u201c{n.phrase}\u201d - {n.why} ", ("Try: ", "bold"), n.suggestion))
