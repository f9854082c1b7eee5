"""The Letters pane: what is typed and ticked straight after entering it is kept, and the preview never holds up the keys."""

from __future__ import annotations

from tests.support.pilot import SID, SIZE, appointment, make_app, on_screen, saved, session_at, until


async def test_keys_and_ticks_typed_straight_after_entering_letters_are_all_recorded():
    session_at("booking", upto="booking")  # the slot is booked; the clinician moves on to Letters
    app = make_app(session_id=SID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert appointment(app).state == "booking"
        await pilot.press("ctrl+n")
        # No pause: the keys come as fast as a clinician presses them after the stage changes.
        await pilot.press("space", "tab", "space")
        await until(pilot, lambda: appointment(app).export().consent.copy_to_gp)
        assert app.focused.id == "f-copy-gp"
    session = saved(SID)
    assert session.consent.copy_to_referrer and session.consent.copy_to_gp


async def test_the_preview_is_built_off_the_screens_thread_and_stale_ones_are_dropped(monkeypatch):
    import threading

    from choice_assistant.tui.stages import letters

    threads = []
    real = letters.LettersPane.letter

    def spy(self, *args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(letters.LettersPane, "letter", spy)
    app = make_app(stage="letters")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any(threads)  # entering Letters builds no letter on the screen's thread
        pane = app.screen.query_one(letters.LettersPane)
        await until(pilot, lambda: on_screen(app, "#checks") != "Checking the letter...", limit=10)
        assert threads and not any(threads)
        shown = on_screen(app, "#checks")
        pane.show_letter()
        first = pane.preview_generation
        pane._show_preview("stale text", "stale checks", first - 1)  # a preview from before the last change
        assert on_screen(app, "#checks") == shown
        await until(pilot, lambda: pane.preview_generation == first and not pane._preview_timer, limit=10)
