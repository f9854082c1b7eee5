"""The FHIR R4 record of a session: valid R4, every reference inside the bundle, the session's content in
each resource, never a private or team-only note, and refusals when the patient could not be matched."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime

import pytest

from choice_assistant.appointment.export import case_from_session, load_session
from choice_assistant.appointment.session import Session
from choice_assistant.errors import InputError
from choice_assistant.interchange import build_bundle, record_problems, shareable
from choice_assistant.interchange.elements import fhir_instant
from choice_assistant.interchange.people import relation_code
from choice_assistant.appointment.shareable import SHARED, WITHHELD
from tests.conftest import EXAMPLES
from tests.support.letter_readback import pdf_text

TODAY = date(2026, 11, 24)
PRIVATE = "PRIVATE-MARKER-QX7: the school nurse mentioned something in confidence"
UK_CORE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
# Resource types this record uses that UK Core profiles (Goal has no UK Core profile).
PROFILED = {"Patient", "RelatedPerson", "Practitioner", "PractitionerRole", "Encounter", "Observation", "CarePlan",
            "Appointment", "Location", "Flag", "DocumentReference"}

# A session with every field the export has, private notes in each stage, and people of each kind.
FULL = {
    "session": "full-every-field",
    "date": "2026-11-23",
    "young_person": {"name": "Maya Kowalska", "age": 13, "pronouns": "she/her", "date_of_birth": "2013-02-11",
                     "nhs_number": "943 476 5919", "address": "7 Canal Walk, Riverside RV4 9ZZ"},
    "family": [{"name": "Ewa Kowalska", "relation": "Mother", "address": "Flat 2, 30 Park Road, Riverside RV2 5QT"},
               {"name": "Tomek Kowalski", "relation": "brother"},
               {"name": "Ann Lee", "relation": "family friend"}],
    "referrer": {"name": "Ms R Shah", "role": "School nurse", "organisation": "Riverside Academy",
                 "address": "Riverside Academy, School Lane, Riverside RV3 1AA",
                 "reason": "Low mood and not eating at school since October"},
    "gp": {"name": "Dr K Owusu", "practice": "Hill Surgery", "address": "3 Hill Street, Riverside RV2 1EF"},
    "communication_needs": [{"who": "young_person", "needs": ["large_print"]},
                            {"who": "Ewa Kowalska", "needs": ["interpreter", "email_only"], "language": "pl"}],
    "consent": {"copy_to_referrer": True, "copy_to_gp": True},
    "concerns": "Maya, you have felt low since October and find it hard to eat at school.",
    "background": "You moved here from Gdansk two years ago.",
    "strengths": "You love swimming and you are a loyal friend.",
    "network": "Your form tutor.",
    "risk": "We asked about safety. Maya has no thoughts of harming herself.",
    "safety": {"concerns": False},
    "formulation": "Feeling low has made eating harder, and worry about eating has made you feel lower.",
    "choice_clinician": "ayo",
    "goals": [
        {"text": "Eat lunch at school most days", "approach": "cbt", "level": "core", "owner": "young_person", "rating": 2},
        {"text": "Talk about feelings without shouting", "approach": "systemic", "level": "core", "owner": "family", "rating": 5},
        {"text": "Know how to help Maya when she is low", "approach": "self_help", "level": "core", "owner": "parent_carer",
         "rating": 4},
        {"text": "Go swimming again with friends", "owner": "young_person"},
    ],
    "options_discussed": [{"goal": 1, "approach": "cbt"}, {"goal": 2, "approach": "systemic"}, {"goal": 3, "approach": "self_help"}],
    "things_to_try": ["Maya: eat one snack at morning break.", "Ewa and Maya: plan one calm evening a week."],
    "preferences": {"gender": "female"},
    "keep_reasons": [],
    "client_wants": "transfer",
    "outcome": {"decision": "transfer", "clinician": "chloe", "slot": "2026-12-10T14:00"},
    "private_notes": {"introduction": PRIVATE, "goals": "Team: " + PRIVATE},
}


def full_session(**changes) -> Session:
    return Session.model_validate({**FULL, **changes})


@pytest.fixture(scope="module")
def register():
    from choice_assistant.register.load import load_register

    return load_register(EXAMPLES / "team.yaml")


@pytest.fixture(scope="module")
def full_bundle(register):
    return build_bundle(full_session(), register, today=TODAY, finished=True).as_json()


def parsed(bundle_json: dict):
    """The bundle read back by the R4 models, strictly: an unknown element, a wrong type or format, or a missing
    required element raises."""
    from fhirclient.models.bundle import Bundle

    return Bundle(json.loads(json.dumps(bundle_json)))


def of_type(bundle_json: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle_json["entry"] if e["resource"]["resourceType"] == kind]


def one(bundle_json: dict, kind: str) -> dict:
    found = of_type(bundle_json, kind)
    assert len(found) == 1, f"{len(found)} {kind} resources"
    return found[0]


def url_of(bundle_json: dict, resource: dict) -> str:
    return next(e["fullUrl"] for e in bundle_json["entry"] if e["resource"] is resource)


def refs(value) -> list[str]:
    """Every reference anywhere inside a piece of JSON."""
    if isinstance(value, dict):
        own = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return own + [r for v in value.values() for r in refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in refs(v)]
    return []


def resolves(bundle_json: dict) -> None:
    urls = [e["fullUrl"] for e in bundle_json["entry"]]
    assert len(urls) == len(set(urls)), "each entry has its own full URL"
    assert all(u.startswith("urn:uuid:") and u == f"urn:uuid:{e['resource']['id']}" for u, e in zip(urls, bundle_json["entry"]))
    dangling = [r for r in refs(bundle_json) if r not in urls]
    assert not dangling, f"references outside the bundle: {dangling}"


def everything_said(bundle_json: dict) -> str:
    """The whole bundle as text, with every attached letter's PDF read back as text too."""
    letters = [pdf_text(base64.b64decode(d["content"][0]["attachment"]["data"])) for d in of_type(bundle_json, "DocumentReference")]
    return json.dumps(bundle_json, ensure_ascii=False) + "\n".join(letters)


