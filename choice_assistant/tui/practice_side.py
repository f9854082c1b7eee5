"""The practice side of the appointment screen: what the trainee says, the family's answers, the coach."""

from __future__ import annotations

from functools import partial

from textual.widgets import Input, Static

from choice_assistant.errors import InputError
from choice_assistant.tui.widgets.side import SidePane


class PracticeSide:
    """Mixed into the appointment screen; active only when it was opened with a practice run (`training`)."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "say-input" and self.training is not None:
            from choice_assistant.training.meaning import ready

            event.stop()
            words = event.value
            event.input.value = ""
            if ready():
                self.say_to_family(words)
            else:  # the model is still loading: wait for it off the screen's thread
                self.query_one("#family-says", Static).update("(The family are listening...)")
                self.run_worker(partial(self._say_when_ready, words), thread=True, group="family-engine")

    def _say_when_ready(self, words: str) -> None:
        from choice_assistant.training.meaning import meaning

        try:
            meaning()
        except InputError as exc:
            self.app.call_from_thread(self.app.stop_for, exc)
            return
        self.app.call_from_thread(self.say_to_family, words)

    def say_to_family(self, words: str) -> None:
        """The trainee's words to the family, and their answer shown."""
        self.training.say(words)
        self.refresh_views(say=False)
        self.show_latest_reply()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "say-input":
            self.line("tone").check(event.value)

    def show_latest_reply(self) -> None:
        """Keep the family's latest words in view: at the end of the conversation pane, and under the
        "say to the family" field when the screen is too narrow for that pane."""
        self.query_one(SidePane).scroll_end(animate=False, immediate=False)
        latest = next((line.text for line in reversed(self.training.transcript) if line.who == "family"), "")
        self.query_one("#family-says", Static).update(f"Family: {latest}" if latest else "")

    def action_say(self) -> None:
        self.query_one("#say-input").focus()

    def action_leave_say(self) -> None:
        if self.pane is not None:
            self.pane.focus_main()

    def action_why(self) -> None:
        from choice_assistant.appointment import STAGE_TITLES
        from choice_assistant.tui.help import HelpScreen

        self.app.push_screen(HelpScreen(STAGE_TITLES[self.appointment.state], "**Coach:** " + self.training.why()))

    def show_report(self) -> None:
        """At the end of practice: the coach's feedback, saved as Markdown in the training folder."""
        from choice_assistant.training.practice import save_report
        from choice_assistant.tui.training import ReadingScreen, report_page

        report = self.training.report()
        try:
            path = save_report(report)
        except (OSError, InputError) as exc:  # the report is still shown; only its saved copy is missing
            self.notify(f"The report could not be saved: {exc}", severity="warning", timeout=10, markup=False)
            path = "(not saved)"
        self.app.push_screen(ReadingScreen(report_page(report, path)))
