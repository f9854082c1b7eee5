"""The Team screen, pushed in a small app: the same figures as `choice-assistant team`, and its look."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.app import App
from textual.widgets import DataTable, Static

from choice_assistant.team.figures import team_figures
from choice_assistant.tui.team import TeamScreen
from tests.domain.test_team import FAMILY_NAME, NOW, PRIVATE, add_session


@pytest.fixture
def figures(demo_register, tmp_path):
    from choice_assistant.journal import open_journal

    store = open_journal(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    add_session(store, "s1", clinician="ayo", goals=[("cbt", "core")], decision="keep", to="ayo", slot="2026-11-30T14:00",
                wants="keep", reasons=["disclosure"])
    add_session(store, "s2", clinician="ayo", goals=[("systemic", "core")], decision="transfer", to="ben", slot="2026-12-08T13:30")
    add_session(store, "s3", clinician="chloe", goals=[("cbt", "core")], decision="transfer", to="dariusz", slot="2026-12-21T09:30")
    try:
        yield team_figures(demo_register, store, NOW)
    finally:
        store.close()


class Host(App):
    def __init__(self, figures):
        super().__init__()
        self.figures = figures

    def on_mount(self) -> None:
        self.push_screen(TeamScreen(self.figures))


async def test_the_screen_shows_the_same_figures(figures):
    app = Host(figures)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamScreen)
        grid = screen.query_one("#team-grid", DataTable)
        assert grid.row_count == len(figures.skills)
        skills = screen.query_one("#team-skills", DataTable)
        emdr = next(i for i, s in enumerate(figures.skills) if s.skill == "emdr")
        assert skills.get_row_at(emdr)[2:5] == [1, figures.skills[emdr].free_slots, "core, specific"]
        words = str(screen.query_one("#team-journal", Static).render())
        assert "3 Choice appointments" in words and FAMILY_NAME not in words and PRIVATE not in words
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TeamScreen)


def test_the_team_screen_looks_right(snap_compare, figures):
    assert snap_compare(Host(figures), terminal_size=(120, 60))


# -- the team view as the assistant opens it (palette: Team view) ------------------------------------

import re  # noqa: E402

from textual_plotext import PlotextPlot  # noqa: E402

from tests.support.pilot import make_app, palette  # noqa: E402


@pytest.fixture
def one_session(tmp_path):
    """A journal with one Choice appointment: Chloe kept the family, whose choice was asked."""
    from choice_assistant.journal import open_journal

    store = open_journal(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    add_session(store, "s1", clinician="chloe", goals=[("cbt", "core")], decision="keep", to="chloe", wants="keep")
    yield store
    store.close()


async def _team_view(app, pilot) -> TeamScreen:
    await palette(pilot, "Team view")
    await pilot.pause()
    assert isinstance(app.screen, TeamScreen)
    return app.screen


def _y_ticks(plot: PlotextPlot) -> list[str]:
    return re.findall(r"^\s*(\S+)┤", str(plot.render()), flags=re.M)


async def test_count_charts_have_whole_number_ticks(one_session):
    app = make_app(store=one_session)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _team_view(app, pilot)
        for plot_id in ("#team-capacity", "#team-kept"):
            ticks = _y_ticks(screen.query_one(plot_id, PlotextPlot))
            assert ticks and all(t.isdigit() for t in ticks), (plot_id, ticks)


async def test_people_are_named_not_shown_by_their_ids(one_session):
    app = make_app(store=one_session)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _team_view(app, pilot)
        kept = str(screen.query_one("#team-kept", PlotextPlot).render())
        assert "Chloe" in kept and "chloe" not in kept
        grid = screen.query_one("#team-grid", DataTable)
        headers = [str(c.label) for c in grid.columns.values()][1:]
        assert "chloe" not in headers and any(h.startswith("Chloe") for h in headers)


async def test_one_appointment_is_one_appointment(one_session):
    app = make_app(store=one_session)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _team_view(app, pilot)
        words = str(screen.query_one("#team-journal", Static).render())
        assert "1 Choice appointment." in words and "1 Choice appointments" not in words


async def test_skill_names_in_the_grid_are_whole_or_end_in_an_ellipsis(one_session, demo_register):
    app = make_app(store=one_session)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _team_view(app, pilot)
        grid = screen.query_one("#team-grid", DataTable)
        labels = [str(grid.get_row_at(i)[0]) for i in range(grid.row_count)]
        names = [s.name for s in demo_register.skills]
        for label, name in zip(labels, names):
            assert label == name or (label.endswith("…") and name.startswith(label[:-1])), (label, name)
        assert any(label.endswith("…") for label in labels)  # the demo team has names too long for the column


# -- what if -----------------------------------------------------------------------------------------

from tests.support.pilot import NARROW, SIZE, settle, until  # noqa: E402

SMALL_WHAT_IF = """weeks: 8
replications: 4
seed: 2
demand: {per_week: 4, mix: {cbt: 0.5, systemic: 0.3, emdr: {share: 0.2, level: specific}}}
changes:
- {name: Jess offers two more slots, adds_slots: jess, per_week: 2}
"""


@pytest.fixture
def small_what_if(tmp_path):
    path = tmp_path / "what-if.yaml"
    path.write_text(SMALL_WHAT_IF, encoding="utf-8")
    return path


async def _what_if_done(pilot) -> None:
    await pilot.press("w")
    await pilot.app.workers.wait_for_complete()
    await until(pilot, lambda: pilot.app.screen.report is not None, 10.0)
    await settle(pilot)


async def test_what_if_runs_the_demo_file_and_shows_the_figures_the_command_prints(capsys):
    import json

    from choice_assistant.cli import main
    from choice_assistant.resources import examples_dir

    app = make_app()  # the demo team: its What if runs the bundled examples/what-if.yaml
    async with app.run_test(size=SIZE) as pilot:
        screen = await _team_view(app, pilot)
        await _what_if_done(pilot)
        shown = screen.report.as_json()
        table = screen.query_one("#what-if-table", DataTable)
        assert table.row_count == sum(len(r["by_skill"]) for r in shown["results"])
        assert "not a promise" in str(screen.query_one("#what-if-status", Static).render())
        assert str(screen.query_one("#what-if-waits", PlotextPlot).render()).count("█") > 10
    assert main(["team", str(examples_dir() / "team.yaml"), "--what-if", str(examples_dir() / "what-if.yaml"), "--json",
                 "--now", app.now.isoformat(timespec="minutes")]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == shown["results"]


async def test_the_screen_answers_keys_while_the_what_if_runs(monkeypatch, small_what_if):
    import threading

    import choice_assistant.team.whatif.run as whatif_run

    release = threading.Event()
    real = whatif_run.run_what_if

    def held(*args, **kwargs):
        assert release.wait(10), "the test never let the what-if finish"
        return real(*args, **kwargs)

    monkeypatch.setattr(whatif_run, "run_what_if", held)
    app = make_app(what_if=small_what_if)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _team_view(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        from textual.widgets import TabbedContent

        tabs = screen.query_one("#team-tabs", TabbedContent)
        assert tabs.active == "team-what-if"
        await pilot.press("left")  # back to the team's own figures while the simulation still runs
        await pilot.pause()
        assert tabs.active == "team-now" and screen.report is None
        release.set()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: screen.report is not None, 10.0)


async def test_a_bad_what_if_file_is_said_on_the_screen(tmp_path):
    bad = tmp_path / "what-if.yaml"
    bad.write_text("demand: {per_week: 2, mix: {cbt: 0.5}}\n", encoding="utf-8")
    app = make_app(what_if=bad)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _team_view(app, pilot)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "cannot run" in str(screen.query_one("#what-if-status", Static).render()), 10.0)
        words = str(screen.query_one("#what-if-status", Static).render())
        assert str(bad) in words and "demand.mix" in words


def test_the_what_if_tab_looks_right(snap_compare, small_what_if):
    assert snap_compare(make_app(what_if=small_what_if), terminal_size=SIZE, run_before=_open_what_if)


def test_the_what_if_tab_at_80_by_24(snap_compare, small_what_if):
    assert snap_compare(make_app(what_if=small_what_if), terminal_size=NARROW, run_before=_open_what_if)


async def _open_what_if(pilot) -> None:
    await _team_view(pilot.app, pilot)
    await _what_if_done(pilot)