# -- valid R4, references, profiles ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["sam-rivers.yaml", "three-goals.yaml"])
def test_each_example_session_makes_a_valid_r4_bundle_whose_references_all_resolve(name, register):
    session = load_session(EXAMPLES / "sessions" / name)
    bundle = build_bundle(session, register, today=TODAY).as_json()
    back = parsed(bundle)
    assert back.type == "collection" and len(back.entry) == len(bundle["entry"])
    resolves(bundle)
    patient = one(bundle, "Patient")
    assert patient["name"][0]["text"] == session.young_person.name
    assert [g["description"]["text"] for g in of_type(bundle, "Goal")] == [g.text for g in session.goals]
    # both example families agreed to copies: the referrer's, and the GP's where the GP is someone else
    assert len(of_type(bundle, "DocumentReference")) == 2 + (session.gp is not None)


def test_the_full_session_makes_a_valid_bundle_with_every_kind_of_resource(full_bundle):
    parsed(full_bundle)
    resolves(full_bundle)
    kinds = {e["resource"]["resourceType"] for e in full_bundle["entry"]}
    assert kinds == PROFILED | {"Goal"}
    for entry in full_bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] in PROFILED:
            assert resource["meta"]["profile"] == [UK_CORE + resource["resourceType"]]
        else:
            assert "meta" not in resource


