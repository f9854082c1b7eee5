"""The bundled demo team, with its Partnership slots moved to the weeks ahead of today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from choice_assistant.register.load import load_register
from choice_assistant.register.model import Register
from choice_assistant.resources import demo_register_path


def weeks_behind(register: Register, today: date) -> int:
    """How many whole weeks the register's earliest slot week lies behind this week (0 if not behind)."""
    slots = [s for c in register.clinicians for s in c.partnership_slots]
    if not slots:
        return 0
    first = min(slots).date()
    first_monday = first - timedelta(days=first.weekday())
    this_monday = today - timedelta(days=today.weekday())
    return max(0, (this_monday - first_monday).days // 7)


def follow_today(register: Register, today: date | None = None) -> Register:
    """Move every slot forward by whole weeks (same weekday and time, venues kept) so that the demo
    team's diary starts this week: a demo opened months after it was written still has free slots."""
    weeks = weeks_behind(register, today or date.today())
    if weeks == 0:
        return register
    shift = timedelta(weeks=weeks)
    for c in register.clinicians:
        venues = {s + shift: v for s, v in c._venues.items()}
        c.partnership_slots = sorted(s + shift for s in c.partnership_slots)
        c._venues = venues
    return register


def load_demo_register(today: date | None = None) -> Register:
    """The bundled demo team's register, its diary following today's date."""
    return follow_today(load_register(demo_register_path()), today)


def is_demo_file(path: str | Path) -> bool:
    """Whether the path is the bundled demo team's own file."""
    try:
        return Path(path).resolve() == demo_register_path().resolve()
    except (OSError, FileNotFoundError):
        return False


def load_team_register(path: str | Path | None, today: date | None = None) -> Register:
    """A team's register as written; the bundled demo team (no path, or its own file) with its diary following today,
    exactly as the assistant's screens show it."""
    if path is None or is_demo_file(path):
        return load_demo_register(today)
    return load_register(path)
