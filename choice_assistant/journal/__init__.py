"""The journal: where every appointment is recorded as it happens, behind one Store port.

    open_journal(url=None, read_only=False) -> Store
        url None: $CHOICE_ASSISTANT_DB, else the data folder's journal.sqlite3;
        "sqlite:///PATH" a file on this computer; "postgresql://user@host:port/db" a team's
        shared diary (needs the [team] extra). A bad URL, a missing driver, an unreachable
        server or a journal that is not ours is one JournalUnavailable (an InputError: exit 2);
        an unreachable server is not, when this computer keeps entries for it: the store then
        opens what it kept (journal/spool.py) and says so in `save_state()`.
"""

from __future__ import annotations

import os
from pathlib import Path

from choice_assistant.journal.port import (Booking, Event, Holder, JournalUnavailable, LeaseHeld, ReadOnly,
                                           SessionClosed, SessionSummary, SlotTaken, Store, StoreRefused,
                                           Unreachable)

__all__ = ["Booking", "Event", "Holder", "JournalUnavailable", "LeaseHeld", "ReadOnly", "SessionClosed",
           "SessionSummary", "SlotTaken", "Store", "StoreRefused", "Unreachable", "open_journal", "ENV_VAR",
           "describe_url"]

ENV_VAR = "CHOICE_ASSISTANT_DB"


def open_journal(url: str | None = None, read_only: bool = False) -> Store:
    """Open (creating on first use, unless read_only) the journal a URL names."""
    url = url or os.environ.get(ENV_VAR) or None
    if url is None:
        from choice_assistant.journal.sqlite import SqliteStore

        return SqliteStore.open(read_only=read_only)
    if url.startswith("sqlite:///"):
        from choice_assistant.journal.sqlite import SqliteStore

        return SqliteStore.open(Path(url[len("sqlite:///"):]), read_only=read_only)
    if url.startswith(("postgresql://", "postgres://")):
        from choice_assistant.journal.postgres import PostgresStore

        return PostgresStore.open(url, read_only=read_only)
    scheme = url.split(":", 1)[0] if ":" in url else url
    raise JournalUnavailable(
        None,
        f"the journal address '{describe_url(url)}' is not one this program knows ({scheme}): use sqlite:///PATH for a "
        "file on this computer, or postgresql://user@host:port/database for a team's shared diary",
        place="--db" if not os.environ.get(ENV_VAR) else ENV_VAR,
    )


def describe_url(url: str) -> str:
    """The URL as it may be shown: any password hidden."""
    import re

    return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", url)
