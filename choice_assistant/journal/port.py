"""The Store port: what the appointment needs from a journal, whatever holds it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


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


class SlotTaken(Exception):
    """The slot was booked by another session (possibly a moment ago, on another computer)."""


class Store(Protocol):
    """What the workflow needs from storage. Every write is durable when the call returns."""

    source: str

    def create_session(self, session_id: str, created: datetime, choice_clinician: str | None, team: str) -> None: ...

    def append(self, session_id: str, kind: str, payload: dict[str, Any], summary: dict[str, Any] | None = None) -> int: ...

    def events(self, session_id: str) -> list[Event]: ...

    def list_sessions(self) -> list[SessionSummary]: ...

    def book(self, session_id: str, clinician: str, slot: datetime) -> int: ...

    def release(self, session_id: str) -> bool: ...

    def booking_of(self, session_id: str) -> tuple[str, datetime] | None: ...

    def booked_slots(self, clinician: str) -> set[datetime]: ...

    def close(self) -> None: ...
