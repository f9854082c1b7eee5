"""A cheap read-only view of an appointment as it stands, rebuilt only when something was recorded."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from choice_assistant.appointment.limits import Over, over_limits
from choice_assistant.appointment.session import Session
from choice_assistant.appointment.stages import STAGE_IDS


@dataclass(frozen=True)
class AppointmentView:
    """What the screens show: the export, where the appointment stands, and why stages are locked."""

    revision: int
    session: Session
    stage: str
    reached: tuple[str, ...]
    missing: tuple[str, ...]  # what the next move still needs, in plain words
    locked: Mapping[str, str | None]  # stage -> why it cannot be opened yet (None: it can)
    phrases_said: Mapping[str, bool]
    over: tuple[Over, ...] = ()  # parts past their limits (a record written before they were checked as typed)


def build_view(appointment) -> AppointmentView:
    session = appointment.export()
    return AppointmentView(
        revision=appointment.revision,
        session=session,
        stage=appointment.state,
        reached=tuple(appointment.reached),
        missing=tuple(appointment.missing("next")),
        locked=MappingProxyType({s: appointment.locked_reason(s) for s in STAGE_IDS}),
        phrases_said=MappingProxyType(appointment.phrases_said),
        over=tuple(over_limits(session)),
    )
