"""What a family and a GP can act on, read back from every format: the team's own contact details,
identifiers, keeping safe, the GP's summary box, the venue, two pages, every name printed."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest

from choice_assistant.appointment.session import FamilyMember, Outcome, Safety, YoungPerson
from choice_assistant.errors import InputError
from choice_assistant.letters import FORMATS, build_letter, load_session, quality_gate
from tests.conftest import EXAMPLES
from tests.support.letter_readback import letter_text, pdf_text

TODAY = date(2026, 11, 24)

OTHER_TEAM = """\
team: Northfield CAMHS
skills:
  - {id: cbt, name: Cognitive behavioural therapy}
  - {id: systemic, name: Systemic family work}
clinicians:
  - {id: ayo, name: Ayo Bello, role: Clinical psychologist, skills: {cbt: specific, systemic: core}}
  - id: chloe
    name: Chloe Martin
    role: CAMHS nurse
    skills: {cbt: core, systemic: core}
    partnership_slots: ['2026-12-02T15:30', {at: '2026-12-10T14:00', venue: "Northfield Library, room 3"}]
service:
  name: Northfield CAMHS
  organisation: Northfield Health Trust
  address: "Northfield House, 9 Moor Road, Northfield NF4 7QP"
  phone: "09876 543210"
  email: northfield.camhs@example.nhs.uk
  hours: "Monday to Thursday, 8am to 6pm"
"""


@pytest.fixture(scope="module")
def register():
    from choice_assistant.register.load import load_register

    return load_register(EXAMPLES / "team.yaml")


@pytest.fixture(scope="module")
def three():
    return load_session(EXAMPLES / "sessions" / "three-goals.yaml")


@pytest.fixture(scope="module")
def outputs(register, three):
    """The three-goal session's letters, both recipients, every format."""
    out = {}
    for to in ("family", "referrer"):
        letter = build_letter(three, register, to, today=TODAY)
        out[to] = letter
        for fmt in FORMATS:
            out[to, fmt] = letter_text(letter.render(fmt), fmt)
    return out


@pytest.fixture
def other_team(tmp_path):
    from choice_assistant.register.load import load_register

    path = tmp_path / "northfield.yaml"
    path.write_text(OTHER_TEAM)
    return load_register(path)


# ---- the team's own contact details ----------------------------------------------------------------

@pytest.mark.parametrize("to", ["family", "referrer"])
def test_every_contact_detail_comes_from_the_registers_service_block(other_team, three, to):
    letter = build_letter(three, other_team, to, today=TODAY)
    for fmt in FORMATS:
        text = letter_text(letter.render(fmt), fmt)
        for detail in ("09876 543210", "northfield.camhs@example.nhs.uk", "Northfield House, 9 Moor Road",
                       "Monday to Thursday, 8am to 6pm", "Northfield CAMHS"):
            assert detail in text, (fmt, detail)
        for riverside in ("01234 567890", "riverside.camhs", "River Lane", "Riverside CAMHS"):
            assert riverside not in text, (fmt, riverside)


def test_a_register_without_a_service_block_is_refused_not_guessed(other_team, three):
    bare = other_team.model_copy(update={"service": None})
    with pytest.raises(InputError) as err:
        build_letter(three, bare, "family", today=TODAY)
    message = str(err.value)
    assert "service:" in message and "phone" in message and "Northfield CAMHS" in message


# ---- identifiers, address, copies, signature --------------------------------------------------------