def test_a_bundle_the_models_would_refuse_is_caught_by_the_check_the_tests_use(full_bundle):
    from fhirclient.models.fhirabstractbase import FHIRValidationError

    broken = json.loads(json.dumps(full_bundle))
    del one(broken, "Encounter")["status"]  # status is required in R4
    with pytest.raises(FHIRValidationError):
        parsed(broken)
    dangling = json.loads(json.dumps(full_bundle))
    one(dangling, "CarePlan")["subject"]["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    with pytest.raises(AssertionError):
        resolves(dangling)


def test_the_same_session_gives_the_same_resources_under_the_same_ids(register):
    def without_pdf_bytes(bundle):
        for doc in of_type(bundle, "DocumentReference"):
            for c in doc["content"]:
                for k in ("data", "hash", "size"):
                    c["attachment"].pop(k)
        return bundle

    first = without_pdf_bytes(build_bundle(full_session(), register, today=TODAY).as_json())
    again = without_pdf_bytes(build_bundle(full_session(), register, today=TODAY).as_json())
    assert first == again
    other = build_bundle(full_session(session="another-appointment"), register, today=TODAY).as_json()
    assert not {e["fullUrl"] for e in other["entry"]} & {e["fullUrl"] for e in first["entry"]}


# -- each resource says what the session says --------------------------------------------------------

def test_the_patient_carries_the_nhs_number_birth_date_name_and_address(full_bundle):
    patient = one(full_bundle, "Patient")
    assert patient["identifier"] == [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}]
    assert patient["birthDate"] == "2013-02-11"
    assert patient["name"] == [{"text": "Maya Kowalska"}]
    assert patient["address"][0]["text"] == "7 Canal Walk, Riverside RV4 9ZZ"
    assert patient["address"][0]["postalCode"] == "RV4 9ZZ"


def test_each_family_member_is_a_related_person_coded_only_where_the_relation_is_certain(full_bundle):
    patient_url = url_of(full_bundle, one(full_bundle, "Patient"))
    people = {p["name"][0]["text"]: p for p in of_type(full_bundle, "RelatedPerson")}
    assert set(people) == {"Ewa Kowalska", "Tomek Kowalski", "Ann Lee"}
    assert all(p["patient"]["reference"] == patient_url for p in people.values())
    mother = people["Ewa Kowalska"]["relationship"][0]
    assert mother["text"] == "Mother" and mother["coding"][0]["code"] == "MTH"
    assert people["Tomek Kowalski"]["relationship"][0]["coding"][0]["code"] == "BRO"
    assert people["Ann Lee"]["relationship"] == [{"text": "family friend"}]  # no code for it: the words only
    assert people["Ewa Kowalska"]["address"][0]["text"] == "Flat 2, 30 Park Road, Riverside RV2 5QT"
    assert "address" not in people["Tomek Kowalski"]


@pytest.mark.parametrize("words, code", [("mum", "MTH"), ("Step-father", "STPFTH"), ("step mum", "STPMTH"),
                                         ("Grandmother", "GRMTH"), ("nan", "GRMTH"), ("dad", "FTH")])
def test_relations_written_in_everyday_words_get_their_code(words, code):
    assert relation_code(words)[0] == code


@pytest.mark.parametrize("words", ["foster carer", "guardian", "mother's partner", "friend", "carer"])
def test_relations_without_one_certain_code_get_none(words):
    assert relation_code(words) is None


def test_the_choice_and_partnership_clinicians_are_practitioners_with_their_roles(full_bundle):
    names = sorted(p["name"][0]["text"] for p in of_type(full_bundle, "Practitioner"))
    assert names == ["Ayo Bello", "Chloe Martin"]
    roles = {r["practitioner"]["reference"]: r["code"][0]["text"] for r in of_type(full_bundle, "PractitionerRole")}
    by_name = {p["name"][0]["text"]: url_of(full_bundle, p) for p in of_type(full_bundle, "Practitioner")}
    assert roles == {by_name["Ayo Bello"]: "Clinical psychologist", by_name["Chloe Martin"]: "CAMHS nurse"}


def test_the_encounter_is_the_choice_appointment_finished_only_when_closed(register, full_bundle):
    visit = one(full_bundle, "Encounter")
    ayo = next(p for p in of_type(full_bundle, "Practitioner") if p["name"][0]["text"] == "Ayo Bello")
    assert visit["status"] == "finished" and visit["period"] == {"start": "2026-11-23", "end": "2026-11-23"}
    assert visit["subject"]["reference"] == url_of(full_bundle, one(full_bundle, "Patient"))
    assert [p["individual"]["reference"] for p in visit["participant"]] == [url_of(full_bundle, ayo)]
    assert visit["reasonCode"][0]["text"] == "Low mood and not eating at school since October"
    open_one = one(build_bundle(full_session(), register, today=TODAY, finished=False).as_json(), "Encounter")
    assert open_one["status"] == "in-progress" and "end" not in open_one["period"]


