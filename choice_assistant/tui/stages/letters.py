"""Letters: who gets a copy, a preview of the family's letter with its checks, and saving every format."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Markdown, Static

from choice_assistant.tui.widgets.ticks import MarkedCheckbox
from choice_assistant.tui.stages.base import StagePane
from choice_assistant.tui.widgets.fields import Field


class Pane(StagePane):
    stage = "letters"
    main_id = "f-ref-name"
    BINDINGS = [Binding("f5", "save_letters", "Save letters")]

    def fields(self, session) -> ComposeResult:
        ref = session.referrer
        yield Static("Referrer (for the copy letter): name - role - organisation", classes="label")
        with Horizontal():
            yield Field(ref.name if ref else "", placeholder="name", id="f-ref-name")
            yield Field(ref.role or "" if ref else "", placeholder="role, e.g. GP", id="f-ref-role")
            yield Field(ref.organisation or "" if ref else "", placeholder="organisation", id="f-ref-org")
        yield MarkedCheckbox("The family agree to a copy for the referrer", session.consent.copy_to_referrer, id="f-copy-ref")
        yield MarkedCheckbox("The family agree to a copy for their GP", session.consent.copy_to_gp, id="f-copy-gp")
        yield Static("Save the letters in this folder (f5 saves md, html, docx and pdf; nothing is overwritten)", classes="label")
        yield Field("", placeholder="letters/ in the data folder, unless you type another folder", id="f-folder")
        yield Static(id="saved", classes="note", markup=False)
        yield Static(id="checks", classes="hint", markup=False)
        preview = Markdown(id="preview")
        preview.border_title = "The family's letter (f5 saves it)"
        yield preview

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink
        self.query_one("#saved").display = False
        self.show_letter()

    def letter(self, to: str = "family"):
        from choice_assistant.letters import build_letter

        appt = self.appointment
        return build_letter(appt.export(), self.register, to, today=appt.now().date())

    def show_letter(self) -> None:
        from choice_assistant.errors import InputError
        from choice_assistant.letters import quality_gate

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
        if ref != was and self.record(appt.set_referrer, ref):
            self.show_letter()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """Consent is recorded when a box is ticked or cleared, so an unchanged box never undoes consent recorded elsewhere."""
        event.stop()
        self.save_pending()
        consent = {"copy_to_referrer": self.query_one("#f-copy-ref", Checkbox).value,
                   "copy_to_gp": self.query_one("#f-copy-gp", Checkbox).value}
        if consent != self.appointment.export().consent.model_dump() and self.record(self.appointment.set_consent, **consent):
            self.show_letter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "f-folder":
            self.action_save_letters()
            return
        self.save_pending()
        self.screen.focus_next()

    def action_save_letters(self) -> None:
        """Save every format of the family's letter (and the referrer's, when the family agreed) in the folder shown."""
        from choice_assistant.errors import InputError
        from choice_assistant.letters import FORMATS, quality_gate, referrer_refusal

        self.save_pending()
        self.screen.save_now()
        session = self.appointment.export()
        folder = Path(self.query_one("#f-folder", Input).value.strip() or letters_folder(session)).expanduser()
        recipients = ["family"] + ([] if referrer_refusal(session) else ["referrer"])
        saved, checks = [], []
        for to in recipients:
            try:
                letter = self.letter(to)
                paths = unused_paths(folder, session, to, FORMATS)
                saved += [letter.write(path, fmt) for fmt, path in paths.items()]
            except InputError as exc:
                self.app.notify(str(exc), severity="warning", timeout=10)
                break
            checks += [f"{to.capitalize()} letter: {g.message}" for g in quality_gate(letter) if not g.ok]
        shown = self.query_one("#saved", Static)
        shown.display = bool(saved)
        if saved:
            shown.update(f"Saved in {saved[0].parent}: " + ", ".join(p.name for p in saved))
            self.query_one("#checks", Static).update("\n".join(f"Check: {c}" for c in checks) if checks else "All letter checks pass.")
            self.app.notify(f"Saved {len(saved)} letter files in {saved[0].parent}.", timeout=8)


def letters_folder(session) -> Path:
    """The data folder's letters/ (where the letter command saves too)."""
    from choice_assistant.letters import default_letter_path

    return default_letter_path(session, "family", "md").parent


def unused_paths(folder: Path, session, to: str, formats) -> dict[str, Path]:
    """One file per format in `folder`, named as in the data folder, numbered so no existing file is touched."""
    from choice_assistant.letters import default_letter_path

    names = {fmt: default_letter_path(session, to, fmt).name for fmt in formats}
    n = 1
    while True:
        suffix = "" if n == 1 else f"-{n}"
        paths = {fmt: folder / f"{Path(name).stem}{suffix}.{fmt}" for fmt, name in names.items()}
        if not any(p.exists() for p in paths.values()):
            return paths
        n += 1
