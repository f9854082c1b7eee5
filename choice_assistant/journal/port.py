"""The Store port: what the appointment needs from a journal, whatever holds it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from choice_assistant.errors import InputError


@dataclass(frozen=True)
class Event:
    """One journal entry: the `seq`-th thing recorded in a session."""

    seq: int
    at: datetime
    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class SessionSummary:
    """One line of `sessions list`."""

    id: str
    date: str
    stage: str
    young_person: str
    last_change: datetime
    finished: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "stage": self.stage,
            "young_person": self.young_person,
            "last_change": self.last_change.isoformat(timespec="seconds"),
            "finished": self.finished,
        }


@dataclass(frozen=True)
class Holder:
    """Who has an appointment open: a person on a computer, since when, and until when unless renewed."""

    who: str
    host: str
    pid: int
    since: datetime
    expires: datetime

    def describe(self) -> str:
        return f"{self.who} on {self.host} (open since {self.since.astimezone():%H:%M})"


@dataclass(frozen=True)
class Booking:
    """A live booking, as the team sees it."""

    session_id: str
    clinician: str
    slot: datetime


class SlotTaken(Exception):
    """The slot was booked by another session (possibly a moment ago, on another computer)."""


class StoreRefused(Exception):
    """The journal refused an entry; `code` says why (data), the message says it in words."""

    code = "refused"


class SessionClosed(StoreRefused):
    """The session is closed: its record can no longer change."""

    code = "session_closed"


class LeaseHeld(StoreRefused):
    """Someone else has this appointment open; `holder` says who."""

    code = "lease_held"

    def __init__(self, message: str, holder: Holder):
        super().__init__(message)
        self.holder = holder


class ReadOnly(StoreRefused):
    """This journal was opened for reading only."""

    code = "read_only"


class Unreachable(StoreRefused):
    """The team's database cannot be reached just now (booking and reading need it)."""

    code = "unreachable"


class JournalUnavailable(InputError):
    """The journal cannot be opened at all: a clear message, exit status 2."""


class Store(Protocol):
    """What the workflow needs from storage. Every write is durable when the call returns."""

    source: str
    read_only: bool

    def create_session(self, session_id: str, created: datetime, choice_clinician: str | None, team: str) -> None: ...

    def append(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> int: ...

    def events(self, session_id: str) -> list[Event]: ...

    def list_sessions(self) -> list[SessionSummary]: ...

    def book(self, session_id: str, clinician: str, slot: datetime) -> int: ...

    def release(self, session_id: str) -> bool: ...

    def booking_of(self, session_id: str) -> tuple[str, datetime] | None: ...

    def booked_slots(self, clinician: str) -> set[datetime]: ...

    def team_bookings(self) -> list[Booking]: ...

    def team_sessions(self) -> list[dict[str, Any]]: ...

    def acquire(self, session_id: str) -> Holder: ...

    def renew(self, session_id: str) -> Holder: ...

    def release_lease(self, session_id: str) -> None: ...

    def holder(self, session_id: str) -> Holder | None: ...

    def unsaved(self) -> int: ...

    def save_state(self) -> dict[str, Any]: ...

    def retry(self) -> int: ...

    def set_aside(self, session_id: str | None = None) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...