def test_goals_are_in_the_familys_words_and_expressed_by_whoever_set_them(full_bundle):
    goals = of_type(full_bundle, "Goal")
    patient = url_of(full_bundle, one(full_bundle, "Patient"))
    mother = next(url_of(full_bundle, p) for p in of_type(full_bundle, "RelatedPerson") if p["name"][0]["text"] == "Ewa Kowalska")
    assert [g["description"]["text"] for g in goals] == [g["text"] for g in FULL["goals"]]
    assert [g.get("expressedBy", {}).get("reference") for g in goals] == [patient, None, mother, patient]
    assert goals[1]["note"] == [{"text": "A goal for the whole family"}]
    assert [g["lifecycleStatus"] for g in goals] == ["active", "active", "active", "accepted"]  # the last has no way agreed
    assert all(g["subject"]["reference"] == patient for g in goals)


def test_a_parents_goal_names_no_one_when_the_family_has_two_parents(register):
    family = FULL["family"] + [{"name": "Piotr Kowalski", "relation": "father"}]
    bundle = build_bundle(full_session(family=family), register, today=TODAY).as_json()
    parents_goal = of_type(bundle, "Goal")[2]
    assert "expressedBy" not in parents_goal and parents_goal["note"] == [{"text": "A parent's or carer's goal"}]


def test_each_rating_is_an_observation_about_its_goal(full_bundle):
    goals = of_type(full_bundle, "Goal")
    ratings = of_type(full_bundle, "Observation")
    assert len(ratings) == 3  # the fourth goal was not rated
    for obs, goal, wanted in zip(ratings, goals, FULL["goals"]):
        assert obs["valueInteger"] == wanted["rating"]
        assert obs["focus"] == [{"reference": url_of(full_bundle, goal)}]
        assert obs["status"] == "final" and obs["effectiveDateTime"] == "2026-11-23"
        assert obs.get("performer") == ([goal["expressedBy"]] if "expressedBy" in goal else None)


def test_the_care_plan_has_each_agreed_way_of_working_and_the_things_to_try(full_bundle):
    plan = one(full_bundle, "CarePlan")
    chloe = next(url_of(full_bundle, p) for p in of_type(full_bundle, "Practitioner") if p["name"][0]["text"] == "Chloe Martin")
    goal_urls = [url_of(full_bundle, g) for g in of_type(full_bundle, "Goal")]
    assert (plan["status"], plan["intent"]) == ("active", "plan")
    assert [g["reference"] for g in plan["goal"]] == goal_urls
    details = [a["detail"] for a in plan["activity"]]
    ways, tries = details[:3], details[3:]
    assert [w["goal"][0]["reference"] for w in ways] == goal_urls[:3]
    assert ways[0]["code"]["text"] == "Cognitive behavioural therapy (CBT)" and "Eat lunch at school most days" in ways[0]["description"]
    assert ways[0]["performer"] == [{"reference": chloe}] and ways[0]["status"] == "scheduled"  # Chloe holds CBT; booked
    assert "performer" not in ways[2] and ways[2]["status"] == "not-started"  # self-help is not a team skill
    assert [t["description"] for t in tries] == FULL["things_to_try"]
    assert not any("coding" in w["code"] for w in ways), "no register code given, so no SNOMED code"


def test_a_skill_with_a_snomed_code_in_the_register_is_coded_with_it(register):
    skills = [s.model_copy(update={"snomed": "1234567"}) if s.id == "cbt" else s for s in register.skills]
    coded = register.model_copy(update={"skills": skills})
    coded.__dict__.pop("skills_by_id", None)  # the look-up is built from the skills
    plan = one(build_bundle(full_session(), coded, today=TODAY).as_json(), "CarePlan")
    cbt = plan["activity"][0]["detail"]["code"]
    assert cbt["coding"] == [{"system": "http://snomed.info/sct", "code": "1234567", "display": "Cognitive behavioural therapy (CBT)"}]


