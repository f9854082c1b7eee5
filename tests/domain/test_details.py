"""The identifiers and addresses a letter and a record need: recorded, checked and exported."""

from __future__ import annotations

from datetime import datetime

import pytest

from choice_assistant.appointment import Appointment, WorkflowError, export_session
from choice_assistant.appointment.export import session_to_yaml
from choice_assistant.journal.sqlite import SqliteStore

NOW = datetime(2026, 12, 8, 10, 0)


@pytest.fixture
def store(data_dir):
    s = SqliteStore.open()
    yield s
    s.close()


@pytest.fixture
def appt(store, demo_register):
    a = Appointment.new(store, demo_register, "ayo", now=NOW)
    a.set_text("young_person", "Maya Okafor")
    a.set_family([{"name": "Grace Okafor", "relation": "mother"}, {"name": "Tunde Okafor", "relation": "father",
                                                                    "address": "9 Elm Row, Riverside RV2 8PQ"}])
    return a


def test_a_date_of_birth_typed_day_first_gives_the_age_on_the_day_of_the_appointment(appt):
    appt.set_young_person(date_of_birth="09/12/2011")  # fifteen tomorrow
    yp = appt.export().young_person
    assert (yp.date_of_birth.isoformat(), yp.age) == ("2011-12-09", 14)


@pytest.mark.parametrize("typed, why", [("31/02/2012", "not a real date"), ("01/01/2027", "in the future"),
                                        ("1 Smarch 2012", "day/month/year")])
def test_a_date_of_birth_that_cannot_be_right_is_refused_in_plain_words(appt, typed, why):
    with pytest.raises(WorkflowError, match=why):
        appt.set_young_person(date_of_birth=typed)
    assert appt.export().young_person.date_of_birth is None


def test_an_nhs_number_is_checked_and_kept_in_the_usual_spacing(appt):
    appt.set_young_person(nhs_number="9434765919")
    assert appt.export().young_person.nhs_number == "943 476 5919"
    with pytest.raises(WorkflowError, match="check digit"):
        appt.set_young_person(nhs_number="943 476 5918")
    assert appt.export().young_person.nhs_number == "943 476 5919"


def test_referral_reason_gp_and_communication_needs_are_exported_and_rebuilt_from_the_journal(appt, store, demo_register):
    appt.set_young_person(date_of_birth="2011-12-09", nhs_number="943 476 5919", address="14 Quay Street, Riverside RV1 5ST")
    appt.set_referrer({"name": "Ms K Lowe", "role": "School nurse", "organisation": "Riverside Academy",
                       "address": "Riverside Academy, Park Road, Riverside RV4 1AA",
                       "reason": "Not attending school since October; panic attacks in class."})
    appt.set_gp({"name": "Dr E Hughes", "practice": "Quayside Surgery", "address": "2 Quay Street, Riverside RV1 5SU"})
    appt.set_communication_needs([{"who": "Grace Okafor", "needs": ["interpreter"], "language": "yo"},
                                  {"who": "young_person", "needs": ["large_print"]}])
    appt.flush()
    for session in (appt.export(), export_session(store, appt.session_id)):
        assert session.referrer.reason.startswith("Not attending school")
        assert session.gp.practice == "Quayside Surgery"
        assert session.family[1].address == "9 Elm Row, Riverside RV2 8PQ"
        assert [(n.who, n.needs, n.language) for n in session.communication_needs] == [
            ("Grace Okafor", ["interpreter"], "yo"), ("young_person", ["large_print"], None)]
    text = session_to_yaml(export_session(store, appt.session_id))
    assert "nhs_number: 943 476 5919" in text and "date_of_birth: '2011-12-09'" not in text


def test_an_interpreter_needs_a_language_and_a_need_must_name_someone_who_came(appt):
    with pytest.raises(WorkflowError, match="which language"):
        appt.set_communication_needs([{"who": "Grace Okafor", "needs": ["interpreter"]}])
    with pytest.raises(WorkflowError, match="not the young person or one of the family"):
        appt.set_communication_needs([{"who": "Auntie Bisi", "needs": ["large_print"]}])
    assert appt.export().communication_needs == []
