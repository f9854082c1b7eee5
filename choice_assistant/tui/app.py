"""The Textual application: start-up (resume or new), the appointment screen, keys and palette."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path
from typing import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from choice_assistant.register.model import Register
from choice_assistant.tui.messages import FieldEdited, Recorded, StageChosen
from choice_assistant.tui.widgets.fields import Field
from choice_assistant.tui.widgets.progress import StageList
from choice_assistant.tui.widgets.side import SidePane
from choice_assistant.tui.widgets.tone import ToneHint


class AppointmentScreen(Screen[None]):
    """One appointment: stage list, the current stage's pane, and what is agreed so far."""

    BINDINGS = [
        Binding("ctrl+n", "next", "Next stage", priority=True),
        # Practice only, first so a narrow footer still shows them.
        Binding("f3", "why", "Why this matters", priority=True),
        Binding("f6", "say", "Say to family", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+g", "toggle_side", "Agreed"),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("escape", "leave_say", "Back to the fields"),
        # The Choice Point's own keys, also from outside its pane (as from the "say to the family" field).
        Binding("f8", "choice_point('no_partnership')", "No Partnership needed", priority=True),
        Binding("f9", "choice_point('choice_plus')", "Choice Plus", priority=True),
    ]
    PRACTICE_ONLY = {"why", "say", "leave_say"}

    def __init__(self, appointment, training=None) -> None:
        super().__init__()
        self.appointment = appointment
        self.training = training  # a TrainingRun when practising with a simulated family
        self._stale = False
        self.pane = None  # the current stage's pane, once it is fully mounted

    @property
    def register(self) -> Register:
        return self.appointment.register

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield StageList(id="stages")
            with Vertical(id="main"):
                yield Vertical(id="stage-holder")
                if self.training is not None:
                    say = Field(placeholder="Type what you say to the family, then Enter", id="say-input")
                    say.border_title = "Practice: say to the family (f6)"
                    yield say
                    yield Static(id="family-says", markup=False)
                yield ToneHint(id="tone")
                yield Static(id="guard", markup=False)
            side = SidePane(id="side")
            side.border_title = "Agreed so far"
            yield side
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#tone").display = False
        self.query_one("#guard").display = False
        self.set_interval(0.5, self.save_tick)
        await self.show_stage()

    # -- showing -----------------------------------------------------------------------

    async def show_stage(self) -> None:
        """Mount the current stage's pane and put the focus in its main field."""
        from choice_assistant.tui.stages import pane_for

        holder = self.query_one("#stage-holder")
        self.pane = None
        await holder.remove_children()
        pane = pane_for(self.appointment.state)(self.appointment)
        await holder.mount(pane)
        self.query_one(ToneHint).display = False
        self.refresh_views(say=False)
        pane.focus_main()
        self.pane = pane
        self.refresh_bindings()  # the footer's keys depend on the stage
        # The wording needs the template engine: render it just after the first paint.
        self.call_after_refresh(pane.show_say)
        if self.training is not None:
            self.training.open_stage()
            self.refresh_views(say=False)
            self.show_latest_reply()
            if self.appointment.state == "closed":
                self.show_report()

    def refresh_views(self, say: bool = True) -> None:
        """Redraw the progress list, the side pane, the title and (with `say`) the stage's wording."""
        from choice_assistant.appointment import STAGE_TITLES, STAGE_IDS

        appt = self.appointment
        session = appt.export()
        locked = {s: appt.locked_reason(s) for s in STAGE_IDS}
        stages = self.query_one(StageList)
        stages.show(STAGE_IDS, STAGE_TITLES, appt.state, locked)
        me = self.register.clinician(session.choice_clinician) if session.choice_clinician else None
        stages.border_subtitle = f"with {me.name}" if me else ""
        conversation = self.training.transcript if self.training is not None else None
        self.query_one(SidePane).show(session, self.register, {o.id: o.title for o in appt.catalogue.values()}, conversation)
        if say and self.pane is not None:
            self.pane.show_say()
        who = session.young_person.name if session.young_person else "New appointment"
        # The team comes first, so a narrow terminal never cuts it off.
        self.title = self.app.sub_title
        self.sub_title = f"{who} - {STAGE_TITLES[appt.state]}"
        self._stale = False

    def say_guard(self, problems: list[str]) -> None:
        guard = self.query_one("#guard", Static)
        guard.display = bool(problems)
        guard.update("Not yet: " + "; ".join(problems) if problems else "")

    # -- practice ----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "say-input" and self.training is not None:
            event.stop()
            self.training.say(event.value)
            event.input.value = ""
            self.refresh_views(say=False)
            self.show_latest_reply()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "say-input":
            self.query_one(ToneHint).check(event.value)

    def show_latest_reply(self) -> None:
        """Keep the family's latest words in view: at the end of the conversation pane, and under the
        "say to the family" field when the screen is too narrow for that pane."""
        self.query_one(SidePane).scroll_end(animate=False, immediate=False)
        latest = next((line.text for line in reversed(self.training.transcript) if line.who == "family"), "")
        self.query_one("#family-says", Static).update(f"Family: {latest}" if latest else "")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "choice_point":
            return self.appointment.state == "choice_point"
        if action == "leave_say":
            return self.focused is not None and self.focused.id == "say-input"
        return self.training is not None or action not in self.PRACTICE_ONLY

    async def action_choice_point(self, trigger: str) -> None:
        await self.move(trigger)

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
        path = save_report(report, now=self.appointment.now())
        self.app.push_screen(ReadingScreen(report_page(report, path)))

    # -- recording ---------------------------------------------------------------------

    def on_field_edited(self, event: FieldEdited) -> None:
        from choice_assistant.appointment import WorkflowError

        try:
            self.appointment.set_text(event.field, event.value)
        except WorkflowError as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        self._stale = True
        self.query_one(ToneHint).check(event.value)

    def set_choice_clinician(self, clinician: str | None) -> None:
        """Record who is running this appointment, and remember them on this computer for the next one."""
        from textual.widgets import Select

        from choice_assistant.appointment import WorkflowError
        from choice_assistant.tui.sessions import remember_clinician

        if clinician is None or clinician == self.appointment.session.choice_clinician:
            return
        try:
            self.appointment.set_choice_clinician(clinician)
        except WorkflowError as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        remember_clinician(self.register, clinician)
        for shown in self.query("#f-clinician").results(Select):
            with shown.prevent(Select.Changed):
                shown.value = clinician
        self.refresh_views()

    def on_recorded(self, event: Recorded) -> None:
        self.say_guard([])
        self.refresh_views()

    def save_tick(self) -> None:
        """Every half second: write typing that has settled, and redraw what it changed."""
        self.pending_fields()
        self.appointment.flush_due()
        if self._stale:
            self.refresh_views()

    def save_now(self) -> None:
        """Write everything typed so far to the journal."""
        self.pending_fields()
        self.appointment.flush()

    def pending_fields(self) -> None:
        if self.pane is not None and self.appointment.state != "closed":
            self.pane.save_pending()

    def on_descendant_blur(self) -> None:
        self.save_now()

    # -- moving ------------------------------------------------------------------------

    async def move(self, trigger: str) -> None:
        """Fire a workflow trigger after saving; say what is missing when its guard refuses."""
        self.save_now()
        appt = self.appointment
        problems = appt.missing(trigger)
        if problems or not getattr(appt, trigger)():
            self.say_guard(problems or ["this move is not possible from here"])
            self.app.bell()
            return
        self.say_guard([])
        await self.show_stage()

    async def action_next(self) -> None:
        await self.move("next")

    async def action_back(self) -> None:
        await self.move("back")

    async def on_stage_chosen(self, event: StageChosen) -> None:
        appt = self.appointment
        if event.stage == appt.state:
            return
        self.save_now()
        reason = appt.locked_reason(event.stage)
        if reason or not appt.goto(event.stage):
            self.say_guard([reason or "that stage cannot be opened from here"])
            self.app.bell()
            return
        self.say_guard([])
        await self.show_stage()

    def action_save(self) -> None:
        self.save_now()
        self.refresh_views()
        self.notify("Saved.", timeout=2)

    def action_toggle_side(self) -> None:
        self.toggle_class("-flip-side")

    def action_help(self) -> None:
        from choice_assistant.wording.stage_prompts import help_text
        from choice_assistant.appointment import STAGE_TITLES
        from choice_assistant.tui.help import HelpScreen

        stage = self.appointment.state
        why = help_text(stage)
        if self.training is not None:
            why += "\n\n**Coach:** " + self.training.why()
        self.app.push_screen(HelpScreen(STAGE_TITLES[stage], why))

    def on_unmount(self) -> None:
        self.appointment.flush()


class ChoiceAssistantApp(App[None]):
    """The assistant for a live Choice appointment, on one team's skill register.

    `now` fixes the clock (tests, training); `store_path` picks the journal file;
    `session_id` opens that saved appointment at once; `clinician` is who runs new
    appointments (otherwise the one chosen last time on this computer, if any: the
    introduction asks);
    `training` (a scenario, or a list to pick from) runs a practice appointment instead.
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Choice assistant"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+t", "toggle_theme", "Theme"),
    ]

    def __init__(
        self,
        register: Register | None = None,
        register_path: Path | None = None,
        demo: bool = False,
        *,
        store_path: Path | None = None,
        now: datetime | None = None,
        session_id: str | None = None,
        clinician: str | None = None,
        training=None,
        cursor_blink: bool = True,
        **kwargs,
    ) -> None:
        # Modules, the checked register and the like live as long as the app: keep the cycle
        # collector from scanning them again and again while the first screen is built.
        gc.freeze()
        super().__init__(**kwargs)
        if register is None:  # no register given: the bundled demo team, and the screen says so
            from choice_assistant.register.load import load_register
            from choice_assistant.resources import demo_register_path

            register_path, demo = demo_register_path(), True
            register = load_register(register_path)
        self.register = register
        self.register_path = register_path
        self.demo = demo
        self.store_path = store_path
        self.now = now
        self.session_id = session_id
        self.clinician = clinician
        self.training = training  # a Scenario, or a list to pick from: practice instead of real work
        self.cursor_blink = cursor_blink
        self.store = None
        self.theme = "textual-dark"

    @property
    def team_label(self) -> str:
        return f"Team: {self.register.team}" + (" - bundled demo team" if self.demo else "")

    @property
    def team_line(self) -> str:
        if self.demo:
            return (f"Team: {self.register.team}. This is the bundled demo team; "
                    "open your own team's register with: choice-assistant --register PATH")
        return f"Team: {self.register.team}"

    def on_mount(self) -> None:
        from choice_assistant.journal.sqlite import SqliteStore

        self.sub_title = self.team_label
        self.store = SqliteStore.open(self.store_path)
        if not self.is_headless:
            self.save_on_hangup()
        if self.training is not None:
            self.start_training()
            return
        if self.session_id:
            self.open_session(self.session_id)
            return
        rows = self.unfinished()
        if rows:
            self.ask_start(rows)
        else:
            self.open_session(None)

    def save_on_hangup(self) -> None:
        """A closed terminal window or a stop signal writes everything typed before the app ends."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for sig in (getattr(signal, "SIGHUP", None), signal.SIGTERM):
            if sig is not None:
                try:
                    loop.add_signal_handler(sig, self.save_and_exit)
                except (NotImplementedError, RuntimeError, ValueError):
                    pass  # platforms without these signals still save every half second

    def save_all(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, AppointmentScreen):
                screen.save_now()

    def save_and_exit(self) -> None:
        self.save_all()
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        # Whatever went wrong, write what was typed before the app stops.
        try:
            self.save_all()
        finally:
            super()._handle_exception(error)

    def unfinished(self) -> list[dict]:
        """Unfinished appointments, newest first, as rows for the start screen."""
        from choice_assistant.appointment import STAGE_TITLES
        from choice_assistant.tui.sessions import unfinished_rows

        return unfinished_rows(self.store, STAGE_TITLES)

    def ask_start(self, rows: list[dict], closable: bool = False) -> None:
        from choice_assistant.tui.start import StartScreen

        self.push_screen(StartScreen(rows, self.team_line, closable), self.open_session)

    def open_session(self, picked: str | None) -> None:
        """Open a saved session by id; None or NEW starts a new appointment."""
        from choice_assistant.tui.start import NEW

        if picked in (None, NEW):
            self.new_appointment()
            return
        from choice_assistant.appointment import Appointment

        appointment = Appointment.resume(self.store, picked, self.register, now=self.now)
        recorded_for = appointment.record.team
        if recorded_for and recorded_for != self.register.team:
            self.notify(f"This appointment was recorded with {recorded_for}'s register, but {self.register.team}'s is open: "
                        "who can be seen and booked comes from the open register.", severity="warning", timeout=12)
        self.show_appointment(appointment)

    def new_appointment(self) -> None:
        """Start a new appointment at the introduction, for the Choice clinician known on this computer, if any."""
        from choice_assistant.appointment import Appointment
        from choice_assistant.tui.sessions import remembered_clinician

        cid = self.clinician or remembered_clinician(self.register)
        self.show_appointment(Appointment.new(self.store, self.register, cid, now=self.now))

    def start_training(self, scenario=None) -> None:
        """Practice: pick a scenario if several, read its briefing, then run it with the simulated family."""
        from choice_assistant.training.practice import TrainingRun, briefing
        from choice_assistant.tui.training import ReadingScreen, ScenarioScreen, briefing_page

        scenario = scenario or self.training
        if isinstance(scenario, list):
            self.sub_title = f"Practice - {self.team_label}"
            self.push_screen(ScenarioScreen(scenario, self.team_line), self.start_training)
            return
        self.sub_title = f"Practice: {scenario.title} - {self.team_label}"
        run = TrainingRun.start(scenario, self.register, self.store, now=self.now)
        self.show_appointment(run.appointment, training=run)
        self.push_screen(ReadingScreen(briefing_page(briefing(scenario, self.register))))

    def show_appointment(self, appointment, training=None) -> None:
        screen = AppointmentScreen(appointment, training)
        if isinstance(self.screen, AppointmentScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    async def action_quit(self) -> None:
        self.save_and_exit()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from choice_assistant.tui.commands import commands

        yield from commands(self, screen)
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        gc.unfreeze()
        if self.store is not None:
            self.store.close()