def test_the_booked_appointment_has_its_time_people_and_place(full_bundle):
    appt = one(full_bundle, "Appointment")
    place = one(full_bundle, "Location")
    assert appt["status"] == "booked"
    assert (appt["start"], appt["end"]) == ("2026-12-10T14:00:00+00:00", "2026-12-10T15:00:00+00:00")
    actors = [p["actor"]["reference"] for p in appt["participant"]]
    chloe = next(url_of(full_bundle, p) for p in of_type(full_bundle, "Practitioner") if p["name"][0]["text"] == "Chloe Martin")
    assert actors == [url_of(full_bundle, one(full_bundle, "Patient")), chloe, url_of(full_bundle, place)]
    assert place["name"] == "Hill Clinic, room 2"  # the venue the register gives this slot


def test_a_slot_at_the_service_is_held_at_its_address_and_summer_times_carry_the_summer_offset(register, demo_session_path):
    bundle = build_bundle(load_session(demo_session_path), register, today=TODAY).as_json()
    assert one(bundle, "Location")["address"]["text"] == register.service.address
    assert fhir_instant(datetime(2027, 7, 1, 9, 30)).as_json() == "2027-07-01T09:30:00+01:00"


def test_no_appointment_without_a_booking(register):
    bundle = build_bundle(full_session(outcome={"decision": "no_partnership"}), register, today=TODAY).as_json()
    assert not of_type(bundle, "Appointment") and not of_type(bundle, "Location")
    assert [p["name"][0]["text"] for p in of_type(bundle, "Practitioner")] == ["Ayo Bello"]


def test_each_communication_need_is_a_flag_naming_whom_it_concerns(full_bundle):
    flags = [f["code"]["text"] for f in of_type(full_bundle, "Flag")]
    assert flags == ["Needs information in large print: Maya Kowalska (the young person)",
                     "Needs an interpreter (Polish): Ewa Kowalska (Mother)",
                     "Contact by email only, not by post: Ewa Kowalska (Mother)"]
    patient = url_of(full_bundle, one(full_bundle, "Patient"))
    assert all(f["subject"]["reference"] == patient and f["status"] == "active" for f in of_type(full_bundle, "Flag"))


