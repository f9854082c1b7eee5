"""The stages as a progress list: done, current (marked) and locked (saying why)."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class StageList(OptionList):
    """Every stage in order; Enter on an open stage goes there."""

    BORDER_TITLE = "Stages"

    class Chosen(Message):
        """The clinician picked a stage to go to."""

        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage

    def show(self, stages: list[str], titles: dict[str, str], current: str, locked: dict[str, str | None]) -> None:
        self.clear_options()
        passed = True
        explained = False
        for stage in stages:
            reason = locked.get(stage)
            if stage == current:
                passed = False
                label = Text.assemble(("▶ ", "bold"), (titles[stage], "bold reverse"))
            elif reason is not None:  # locked ("" while a new appointment is still opening: why is not known yet)
                # The first locked stage says why; the ones after it are locked for the same reason.
                why = "" if explained or not reason else "\n  locked: " + reason
                explained = explained or bool(reason)
                label = Text.assemble(("· ", "dim"), (titles[stage], "dim"), (why, "dim italic"))
            else:
                label = Text.assemble(("✓ " if passed else "  ", ""), titles[stage])
            self.add_option(Option(label, id=stage, disabled=reason is not None and stage != current))
        self.highlighted = stages.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id))
