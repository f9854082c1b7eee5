"""The one place tests build the terminal assistant, the demo appointment they open it on, and fast Pilot helpers."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

from choice_assistant.appointment import Appointment
from choice_assistant.journal import open_journal
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.tui import ChoiceAssistantApp

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TEAM = EXAMPLES / "team.yaml"  # the sample register every screen test runs on
NOW = datetime(2026, 11, 23, 10, 0)
SIZE = (120, 36)
NARROW = (80, 24)
SID = "demo-session"
SAMPLE = object()  # make_app's default register: the sample team file


@lru_cache(maxsize=None)
def sample_register():
    """The sample team, loaded once per test process (tests copy it rather than change it)."""
    from choice_assistant.register.load import load_register

    return load_register(TEAM)


# How far the demo appointment gets before each stage opens: each step records what its stage needs.
STEPS = {
    "introduction": lambda a: (
        a.set_text("young_person", "Sam Rivers"),
        a.set_young_person(age=14),
        a.set_young_person(date_of_birth="04/05/2012"),  # what files the letters against Sam's record
        a.set_family([{"name": "Jo Rivers", "relation": "mother"}]),
        a.tick_phrase("welcome"),
        a.tick_phrase("skills_match"),
        a.tick_phrase("your_preference"),
    ),
    "curiosity": lambda a: (
        a.set_text("concerns", "Panics before school most mornings"),
        a.set_text("strengths", "Loves drawing; close to gran"),
        a.set_text("risk", "Asked about safety: no thoughts of harm; feels safe at home"),
        a.set_safety(False),
    ),
    "goals": lambda a: a.add_goal("Go to school three days a week without panicking", owner="young_person", rating=3),
    "formulation": lambda a: a.set_text("formulation", "Worry has grown since the move; Sam wants to get back to lessons."),
    "options": lambda a: (a.add_option(1, "cbt"), a.add_option(1, "family_strengths")),
    "choice_point": lambda a: (a.set_things_to_try(["Walk past school at the weekend"]), a.agree_option(1, "cbt")),
    "allocation": lambda a: (a.set_client_wants("transfer"), a.choose("transfer", "chloe")),
    "booking": lambda a: a.book(datetime(2026, 11, 30, 10, 0)),
    "letters": lambda a: None,
}
ORDER = list(STEPS)


def session_at(stage: str, register=None, *, session_id: str = SID, clinician: str | None = "ayo",
               upto: str | None = None) -> str:
    """Record the demo appointment up to `stage` (filled in, not moved past) in the default journal; return its id.

    With `upto`, the steps run through `upto` too but the appointment stays at `stage`.
    """
    register = register or sample_register()
    with SqliteStore.open() as store:
        a = Appointment.new(store, register, clinician, now=NOW, session_id=session_id)
        for name in ORDER[: ORDER.index(stage)]:
            STEPS[name](a)
            assert a.next(), a.missing()
        if upto is not None:
            STEPS[upto](a)
        a.flush()
    return session_id


def saved(session_id: str, register=None):
    """What a fresh process would find in the journal right now."""
    with SqliteStore.open() as store:
        return Appointment.resume(store, session_id, register or sample_register(), now=NOW).export()


class FakeClock:
    """A monotonic clock the test moves by hand, so the typing debounce needs no real waiting."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def make_app(register=SAMPLE, *, stage: str | None = None, session_id: str | None = None,
             clinician: str | None = "ayo", now: datetime | None = NOW, demo: bool = True,
             clock: FakeClock | None = None, **kwargs) -> ChoiceAssistantApp:
    """The assistant as tests run it: the sample team, a fixed date, the cursor not blinking.

    `stage` first records the demo appointment up to that stage and opens it; `clock` is the typing
    debounce's clock; `store` hands the app a journal of its own, otherwise the factory opens the
    default journal in the test's data folder (as the command does) and hands it over.
    """
    if register is SAMPLE:
        register = sample_register()
    if stage is not None:
        session_id = session_at(stage, register)
    store = kwargs.pop("store", None)
    return ChoiceAssistantApp(register, store or open_journal(), demo=demo, now=now, clock=clock, session_id=session_id,
                              clinician=clinician, cursor_blink=False, **kwargs)


