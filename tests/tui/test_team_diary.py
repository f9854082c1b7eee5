"""The team's shared diary (PostgreSQL) going away and coming back, as the clinician sees it on the screen."""

from __future__ import annotations

import gc
import time

from choice_assistant.appointment import Appointment
from choice_assistant.journal import open_journal, postgres
from tests.domain.journal_backends import private_pg  # noqa: F401 - a fixture
from tests.support.pilot import NOW, SIZE, appointment, make_app, sample_register, until


def _unsaved_line(app) -> str:
    line = app.screen.line("unsaved")
    return str(line.render()) if line.display else ""


async def test_started_while_the_team_diary_is_away_the_appointment_opens_from_what_was_kept(private_pg, monkeypatch):
    monkeypatch.setattr(postgres, "RETRY_SECONDS", 0.05)
    store = open_journal(private_pg.url)
    a = Appointment.new(store, sample_register(), "ayo", now=NOW, session_id="kept-here")
    a.hold()
    a.set_text("young_person", "Sam Rivers")
    a.flush()
    private_pg.stop()
    a.set_text("concerns", "Typed while the team diary was away")
    a.flush()
    del a, store  # the program stops (a crash, a flat battery) while the server is still away
    gc.collect()
    app = make_app(store=open_journal(private_pg.url), session_id="kept-here")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Not saved to the team diary yet" in _unsaved_line(app), limit=5)
        assert appointment(app).session.concerns == "Typed while the team diary was away"
        assert not appointment(app).read_only
        private_pg.start()
        await until(pilot, lambda: _unsaved_line(app) == "", limit=10)
    team = open_journal(private_pg.url)
    assert team.events("kept-here")[-1].payload["value"] == "Typed while the team diary was away"
    team.close()


async def test_words_set_aside_after_someone_else_changed_the_appointment_are_said_so_on_the_screen(
        private_pg, monkeypatch, tmp_path, data_dir):
    monkeypatch.setattr(postgres, "RETRY_SECONDS", 0.05)
    store = open_journal(private_pg.url)
    store.lease_seconds = 0.5  # laptop A's lease runs out while it is away (30 s in real use)
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "appointment", None) is not None)
        sid = appointment(app).session_id
        private_pg.stop()
        appointment(app).set_text("concerns", "Typed on laptop A while away")
        appointment(app).flush()
        await until(pilot, lambda: "Not saved to the team diary yet" in _unsaved_line(app), limit=5)
        private_pg.start()
        time.sleep(0.6)
        monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(tmp_path / "laptop-b"))
        b = open_journal(private_pg.url)
        monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(data_dir))
        b.acquire(sid)
        b.events(sid)
        b.append(sid, "text", {"field": "concerns", "value": "Typed on laptop B"})
        await until(pilot, lambda: "kept whole beside it" in _unsaved_line(app), limit=10)
        assert "will be written" not in _unsaved_line(app)
    assert [e["payload"]["value"] for e in b.set_aside(sid)[0]["entries"]] == ["Typed on laptop A while away"]
    b.close()
