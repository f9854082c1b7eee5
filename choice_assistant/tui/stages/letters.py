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
from textual.widgets import Checkbox, Input, Markdown, Static

from choice_assistant.tui.widgets.ticks import MarkedCheckbox
from choice_assistant.tui.stages.base import StagePane
from choice_assistant.tui.widgets.fields import Field

PREVIEW_DELAY = 0.4  # seconds of quiet before a preview is built, so typing is never competed with


class LettersPane(StagePane):
    stage = "letters"
    main_id = "f-copy-ref"
    BINDINGS = [Binding("f5", "save_letters", "Save letters")]

    def fields(self, session) -> ComposeResult:
        from choice_assistant.letters.people import elsewhere

        yield Static(id="lacks", classes="hint", markup=False)
        yield MarkedCheckbox("The family agree to a copy for the referrer", session.consent.copy_to_referrer, id="f-copy-ref")
        yield MarkedCheckbox("The family agree to a copy for their GP", session.consent.copy_to_gp, id="f-copy-gp")
        for i, other in enumerate(elsewhere(session)):
            yield MarkedCheckbox(f"A copy of the family's letter for {other.member}, at their own address", False,
                                 id=f"f-own-{i}", name=other.member)
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
        self.show_lacks()
        self.show_letter()

    def recorded_elsewhere(self) -> None:
        self.show_lacks()
        self.show_letter()

    def recipients(self, session) -> list[tuple[str, str | None]]:
        """Each letter to write: (to, family member for a separate copy); a copy only with the family's consent."""
        from choice_assistant.letters.people import referrer_is_gp
        from choice_assistant.letters.postable import refusal

        out: list[tuple[str, str | None]] = [("family", None)]
        out += [("family", box.name) for box in self.query("Checkbox") if (box.id or "").startswith("f-own-") and box.value]
        if refusal(session, "referrer") is None:
            out.append(("referrer", None))
        if refusal(session, "gp") is None and not referrer_is_gp(session):  # a GP who referred gets the referrer letter
            out.append(("gp", None))
        return out

    def show_lacks(self) -> None:
        """Say plainly, before anything is written, what each letter still lacks, and the key that fixes it."""
        from choice_assistant.letters.postable import CODES, missing

        session = self.appointment.view().session
        lines = []
        for to, member in self.recipients(session):
            gaps = [m for m in missing(session, to, member) if m.code != "consent_missing"]
            if gaps:
                whose = {"family": f"{member}'s copy" if member else "Family letter", "referrer": "Referrer letter",
                         "gp": "GP letter"}[to]
                blocking = "; ".join(CODES[m.code] for m in gaps if m.blocks)
                rest = "; ".join(CODES[m.code] for m in gaps if not m.blocks)
                words = (f"cannot be sent yet: {blocking}" if blocking else "") + ("." if blocking and rest else "")
                words += (" Also: " if blocking and rest else "") + rest
                lines.append(f"{whose} - {words}.")
        box = self.query_one("#lacks", Static)
        box.display = bool(lines)
        box.update("Before posting (ctrl+r Details adds these):\n" + "\n".join(lines) if lines else "")

    def letter(self, to: str = "family", session=None, large_print: bool | None = None, addressee: str | None = None):
        from choice_assistant.letters import build_letter

        appt = self.appointment
        return build_letter(session or appt.view().session, self.register, to, today=appt.now().date(),
                            large_print=large_print, addressee=addressee)

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
            warnings = [g.message for g in quality_gate(letter) if not g.ok or g.check == "access"]  # access: e.g. book the interpreter
            checks = "\n".join(f"Check: {w}" for w in warnings) if warnings else "All letter checks pass."
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_preview, text, checks, generation)

    def _show_preview(self, text: str, checks: str, generation: int) -> None:
        if generation != self.preview_generation or not self.is_attached:
            return  # something changed since this preview was started: a newer one is coming
        self.query_one("#preview", Markdown).update(text)
        self.query_one("#checks", Static).update(checks)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """Consent is recorded the moment a box is ticked or cleared (an unchanged box never undoes consent recorded elsewhere)."""
        event.stop()
        field = {"f-copy-ref": "copy_to_referrer", "f-copy-gp": "copy_to_gp"}.get(event.checkbox.id or "")
        if field is not None:
            consent = self.appointment.view().session.consent.model_dump()
            if consent.get(field) != event.value:
                consent[field] = event.value
                if self.record(self.appointment.set_consent, **consent):
                    self.show_letter()
        self.show_lacks()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "f-folder":
            self.action_save_letters()
            return
        self.screen.focus_next()

    def action_save_letters(self) -> None:
        """Save every format of each letter the family agreed to (a letter that cannot be filed is not written)."""
        from choice_assistant.errors import InputError
        from choice_assistant.letters import FORMATS, quality_gate
        from choice_assistant.letters.postable import missing
        from choice_assistant.tui.served.delivery import deliver_files

        self.screen.save_now()
        session = self.appointment.view().session
        folder = Path(self.query_one("#f-folder", Input).value.strip() or letters_folder(session)).expanduser()
        large = self.query_one("#f-large", Checkbox).value
        saved, checks, refused = [], [], []
        for to, member in self.recipients(session):
            name = f"{to}-{_slug(member)}" if member else to
            if any(m.blocks for m in missing(session, to, member)):
                refused.append(f"{name.capitalize()} letter not written: it cannot be filed against the right record "
                               "yet (ctrl+r Details: date of birth or NHS number).")
                continue
            for big in ([None, True] if large else [None]):
                try:
                    letter = self.letter(to, session, large_print=big, addressee=member)
                    paths = unused_paths(folder, session, f"{name}-large-print" if big else name, FORMATS)
                    saved += [letter.write(path, fmt) for fmt, path in paths.items()]
                except InputError as exc:
                    self.app.notify(str(exc), severity="warning", timeout=10, markup=False)
                    break
                if big is None:
                    checks += [f"{name.capitalize()} letter: {g.message}" for g in quality_gate(letter) if not g.ok]
        shown = self.query_one("#saved", Static)
        shown.display = bool(saved or refused)
        where = f"Saved in {saved[0].parent}: " + ", ".join(p.name for p in saved) if saved else ""
        shown.update("\n".join(filter(None, [where, *refused])))
        if saved:
            self.query_one("#checks", Static).update("\n".join(f"Check: {c}" for c in checks) if checks else "All letter checks pass.")
            self.app.notify(f"Saved {len(saved)} letter files in {saved[0].parent}.", timeout=8, markup=False)
            deliver_files(self.app, saved, "letters")  # served: the browser downloads them too


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "copy"


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