def held_register(release, path: Path = TEAM):
    """The sample team's register handed over unread, as the command hands it, and read only once the
    threading.Event `release` is set (as a slow disk or a big register would be): the first screen
    opens meanwhile."""
    from choice_assistant.register.later import RegisterToCheck

    class Held(RegisterToCheck):
        def _load(self):
            assert release.wait(10), "the test never let the register be read"
            return super()._load()

    return Held(path)


def scenario(scenario_id: str):
    """One bundled practice scenario, by id."""
    from choice_assistant.training.library import bundled_scenarios

    return next(s for s in bundled_scenarios() if s.id == scenario_id)


def practice_app(tmp_path: Path, scenario_id: str | None = "clear-transfer", **kwargs) -> ChoiceAssistantApp:
    """As `choice-assistant train SCENARIO` opens it: a journal of its own, the scenario's clock.

    `scenario_id=None` offers every bundled scenario to pick from.
    """
    from choice_assistant.training.library import bundled_scenarios

    training = bundled_scenarios() if scenario_id is None else scenario(scenario_id)
    when = None if scenario_id is None else training.when
    return make_app(clinician=None, now=when, training=training, store=SqliteStore.open(tmp_path / "practice.sqlite3"),
                    **kwargs)


# -- driving the screens -----------------------------------------------------------------------------

async def type_text(pilot, text: str) -> None:
    """Type `text` into the focused field at once, as one edit at the cursor (what a paste does).

    The field posts its change and the app records it, exactly as after the last of the keys;
    only one change instead of one per character. Use press_keys where the keys are under test.
    """
    from textual.widgets import Input, TextArea

    await pilot.pause()  # a focus() just asked for takes effect on the app's next turn, as before a key
    field = pilot.app.focused
    if isinstance(field, Input):
        start, end = field.selection
        field.replace(text, min(start, end), max(start, end))
    elif isinstance(field, TextArea):
        assert not field.read_only, f"{field.id} is read-only"
        field.replace(text, *field.selection, maintain_selection_offset=False)
    else:
        raise AssertionError(f"the focus is on {field!r}, not a text field")
    await pilot.pause()


async def press_keys(pilot, text: str) -> None:
    """Type `text` one key press at a time (about 80 ms a key): only where the keys are what is tested."""
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def settle(pilot) -> None:
    """Two turns of the app: the pane is mounted, then its wording (rendered after the first paint) is shown."""
    await pilot.pause()
    await pilot.pause()


async def palette(pilot, command: str) -> None:
    """Open the command palette, search for `command`, and run the first match."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await type_text(pilot, command)
    for _ in range(100):  # the palette searches in the background
        if pilot.app.screen.query_one(CommandList).option_count:
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError(f"the command palette found nothing for {command!r}")
    await pilot.press("enter")
    await pilot.pause()


async def until(pilot, condition, limit: float = 3.0) -> None:
    """Let the app run (its timers too) until `condition()` holds; fail after `limit` seconds."""
    import time

    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the screen never got there")
        await pilot.pause(0.05)


def appointment(app):
    """The appointment open on the current screen."""
    return app.screen.appointment


def on_screen(app, selector: str) -> str:
    """What the widget matching `selector` shows: in the stage's own pane first (the panes of other
    stages may be kept, hidden, with widgets of the same names)."""
    pane = getattr(app.screen, "pane", None)
    found = pane.query(selector) if pane is not None else None
    return str((found.first() if found else app.screen.query_one(selector)).render())


def option_text(option, width: int = 100) -> str:
    """The words of one option of an OptionList, as its lines would show them (whatever it is drawn with)."""
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(option.prompt)
    return console.export_text()
