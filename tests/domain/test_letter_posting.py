"""Letters a practice can post and file: Maya Okafor's whole appointment, run through the appointment
as a clinician runs it, then her letters to the family, the referrer (a school nurse) and her GP.

Identifiers at the top of both letters, the addressee in the window of a DL envelope, the
referral's own reason, each letter in its own voice, the right addressee, the slot's venue,
communication needs, and what a letter still lacks before it is posted."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest

from choice_assistant.appointment import Appointment
from choice_assistant.appointment.session import CommunicationNeed, FamilyMember, Referrer
from choice_assistant.errors import InputError
from choice_assistant.journal.sqlite import SqliteStore
from choice_assistant.letters import FORMATS, build_letter, quality_gate
from choice_assistant.letters import envelope
from choice_assistant.letters.postable import CODES, missing
from tests.support.letter_readback import letter_text, pdf_positions

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 23, 10, 0)
NHS = "485 777 3457"
HOME = "14 Quay Street, Riverside RV1 5ST"
REASON = "Not attending school since October; panic attacks in class. Please see."
NURSE = {"name": "Ms K Lowe", "role": "School nurse", "organisation": "Riverside Academy",
         "address": "Riverside Academy, Park Road, Riverside RV4 1AA", "reason": REASON}
GP = {"name": "Dr E Hughes", "practice": "Quayside Surgery", "address": "2 Quay Street, Riverside RV1 5SU"}
WORRIES = "Feels sick most mornings before school and has missed weeks of term. Rows at home most mornings."
STRENGTHS = "Maya, you are funny and love drawing. Grace is determined to help."


def run_appointment(register, details: bool = True):
    """Maya's appointment, stage by stage, as the clinician ran it; returns the session export."""
    with SqliteStore.open() as store:
        a = Appointment.new(store, register, "ayo", now=NOW, session_id="maya")
        a.set_text("young_person", "Maya Okafor")
        a.set_young_person(age=14, pronouns="she/her")
        a.set_family([{"name": "Grace Okafor", "relation": "mother"}])
        if details:
            a.set_young_person(date_of_birth="03/03/2012", nhs_number=NHS.replace(" ", ""), address=HOME)
        for phrase in ("welcome", "skills_match", "your_preference"):
            a.tick_phrase(phrase)
        assert a.next(), a.missing()
        a.set_text("concerns", WORRIES)
        a.set_text("background", "Moved school in Year 8. Lives with mum.")
        a.set_text("strengths", STRENGTHS)
        a.set_text("risk", "No thoughts of harm; feels safe at home.")
        a.set_safety(False)
        assert a.next(), a.missing()
        a.add_goal("Go to school every day without feeling sick", owner="young_person", rating=2)
        assert a.next(), a.missing()
        a.set_text("formulation", "The worry about school and the morning rows feed each other.")
        assert a.next(), a.missing()
        a.add_option(1, "cbt")
        assert a.next(), a.missing()
        a.set_things_to_try(["Maya: the breathing exercise before school."])
        a.agree_option(1, "cbt")
        assert a.next(), a.missing()
        a.set_client_wants("transfer")
        a.choose("transfer", "chloe")
        assert a.next(), a.missing()
        a.book(datetime(2026, 12, 10, 14, 0))  # Chloe's slot at Hill Clinic, room 2
        assert a.next(), a.missing()
        a.set_referrer(NURSE if details else {k: v for k, v in NURSE.items() if k not in ("address", "reason")})
        a.set_gp(GP if details else {"name": "Dr E Hughes", "practice": "Quayside Surgery"})
        a.set_consent(copy_to_referrer=True, copy_to_gp=True)
        a.flush()
        return a.export()


@pytest.fixture(scope="module")
def register():
    from choice_assistant.register.load import load_register
    from tests.conftest import EXAMPLES

    return load_register(EXAMPLES / "team.yaml")


@pytest.fixture(scope="module")
def maya(register, tmp_path_factory):
    import os

    old = os.environ.get("CHOICE_ASSISTANT_DATA")
    os.environ["CHOICE_ASSISTANT_DATA"] = str(tmp_path_factory.mktemp("maya-data"))
    try:
        return run_appointment(register)
    finally:
        if old is not None:
            os.environ["CHOICE_ASSISTANT_DATA"] = old


@pytest.fixture(scope="module")
def letters(maya, register):
    return {to: build_letter(maya, register, to, today=TODAY) for to in ("family", "referrer", "gp")}