@pytest.mark.parametrize("to", ["family", "referrer"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_both_letters_carry_the_identifiers_and_the_letter_furniture(outputs, to, fmt):
    text = outputs[to, fmt]
    for words in ("Private and confidential", "Amira Haddad", "Date of birth: 17 March 2011", "NHS number: 401 023 2137",
                  "4 Orchard Close, Riverside RV3 2GH", "Ayo Bello, Clinical psychologist", "Copy to:"):
        assert words in text, words
    recipient = "Dr R Osei, GP" if to == "referrer" else "Amira Haddad, Samir Haddad and Lina Haddad"
    assert text.index("Private and confidential") < text.index(recipient) < text.index("Dear")


def test_copy_lines_name_who_else_gets_the_letter(outputs):
    assert "Copy to: Dr R Osei, GP, Riverside Medical Practice (as you agreed)" in outputs["family", "md"]
    assert "Copy to: Amira Haddad, Samir Haddad and Lina Haddad (their own letter)" in outputs["referrer", "md"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_page_numbers_are_printed(outputs, fmt):
    letter = outputs["family"]
    data = letter.render(fmt)
    if fmt == "pdf":
        from pypdf import PdfReader

        pages = PdfReader(io.BytesIO(data)).pages
        assert all(f"page {i} of {len(pages)}" in p.extract_text() for i, p in enumerate(pages, start=1))
    else:
        import zipfile

        footer = "".join(zipfile.ZipFile(io.BytesIO(data)).read(n).decode() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
                         if n.startswith("word/footer"))
        assert "PAGE" in footer and "NUMPAGES" in footer
    assert "counter(page)" in letter.html


# ---- keeping safe ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_the_family_letter_says_what_was_agreed_to_keep_safe_and_whom_to_call(outputs, fmt):
    text = outputs["family", fmt]
    part = text[text.index("Keeping safe"):]
    assert "What we agreed to help keep you safe: “When the thoughts get strong, Amira will tell Lina or Samir" in part
    assert "Who will do what: “Lina will lock the medicines away tonight." in part
    assert "call us about safety on 01234 567890" in part and "NHS 111" in part and "999" in part


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_referrer_letter_states_concerns_plan_and_actions(outputs, fmt):
    text = outputs["referrer", fmt]
    risk = text[text.index("Risk and safety"):]
    assert "Concerns: yes" in risk
    assert "Safety plan: “When the thoughts get strong" in risk
    assert "Actions: “Lina will lock the medicines away tonight." in risk


def test_no_concerns_still_says_whom_to_call(register):
    session = load_session(EXAMPLES / "sessions" / "sam-rivers.yaml")
    letter = build_letter(session, register, "family", today=TODAY)
    assert session.safety == Safety(concerns=False)
    part = letter.parts()["safety"]
    assert "01234 567890" in part and "What we agreed" not in part
    referrer = build_letter(session, register, "referrer", today=TODAY)
    assert "Concerns: none identified" in letter_text(referrer.render("md"), "md")


# ---- the GP's summary box ---------------------------------------------------------------------------

BOX = ["Reason for referral: “Low mood since the summer, poor sleep, withdrawing from friends. Please assess.” (the referral's words)",
       "Outcome of Choice: Partnership work with Chloe Martin, CAMHS nurse",
       "Risk: concerns identified", "Plan: goal 1: Cognitive behavioural therapy", "Who holds the case: Chloe Martin, CAMHS nurse",
       "Communication needs: Lina Haddad: an interpreter for Arabic.",
       "Actions requested: please note the safety plan below. Agreed with the family: “Lina will lock the medicines away tonight."]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_referrer_letter_opens_with_a_summary_box_then_the_detail(outputs, fmt):
    text = outputs["referrer", fmt]
    positions = [text.index(row) for row in BOX]
    assert positions == sorted(positions)
    assert positions[-1] < text.index("Current concerns")  # the box comes before the detail
    assert "Thursday 10 December 2026 at 2pm with Chloe Martin" in text[:text.index("Current concerns")]


def test_the_referrer_letter_uses_the_registers_skill_names_and_the_family_letter_the_catalogues(outputs):
    assert "Systemic family work" in outputs["referrer", "md"]
    assert "Systemic" not in outputs["family", "md"] and "Family work" in outputs["family", "md"]


# ---- length, venue ------------------------------------------------------------------------------------

def test_a_three_goal_family_letter_fits_two_a4_pages(outputs):
    letter = outputs["family"]
    assert len(letter.context["goals"]) == 3
    assert letter.page_count() == 2
    assert [r for r in quality_gate(letter) if not r.ok] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_appointment_is_at_the_slots_venue(outputs, fmt):
    assert "Thursday 10 December 2026 at 2pm with Chloe Martin, at Hill Clinic, room 2." in outputs["family", fmt]


def test_without_a_slot_venue_the_appointment_is_at_the_services_address(register, three):
    session = three.model_copy(update={"outcome": Outcome(decision="transfer", clinician="chloe", slot=datetime(2026, 12, 2, 15, 30))})
    part = build_letter(session, register, "family", today=TODAY).parts()["appointment"]
    assert "at Riverside Centre, 1 River Lane, Riverside RV1 2AB" in part


# ---- Choice Plus ----------------------------------------------------------------------------------------

def test_a_choice_plus_letter_with_no_chosen_way_of_working_is_consistent_and_says_who_should_come(register, three):
    goals = [g.model_copy(update={"approach": None}) for g in three.goals]
    session = three.model_copy(update={"goals": goals, "outcome": Outcome(decision="choice_plus")})
    family = build_letter(session, register, "family", today=TODAY)
    text = letter_text(family.render("pdf"), "pdf")
    assert "one more Choice appointment before you decide" in text
    assert "Who should come next time:" in text and "Samir and Lina" in text
    assert "You chose to see" not in text and "for goal 1." not in text
    assert [r.message for r in quality_gate(family) if not r.ok] == []
    referrer = letter_text(build_letter(session, register, "referrer", today=TODAY).render("md"), "md")
    assert "Plan: decide a way of working at the next Choice appointment" in referrer
    assert "(chosen)" not in referrer


def test_choice_plus_never_lists_ways_as_chosen_even_when_goals_have_one(register, three):
    session = three.model_copy(update={"outcome": Outcome(decision="choice_plus")})
    md = build_letter(session, register, "family", today=TODAY).markdown
    assert "Nothing is decided yet" in md and "with Ayo, for goal" not in md


# ---- every name printed ------------------------------------------------------------------------------

NAMES = [("山田 太郎", "山田 花子"), ("محمد الأحمد", "فاطمة الأحمد"), ("Zoë 🌈 Rivers", "Łucja Nowak")]


@pytest.mark.parametrize("child, parent", NAMES)
def test_names_in_any_script_print_in_the_pdf(register, three, child, parent):
    session = three.model_copy(update={"young_person": YoungPerson(name=child, age=15),
                                       "family": [FamilyMember(name=parent, relation="mother")]})
    letter = build_letter(session, register, "family", today=TODAY)
    text = pdf_text(letter.render("pdf"))
    assert child in text and parent in text
    assert [r for r in quality_gate(letter) if r.check == "glyphs"][0].ok


def test_arabic_is_shaped_right_to_left():
    from choice_assistant.letters.fonts import plan

    fonts = plan("محمد")
    assert fonts.shaping and not fonts.missing
    assert "cjk" in [f[0] for f in plan("山田 😀").fallbacks] and not plan("山田 😀 ♞").missing
    assert not plan("Sam Rivers").shaping and plan("Sam Rivers").fallbacks == ()


def test_a_character_no_font_can_print_is_a_quality_check_error(register, three):
    adlam = "\U0001E900\U0001E922\U0001E926"  # Adlam, used to write Fulani names
    session = three.model_copy(update={"young_person": YoungPerson(name=adlam, age=15)})
    glyphs = [r for r in quality_gate(build_letter(session, register, "family", today=TODAY)) if r.check == "glyphs"]
    assert len(glyphs) == 1 and not glyphs[0].ok and glyphs[0].level == "error"
    assert "U+1E900" in glyphs[0].message


def test_control_characters_are_stripped_before_any_format(register, three):
    session = three.model_copy(update={"young_person": YoungPerson(name="Amira\x1b[2J Haddad\x07", age=15),
                                       "concerns": "Low mood\x00 since the summer.\x0b"})
    letter = build_letter(session, register, "family", today=TODAY)
    for fmt in FORMATS:
        text = letter_text(letter.render(fmt), fmt)
        assert "Amira[2J Haddad" in text and "\x1b" not in text and "\x00" not in text


# ---- files, large print -----------------------------------------------------------------------------

def test_letter_files_are_named_by_young_person_and_date(three):
    from choice_assistant.letters import letter_file_name

    assert letter_file_name(three, "family", "pdf") == "amira-haddad-2026-11-24-family.pdf"
    zoe = three.model_copy(update={"young_person": YoungPerson(name="Zoë O'Brien")})
    assert letter_file_name(zoe, "referrer", "docx") == "zoe-o-brien-2026-11-24-referrer.docx"
    yamada = three.model_copy(update={"young_person": YoungPerson(name="山田 太郎")})
    assert letter_file_name(yamada, "family", "md") == "山田-太郎-2026-11-24-family.md"
    assert "demo-amira" not in letter_file_name(three, "family", "pdf")


def test_large_print_sets_every_format_at_sixteen_points_with_the_same_words(register, three):
    from docx import Document
    from pypdf import PdfReader

    standard = build_letter(three, register, "family", today=TODAY)
    large = build_letter(three, register, "family", today=TODAY, large_print=True)
    assert large.markdown == standard.markdown
    assert "font-size: 16pt" in large.html
    assert Document(io.BytesIO(large.render("docx"))).styles["Normal"].font.size.pt >= 16
    reader = PdfReader(io.BytesIO(large.render("pdf")))
    sizes = {float(s) for p in reader.pages for s in re.findall(rb"/F\d+ ([\d.]+) Tf", p.get_contents().get_data())}
    assert min(sizes - {min(sizes)}) >= 16  # all body text; only the page-number footer is smaller
    assert large.page_count() > standard.page_count()
    assert all(r.ok for r in quality_gate(large) if r.check == "pages")
