"""The command palette (ctrl+p): jump to a stage, open or start an appointment, export, help, theme."""

from __future__ import annotations

from typing import Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], object]]


class AssistantCommands(Provider):
    """Every palette entry of the assistant; the appointment's own entries only on an appointment screen."""

    def entries(self) -> Iterator[Command]:
        app, screen = self.app, self.screen
        appointment = getattr(screen, "appointment", None)
        if appointment is not None:
            from choice_assistant.appointment import STAGE_IDS, STAGE_TITLES

            view = appointment.view()
            locked = screen.lock_reasons()
            for stage in STAGE_IDS:
                if stage == view.stage:
                    continue
                reason = locked[stage]
                yield (f"Go to: {STAGE_TITLES[stage]}", f"locked: {reason}" if reason else "jump to this stage",
                       lambda s=stage: screen.go_to(s))
            yield ("Details (ctrl+r)", "date of birth, NHS number, address; family addresses; the referrer and why they "
                   "referred; the GP; communication needs", screen.action_details)
            if view.stage == "choice_point":  # the clinician's decisions, kept out of the footer
                yield ("No Partnership work needed (f8)", "Choice Point: no more work with the team; on to the letters",
                       lambda: screen.move("no_partnership"))
                yield ("A further Choice appointment (f9)", "Choice Point: Choice Plus, e.g. someone important could not come",
                       lambda: screen.move("choice_plus"))
            yield ("Choice clinician", "record who is running this Choice appointment", screen.choose_clinician)
            yield ("Export this session", "write it as a YAML session export in the data folder", screen.export_session)
            if view.stage in ("letters", "closed"):
                yield ("Export for the record (FHIR)", "write a FHIR R4 bundle for the electronic patient record in the "
                       "data folder's exports/ (no private notes)", screen.export_fhir)
            yield ("Help for this stage", "why CAPA has this stage, and the keys", screen.action_help)
        if getattr(app, "training", None) is None:
            yield ("New appointment", "start a new Choice appointment at the introduction", app.new_appointment)
            yield ("Open a session", "resume an unfinished appointment or start a new one",
                   lambda: app.ask_start(app.unfinished(), closable=True))
        if hasattr(app, "show_team"):
            yield ("Team view", "where skills are scarce, free capacity by week, how allocation is going", app.show_team)
        yield ("Light or dark theme", "switch between the light and dark themes", app.action_toggle_theme)

    async def discover(self) -> Hits:
        for name, help_text, callback in self.entries():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.entries():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
