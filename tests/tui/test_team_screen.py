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
