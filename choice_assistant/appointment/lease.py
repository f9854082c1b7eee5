"""One appointment open in one place: holding the journal's lease, read-only viewing, and refusals in plain words."""

from __future__ import annotations

import errno
import sqlite3

from choice_assistant.errors import InputError
from choice_assistant.journal.port import LeaseHeld, StoreRefused


class Holding:
    """The lease side of an Appointment (mixed in): `store`, `session_id` and `flush()` come from it."""

    read_only_because: str | None = None  # set when another place has this appointment open
    unsaved_reason: str | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_because is not None

    def hold(self) -> None:
        """Take this appointment's lease in the journal, so no other place can write to it while it is open
        here. Raises the journal's LeaseHeld (naming who has it) when it is open somewhere else."""
        self.store.acquire(self.session_id)

    def keep_holding(self) -> bool:
        """Renew the lease (every few seconds while open); False, and read-only from now on, if it was lost."""
        if self.read_only:
            return False
        try:
            self.store.renew(self.session_id)
        except LeaseHeld as exc:
            self.open_read_only(exc.holder.describe())
            return False
        except Exception:  # noqa: BLE001 - a lost server: the journal keeps entries and retries
            return True
        return True

    def let_go(self) -> None:
        """Write what is pending and give the lease back, so the appointment can be opened elsewhere."""
        if self.read_only:
            return
        self.flush()
        try:
            self.store.release_lease(self.session_id)
        except Exception:  # noqa: BLE001 - it runs out by itself after a short time
            pass

    def open_read_only(self, holder: str) -> None:
        """From now on nothing is written: `holder` (who, where, since when) has the appointment open."""
        self.read_only_because = holder

    def _read_only_words(self) -> str:
        return (f"this appointment is open elsewhere ({self.read_only_because}), so here it is read-only: "
                "nothing changed here is saved")

    def _refusal(self, exc: BaseException) -> str:
        if isinstance(exc, LeaseHeld):
            self.open_read_only(exc.holder.describe())
            return self._read_only_words()
        if isinstance(exc, (StoreRefused, InputError)):
            return str(exc)
        self.unsaved_reason = _save_failure(exc)
        return f"this was not saved: {self.unsaved_reason}; try again in a moment"


def _save_failure(exc: BaseException) -> str:
    """Why the journal could not be written, in plain words, from the error's kind and code (never its wording)."""
    if isinstance(exc, StoreRefused):
        return str(exc)  # the journal's own plain message (it carries no clinical data)
    full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
        isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)
    if full:
        return "the disk is full; free some space and it will be saved"
    if isinstance(exc, PermissionError):
        return "the journal's folder cannot be written by you"
    return "the journal could not be written; it will be tried again"