def test_each_letter_is_attached_as_its_pdf(full_bundle):
    docs = of_type(full_bundle, "DocumentReference")
    assert len(docs) == 3
    for doc in docs:
        attachment = doc["content"][0]["attachment"]
        pdf = base64.b64decode(attachment["data"])
        assert pdf.startswith(b"%PDF") and attachment["contentType"] == "application/pdf"
        assert attachment["size"] == len(pdf) and attachment["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
        assert "Maya" in pdf_text(pdf)
    assert "family" in docs[0]["description"] and "large print" in docs[0]["description"]  # the young person needs it
    assert "Ms R Shah" in docs[1]["description"] and "Dr K Owusu" in docs[2]["description"]


def test_no_referrer_or_gp_letter_is_attached_without_consent(register):
    record = build_bundle(full_session(consent={"copy_to_referrer": False, "copy_to_gp": False}), register, today=TODAY)
    docs = of_type(record.as_json(), "DocumentReference")
    assert [d["description"].split(" after")[0] for d in docs] == ["Letter to the family"]
    assert [n.code for n in record.notes] == ["letter_left_out", "letter_left_out"]
    only_gp = build_bundle(full_session(consent={"copy_to_referrer": False, "copy_to_gp": True}), register, today=TODAY)
    assert [d["description"].split(" after")[0] for d in of_type(only_gp.as_json(), "DocumentReference")] == [
        "Letter to the family", "Letter to the GP (Dr K Owusu)"]


def test_no_second_letter_goes_to_a_gp_who_is_the_referrer(register):
    referrer = {**FULL["referrer"], "role": "GP"}
    record = build_bundle(full_session(gp=None, referrer=referrer), register, today=TODAY)
    assert [d["description"].split(" after")[0] for d in of_type(record.as_json(), "DocumentReference")] == [
        "Letter to the family", "Letter to the referrer (Ms R Shah)"]


def test_without_the_services_contact_details_the_record_is_made_without_letters(register):
    bare = register.model_copy(update={"service": None})
    record = build_bundle(full_session(), bare, today=TODAY)
    bundle = record.as_json()
    parsed(bundle)
    assert not of_type(bundle, "DocumentReference")
    assert {n.code for n in record.notes} == {"letter_left_out"} and len(record.notes) == 3


# -- nothing private leaves ------------------------------------------------------------------------

def test_no_private_note_and_no_team_only_note_appears_anywhere_in_the_bundle_or_its_letters(register, full_bundle):
    from choice_assistant.matching.recommend import recommend

    session = full_session()
    assert PRIVATE in session.private_text()[0]
    advice = recommend(register, case_from_session(session.model_copy(update={"goals": session.goals[:3]})))  # goals with a way agreed
    team_only = {n.text for n in [*advice.keep.reasons, *advice.keep.cautions,
                                  *(x for t in advice.transfer for x in [*t.reasons, *t.cautions])] if n.audience == "clinician"}
    assert team_only, "the advice for this session has notes for the team"
    said = everything_said(full_bundle)
    assert "Maya Kowalska" in said and "Eat lunch at school most days" in said  # the search does see the content
    assert "PRIVATE-MARKER-QX7" not in said
    assert not [t for t in team_only if t in said]
    assert not [c for c in register.clinicians if c.cultural_background and c.cultural_background in said]


def test_the_example_sessions_private_notes_stay_out_of_their_bundles(register):
    for name in ("sam-rivers.yaml", "three-goals.yaml"):
        session = load_session(EXAMPLES / "sessions" / name)
        said = everything_said(build_bundle(session, register, today=TODAY).as_json())
        assert session.private_text() and not [p for p in session.private_text() if p in said]


def test_the_shareable_view_keeps_everything_but_the_private_notes():
    session = full_session()
    shared = shareable(session)
    assert shared.private_notes == "" and shared.private_text() == []
    assert shared.model_dump(exclude={"private_notes"}) == session.model_dump(exclude={"private_notes"})
    assert session.private_text(), "the session itself is left as it was"
    shared.goals[0].text = "changed"
    assert session.goals[0].text == "Eat lunch at school most days", "a copy, not the same objects"


def test_every_session_field_is_either_shared_or_withheld():
    assert SHARED.isdisjoint(WITHHELD)
    assert SHARED | WITHHELD == set(Session.model_fields), "say whether a new session field may leave the service"


def test_a_field_added_to_the_session_stays_home_until_it_is_named_as_shareable():
    class Later(Session):
        team_notes: str = ""

    later = Later.model_validate({**FULL, "team_notes": "only for the team"})
    assert shareable(later).team_notes == ""


# -- refusals --------------------------------------------------------------------------------------

@pytest.mark.parametrize("young_person, missing", [
    ({"name": "Maya Kowalska", "date_of_birth": "2013-02-11"}, "NHS number"),
    ({"name": "Maya Kowalska", "nhs_number": "943 476 5919"}, "date of birth"),
    ({"name": "Maya Kowalska"}, "NHS number and date of birth"),
])
def test_a_record_without_what_matches_the_patient_is_refused_saying_what_to_add(register, young_person, missing):
    with pytest.raises(InputError) as refused:
        build_bundle(full_session(young_person=young_person), register, today=TODAY)
    message = str(refused.value)
    assert f"add the young person's {missing} (Details, ctrl+r)" in message


def test_a_record_without_a_young_person_or_a_choice_clinician_is_refused(register):
    problems = record_problems(full_session(young_person=None, choice_clinician=None), register)
    assert [p.place for p in problems] == ["young_person", "choice_clinician"]


def test_a_clinician_the_register_does_not_know_is_refused(register):
    session = full_session(outcome={"decision": "transfer", "clinician": "zed", "slot": "2026-12-10T14:00"})
    with pytest.raises(InputError) as refused:
        build_bundle(session, register, today=TODAY)
    assert "outcome.clinician: 'zed' is not a clinician" in str(refused.value)
