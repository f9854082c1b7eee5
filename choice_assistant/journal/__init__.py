"""The journal: where every appointment is recorded as it happens, behind one Store port.

    open_journal(url=None) -> Store     the one factory: None or "sqlite:///PATH" (default: the
                                        data folder's journal.sqlite3); $CHOICE_ASSISTANT_DB
                                        when no url is given
"""

from __future__ import annotations

import os
from pathlib import Path

from choice_assistant.errors import InputError
from choice_assistant.journal.port import Event, SessionSummary, SlotTaken, Store

__all__ = ["Event", "SessionSummary", "SlotTaken", "Store", "open_journal", "ENV_VAR"]

ENV_VAR = "CHOICE_ASSISTANT_DB"


def open_journal(url: str | None = None) -> Store:
    """Open (creating on first use) the journal a URL names; bad URLs are one clear InputError."""
    url = url or os.environ.get(ENV_VAR) or None
    if url is None:
        from choice_assistant.journal.sqlite import SqliteStore

        return SqliteStore.open()
    if url.startswith("sqlite:///"):
        from choice_assistant.journal.sqlite import SqliteStore

        return SqliteStore.open(Path(url[len("sqlite:///"):]))
    scheme = url.split(":", 1)[0] if ":" in url else url
    raise InputError(
        None,
        f"the journal address '{url}' is not one this program knows ({scheme}): "
        "use sqlite:///PATH for a file on this computer",
        place="--db" if url else "",
    )
