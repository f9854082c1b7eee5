"""Ticks, checkboxes and radio buttons that read without colour: the mark shows only when chosen."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, SelectionList


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
