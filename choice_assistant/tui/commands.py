"""Command palette entries (ctrl+p): jump to a stage, open a session, export, help."""

from __future__ import annotations

from typing import Iterable

from textual.app import SystemCommand
from textual.screen import Screen

from choice_assistant.tui.messages import StageChosen


def commands(app, screen: Screen) -> Iterable[SystemCommand]:
    from choice_assistant.tui.app import AppointmentScreen

    if isinstance(screen, AppointmentScreen):
        from choice_assistant.appointment import STAGE_TITLES, STAGE_IDS

        appt = screen.appointment
        for stage in STAGE_IDS:
            if stage not in STAGE_TITLES or stage == appt.state:
                continue
            reason = appt.locked_reason(stage)
            yield SystemCommand(
                f"Go to: {STAGE_TITLES[stage]}",
                f"locked: {reason}" if reason else "jump to this stage",
                lambda s=stage: screen.post_message(StageChosen(s)),
            )
        yield SystemCommand("Choice clinician", "record who is running this Choice appointment", lambda: choose_clinician(app, screen))
        yield SystemCommand("Export this session", "write it as a YAML session export in the data folder", lambda: export(app, screen))
        yield SystemCommand("Help for this stage", "why CAPA has this stage, and the keys", screen.action_help)
    yield SystemCommand("Open a session", "resume an unfinished appointment or start a new one", lambda: app.ask_start(app.unfinished(), closable=True))
    yield SystemCommand("Light or dark theme", "switch between the light and dark themes", app.action_toggle_theme)


def export(app, screen) -> None:
    """Write the open session's export (as `sessions export` writes it) in the data folder and say where."""
    from choice_assistant.appointment import session_to_yaml
    from choice_assistant.errors import InputError
    from choice_assistant.files import unused_path, write_new_file
    from choice_assistant.resources import data_dir

    screen.save_now()
    session = screen.appointment.export()
    try:
        path = write_new_file(unused_path(data_dir() / "exports" / f"session-{session.session}.yaml"),
                              session_to_yaml(session), "export")
    except InputError as exc:
        app.notify(str(exc), severity="error", timeout=10)
        return
    app.notify(f"Exported to {path}", timeout=6)


def choose_clinician(app, screen) -> None:
    """Ask who is running the open appointment; record it and remember it on this computer."""
    from choice_assistant.tui.start import ClinicianScreen

    app.push_screen(ClinicianScreen(app.register, app.team_line, screen.appointment.session.choice_clinician),
                    screen.set_choice_clinician)