@pytest.fixture(scope="module")
def texts(letters):
    return {(to, fmt): letter_text(letter.render(fmt), fmt) for to, letter in letters.items() for fmt in FORMATS}


def head(text: str) -> str:
    """What a letter says before its greeting: the letterhead, the addressee, the date, the identifiers."""
    return text[:text.index("Dear ")]


# ---- identifiers and addresses, in every format ------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("to", ["family", "gp"])
def test_both_letters_carry_the_identifiers_the_addresses_the_venue_and_the_reason_in_every_format(texts, to, fmt):
    text = texts[to, fmt]
    for words in ("Name: Maya Okafor", "Date of birth: 3 March 2012", f"NHS number: {NHS}", f"Address: {HOME}"):
        assert words in head(text), (to, fmt, words)
    addressee = ["14 Quay Street", "Riverside RV1 5ST"] if to == "family" else ["Dr E Hughes", "Quayside Surgery",
                                                                               "2 Quay Street", "Riverside RV1 5SU"]
    for line in addressee:
        assert line in head(text), (to, fmt, line)
    assert "Age: 14" not in text
    appointment = text[text.index("Your next appointment" if to == "family" else "Appointment ", text.index("Dear ")):]
    assert "Thursday 10 December 2026 at 2pm" in appointment and "Hill Clinic, room 2" in appointment
    if to == "gp":
        assert f"Reason for referral: “{REASON}”" in text


def test_details_not_recorded_are_said_so_not_left_out(register):
    bare = run_appointment(register, details=False)
    text = build_letter(bare, register, "family", today=TODAY).markdown
    for label in ("Date of birth", "NHS number", "Address"):
        assert f"**{label}:** not recorded" in text


# ---- the window of a DL envelope -------------------------------------------------------------------------

def in_window(letter) -> list[tuple[str, float, float]]:
    """The text on page 1 left of the date and identifiers, from below the letterhead to the greeting."""
    positions = pdf_positions(letter.render("pdf"))
    dear = next(top for text, x, top in positions if text.startswith("Dear "))
    return [(text, x, top) for text, x, top in positions if 40 < top < dear and x < envelope.ASIDE_LEFT_MM - 5]


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("to", ["family", "referrer", "gp"])
def test_the_addressee_is_where_a_dl_window_shows_it_in_the_pdf(maya, register, to, large):
    letter = build_letter(maya, register, to, today=TODAY, large_print=large)
    shown = in_window(letter)
    # Exactly "Private and confidential" and the addressee's lines (wrapped, perhaps, in large print) ...
    assert " ".join(text for text, _, _ in shown) == " ".join(["Private and confidential", *letter.context["recipient"]])
    top_band, bottom_band = envelope.WINDOW_BAND_MM
    for text, x, baseline in shown:
        assert 19 <= x <= 25, (text, x)  # ... on the left, at the margin,
        assert top_band + 3 <= baseline <= bottom_band, (text, baseline)  # ... every line inside the band,
    # ... and nothing else shows through the window: the greeting starts below it.
    positions = pdf_positions(letter.render("pdf"))
    dear = next(top for text, x, top in positions if text.startswith("Dear "))
    assert dear - 4 > bottom_band


def test_a_long_address_in_large_print_still_fits_the_window(maya, register):
    long = maya.model_copy(update={"young_person": maya.young_person.model_copy(update={
        "address": "Flat 12, Riverside Court, 140 Long Meadow Road, Upper Quayside, Riverside, Riverbank County RV1 5ST"})})
    letter = build_letter(long, register, "family", today=TODAY, large_print=True)
    shown = in_window(letter)
    assert len(shown) >= 8
    assert all(envelope.WINDOW_BAND_MM[0] + 3 <= baseline <= envelope.WINDOW_BAND_MM[1] for _, _, baseline in shown)


def test_the_word_document_puts_the_addressee_in_the_window(letters):
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Mm

    for to, letter in letters.items():
        doc = Document(io.BytesIO(letter.render("docx")))
        section, table = doc.sections[0], doc.tables[0]
        head_row, window_row = table.rows
        assert head_row.height_rule == WD_ROW_HEIGHT_RULE.EXACTLY  # the window row starts at a fixed place
        starts = (section.top_margin + head_row.height) / Mm(1)
        assert envelope.WINDOW_BAND_MM[0] <= starts <= envelope.WINDOW_BAND_MM[0] + 5
        assert round(section.left_margin / Mm(1)) == 20
        cell = window_row.cells[0]
        assert cell.width / Mm(1) <= 100
        assert [p.text for p in cell.paragraphs] == ["Private and confidential", *letter.context["recipient"]]
        lines = len(cell.paragraphs)
        spacing = max(p.paragraph_format.line_spacing.pt for p in cell.paragraphs)
        assert starts + lines * spacing * 25.4 / 72 <= envelope.WINDOW_BAND_MM[1]  # and ends inside the band
        assert "Date of birth" in window_row.cells[1].text and "Date of birth" not in cell.text


