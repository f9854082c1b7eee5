"""What the assistant remembers on this computer between appointments: who runs Choice for each team."""

from __future__ import annotations

import json
import os
from pathlib import Path

from choice_assistant.resources import data_dir

SETTINGS_FILE = "assistant.json"


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def _read() -> dict:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_clinician(register) -> str | None:
    """The Choice clinician picked last time for this team, if still in its register."""
    by_team = _read().get("clinician")
    cid = by_team.get(register.team) if isinstance(by_team, dict) else None
    return cid if isinstance(cid, str) and register.clinician(cid) is not None else None


def remember_clinician(register, clinician: str) -> None:
    """Remember who runs Choice appointments for this team on this computer (a private file)."""
    data = _read()
    by_team = data.get("clinician") if isinstance(data.get("clinician"), dict) else {}
    by_team[register.team] = clinician
    data["clinician"] = by_team
    path = settings_path()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)
    except OSError:
        pass  # remembering is a convenience: the appointment itself is already recorded
