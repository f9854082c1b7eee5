"""Letters: who gets a copy, a preview of the family's letter with its checks, and saving every format.

The preview (a whole letter, and a PDF to count its pages) is built in a worker thread, never
on the screen's own thread: what is typed and ticked is recorded first, and a preview that a
newer change has made stale is dropped.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Markdown, Static

from choice_assistant.tui.widgets.ticks import MarkedCheckbox
from choice_assistant.tui.stages.base import StagePane
from choice_assistant.tui.widgets.fields import Field

PREVIEW_DELAY = 0.4  # seconds of quiet before a preview is built, so typing is never competed with


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
        yield MarkedCheckbox("Large print as well (16 pt, for a reader who needs it)", False, id="f-large")
        yield Static("Save the letters in this folder (f5 saves md, html, docx and pdf; nothing is overwritten)", classes="label")
        yield Field("", placeholder="letters/ in the data folder, unless you type another folder", id="f-folder")
        yield Static(id="saved", classes="note", markup=False)
        yield Static("Checking the letter...", id="checks", classes="hint", markup=False)
        preview = Markdown(id="preview")
        preview.border_title = "The family's letter (f5 saves it)"
        yield preview

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = self.app.cursor_blink
        self.query_one("#saved").display = False
        self._preview_timer = None
        self.preview_generation = 0
        self.show_letter()

    def letter(self, to: str = "family", session=None, large_print: bool = False):
        from choice_assistant.letters import build_letter

        appt = self.appointment
        return build_letter(session or appt.view().session, self.register, to, today=appt.now().date(), large_print=large_print)

    def show_letter(self) -> None:
        """Ask for a fresh preview once typing pauses; any preview being built is now stale."""
        self.preview_generation += 1
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._start_preview)

    def _start_preview(self) -> None:
        self._preview_timer = None
        if not self.is_attached:
            return
        self.build_preview(self.appointment.view().session, self.preview_generation)

    @work(thread=True, exclusive=True, group="letter-preview", exit_on_error=False)
    def build_preview(self, session, generation: int) -> None:
        """The letter and its checks, made off the screen's thread; shown only if still current."""
        from textual.worker import get_current_worker

        from choice_assistant.errors import InputError
        from choice_assistant.letters import quality_gate

        worker = get_current_worker()
        try:
            letter = self.letter(session=session)
        except InputError as exc:
            text, checks = f"The letter cannot be written yet: {exc}", ""
        else:
            text = letter.markdown
            if worker.is_cancelled:
                return
            warnings = [g.message for g in quality_gate(letter) if not g.ok]
            checks = "\n".join(f"Check: {w}" for w in warnings) if warnings else "All letter checks pass."
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_preview, text, checks, generation)

    def _show_preview(self, text: str, checks: str, generation: int) -> None:
        if generation != self.preview_generation or not self.is_attached:
            return  # something changed since this preview was started: a newer one is coming
        self.query_one("#preview", Markdown).update(text)
        self.query_one("#checks", Static).update(checks)

    def save_pending(self) -> None:
        appt = self.appointment
        session = appt.view().session
        name = self.query_one("#f-ref-name", Input).value.strip()
        ref = {"name": name, "role": self.query_one("#f-ref-role", Input).value.strip() or None,
               "organisation": self.query_one("#f-ref-org", Input).value.strip() or None} if name else None
        was = session.referrer.model_dump(include={"name", "role", "organisation"}) if session.referrer else None
        if ref != was and self.record(appt.set_referrer, ref):
            self.show_letter()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """Consent is recorded the moment a box is ticked or cleared (an unchanged box never undoes consent recorded elsewhere)."""
        event.stop()
        if event.checkbox.id == "f-large":
            return
        self.save_pending()
        field = {"f-copy-ref": "copy_to_referrer", "f-copy-gp": "copy_to_gp"}.get(event.checkbox.id or "")
        if field is None:
            return
        consent = self.appointment.view().session.consent.model_dump()
        if consent.get(field) != event.value:
            consent[field] = event.value
            if self.record(self.appointment.set_consent, **consent):
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
        from choice_assistant.tui.served.delivery import deliver_files

        self.save_pending()
        self.screen.save_now()
        session = self.appointment.view().session
        folder = Path(self.query_one("#f-folder", Input).value.strip() or letters_folder(session)).expanduser()
        large = self.query_one("#f-large", Checkbox).value
        recipients = ["family"] + ([] if referrer_refusal(session) else ["referrer"])
        saved, checks = [], []
        for to in recipients:
            for big in ([False, True] if large else [False]):
                try:
                    letter = self.letter(to, session, large_print=big)
                    paths = unused_paths(folder, session, f"{to}-large-print" if big else to, FORMATS)
                    saved += [letter.write(path, fmt) for fmt, path in paths.items()]
                except InputError as exc:
                    self.app.notify(str(exc), severity="warning", timeout=10, markup=False)
                    break
                if not big:
                    checks += [f"{to.capitalize()} letter: {g.message}" for g in quality_gate(letter) if not g.ok]
        shown = self.query_one("#saved", Static)
        shown.display = bool(saved)
        if saved:
            shown.update(f"Saved in {saved[0].parent}: " + ", ".join(p.name for p in saved))
            self.query_one("#checks", Static).update("\n".join(f"Check: {c}" for c in checks) if checks else "All letter checks pass.")
            self.app.notify(f"Saved {len(saved)} letter files in {saved[0].parent}.", timeout=8, markup=False)
            deliver_files(self.app, saved, "letters")  # served: the browser downloads them too


def letters_folder(session) -> Path:
    """The data folder's letters/ (where the letter command saves too)."""
    from choice_assistant.letters import default_letter_path

    return default_letter_path(session, "family", "md").parent


def unused_paths(folder: Path, session, to: str, formats) -> dict[str, Path]:
    """One file per format in `folder`, named by young person and date, numbered so no existing file is touched."""
    from choice_assistant import files
    from choice_assistant.letters import letter_file_name

    base = {fmt: folder / letter_file_name(session, to, fmt) for fmt in formats}
    return dict(zip(base, files.unused_paths(base.values())))
