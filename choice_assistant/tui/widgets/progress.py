"""The stages as a progress list: passed, current, reached, and locked (with a one-line reason)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

# The marks read without colour: a stage passed, the one open now, one reached before but not finished.
PASSED, CURRENT, REACHED, LOCKED = "✓ ", "▶ ", "○ ", "· "


def marks(stages: list[str], current: str, reached: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Each stage's mark: a stage reached before keeps its mark when the clinician goes back to an earlier one.

    Reached stages before the furthest one reached were passed (ticked); the furthest, if it is not the one open
    now, was reached but not finished; stages never reached have no mark of their own (locked or open next).
    """
    got = [s for s in stages if s in reached or s == current]
    furthest = max((stages.index(s) for s in got), default=stages.index(current))
    out = {}
    for i, stage in enumerate(stages):
        if stage == current:
            out[stage] = CURRENT
        elif stage in got:
            out[stage] = PASSED if i < furthest else REACHED
        else:
            out[stage] = ""
    return out


def lock_reasons(stages: list[str], titles: dict[str, str], view) -> dict[str, str | None]:
    """Why each stage is locked, as the appointment says, except past stages reached before: after going back,
    a stage beyond the furthest one reached is opened by going on from that one, not by redoing the stages between."""
    reasons = dict(view.locked)
    here = stages.index(view.stage)
    furthest = max((stages.index(s) for s in view.reached if s in stages), default=here)
    if furthest > here and not view.missing:
        for stage in stages[furthest + 1:]:
            if reasons.get(stage):
                reasons[stage] = f"{titles[stages[furthest]]} first, then move on from there (it was reached before)"
    return reasons


class StageList(OptionList):
    """Every stage in order; Enter on a stage goes there, or says in full why it is locked."""

    BORDER_TITLE = "Stages"

    class Chosen(Message):
        """The clinician picked a stage to go to."""

        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage

    _shown: tuple | None = None  # what `show` was last given, to draw it again at a new width
    _drawn_width = 0  # the width it was last drawn at

    def show(self, stages: list[str], titles: dict[str, str], current: str, locked: dict[str, str | None],
             reached: tuple[str, ...] | list[str] = ()) -> None:
        """Draw the list. `locked` holds each stage's full reason; the list shows it on one line, cut to fit."""
        self._shown = (stages, titles, current, locked, reached)
        mark = marks(stages, current, reached)
        width = self._drawn_width = self.scrollable_content_region.width  # 0 until laid out: drawn again on its resize
        self.clear_options()
        explained = False
        for stage in stages:
            reason = locked.get(stage) if stage != current else None
            if stage == current:
                label = Text.assemble((CURRENT, "bold"), (titles[stage], "bold reverse"))
            elif reason is not None:  # locked ("" while a new appointment is still opening: why is not known yet)
                # The first locked stage says why, on one line; the ones after it are locked for the same reason.
                label = Text.assemble((mark[stage] or LOCKED, "dim"), (titles[stage], "dim"))
                if reason and not explained:
                    why = Text("  locked: " + reason, style="dim italic")
                    if width:
                        why.truncate(width, overflow="ellipsis")
                    label.append("\n")
                    label.append_text(why)
                explained = explained or bool(reason)
            else:
                label = Text.assemble((mark[stage] or "  ", ""), titles[stage])
            self.add_option(Option(label, id=stage))
        self.highlighted = stages.index(current)
        self._explain_highlighted()

    def on_resize(self, event: events.Resize) -> None:
        # The one-line reasons are cut to the new width. (Not after the screen's refresh: the screen then
        # refreshing may be a briefing over this one, gone before it refreshes.)
        self.call_later(self._draw_to_width)

    def _draw_to_width(self) -> None:
        width = self.scrollable_content_region.width
        if self._shown is not None and width and width != self._drawn_width:
            self.show(*self._shown)

    def locked_reason(self, stage: str | None) -> str | None:
        """The full reason the stage is locked, as last shown (None: it can be opened)."""
        if self._shown is None or stage is None or stage == self._shown[2]:
            return None
        return self._shown[3].get(stage) or None

    def _explain_highlighted(self) -> None:
        option = self.highlighted_option
        self.tooltip = self.locked_reason(option.id if option else None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._explain_highlighted()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id))