def test_the_web_page_puts_the_addressee_in_the_window(letters):
    html = letters["gp"].html
    page_top = float(re.search(r"@page \{ size: A4; margin: ([\d.]+)mm", html).group(1))
    window_top = float(re.search(r"\.letterhead-top \{ height: ([\d.]+)mm", html).group(1))  # the window row follows it
    height = float(re.search(r"\.window \{[^}]*; height: ([\d.]+)mm", html).group(1))
    band = envelope.WINDOW_BAND_MM
    assert band[0] <= page_top + window_top and page_top + window_top + height <= band[1]
    window = html[html.index('<div class="window">'):html.index('<div class="aside">')]
    assert "Dr E Hughes" in window and "2 Quay Street" in window and "Date of birth" not in window


# ---- reason for referral ---------------------------------------------------------------------------------

def test_the_reason_for_referral_is_the_referrers_never_the_familys_worries(maya, register, letters):
    box = letters["gp"].parts()["summary"]
    assert f"Reason for referral: “{REASON}” (the referral's words)" in box
    assert "Feels sick most mornings" not in box
    unknown = maya.model_copy(update={"referrer": maya.referrer.model_copy(update={"reason": None})})
    box = build_letter(unknown, register, "gp", today=TODAY).parts()["summary"]
    assert "Reason for referral: not recorded." in box and "Feels sick" not in box
    assert [m.code for m in missing(unknown, "gp")] == ["referral_reason_missing"]
    assert missing(unknown, "gp")[0].field == "referrer.reason"


# ---- each letter in its own voice ---------------------------------------------------------------------------

QUOTED = re.compile(r"“[^”]*”")
SECOND_PERSON = re.compile(r"\b(you|your|yourself|yourselves)\b", re.IGNORECASE)


