"""The start screen's data: unfinished appointments, and who runs new ones on this computer."""

from __future__ import annotations

import json

SETTINGS_FILE = "assistant.json"


def unfinished_rows(store, titles: dict[str, str]) -> list[dict]:
    """One row per unfinished appointment in the journal, newest first."""
    return [
        {
            "id": s.id,
            "name": s.young_person,
            "stage_title": titles.get(s.stage, s.stage),
            "changed": f"{s.last_change.astimezone():%a %d %b %H:%M}",
        }
        for s in store.list_sessions()
        if not s.finished
    ]


def _settings_path():
    from choice_assistant.resources import data_dir

    return data_dir() / SETTINGS_FILE


def _settings() -> dict:
    try:
        data = json.loads(_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_clinician(register) -> str | None:
    """The Choice clinician picked last time for this team, if still in its register."""
    cid = _settings().get("clinician", {}).get(register.team)
    return cid if isinstance(cid, str) and register.clinician(cid) is not None else None


def remember_clinician(register, clinician: str) -> None:
    data = _settings()
    by_team = data.get("clinician") if isinstance(data.get("clinician"), dict) else {}
    by_team[register.team] = clinician
    data["clinician"] = by_team
    _settings_path().write_text(json.dumps(data, indent=2), encoding="utf-8")
