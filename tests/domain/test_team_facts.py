"""The team view's light read of the journal gives the same facts as folding each whole session export."""

from __future__ import annotations

from datetime import datetime

from choice_assistant.appointment.export import export_session
from choice_assistant.journal import open_journal
from choice_assistant.team.facts import facts_of, read_facts
from tests.domain.test_team import FAMILY_NAME, PRIVATE, add_session


def test_the_light_read_equals_the_full_export_after_edits_removals_and_changes_of_mind(demo_register, tmp_path):
    store = open_journal(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    try:
        add_session(store, "a", clinician="ayo", goals=[("cbt", "core"), ("emdr", "specific")], decision="keep", to="ayo",
                    slot="2026-11-30T14:00", wants="keep", reasons=["disclosure"],
                    prefs={"language": "Polish", "required": ["language"]})
        store.append("a", "goal_update", {"goal": 1, "fields": {"approach": "systemic", "level": "specific"}})
        store.append("a", "goal_remove", {"goal": 2})
        add_session(store, "b", clinician="ben", goals=[("cbt", "core"), ("parenting", "core")], decision="transfer", to="ayo",
                    slot="2026-12-04T09:30")
        store.append("b", "option_remove", {"goal": 2, "approach": "parenting"})
        store.release("b")  # unbooked: the decision stands without a slot
        add_session(store, "c", clinician="chloe", goals=[("cbt", "core")], decision="keep", to="chloe")
        store.append("c", "move", {"trigger": "no_partnership", "source": "choice_point", "dest": "letters"})
        add_session(store, "d", clinician="chloe", goals=[("cbt", "core")])
        store.append("d", "move", {"trigger": "choice_plus", "source": "choice_point", "dest": "letters"})
        store.append("d", "move", {"trigger": "back", "source": "letters", "dest": "choice_point"})
        add_session(store, "e", clinician="ayo", goals=[("cbt", "core")], decision="keep", to="ayo")
        store.append("e", "choice_clinician", {"clinician": "ben"})
        store.append("e", "choose", {"decision": "transfer", "clinician": "chloe"})
        store.book("e", "chloe", datetime(2026, 12, 9, 10, 0))
        light = read_facts(store, demo_register)
        full = [facts_of(export_session(store, s.id), demo_register) for s in store.list_sessions()]
    finally:
        store.close()
    assert light == full
    decisions = sorted((f.choice_clinician, f.decision, f.clinician, f.slot is not None) for f in light)
    assert decisions == [("ayo", "keep", "ayo", True), ("ben", "transfer", "ayo", False), ("ben", "transfer", "chloe", True),
                         ("chloe", "no_partnership", None, False), ("chloe", "open", None, False)]
    assert FAMILY_NAME not in repr(light) and PRIVATE not in repr(light)


def test_a_session_that_cannot_be_read_is_left_out(demo_register, tmp_path):
    store = open_journal(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    try:
        add_session(store, "good", clinician="ayo", goals=[("cbt", "core")])
        add_session(store, "odd", clinician="ayo", goals=[("cbt", "core")])
        store.append("odd", "goal_remove", {"goal": 9})
        assert len(read_facts(store, demo_register)) == 1
    finally:
        store.close()
