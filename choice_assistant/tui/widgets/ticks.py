"""Ticks, checkboxes and radio buttons that read without colour: the mark shows only when chosen."""

from __future__ import annotations

from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton, SelectionList
from textual.widgets.option_list import Option


class TickList(SelectionList):
    """A SelectionList whose box is empty until ticked, so a tick never depends on colour alone."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count or self.get_option_at_index(index).value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            segments[1] = Segment(" " * len(Checkbox.BUTTON_INNER), segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip


class MarkedRadioButton(RadioButton):
    """A radio button whose dot shows only when it is pressed, so the choice never depends on colour alone."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = type(self).BUTTON_INNER if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    """A checkbox whose X shows only when it is ticked, so the answer never depends on colour alone."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = type(self).BUTTON_INNER if self.value else " "
        return super()._button


class PhraseTicks(OptionList):
    """Phrases to say, each with its tick box beside its own words (title, then the suggested wording), so the
    words and the tick are always seen together; space or Enter ticks or unticks the highlighted one."""

    BINDINGS = [Binding("space", "select", "Tick or untick", show=False)]

    class Toggled(Message):
        """A phrase was ticked (said) or unticked."""

        def __init__(self, phrase: str, said: bool) -> None:
            super().__init__()
            self.phrase = phrase
            self.said = said

    def __init__(self, phrases, said: dict[str, bool], **kwargs) -> None:
        """`phrases`: the phrase bank's entries (id, title, text, required); `said`: which are ticked."""
        self._phrases = list(phrases)
        self.said = {p.id: bool(said.get(p.id)) for p in self._phrases}
        super().__init__(*[Option(self._prompt(p), id=p.id) for p in self._phrases], **kwargs)

    def _prompt(self, phrase) -> Table:
        said = self.said[phrase.id]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(ratio=1)
        words = Text.assemble((phrase.title, "bold"), (" *" if phrase.required else ""), "\n", (phrase.text, ""))
        grid.add_row(Text("▐X▌" if said else "▐ ▌", style="bold"), words)
        return grid

    def show_said(self, phrase_id: str, said: bool) -> None:
        """Show the phrase as ticked (said) or not."""
        index = next(i for i, p in enumerate(self._phrases) if p.id == phrase_id)
        self.said[phrase_id] = said
        self.replace_option_prompt_at_index(index, self._prompt(self._phrases[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        phrase = self._phrases[event.option_index]
        self.show_said(phrase.id, not self.said[phrase.id])
        self.post_message(self.Toggled(phrase.id, self.said[phrase.id]))