def spoken_to(text: str) -> list[str]:
    """Sentences that say "you" outside the quoted record."""
    text = QUOTED.sub("“”", text)
    return [s for s in re.split(r"(?<=[.!?:;])\s+", text) if SECOND_PERSON.search(s)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("to", ["referrer", "gp"])
def test_the_gp_letter_never_speaks_to_the_young_person(texts, to, fmt):
    text = texts[to, fmt]
    assert spoken_to(text) == []
    assert "“Maya, you are funny and love drawing. Grace is determined to help.”" in text  # quoted as recorded
    assert "Maya and her mother told us: “Feels sick most mornings" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_family_letter_speaks_to_the_family_and_quotes_their_words(texts, fmt):
    text = texts["family", fmt]
    assert "You told us: “Feels sick most mornings" in text and "You said: “Maya, you are funny" in text


def test_the_gate_judges_the_letters_own_words_and_passes_maya_s_letters(letters):
    for to, letter in letters.items():
        results = quality_gate(letter)
        assert [r.message for r in results if not r.ok] == [], to
        if to != "family":
            assert [r.ok for r in results if r.check == "voice"] == [True]


def test_a_gp_template_that_says_you_is_flagged(maya, register, tmp_path):
    import shutil

    from choice_assistant.resources import prompts_dir

    folder = tmp_path / "letters"
    shutil.copytree(prompts_dir() / "letters", folder)
    path = folder / "referrer.html.j2"
    path.write_text(path.read_text().replace("<h2>Current concerns</h2>", "<h2>Current concerns</h2><p>You are doing well.</p>"))
    voice = [r for r in quality_gate(build_letter(maya, register, "gp", today=TODAY, templates=folder)) if r.check == "voice"]
    assert len(voice) == 1 and not voice[0].ok and "You are doing well." in voice[0].message


# ---- who each letter goes to ------------------------------------------------------------------------------

def test_the_gp_letter_goes_to_the_gp_and_the_referrer_letter_to_the_referrer(letters):
    gp, referrer = letters["gp"].markdown, letters["referrer"].markdown
    assert letters["gp"].context["recipient"] == ["Dr E Hughes", "Quayside Surgery", "2 Quay Street", "Riverside RV1 5SU"]
    assert "Dear Dr E Hughes," in gp and "Copy to: Ms K Lowe, School nurse, Riverside Academy (referrer)" in gp
    assert letters["referrer"].context["recipient"][0] == "Ms K Lowe, School nurse"
    assert "Dear Ms K Lowe," in referrer and "Copy to: Dr E Hughes, GP, Quayside Surgery" in referrer
    family = letters["family"].markdown
    assert "Copy to: Dr E Hughes, your GP, Quayside Surgery (as you agreed)" in family


def test_no_gp_letter_without_a_gp_or_without_consent(maya, register):
    with pytest.raises(InputError, match="no GP is recorded"):
        build_letter(maya.model_copy(update={"gp": None}), register, "gp", today=TODAY)
    no = maya.consent.model_copy(update={"copy_to_gp": False})
    with pytest.raises(InputError, match="has not agreed to a copy going to their GP"):
        build_letter(maya.model_copy(update={"consent": no}), register, "gp", today=TODAY)


def test_a_parent_at_another_address_gets_their_own_addressed_copy(maya, register):
    dad = FamilyMember(name="Tunde Okafor", relation="father", address="9 Elm Row, Riverside RV2 8PQ")
    session = maya.model_copy(update={"family": [*maya.family, dad]})
    home = build_letter(session, register, "family", today=TODAY)
    assert home.context["recipient"][:2] == ["Maya Okafor and Grace Okafor", "14 Quay Street"]
    assert "Dear Maya and Grace," in home.markdown and "Copy to: Tunde Okafor (their own copy)" in home.markdown
    own = build_letter(session, register, "family", today=TODAY, addressee="Tunde Okafor")
    assert own.context["recipient"] == ["Tunde Okafor", "9 Elm Row", "Riverside RV2 8PQ"]
    assert "Dear Tunde," in own.markdown and "your own copy of the letter we wrote to Maya and Grace" in own.markdown
    assert "Copy to: Maya Okafor and Grace Okafor" in own.markdown
    assert own.context["identifiers"] == home.context["identifiers"]  # filed against Maya either way
    with pytest.raises(InputError, match="not a family member with an address of their own"):
        build_letter(session, register, "family", today=TODAY, addressee="Grace Okafor")


# ---- communication needs ----------------------------------------------------------------------------------

def with_needs(session, *needs):
    return session.model_copy(update={"communication_needs": [CommunicationNeed(**n) for n in needs]})


def test_large_print_is_the_default_for_a_reader_who_needs_it(maya, register):
    session = with_needs(maya, {"who": "young_person", "needs": ["large_print"]})
    assert build_letter(session, register, "family", today=TODAY).large_print
    assert not build_letter(session, register, "family", today=TODAY, large_print=False).large_print
    assert not build_letter(session, register, "gp", today=TODAY).large_print  # the GP is not the reader
    dad = FamilyMember(name="Tunde Okafor", relation="father", address="9 Elm Row, Riverside RV2 8PQ")
    apart = with_needs(maya.model_copy(update={"family": [*maya.family, dad]}), {"who": "Tunde Okafor", "needs": ["large_print"]})
    assert build_letter(apart, register, "family", today=TODAY, addressee="Tunde Okafor").large_print
    assert not build_letter(apart, register, "family", today=TODAY).large_print


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_interpreter_is_named_in_the_appointment_and_the_gp_summary(maya, register, fmt):
    session = with_needs(maya, {"who": "Grace Okafor", "needs": ["interpreter"], "language": "yo"})
    family = build_letter(session, register, "family", today=TODAY)
    gp = build_letter(session, register, "gp", today=TODAY)
    assert "An interpreter for Yoruba will be there for Grace." in family.parts()["appointment"]
    assert "An interpreter for Yoruba will be there for Grace Okafor." in gp.parts()["appointment"]
    assert "Communication needs: Grace Okafor: an interpreter for Yoruba." in gp.parts()["summary"]
    for letter in (family, gp):
        assert "interpreter for Yoruba" in letter_text(letter.render(fmt), fmt)
    unbooked = session.model_copy(update={"outcome": session.outcome.model_copy(update={"slot": None})})
    assert "We will book an interpreter for Yoruba for Grace." in build_letter(unbooked, register, "family", today=TODAY).parts()["appointment"]
    reminder = [r for r in quality_gate(family) if r.check == "access"]
    assert reminder and reminder[0].ok and "book the interpreter" in reminder[0].message


@pytest.mark.parametrize("need, words", [("braille", "information in braille"), ("read_aloud", "letters read aloud"),
                                         ("email_only", "information by email only")])
def test_needs_a_printed_letter_cannot_meet_are_asked_of_the_gp_and_told_to_the_clinician(maya, register, need, words):
    session = with_needs(maya, {"who": "young_person", "needs": [need]})
    box = build_letter(session, register, "gp", today=TODAY).parts()["summary"]
    assert f"Maya Okafor needs {words}: please do the same in anything sent to the family." in box
    warnings = [r for r in quality_gate(build_letter(session, register, "family", today=TODAY)) if not r.ok]
    assert [r.check for r in warnings] == ["access"] and "alone does not meet" in warnings[0].message


def test_easy_read_uses_short_sentences_and_a_stricter_reading_goal(maya, register):
    from choice_assistant.letters.gate import MAX_GRADE_EASY_READ, body_text, reading_grade

    standard = build_letter(maya, register, "family", today=TODAY)
    easy = build_letter(with_needs(maya, {"who": "Grace Okafor", "needs": ["easy_read"]}), register, "family", today=TODAY)
    assert "It says what you told us. It says what you chose." in easy.markdown
    assert reading_grade(body_text(easy, own_words=False)) < reading_grade(body_text(standard, own_words=False))
    assert reading_grade(body_text(easy)) <= MAX_GRADE_EASY_READ
    hard = ("Going to school in the morning has become frightening, and the arguments at home about getting "
            "out of the door have made everything feel overwhelming for everybody in the family. ") * 2
    for letter, warned in ((standard, False), (easy, True)):
        session = maya if letter is standard else with_needs(maya, {"who": "Grace Okafor", "needs": ["easy_read"]})
        redone = build_letter(session.model_copy(update={"formulation": hard}), register, "family", today=TODAY)
        assert any(r.check == "reading" and not r.ok for r in quality_gate(redone)) == warned


# ---- what a letter still lacks ------------------------------------------------------------------------------

def test_what_is_missing_before_posting_is_listed_as_structured_items(maya, register):
    assert [missing(maya, to) for to in ("family", "referrer", "gp")] == [[], [], []]
    bare = run_appointment(register, details=False)
    family = missing(bare, "family")
    assert [(m.code, m.field, m.blocks) for m in family] == [
        ("date_of_birth_missing", "young_person.date_of_birth", True),
        ("nhs_number_missing", "young_person.nhs_number", True),
        ("address_missing", "young_person.address", False)]
    gp = missing(bare, "gp")
    assert {m.code for m in gp} == {"date_of_birth_missing", "nhs_number_missing", "address_missing",
                                   "young_person_address_missing", "referral_reason_missing"}
    assert next(m for m in gp if m.code == "address_missing").field == "gp.address"
    with_dob = bare.model_copy(update={"young_person": bare.young_person.model_copy(update={"date_of_birth": date(2012, 3, 3)})})
    assert [m.code for m in missing(with_dob, "family") if m.blocks] == []  # one identifier besides the name will do
    no_gp = maya.model_copy(update={"gp": None})
    assert [(m.code, m.field) for m in missing(no_gp, "family")] == [("gp_missing", "gp")]
    assert [(m.code, m.blocks) for m in missing(no_gp, "gp")] == [("gp_missing", True)]
    assert [m.code for m in missing(maya.model_copy(update={"referrer": None}), "referrer")] == ["referrer_missing"]
    nobody = maya.model_copy(update={"young_person": None})
    assert missing(nobody, "family")[0].as_dict()["code"] == "young_person_missing"
    for items in (family, gp, missing(no_gp, "gp"), missing(nobody, "family")):
        assert all(m.code in CODES and m.text and m.field for m in items)


def test_a_gp_who_referred_is_written_to_once(maya, register):
    gp_referrer = Referrer(name="Dr E Hughes", role="GP", organisation="Quayside Surgery", address=GP["address"], reason=REASON)
    session = maya.model_copy(update={"referrer": gp_referrer, "gp": None})
    gp = build_letter(session, register, "gp", today=TODAY)
    assert gp.markdown == build_letter(session, register, "referrer", today=TODAY).markdown
    assert "Copy to: Maya Okafor and Grace Okafor (their own letter)" in gp.markdown and "(referrer)" not in gp.markdown
    assert missing(session, "gp") == [] and missing(session, "family") == []
