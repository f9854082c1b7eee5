"""The Textual application: start-up (resume or new), practice, the palette and the keys every screen shares."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from choice_assistant.errors import InputError, WorkflowError
from choice_assistant.journal.port import Store, StoreRefused
from choice_assistant.tui.batching import KeyBatches, caught_up
from choice_assistant.tui.palette import AssistantCommands
from choice_assistant.tui.screen import AppointmentScreen
from choice_assistant.tui.stopping import Stopping

__all__ = ["AppointmentScreen", "ChoiceAssistantApp"]

# What the journal may answer instead of doing a thing: each is shown as a plain message, never a crash.
JOURNAL_REFUSALS = (StoreRefused, InputError, WorkflowError)

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.register.model import Register


class ChoiceAssistantApp(App[None]):
    """The assistant for a live Choice appointment, on one team's skill register.

    The app is handed its `register` and its journal (`store`, from `journal.open_journal`), as the
    command line does; it opens neither itself. `demo` says the register is the bundled demo team
    (the screen then says so). `now` fixes the clock (tests, training); `clock` is the monotonic
    clock the typing debounce uses; `session_id` opens that saved appointment at once; `clinician`
    is who runs new appointments (otherwise the one chosen last time on this computer, if any: the
    introduction asks); `training` (a scenario, or a list to pick from) runs practice instead;
    `what_if` is the what-if file the team view's What if runs (default: `what-if.yaml` beside the
    register, or the bundled example for the demo team).
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Choice assistant"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+t", "toggle_theme", "Theme"),
    ]
    COMMANDS = {AssistantCommands}

    def __init__(
        self,
        register: Register,
        store: Store,
        *,
        demo: bool = False,
        now: datetime | None = None,
        clock=None,
        session_id: str | None = None,
        clinician: str | None = None,
        training=None,
        cursor_blink: bool = True,
        what_if: Path | None = None,
        **kwargs,
    ) -> None:
        # Modules, the checked register and the like live as long as the app: keep the cycle
        # collector from scanning them again and again while the first screen is built.
        gc.freeze()
        super().__init__(**kwargs)
        self._team_register = register  # a Register, or a RegisterToCheck read once the first screen is open
        self.input_error: InputError | None = None  # why the app stopped at once (a bad register): exit status 2
        self._opening: _Opening | None = None
        self._start_rows: list[dict] | None = None  # unfinished appointments, read once at start-up
        self.demo = demo
        self.store = store
        self.now = now
        self.clock = clock
        self.session_id = session_id
        self.clinician = clinician
        self.training = training  # a Scenario, or a list to pick from: practice instead of real work
        self.cursor_blink = cursor_blink
        self._what_if = what_if
        self.theme = "textual-dark"
        self.key_batches = KeyBatches(self)  # keys arriving faster than they can be shown go in together
        self.stopping = Stopping()  # set going by a stop signal or a closed terminal

    @property
    def register(self) -> "Register":
        """The team's checked register (read now, if it was handed over unread and is needed already)."""
        from choice_assistant.register.later import RegisterToCheck

        r = self._team_register
        return r.get() if isinstance(r, RegisterToCheck) else r

    def _register_unread(self) -> bool:
        from choice_assistant.register.later import RegisterToCheck

        return isinstance(self._team_register, RegisterToCheck) and not self._team_register.checked

    @property
    def team_label(self) -> str:
        return f"Team: {self.register.team}" + (" - bundled demo team" if self.demo else "")

    @property
    def team_line(self) -> str:
        if self.demo:
            return (f"Team: {self.register.team}. This is the bundled demo team; "
                    "open your own team's register with: choice-assistant --register PATH")
        return f"Team: {self.register.team}"

    def get_default_screen(self):
        gc.disable()  # until the first screen is shown (`_first_screen_shown`): building it makes short-lived objects only
        if self.training is None and not self.session_id and self._register_unread():
            try:
                self._start_rows = rows = self.unfinished()
            except JOURNAL_REFUSALS:
                rows = None
            if rows == []:
                # The usual start: a new appointment. Its first screen is the app's own first screen, open
                # at once; the register is read and checked (with the wording and the appointment's own
                # modules) once that screen is shown.
                self._opening = _Opening(self, new_appointment=True)
                screen = AppointmentScreen(None)
                # As push_screen would: so that, like any pushed screen, it can later be switched for another.
                screen._push_result_callback(self, None)
                return screen
        return super().get_default_screen()

    def on_mount(self) -> None:
        if not self.is_headless:
            self.save_on_hangup()
        if self.is_web:
            self.end_with_the_server()
        self.call_after_refresh(self._first_screen_shown)
        if self._opening is not None:
            self.call_after_refresh(self._opening.start)
            return
        if self._start_rows:  # the start screen opens at once too, and says the team once the register is read
            self._opening = _Opening(self, new_appointment=False)
            self.ask_start(self._start_rows, team_line="")
            self.call_after_refresh(self._opening.start)
            return
        try:
            self.sub_title = self.team_label
        except InputError as exc:
            self.stop_for(exc)
            return
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

    def _first_screen_shown(self) -> None:
        gc.enable()

    async def on_event(self, event) -> None:
        from textual import events

        handed_to = None
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.stopping.signal is not None:
                return  # keys still waiting when a stop signal came are not taken: what came before is saved
            if self.key_batches.take(event):
                return
            handed_to = self.focused
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            handed_to = self.focused
        self.key_batches.put_in()  # whatever comes next comes after the keys typed before it
        if isinstance(event, events.Key) and not event.is_forwarded and self.focused is None and self.screen_stack:
            screen = self.screen
            if isinstance(screen, AppointmentScreen) and screen.holding_keys():
                screen.hold_key(event)  # typed ahead as the program starts: handed to the name field in order
                return
        await super().on_event(event)
        if handed_to is not None:
            await caught_up(handed_to)  # the field has the key (or paste) before the keys after it are looked at

    def stop_for(self, exc: InputError) -> None:
        """Bad input found after start-up (a register that does not check out): stop, and let the command
        say why in one message with exit status 2. What was typed meanwhile was never recorded."""
        self.input_error = exc
        self.exit(return_code=2)

    def finish_opening(self) -> None:
        """Open the new appointment the first screen shows, now, waiting for the register if need be
        (before saving, moving or quitting in the first moments)."""
        if self._opening is not None:
            self._opening.finish(wait=True)

    def save_on_hangup(self) -> None:
        """A closed terminal window or a stop signal writes everything typed and ends the app within a second."""
        import asyncio
        import sys

        terminal = sys.__stdin__.fileno() if sys.__stdin__ is not None and sys.__stdin__.isatty() else None
        self.stopping.install(asyncio.get_running_loop(), self.stop_on_signal, terminal)

    def stop_on_signal(self) -> None:
        """Save what is typed, give the appointment back, and end, however many keys are still waiting."""
        self.stopping.saving.set()
        try:
            self.key_batches.put_in()
            self.save_all()
            for screen in self.screen_stack:
                if isinstance(screen, AppointmentScreen) and screen.appointment is not None:
                    screen.appointment.let_go()
            self.stopping.saved.set()
        finally:
            self.exit()

    def end_with_the_server(self) -> None:
        """Served to a browser: if the server that started this app is gone (stopped hard, crashed), save and
        end, so no appointment stays held open by an app nobody can reach."""
        import os

        server = os.getppid()

        def check() -> None:
            if os.getppid() != server:
                nowhere = os.open(os.devnull, os.O_WRONLY)
                os.dup2(nowhere, 1)  # nobody reads the screen now: drawing it must not fail on the way out
                os.close(nowhere)
                self.save_and_exit()

        self.set_interval(1.0, check)

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

    def _fatal_error(self) -> None:
        """Textual's own crash report lists local variables (a whole session among them): instead, the
        details go to a private log file and the screen says only where it is."""
        from rich.text import Text

        from choice_assistant.crash import crash_message, write_crash_log

        if isinstance(self._exception, (BrokenPipeError, ConnectionResetError)):
            # The terminal or the browser tab went away while the screen was being drawn: what was typed is
            # saved (above); this is the program's ordinary end, with no crash log.
            self._close_messages_no_wait()
            return
        try:
            path = write_crash_log(self._exception)
        except OSError:
            path = "(the log could not be written)"
        self.bell()
        self._exit_renderables.append(Text(crash_message(path)))
        self._close_messages_no_wait()

    def unfinished(self) -> list[dict]:
        """Unfinished appointments, newest first, as rows for the start screen."""
        from choice_assistant.appointment import STAGE_TITLES
        from choice_assistant.tui.start import unfinished_rows

        return unfinished_rows(self.store, STAGE_TITLES)

    def ask_start(self, rows: list[dict], closable: bool = False, team_line: str | None = None) -> None:
        from choice_assistant.tui.start import StartScreen

        line = self.team_line if team_line is None else team_line
        self.push_screen(StartScreen(rows, line, closable), self.open_session)

    def open_session(self, picked: str | None) -> None:
        """Open a saved session by id; None or NEW starts a new appointment."""
        from choice_assistant.tui.start import NEW

        self.finish_opening()  # the register, if it is still being read
        if self.input_error is not None:
            return
        if picked in (None, NEW):
            self.new_appointment()
            return
        from choice_assistant.appointment import Appointment
        from choice_assistant.journal.port import LeaseHeld, ReadOnly

        try:
            appointment = Appointment.resume(self.store, picked, self.register, now=self.now, **self._clock_kw())
        except JOURNAL_REFUSALS as exc:  # a session the journal cannot give back: say why, offer the others
            self.cannot("That appointment cannot be opened", exc)
            return
        recorded_for = appointment.record.team
        if recorded_for and recorded_for != self.register.team:
            self.notify(markup=False, message=f"This appointment was recorded with {recorded_for}'s register, but {self.register.team}'s is open: "
                        "who can be seen and booked comes from the open register.", severity="warning", timeout=12)
        try:
            appointment.hold()
        except ReadOnly as exc:  # a journal this computer may only read: look, but change nothing
            appointment.open_read_only(str(exc))
            self.show_appointment(appointment)
            return
        except LeaseHeld as exc:
            from choice_assistant.tui.start import HeldElsewhereScreen

            holder = exc.holder.describe()

            def answered(read_only: bool | None) -> None:
                if read_only:
                    appointment.open_read_only(holder)
                    self.show_appointment(appointment)
                else:
                    self.ask_start(self.unfinished(), closable=isinstance(self.screen, AppointmentScreen))

            self.push_screen(HeldElsewhereScreen(appointment.session, holder), answered)
            return
        except JOURNAL_REFUSALS as exc:
            self.cannot("That appointment cannot be opened here just now", exc)
            return
        self.show_appointment(appointment)

    def new_appointment(self) -> None:
        """Start a new appointment at the introduction, for the Choice clinician known on this computer, if any."""
        appointment = self.start_new_appointment()
        if appointment is not None:
            self.show_appointment(appointment)

    def start_new_appointment(self):
        """A new appointment, recorded and held here; None (and a message) if the journal refuses."""
        from choice_assistant.appointment import Appointment
        from choice_assistant.settings import remembered_clinician

        cid = self.clinician or remembered_clinician(self.register)
        try:
            appointment = Appointment.new(self.store, self.register, cid, now=self.now, **self._clock_kw())
            appointment.hold()  # new here, so nobody else has it
        except JOURNAL_REFUSALS as exc:  # e.g. a journal this computer may only read
            self.cannot("A new appointment cannot be started", exc)
            return None
        return appointment

    def cannot(self, what: str, exc: BaseException) -> None:
        """Say plainly why something the clinician asked for cannot be done, and offer the start screen."""
        from choice_assistant.tui.start import HeldElsewhereScreen, StartScreen

        self.notify(f"{what}: {exc}", severity="error", timeout=15, markup=False)
        if not isinstance(self.screen, (AppointmentScreen, StartScreen, HeldElsewhereScreen)):
            self.push_screen(StartScreen(self.unfinished_or_none(), self.team_line), self.open_session)

    def unfinished_or_none(self) -> list[dict]:
        try:
            return self.unfinished()
        except JOURNAL_REFUSALS:
            return []

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
        self.run_worker(self._load_family_engine, thread=True, group="family-engine")  # while the briefing is read
        try:
            run = TrainingRun.start(scenario, self.register, self.store, now=self.now)
        except JOURNAL_REFUSALS as exc:
            self.notify(f"This practice cannot be started: {exc}", severity="error", timeout=15, markup=False)
            return
        self.show_appointment(run.appointment, training=run)
        self.push_screen(ReadingScreen(briefing_page(briefing(scenario, self.register))))

    def _load_family_engine(self) -> None:
        """Load the family engine's model off the screen's thread; if it cannot load, stop and say why (status 2)."""
        from choice_assistant.training.meaning import meaning

        try:
            meaning()
        except InputError as exc:
            self.call_from_thread(self.call_after_refresh, self.stop_for, exc)  # once the screens are in place

    def _clock_kw(self) -> dict:
        return {"clock": self.clock} if self.clock is not None else {}

    def show_appointment(self, appointment, training=None) -> None:
        screen = AppointmentScreen(appointment, training)
        if isinstance(self.screen, AppointmentScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_team(self) -> None:
        """The team view (palette: Team view): the same figures as `choice-assistant team`, and its what-if."""
        from choice_assistant.team.figures import read_facts, team_figures
        from choice_assistant.tui.team import TeamScreen

        for screen in self.screen_stack:
            if isinstance(screen, AppointmentScreen):
                screen.save_now()  # the figures read the journal
        try:
            facts = read_facts(self.store, self.register)
            figures = team_figures(self.register, self.store, now=self.now, facts=facts)
        except JOURNAL_REFUSALS as exc:
            self.notify(f"The team view cannot be shown: {exc}", severity="error", timeout=15, markup=False)
            return
        self.push_screen(TeamScreen(figures, what_if=self._what_if_runner(facts)))

    @property
    def what_if_file(self) -> Path | None:
        """The what-if file the team view runs: as handed in, else beside the register, else the demo's example."""
        from choice_assistant.register.later import RegisterToCheck
        from choice_assistant.resources import examples_dir

        if self._what_if is not None:
            return self._what_if
        path = getattr(self._team_register, "path", None) if isinstance(self._team_register, RegisterToCheck) else None
        if path is not None:
            return Path(path).with_name("what-if.yaml")
        return examples_dir() / "what-if.yaml" if self.demo else None

    def _what_if_runner(self, facts: list):
        """What the team view's What if calls on its thread: the file read and checked, then the simulation."""
        register, path = self.register, self.what_if_file

        def run(progress):
            from choice_assistant.team.whatif.model import load_what_if
            from choice_assistant.team.whatif.run import run_what_if

            if path is None:
                raise InputError(None, "no what-if file: start the assistant with --register PATH and put what-if.yaml beside "
                                       "the register (see examples/what-if.yaml)")
            return run_what_if(load_what_if(path, register), register, facts, path, progress)
        return run

    async def action_quit(self) -> None:
        self.save_and_exit()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def on_unmount(self) -> None:
        self.stopping.uninstall()
        gc.enable()
        gc.unfreeze()


class _Opening:
    """The new appointment behind the first screen: the register read and checked (with the wording and
    the appointment's modules) on a thread once the screen is shown, then the appointment started and
    handed to the screen on the app's own thread."""

    def __init__(self, app: ChoiceAssistantApp, new_appointment: bool) -> None:
        import threading

        self.app = app
        self.new_appointment = new_appointment  # else the start screen is waiting for the team's name
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._error: InputError | None = None
        self._unexpected: Exception | None = None
        self._finished = False

    def start(self) -> None:
        import threading

        if self._finished or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._prepare, name="open-appointment", daemon=True)
        self._thread.start()

    def _prepare(self) -> None:
        self._load()
        try:
            self.app.call_from_thread(self.finish)  # on the app's own thread, in its context
        except RuntimeError:
            pass  # the app has already stopped

    def _load(self) -> None:
        """Read and check the register, the phrase bank and the catalogue; load the appointment's modules."""
        try:
            from choice_assistant.appointment.appointment import Appointment  # noqa: F401 - loaded here, off the screen's thread
            from choice_assistant.wording.catalogue import options_catalogue, phrase_bank

            self.app.register  # noqa: B018 - read and checked here
            phrase_bank(), options_catalogue()  # both are cached for the appointment
        except InputError as exc:
            self._error = exc
        except Exception as exc:  # noqa: BLE001 - raised again on the app's thread, where crashes are logged privately
            self._unexpected = exc
        finally:
            self._done.set()

    def finish(self, wait: bool = False) -> None:
        if self._finished:
            return
        if not self._done.is_set():
            if not wait:
                return
            if self._thread is None:
                self._load()  # asked for before the screen was even shown: read it here and now
            self._done.wait()
        self._finished = True
        app = self.app
        app._opening = None
        if self._unexpected is not None:
            raise self._unexpected
        if self._error is not None:
            app.stop_for(self._error)
            return
        if not self.new_appointment:
            from choice_assistant.tui.start import StartScreen

            app.sub_title = app.team_label
            for shown in app.screen_stack:
                if isinstance(shown, StartScreen):
                    shown.show_team(app.team_line)
            return
        screen = next((s for s in app.screen_stack if isinstance(s, AppointmentScreen) and s.appointment is None), None)
        appointment = app.start_new_appointment()
        if screen is None:
            return
        if appointment is None:  # the journal refused (the message is shown): offer the start screen instead
            app.call_after_refresh(app.ask_start, app.unfinished_or_none())
            return
        app.sub_title = app.team_label
        screen.attach(appointment)
