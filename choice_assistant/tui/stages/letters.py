"""Letters: who gets a copy, a preview of the family's letter with its checks, and saving."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Markdown, Static

from .base import StagePane


class Pane(StagePane):
    stage = "letters"
    main_id = "f-ref-name"
    BINDINGS = [Binding("f5", "save_letters", "Save letters")]

    def fields(self, session) -> ComposeResult:
        ref = session.referrer
        yield Static("Referrer (for the copy letter): name - role - organisation", classes="label")
        with Horizontal():
            yield Input(ref.name if ref else "", placeholder="name", id="f-ref-name")
            yield Input(ref.role or "" if ref else "", placeholder="role, e.g. GP", id="f-ref-role")
            yield Input(ref.organisation or "" if ref else "", placeholder="organisation", id="f-ref-org")
        yield Checkbox("The family agree to a copy for the referrer", session.consent.copy_to_referrer, id="f-copy-ref")
        yield Checkbox("The family agree to a copy for their GP", session.consent.copy_to_gp, id="f-copy-gp")
        yield Static(id="checks", classes="hint", markup=False)
        preview = Markdown(id="preview")
        preview.border_title = "The family's letter (f5 saves it)"
        yield preview

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink
        self.show_letter()

    def letter(self, to: str = "family"):
        from ...letters import build_letter

        appt = self.appointment
        return build_letter(appt.export(), self.register, to, today=appt.now().date())

    def show_letter(self) -> None:
        from ...errors import InputError
        from ...letters import quality_gate

        try:
            letter = self.letter()
        except InputError as exc:
            self.query_one("#preview", Markdown).update(f"The letter cannot be written yet: {exc}")
            self.query_one("#checks", Static).update("")
            return
        self.query_one("#preview", Markdown).update(letter.markdown)
        warnings = [g.message for g in quality_gate(letter) if not g.ok]
        self.query_one("#checks", Static).update("\n".join(f"Check: {w}" for w in warnings) if warnings else "All letter checks pass.")

    def save_pending(self) -> None:
        appt = self.appointment
        session = appt.export()
        name = self.query_one("#f-ref-name", Input).value.strip()
        ref = {"name": name, "role": self.query_one("#f-ref-role", Input).value.strip() or None,
               "organisation": self.query_one("#f-ref-org", Input).value.strip() or None} if name else None
        was = session.referrer.model_dump() if session.referrer else None
        changed = False
        if ref != was:
            changed = bool(self.record(appt.set_referrer, ref))
        consent = {"copy_to_referrer": self.query_one("#f-copy-ref", Checkbox).value, "copy_to_gp": self.query_one("#f-copy-gp", Checkbox).value}
        if consent != session.consent.model_dump():
            changed = bool(self.record(appt.set_consent, **consent)) or changed
        if changed:
            self.show_letter()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.save_pending()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_pending()
        self.screen.focus_next()

    def action_save_letters(self) -> None:
        """Save the family's letter (and the referrer's copy when agreed) in the data folder."""
        from ...errors import InputError
        from ...letters import default_letter_path

        self.save_pending()
        self.screen.save_now()
        session = self.appointment.export()
        saved = []
        for to in ("family", "referrer"):
            if to == "referrer" and not (session.referrer and session.consent.copy_to_referrer):
                continue
            try:
                letter = self.letter(to)
                for fmt in ("md", "html"):
                    saved.append(letter.write(default_letter_path(session, to, fmt), fmt, force=True))
            except InputError as exc:
                self.app.notify(str(exc), severity="warning", timeout=8)
        if saved:
            self.app.notify("Saved: " + ", ".join(p.name for p in saved) + f" in {saved[0].parent}", timeout=8)
