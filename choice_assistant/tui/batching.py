"""Keys that arrive faster than the screen can show them (text pasted as thousands of separate keys) go into
the focused field in batches: one insertion, one change and one redraw for all the keys waiting, not one per key."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea


def takes_batches(widget: Widget | None) -> bool:
    """A field that puts each printable key in as typed, whatever came before: a text area, or a one-line field
    free of a type, a pattern and a length limit (which check each key on its own)."""
    if isinstance(widget, TextArea):
        return not widget.read_only
    return isinstance(widget, Input) and widget.type == "text" and widget.restrict is None and not widget.max_length


class KeyBatches:
    """Collects printable keys for the focused field while more keys wait behind them, and puts them in at once.

    The app hands it each key as it arrives (`take`); the first key of a batch schedules `put_in` behind every
    message already waiting, so all the keys queued by then join the batch. Anything else the app handles (another
    key, a click, a paste) calls `put_in` first, and a key handed on to the field is waited for (`caught_up`)
    before the next is looked at, so the order of everything typed is kept."""

    def __init__(self, app) -> None:
        self.app = app
        self.target: Widget | None = None
        self.waiting: list[str] = []
        self.priority: frozenset[str] = frozenset()  # keys bound with priority when the batch began

    def take(self, event: events.Key) -> bool:
        """Keep the key for a batch (True), or leave it to the app (False)."""
        focused = self.app.focused
        if not takes_batches(focused):
            return False
        if event.is_printable and event.character:
            character = event.character
        elif event.key == "enter" and isinstance(focused, TextArea):
            character = "\n"  # a new line, as the text area's own Enter puts in
        else:
            return False
        if self.waiting and focused is not self.target:
            self.put_in()
        if not self.waiting:
            self.priority = frozenset(key for key, shown in self.app.active_bindings.items() if shown.binding.priority)
        if self.priority and any(key in self.priority for key in event.aliases):
            return False
        if not self.waiting:
            self.target = focused
            self.app.call_later(self.put_in)
        self.waiting.append(character)
        return True

    def put_in(self) -> None:
        """Put the keys waiting into their field, as its own keys would, in one edit."""
        text, target = "".join(self.waiting), self.target
        self.waiting, self.target = [], None
        if not text or target is None or not target.is_attached:
            return
        if isinstance(target, TextArea):
            if not target.read_only:
                target.replace(text, *target.selection, maintain_selection_offset=False)
        elif isinstance(target, Input):
            target.replace(text, *target.selection)


async def caught_up(widget: Widget, limit: float = 0.5) -> None:
    """Wait until `widget` has handled everything sent to it so far (a key handed on to it), for at most `limit` s."""
    import asyncio

    done = asyncio.Event()
    if widget.call_later(done.set):
        try:
            await asyncio.wait_for(done.wait(), limit)
        except asyncio.TimeoutError:
            pass
