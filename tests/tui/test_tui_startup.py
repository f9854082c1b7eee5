"""How the assistant starts: the first frame already has the cursor in place; the register is checked every start."""

from __future__ import annotations

from choice_assistant.tui.app import AppointmentScreen
from tests.support.pilot import SIZE, make_app


async def test_the_first_frame_already_has_the_cursor_in_the_name_field(monkeypatch):
    focused_when_shown = []
    show_stage = AppointmentScreen.show_stage

    async def noting_focus(screen):
        await show_stage(screen)
        focused_when_shown.append(screen.focused)  # before the app has had another turn to paint

    monkeypatch.setattr(AppointmentScreen, "show_stage", noting_focus)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [getattr(w, "id", None) for w in focused_when_shown] == ["f-name"]
        # Real key presses on purpose: the first keys typed after the start land in the name field.
        await pilot.press("S", "a", "m")
        assert app.focused.value == "Sam"


def test_a_register_edited_since_the_last_start_is_checked_again_and_stops_the_start(demo_register_path, tmp_path, capsys):
    from choice_assistant.cli import main
    from choice_assistant.register.load import load_register

    team = tmp_path / "team.yaml"
    team.write_text(demo_register_path.read_text(encoding="utf-8"), encoding="utf-8")
    load_register(team)  # a clean start on this register
    team.write_text(team.read_text(encoding="utf-8").replace("cbt: specific", "cbt: expert", 1), encoding="utf-8")
    assert main(["--register", str(team)]) == 2
    err = capsys.readouterr().err
    assert str(team) in err and "skills.cbt" in err and "Traceback" not in err
