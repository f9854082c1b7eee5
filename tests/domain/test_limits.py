"""Limits on what an appointment records: checked where words come in, and never a lock on a record that breaks them."""

from __future__ import annotations

import pytest
import yaml

from choice_assistant.appointment import Appointment, session_to_yaml
from choice_assistant.appointment.limits import TooLong, over_limits
from choice_assistant.cli import main
from choice_assistant.errors import WorkflowError
from choice_assistant.journal.sqlite import SqliteStore
from tests.support.pilot import NOW, SID, sample_register, session_at

REFERRAL = "Referral letter. " + "Sam has been very anxious before school. " * 500  # 20,516 characters, the space after left out


@pytest.fixture
def open_at_goals():
    session_at("goals")
    with SqliteStore.open() as store:
        a = Appointment.resume(store, SID, sample_register(), now=NOW)
        a.hold()
        yield a


def reopened():
    with SqliteStore.open() as store:
        return Appointment.resume(store, SID, sample_register(), now=NOW)


def test_a_long_paste_saves_what_fits_says_how_much_is_over_and_the_appointment_still_opens(open_at_goals):
    a = open_at_goals
    assert len(REFERRAL.strip()) > 20_000
    with pytest.raises(TooLong) as caught:
        a.set_text("concerns", REFERRAL)
    assert f"{len(REFERRAL.strip()) - 20_000} over its limit of 20,000" in str(caught.value)
    with pytest.raises(TooLong) as caught:
        a.set_text("private_note", REFERRAL)
    assert "the private note at Goals" in str(caught.value)
    a.flush()
    again = reopened()
    session = again.view().session  # the view (what every screen shows) and the export build
    assert session.concerns == REFERRAL.strip()[:20_000]
    assert session.private_notes["goals"] == REFERRAL.strip()[:20_000]
    assert again.view().over == ()
    assert "Sam has been very anxious" in session_to_yaml(again.export())


@pytest.mark.parametrize("call, left_out", [
    (lambda a: a.set_things_to_try(["Walk to the school gate"] * 60), "there are 60 things to try, 10 over the limit of 50"),
    (lambda a: a.set_things_to_try(["x" * 1200]), "thing to try 1 is 1,200 characters long"),
    (lambda a: a.set_family([{"name": f"Cousin {i}", "relation": "cousin"} for i in range(31)]),
     "there are 31 people who came, 1 over the limit of 30"),
    (lambda a: a.set_safety(True, "p" * 2100, "Jo rings the crisis line"), "the safety plan is 2,100 characters long"),
    (lambda a: a.add_goal("g" * 600), "the goal is 600 characters long, 100 over its limit of 500"),
])
def test_every_recording_call_keeps_what_fits_and_names_what_was_left_out(open_at_goals, call, left_out):
    a = open_at_goals
    with pytest.raises(TooLong) as caught:
        call(a)
    assert left_out in str(caught.value)
    a.flush()
    session = reopened().export()
    assert over_limits(session) == []
    assert (session.things_to_try or session.family or session.safety or session.goals)


def test_a_goal_past_its_limit_is_added_and_its_number_is_given(open_at_goals):
    with pytest.raises(TooLong) as caught:
        open_at_goals.add_goal("g" * 600)
    assert caught.value.result == 1 and open_at_goals.session.goals[0].text == "g" * 500


def test_typing_on_past_a_limit_writes_nothing_new(open_at_goals):
    a = open_at_goals
    with SqliteStore.open() as store:
        before = len(store.events(SID))
        for n in range(1, 6):
            with pytest.raises(TooLong):
                a.set_text("concerns", "c" * (20_000 + n))
            with pytest.raises(TooLong):
                a.set_things_to_try(["t"] * (50 + n))
        a.flush()
        assert len(store.events(SID)) - before == 2  # the first of each; the keys after it change nothing saved


def test_a_51st_goal_is_refused_in_plain_words(open_at_goals):
    a = open_at_goals
    for n in range(50):
        a.add_goal(f"goal {n}")
    with pytest.raises(WorkflowError, match="at most 50 goals"):
        a.add_goal("one more")
    assert len(reopened().export().goals) == 50


def _written_before_the_limits(upto: str = "letters") -> None:
    """An appointment whose journal holds text past the limits, as one written before they were checked."""
    session_at(upto)
    with SqliteStore.open() as store:
        store.append(SID, "text", {"field": "concerns", "value": REFERRAL})
        store.append(SID, "text", {"field": "private_note", "stage": "goals", "value": REFERRAL})
        store.append(SID, "things_to_try", {"items": [f"try {n}" for n in range(55)]})
        store.append(SID, "set", {"field": "family", "value": [{"name": f"Cousin {i}", "relation": "cousin"} for i in range(33)]})


def test_an_appointment_recorded_past_its_limits_opens_whole_and_can_be_shortened():
    _written_before_the_limits("curiosity")
    a = reopened()
    view = a.view()
    assert view.session.concerns == REFERRAL.strip(), "nothing recorded is cut or lost"
    assert len(view.session.things_to_try) == 55 and len(view.session.family) == 33
    assert {o.place for o in view.over} >= {("concerns",), ("private_notes", "goals"), ("things_to_try",), ("family",)}
    with SqliteStore.open() as store:
        a = Appointment.resume(store, SID, sample_register(), now=NOW)
        a.hold()
        a.set_text("concerns", "Sam is anxious before school (the referral letter is in the record).")
        a.set_things_to_try(["Walk past school at the weekend"])
        a.flush()
    mended = reopened().view()
    assert ("concerns",) not in {o.place for o in mended.over}
    assert ("things_to_try",) not in {o.place for o in mended.over}


def test_sessions_export_writes_a_record_past_its_limits_whole_and_says_what_to_shorten(tmp_path, capsys):
    _written_before_the_limits()
    out = tmp_path / "export.yaml"
    assert main(["sessions", "export", SID, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and f"what worries them is {len(REFERRAL.strip()):,} characters long" in err and "shorten it" in err
    assert "Sam has been very anxious" not in err, "the warning names places, never the words"
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["concerns"] == REFERRAL.strip() and len(written["things_to_try"]) == 55
    assert main(["letter", str(out), "--to", "family", "--format", "md"]) == 2
    assert "concerns" in capsys.readouterr().err


def test_a_crash_log_holds_kinds_places_and_frames_never_what_was_typed(data_dir):
    from pydantic import ValidationError

    from choice_assistant.appointment.session import Session
    from choice_assistant.crash import write_crash_log

    marker = "PRIVATE-NOTE-MARKER about the family"
    try:
        try:
            Session.model_validate({"session": "s", "date": "2026-11-23", "concerns": marker * 1000,
                                    "private_notes": {"goals": marker * 1000}})
        except ValidationError as exc:
            raise RuntimeError(f"could not fold {marker}") from exc
    except RuntimeError as exc:
        path = write_crash_log(exc)
    text = open(path, encoding="utf-8").read()
    assert "PRIVATE-NOTE-MARKER" not in text
    assert "ValidationError" in text and "concerns [string_too_long]" in text
    assert "RuntimeError" in text and "test_limits.py" in text  # the kind and where it happened


@pytest.mark.parametrize("seed", range(24))
def test_long_text_and_many_items_in_any_recording_call_never_break_the_view_or_the_export(seed):
    from tests.support.hostile_appointment import run_appointment

    outcome, detail = run_appointment(seed)
    assert outcome == "ok", detail
