"""Export for the record (FHIR) from the command palette, at Letters and Closed."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime

from choice_assistant.tui.palette import AssistantCommands
from tests.support.pilot import SID, SIZE, appointment, make_app, palette, until

ENTRY = "Export for the record (FHIR)"


def palette_names(app) -> list[str]:
    return [name for name, _, _ in AssistantCommands(app.screen).entries()]


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_the_palette_offers_the_fhir_export_only_once_the_letters_are_reached():
    app = make_app(stage="booking")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert ENTRY not in palette_names(app)
        appointment(app).book(datetime(2026, 11, 30, 10, 0))
        await pilot.press("ctrl+n")
        await until(pilot, lambda: appointment(app).state == "letters")
        assert ENTRY in palette_names(app)


async def test_the_fhir_export_asks_for_the_identifiers_then_writes_the_record_and_says_where(data_dir):
    app = make_app(stage="letters")
    written = data_dir / "exports" / f"fhir-{SID}.json"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        appt = appointment(app)
        appt.set_young_person(date_of_birth=None)  # neither identifier recorded yet
        appt.set_text("private_note", "PRIVATE-MARKER-TUI: for the team only")
        await palette(pilot, ENTRY)
        await until(pilot, lambda: "Details, ctrl+r" in notices(app), limit=20)
        assert "NHS number and date of birth" in notices(app) and not written.exists()

        appt.set_young_person(date_of_birth=date(2012, 5, 4), nhs_number="943 476 5919")
        await palette(pilot, ENTRY)
        await until(pilot, lambda: str(written) in notices(app), limit=30)
        text = written.read_text(encoding="utf-8")
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        bundle = json.loads(text)
        kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
        assert kinds[0] == "Patient" and "Appointment" in kinds
        encounter = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Encounter")
        assert encounter["status"] == "in-progress"  # at Letters the appointment is not closed yet
        assert "PRIVATE-MARKER-TUI" not in text

        await pilot.press("ctrl+n")
        await until(pilot, lambda: appointment(app).state == "closed")
        assert ENTRY in palette_names(app)
        await palette(pilot, ENTRY)
        again = data_dir / "exports" / f"fhir-{SID}-2.json"
        await until(pilot, lambda: str(again) in notices(app), limit=30)
        assert written.read_text(encoding="utf-8") == text, "an earlier export is never overwritten"
        closed = json.loads(again.read_text(encoding="utf-8"))
        encounter = next(e["resource"] for e in closed["entry"] if e["resource"]["resourceType"] == "Encounter")
        assert encounter["status"] == "finished"
