"""The appointment screen: the stage list, the current stage's pane, and what is agreed so far."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from choice_assistant.appointment.limits import TEXT_LIMITS, TooLong, clipped, said
from choice_assistant.errors import WorkflowError
from choice_assistant.tui.practice_side import PracticeSide
from choice_assistant.tui.stages.base import StagePane
from choice_assistant.tui.widgets.footer import KeysFooter
from choice_assistant.tui.widgets.fields import Edited, Field, LineInput
from choice_assistant.tui.widgets.progress import StageList, lock_reasons
from choice_assistant.tui.widgets.shown import show_text
from choice_assistant.tui.widgets.side import SidePane
from choice_assistant.tui.widgets.tone import ToneHint

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.register.model import Register


# While typing, what the typing changes (the side pane, the wording) is redrawn at most this often.
REDRAW_SECONDS = 0.5
# A moment after a stage opens, the next stage's pane is built out of sight.
PREBUILD_SECONDS = 0.4
# Keys that do nothing on a stage, by stage: not shown in the footer there.
IDLE_KEYS = {"introduction": ("back",), "closed": ("next", "back", "save")}
# How far ctrl+up / ctrl+down scroll the suggested wording.
SCROLL_LINES = 3


def width_class(app) -> str:
    """The app's breakpoint class for its terminal's width now (as Textual sets it on each resize)."""
    breakpoints = app.HORIZONTAL_BREAKPOINTS or []
    return next((name for edge, name in sorted(breakpoints, reverse=True) if app.size.width >= edge), "")


class AppointmentScreen(PracticeSide, Screen[None]):
    """One appointment: stage list, the current stage's pane, and what is agreed so far."""

    BINDINGS = [
        # In footer order: at 80 columns the first six must fit, so help and quit come early.
        Binding("ctrl+n", "next", "Next", priority=True),
        # Practice only, early so a narrow footer still shows them.
        Binding("f3", "why", "Why this matters", priority=True),
        Binding("f6", "say", "Say to family", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+g", "toggle_side", "Agreed"),
        Binding("ctrl+r", "details", "Details", priority=True),
        Binding("question_mark", "help", "Help", show=False),
        Binding("escape", "leave_say", "Back to the fields"),
        # The Choice Point's own keys, also from outside its pane (as from the "say to the family" field).
        # Decisions for the clinician, not shown in the footer the family can see: F1 help and ctrl+p list them.
        Binding("f8", "choice_point('no_partnership')", "No Partnership", show=False, priority=True),
        Binding("f9", "choice_point('choice_plus')", "Choice Plus", show=False, priority=True),
        # The suggested wording scrolls from anywhere, whichever field has the focus.
        Binding("ctrl+up", "scroll_say(-1)", "Scroll the wording up", show=False),
        Binding("ctrl+down", "scroll_say(1)", "Scroll the wording down", show=False),
        # Tab moves the focus the moment it arrives, before the keys typed after it are handed to a
        # field: otherwise "Sam<Tab>14" typed quickly puts "14" in the name, not the age.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]
    PRACTICE_ONLY = {"why", "say", "leave_say"}
    AUTO_FOCUS = None  # the stage's pane puts the focus in its main field itself: one focus change, not two

    def __init__(self, appointment, training=None) -> None:
        # Open with the width's class already set, so the first resize does not restyle every widget.
        super().__init__(classes=width_class(self.app))
        self.appointment = appointment
        self.training = training  # a TrainingRun when practising with a simulated family
        self._stale = False
        self._typed_at = self._redrawn_at = 0.0  # monotonic times of the last typing and the last redraw
        self._shown: dict[str, object] = {}  # what the stage list and side pane last showed
        self._taken: dict[str, str] = {}  # each text field's words as last handed to the appointment
        self.pane = None  # the current stage's pane, once it is fully mounted
        self._prebuilding = None  # the mount of the next stage's pane, while it is being built out of sight
        self._early_keys: list = []  # keys pressed before the first pane had the focus, handed to it in order
        self._taking_keys = False  # set once the first pane has the focus
        self._lines: dict[str, Static] = {}  # the lines under the stage, by name, once added (see `line`)
        self._over: dict[tuple, str] = {}  # what fields hold past their limits (not saved), by field and stage
        self._over_text: dict[tuple, str] = {}  # a text field's words past its limit, kept on screen: (field, stage)

    @property
    def register(self) -> Register:
        return self.appointment.register if self.appointment is not None else self.app.register

    @property
    def state(self) -> str:
        """The stage the appointment is at (a new one, still opening, is at the introduction)."""
        return self.appointment.state if self.appointment is not None else "introduction"

    def opened(self) -> bool:
        """True once the appointment is open; a screen shown before it was asks for it now (waiting for the
        register, a fraction of a second at most), so nothing the clinician does at once is lost."""
        if self.appointment is None:
            self.app.finish_opening()
        return self.appointment is not None

    def attach(self, appointment) -> None:
        """The new appointment behind this first screen is open: hand it what was typed meanwhile, and show
        what needed the register (the clinicians to choose from, the phrases, why stages are locked, the wording)."""
        self.appointment = appointment
        if self.pane is not None:
            self.pane.attach(appointment)
        self.take_shown_text()
        self.pending_fields()
        self.refresh_views()
        self.refresh_bindings()
        self.set_timer(PREBUILD_SECONDS, self._prebuild_next)

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
                # The lines under the stage (tone, guard, unsaved, read-only) are added after the first frame.
            side = SidePane(id="side")
            side.border_title = "Agreed so far"
            yield side
        yield KeysFooter(compact=True)

    async def on_mount(self) -> None:
        self.call_after_refresh(self.line, "tone")  # adds all the lines, out of sight, once the screen is shown
        self.set_interval(0.1, self.save_tick)
        self.set_interval(10, self.keep_holding)  # the lease: one appointment open in one place
        await self.show_stage()

    # -- showing -----------------------------------------------------------------------

    async def show_stage(self) -> None:
        """Mount the current stage's pane and put the focus in its main field."""
        from choice_assistant.tui.stages import pane_for

        holder = self.query_one("#stage-holder")
        if self._prebuilding is not None:
            await self._prebuilding  # a pane being built out of sight is finished before any pane is touched
        first = self.pane is None and not self._shown
        leaving, self.pane = self.pane, None
        with self.app.batch_update():  # one repaint for the whole change, not one per part
            if leaving is not None:
                leaving.left_at = self.appointment.recorded if self.appointment is not None else 0
                if leaving.keep:
                    leaving.display = False
                else:
                    await leaving.remove()
            kind = pane_for(self.state)
            pane = await self._kept_pane(kind)
            if pane is None:
                pane = kind(self.appointment)
                await holder.mount(pane)
            if self._lines:
                self.line("tone").display = False
            if self.appointment is None:
                self._show_opening(pane)
            else:
                self.refresh_views(say=False)
            pane.focus_main()
            self.pane = pane
            self._taking_keys = True
            if self._early_keys:
                self._hand_over_early_keys()
            self._taken = dict(_bound_text(pane))  # the words each field opened with
            for key in [k for k in self._over if k[0] == "pane"]:  # said by the pane left behind
                del self._over[key]
            self._show_over_text(pane)
            if self.appointment is not None:
                self.show_over(self.appointment.view().over)
            if self.appointment is not None and self.appointment.read_only:
                self.show_read_only()
            self.refresh_bindings()  # the footer's keys depend on the stage
            # The wording and the keys are in the first frame that shows the stage (a new appointment's first
            # screen has no wording yet: it is shown once the appointment is open).
            pane.show_say()
            if first:
                await self.query_one(KeysFooter).show_keys()
        # While the clinician reads this stage, build the next one's pane out of sight, so moving on is quick.
        self.set_timer(PREBUILD_SECONDS, self._prebuild_next)
        if self.training is not None:
            self.training.open_stage()
            self.refresh_views(say=False)
            self.show_latest_reply()
            if self.state == "closed":
                self.show_report()

    async def _prebuild_next(self) -> None:
        """Mount the next stage's pane, hidden, if it can be kept and is not built yet."""
        from choice_assistant.appointment.stages import STAGE_IDS
        from choice_assistant.tui.stages import pane_for

        appt = self.appointment
        if appt is None or self.pane is None or not self.is_attached or self._prebuilding is not None \
                or appt.state not in STAGE_IDS[:-1]:
            return
        kind = pane_for(STAGE_IDS[STAGE_IDS.index(appt.state) + 1])
        holder = self.query_one("#stage-holder")
        if not kind.keep or any(type(p) is kind for p in holder.query_children(StagePane)):
            return
        pane = kind(appt)
        pane.display = False
        pane.left_at = appt.recorded
        self._prebuilding = holder.mount(pane)
        try:
            await self._prebuilding
        finally:
            self._prebuilding = None
        if appt.read_only:
            self.show_read_only()

    async def _kept_pane(self, kind: type[StagePane]) -> StagePane | None:
        """The hidden pane kept for this stage, shown again, if nothing it shows has changed; else None
        (a stale one is removed)."""
        for kept in self.query_one("#stage-holder").query_children(StagePane):
            if type(kept) is not kind:
                continue
            if self.appointment is not None and kept.still_shows(self.appointment):
                kept.display = True
                return kept
            await kept.remove()
        return None

    def _show_opening(self, pane: StagePane) -> None:
        """The stage list and side pane of a new appointment, before the appointment itself is open."""
        from choice_assistant.appointment.stages import STAGE_IDS, STAGE_TITLES
        from choice_assistant.tui.opening import BLANK

        self.query_one(StageList).show(STAGE_IDS, STAGE_TITLES, "introduction", {s: "" for s in STAGE_IDS[1:]})
        self.query_one(SidePane).show(BLANK, None, {})
        self.sub_title = f"New appointment - {STAGE_TITLES['introduction']}"
        show_text(pane.query_one("#say-text", Static), "Reading the team's register and the suggested wording...")

    def refresh_views(self, say: bool = True) -> None:
        """Redraw what changed since the last redraw: the progress list, the side pane, the title and
        (with `say`) the stage's wording."""
        from choice_assistant.appointment import STAGE_IDS, STAGE_TITLES

        appt = self.appointment
        if appt is None:
            return
        view = appt.view()
        session = view.session
        stages_key = (view.stage, tuple(view.locked.items()), view.reached, view.missing, session.choice_clinician)
        if stages_key != self._shown.get("stages"):
            stages = self.query_one(StageList)
            stages.show(STAGE_IDS, STAGE_TITLES, view.stage, self.lock_reasons(), view.reached)
            me = self.register.clinician(session.choice_clinician) if session.choice_clinician else None
            stages.border_subtitle = f"with {me.name}" if me else ""
            self._shown["stages"] = stages_key
        conversation = self.training.transcript if self.training is not None else None
        side_key = (view.revision, len(conversation) if conversation is not None else -1)
        if side_key != self._shown.get("side"):
            self.query_one(SidePane).show(session, self.register, {o.id: o.title for o in appt.catalogue.values()}, conversation)
            self._shown["side"] = side_key
        if say and self.pane is not None:
            self.pane.show_say()
        who = session.young_person.name if session.young_person else "New appointment"
        # The team comes first, so a narrow terminal never cuts it off.
        self.title = self.app.sub_title
        self.sub_title = f"{who} - {STAGE_TITLES[view.stage]}"
        self.show_unsaved()
        self.show_over(view.over)
        self._stale = False
        self._redrawn_at = time.monotonic()

    def lock_reasons(self) -> dict[str, str | None]:
        """Why each stage cannot be opened now (None: it can), as the stage list and the palette say it."""
        from choice_assistant.appointment import STAGE_IDS, STAGE_TITLES

        return lock_reasons(STAGE_IDS, STAGE_TITLES, self.appointment.view())

    def line(self, name: str) -> Static:
        """One of the lines under the stage ("tone", "guard", "unsaved", "too-long", "read-only"), each hidden until
        it has something to say; all are added on first use (the first frame goes without them)."""
        if not self._lines:
            main = self.query_one("#main")
            lines = {"tone": ToneHint(id="tone"),
                     **{i: Static(id=i, markup=False) for i in ("guard", "unsaved", "too-long", "read-only")}}
            if not main.is_attached:  # the app is stopping (or never showed this screen): there is nowhere to say it
                return lines[name]
            main.mount(*lines.values())
            self._lines = lines
        return self._lines[name]

    def _diary_unsaved(self) -> bool:
        diary = getattr(self, "_diary", None)
        return diary is not None and diary.get("state") == "not_saved_yet"

    def keep_holding(self) -> None:
        """Renew this appointment's lease; if another place took it over, say so and stop writing."""
        if self.appointment is not None and not self.appointment.read_only and not self.appointment.keep_holding():
            self.show_read_only()

    def show_read_only(self) -> None:
        """Mark the appointment read-only: a plain line saying why, and fields that take no typing."""
        banner = self.line("read-only")
        banner.display = True
        banner.update(f"Read-only: this appointment is open in another place ({self.appointment.read_only_because}). "
                      "Nothing changed here is saved.")
        for w in self.query_one("#stage-holder").query("Input, TextArea, SelectionList, PhraseTicks, Select, RadioSet"):
            w.disabled = True  # the kept and prebuilt panes too

    def _diary_set_aside(self) -> str | None:
        """The shared diary's note when words kept on this computer were set aside beside their appointment."""
        diary = getattr(self, "_diary", None)
        return (diary.get("note") or {}).get("text") if diary is not None and diary.get("state") == "set_aside" else None

    def show_unsaved(self) -> None:
        """Say plainly, and keep saying, when typing could not be saved (it is kept and retried), or when
        the team's shared diary has entries it has not been sent yet, or set some aside."""
        reason = self.appointment.unsaved_reason if self.appointment is not None else None
        if reason is None and self._diary_unsaved():
            note = self._diary.get("note") or {}
            reason = note.get("text") or "the team diary cannot be reached; entries are kept on this computer"
        set_aside = self._diary_set_aside() if reason is None else None
        banner = self.line("unsaved")
        if banner.display != bool(reason or set_aside):
            banner.display = bool(reason or set_aside)
        if reason:
            banner.update(f"Not saved yet: {reason}. What you type is kept here and saved as soon as it can be.")
        elif set_aside:
            banner.update(set_aside)

    def say_guard(self, problems: list[str]) -> None:
        self.say_plainly("Not yet: " + "; ".join(problems) if problems else "")

    def say_plainly(self, words: str) -> None:
        """Show (or, with no words, hide) the line under the stage that says why a move did not happen."""
        guard = self.line("guard")
        guard.display = bool(words)
        guard.update(words)

    # -- keys --------------------------------------------------------------------------

    def holding_keys(self) -> bool:
        """True until the first stage's pane is shown with the focus in its field: keys pressed meanwhile
        (typed ahead as the program starts) are kept, then handed over in the order they were pressed."""
        return not self._taking_keys

    def hold_key(self, event) -> None:
        """Keep a key pressed before the first pane had the focus (the app hands such keys here)."""
        self._early_keys.append(event)

    def _hand_over_early_keys(self) -> None:
        from textual import events

        keys, self._early_keys = self._early_keys, []
        for key in keys:
            self.app.post_message(events.Key(key.key, key.character))

    @property
    def active_bindings(self):
        """The keys in force, with those that do nothing on this stage kept out of the footer (they still say
        why when pressed)."""
        from dataclasses import replace

        active = super().active_bindings
        idle = IDLE_KEYS.get(self.state, ())
        return {key: shown._replace(binding=replace(shown.binding, show=False)) if shown.binding.action in idle else shown
                for key, shown in active.items()}

    def action_scroll_say(self, lines: int) -> None:
        """Scroll the suggested wording by a few lines, whatever has the focus."""
        if self.pane is not None:
            box = self.pane.query_one("#say")
            box.scroll_to(y=box.scroll_y + lines * SCROLL_LINES, animate=False)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "choice_point":
            return self.state == "choice_point"
        if action == "leave_say":
            return self.focused is not None and self.focused.id == "say-input"
        return self.training is not None or action not in self.PRACTICE_ONLY

    async def action_choice_point(self, trigger: str) -> None:
        await self.move(trigger)

    # -- recording ---------------------------------------------------------------------

    @on(Edited)
    def record_text(self, event: Edited) -> None:
        if self.appointment is None:
            return  # kept in its field, and handed over the moment the appointment is open
        if self.take_text(event.field, event.value):
            self.line("tone").check(event.value)
            self._typed_at = time.monotonic()
            if self._typed_at - self._redrawn_at >= REDRAW_SECONDS:
                # Redraw what the typing changed with this key, so it shows in the same frame as the key:
                # a redraw of its own would take the next frame, and the key after it would wait for that.
                self.refresh_views(say=True)

    def take_text(self, field: str, value: str) -> bool:
        """Hand a text field's words to the appointment (saved within a fraction of a second). Words past the
        field's limit stay in the field, and the line under the stage says so, until it is shortened."""
        if self._taken.get(field) == value:
            return True
        key = (field, self.state if field == "private_note" else "")
        try:
            self.appointment.set_text(field, value)
        except TooLong as exc:
            self._over_text[key] = value
            self.say_over(key, exc)
        except WorkflowError as exc:
            self.notify(str(exc), severity="warning", timeout=6, markup=False)
            return False
        else:
            if key in self._over:
                self._over_text.pop(key, None)
                self.say_over(key, None)
        self._taken[field] = value
        self._stale = True
        return True

    def set_choice_clinician(self, clinician: str | None) -> None:
        """Record who is running this appointment, and remember them on this computer for the next one."""
        from textual.widgets import Select

        from choice_assistant.settings import remember_clinician

        if clinician is None or not self.opened() or clinician == self.appointment.session.choice_clinician:
            return
        try:
            self.appointment.set_choice_clinician(clinician)
        except WorkflowError as exc:
            self.notify(str(exc), severity="warning", timeout=6, markup=False)
            return
        remember_clinician(self.register, clinician)
        for shown in self.query("#f-clinician").results(Select):
            with shown.prevent(Select.Changed):
                shown.value = clinician
        self.refresh_views()

    def say_over(self, key: tuple, exc: TooLong | None) -> None:
        """Say (exc) or stop saying (None) that a field holds more than its limit, so only part of it is saved."""
        if exc is None:
            self._over.pop(key, None)
        else:
            self._over[key] = said(exc.over)
        self.show_over(self.appointment.view().over if self.appointment is not None else ())

    def show_over(self, recorded: tuple) -> None:
        """The line under the stage, while anything is past its limit: typed just now (only the part within the
        limit is saved), or in a record written before limits were checked as words came in (all kept)."""
        said_now = []
        if self._over:
            said_now.append(f"Not all saved: {'; '.join(self._over.values())}. The part within the limit is saved; the "
                            "rest stays in the field but is not saved. Shorten it to save it all (e.g. a summary, with "
                            "the full letter kept in the clinical record).")
        if recorded:
            said_now.append(f"Longer than it should be: {said(list(recorded))}. All of it is kept; shorten it here, or "
                            "`letter` will refuse this appointment's export.")
        words = " ".join(said_now)
        line = self.line("too-long")
        if line.display != bool(words):
            line.display = bool(words)
        if words != self._shown.get("too-long", ""):
            line.update(words)
            self._shown["too-long"] = words

    def _show_over_text(self, pane) -> None:
        """A field built again from the record shows the words typed past its limit again, as they were."""
        for widget in _bound_fields(pane):
            key = (widget.field, pane.stage if widget.field == "private_note" else "")
            full = self._over_text.get(key)
            if full is None:
                continue
            shown = _words(widget)
            if shown not in (full, clipped(full, TEXT_LIMITS[widget.field])):
                self._over_text.pop(key, None)  # changed since: what the record says now is shown
                self._over.pop(key, None)
                continue
            widget.show_quietly(full)  # (a pane kept from before shows them still)
            self._taken[widget.field] = full

    @on(StagePane.Over)
    def pane_over(self, event: StagePane.Over) -> None:
        self.say_over(("pane", event.call), event.too_long)

    @on(StagePane.Recorded)
    def redraw_after_recording(self) -> None:
        self.say_guard([])
        self.refresh_views()

    @on(StagePane.ClinicianChosen)
    def clinician_chosen(self, event: StagePane.ClinicianChosen) -> None:
        self.set_choice_clinician(event.clinician)

    @on(StagePane.WordsTyped)
    def check_tone(self, event: StagePane.WordsTyped) -> None:
        self.line("tone").check(event.text)

    @on(StagePane.MoveRequested)
    async def move_requested(self, event: StagePane.MoveRequested) -> None:
        await self.move(event.trigger)

    def save_tick(self) -> None:
        """Ten times a second: write typing that has settled; redraw what it changed (at most twice a second)."""
        if self.appointment is None:
            return
        self.pending_fields()
        self.appointment.flush_due()
        self._ticks = getattr(self, "_ticks", 0) + 1
        if self._ticks % 10 == 0:  # once a second: the shared diary's state, and a retry while it is away
            self._diary = _diary_state(self.appointment.store)
            if self._diary is not None and self._diary.get("state") == "not_saved_yet":
                try:
                    self.appointment.store.retry()
                except Exception:  # noqa: BLE001 - still away: entries stay kept on this computer
                    pass
        if (self.appointment.unsaved_reason is not None or self.line("unsaved").display or self._diary_unsaved()
                or self._diary_set_aside()):
            self.show_unsaved()
        if self._stale and time.monotonic() - self._typed_at >= REDRAW_SECONDS:
            self.refresh_views()  # the typing has paused: show the last of it

    def save_now(self) -> None:
        """Write everything typed so far to the journal, including words on screen whose change
        message has not been handled yet (a terminal closed straight after typing)."""
        if not self.opened():
            return
        self.take_shown_text()
        self.pending_fields()
        self.appointment.flush()

    def take_shown_text(self) -> None:
        if self.pane is None or self.appointment is None or self.appointment.state == "closed" or self.appointment.read_only:
            return
        for field, value in _bound_text(self.pane):
            if self._taken.get(field) != value:
                self.take_text(field, value)

    def pending_fields(self) -> None:
        if self.pane is not None and self.appointment is not None and self.appointment.state != "closed":
            self.pane.save_pending()

    def on_descendant_blur(self) -> None:
        if self.appointment is not None:  # before it is open, the words stay in their fields until it is
            self.save_now()

    # -- moving ------------------------------------------------------------------------

    async def move(self, trigger: str) -> None:
        """Fire a workflow trigger after saving; say what is missing when its guard refuses."""
        if not self.opened():
            return
        self.save_now()
        appt = self.appointment
        if appt.state == "closed":
            self.say_plainly("This appointment is closed: its record is kept and can no longer change. "
                             "Export it, or start the next appointment, from ctrl+p.")
            self.app.bell()
            return
        problems = appt.missing(trigger)
        try:
            moved = not problems and getattr(appt, trigger)()
        except WorkflowError as exc:  # refused by the journal (open elsewhere, not written): nothing moved
            problems = [str(exc)]
            moved = False
        if not moved:
            self.say_guard(problems or ["this move is not possible from here"])
            self.app.bell()
            return
        self.say_guard([])
        await self.show_stage()

    async def action_next(self) -> None:
        await self.move("next")

    async def action_back(self) -> None:
        await self.move("back")

    @on(StageList.Chosen)
    async def stage_chosen(self, event: StageList.Chosen) -> None:
        await self.go_to(event.stage)

    async def go_to(self, stage: str) -> None:
        """Open a stage already reached, or move forward to it while every guard passes."""
        if not self.opened():
            return
        appt = self.appointment
        if stage == appt.state:
            return
        self.save_now()
        reason = self.lock_reasons().get(stage)
        try:
            moved = not reason and appt.goto(stage)
        except WorkflowError as exc:  # refused by the journal: nothing moved
            reason, moved = str(exc), False
        if not moved:
            self.say_guard([reason or "that stage cannot be opened from here"])
            self.app.bell()
            return
        self.say_guard([])
        await self.show_stage()

    def action_save(self) -> None:
        if not self.opened():
            return
        self.save_now()
        self.refresh_views()
        self.notify("Saved.", timeout=2)

    def action_toggle_side(self) -> None:
        self.toggle_class("-flip-side")

    def action_help(self) -> None:
        from choice_assistant.appointment import STAGE_TITLES
        from choice_assistant.tui.help import HelpScreen
        from choice_assistant.wording.stage_prompts import help_text

        stage = self.state
        why = help_text(stage)
        if self.training is not None:
            why += "\n\n**Coach:** " + self.training.why()
        self.app.push_screen(HelpScreen(STAGE_TITLES[stage], why, self.stage_keys()))

    def stage_keys(self) -> list[tuple[str, str]]:
        """The current pane's own keys, as its class declares them (those kept out of the footer too; not the
        scrolling keys every pane inherits)."""
        from textual.binding import Binding

        own = vars(type(self.pane)).get("BINDINGS", []) if self.pane is not None else []
        return [(b.key, b.description) for b in own if isinstance(b, Binding) and b.description]

    def action_details(self) -> None:
        """Open the details letters and the record need (identifiers, addresses, referral, needs) over this stage."""
        from choice_assistant.tui.details import DetailsScreen

        if not self.opened():
            return
        self.save_now()
        self.app.push_screen(DetailsScreen(self.appointment), lambda _: self.details_closed())

    def details_closed(self) -> None:
        self.refresh_views()
        if self.pane is not None:
            self.pane.recorded_elsewhere()

    def choose_clinician(self) -> None:
        """Ask who is running this appointment; record it and remember it on this computer."""
        from choice_assistant.tui.start import ClinicianScreen

        if not self.opened():
            return
        self.app.push_screen(ClinicianScreen(self.register, self.app.team_line, self.appointment.session.choice_clinician),
                             self.set_choice_clinician)

    def export_session(self) -> None:
        """Write this session's export (as `sessions export` writes it) in the data folder and say where."""
        from choice_assistant.appointment import session_to_yaml
        from choice_assistant.errors import InputError
        from choice_assistant.files import unused_path, write_new_file
        from choice_assistant.resources import data_dir
        from choice_assistant.tui.served.delivery import deliver_files

        if not self.opened():
            return
        self.save_now()
        session = self.appointment.view().session
        try:
            path = write_new_file(unused_path(data_dir() / "exports" / f"session-{session.session}.yaml"),
                                  session_to_yaml(session), "export")
        except InputError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.notify(f"Exported to {path}", timeout=6, markup=False)
        deliver_files(self.app, [path], "export")  # served: the browser downloads it too

    def export_fhir(self) -> None:
        """Write this session as a FHIR R4 bundle (as `choice-assistant fhir` does) in the data folder's exports/,
        in a worker thread (the letters' PDFs take a second or two), and say where, or what to add first."""
        from choice_assistant.errors import InputError
        from choice_assistant.files import unused_path, write_new_file
        from choice_assistant.interchange import build_bundle
        from choice_assistant.resources import data_dir

        if not self.opened():
            return
        self.save_now()
        view, appointment = self.appointment.view(), self.appointment
        session, register, today = view.session, appointment.register, appointment.now().date()

        def write() -> None:
            try:
                record = build_bundle(session, register, today=today, finished=view.stage == "closed")
                path = write_new_file(unused_path(data_dir() / "exports" / f"fhir-{session.session}.json"),
                                      record.json_text(), "FHIR bundle")
            except InputError as exc:
                self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=12, markup=False)
                return
            except Exception as exc:  # noqa: BLE001 - an export must never stop the appointment
                from choice_assistant.crash import write_crash_log

                where = write_crash_log(exc)
                self.app.call_from_thread(self.notify, "The FHIR record could not be written because of an error that "
                                          f"should not happen; the appointment is safe. Details: {where}",
                                          severity="error", timeout=12, markup=False)
                return
            left_out = "".join(f" {note.text}" for note in record.notes)
            self.app.call_from_thread(self.notify, f"FHIR record written to {path}.{left_out}", timeout=10, markup=False)

        self.notify("Writing the FHIR record...", timeout=3, markup=False)
        self.run_worker(write, thread=True, group="fhir-export", exit_on_error=False)

    def on_unmount(self) -> None:
        if self.appointment is not None:
            self.appointment.let_go()


def _diary_state(store) -> dict | None:
    """The shared diary's own saving state, for journals that keep entries locally while a server is away."""
    state = getattr(store, "save_state", None)
    if state is None:
        return None
    try:
        return state()
    except Exception:  # noqa: BLE001 - showing the state must never stop the appointment
        return None


def _bound_fields(pane) -> list:
    """Every text field of the pane bound to the appointment (LineInput and NoteArea)."""
    return list(pane.query(LineInput)) + list(pane.query("NoteArea"))  # by name: TextArea loads only when used


def _words(widget) -> str:
    return widget.value if isinstance(widget, LineInput) else widget.text


def _bound_text(pane) -> list[tuple[str, str]]:
    """(field, words on screen) for every text field of the pane bound to the appointment."""
    return [(w.field, _words(w)) for w in _bound_fields(pane)]
