"""Letters to the family and the referrer: content in every format, escaping, private notes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from choice_assistant.errors import InputError
from choice_assistant.letters import FORMATS, build_letter, load_session, quality_gate
from choice_assistant.letters.content import date_words, owner_words, role_words, time_words, when_words
from choice_assistant.appointment.session import Consent, FamilyMember, Outcome, YoungPerson
from tests.support.letter_readback import docx_paragraphs, letter_text, pdf_text

TODAY = date(2026, 11, 23)

# Words from each part of the demo family letter that must survive into every format.
FAMILY_PARTS = {
    "concerns": ["What you told us worried you", "You told us: “Sam has felt panicky about school since September."],
    "background": ["Some background", "You also told us: “Moved to a new secondary school last year"],
    "strengths": ["What is going well", "You said: “Kind, funny and good at drawing"],
    "goals": ["Your goals, in your own words", "“Go back to school for full days without panicking” (Sam's goal). Today: 3 out of 10.",
              "“Fewer arguments at home in the mornings” (Jo's goal). Today: 4 out of 10."],
    "formulation": ["How we understand things together",
                    "Together, we put it like this: “The worry about school has grown the longer Sam has stayed away."],
    "options": ["The choices we talked about", "Self-help", "Parenting work", "Family work"],
    "choice": ["What you chose, and who you will see next", "You chose to see Chloe Martin next.",
               "Chloe is a CAMHS nurse in our team", "Cognitive behavioural therapy (CBT) with Chloe, for goal 1."],
    "things_to_try": ["Things to try before your next appointment", "“Sam: go into school for the first two lessons on Friday.”"],
    "appointment": ["Your next appointment", "Wednesday 2 December 2026 at 3:30pm with Chloe Martin, at Riverside Centre"],
    "contact": ["How to get in touch", "01234 567890", "riverside.camhs@example.nhs.uk"],
    "letterhead": ["Riverside CAMHS (demo)", "Monday 23 November 2026", "Dear Sam and Jo,", "Private and confidential"],
}
REFERRER_PARTS = {
    "heading": ["Dear Ms K Shah,", "Choice appointment summary: Sam Rivers", "Private and confidential"],
    "concerns": ["Current concerns", "Sam, their mother and their father told us: “Sam has felt panicky about school since September."],
    "risk": ["Risk and safety", "No thoughts of harming themself"],
    "goals": ["“Go back to school for full days without panicking” (Sam's goal); rated 3/10 today."],
    "options": ["Cognitive behavioural therapy (CBT) (chosen); Self-help."],
    "choice": ["The family chose Partnership work with Chloe Martin, CAMHS nurse"],
    "next_clinician": ["Chloe Martin, CAMHS nurse: Cognitive behavioural therapy (CBT) (goal 1); Systemic family work (goal 2)."],
    "appointment": ["Wednesday 2 December 2026 at 3:30pm, with Chloe Martin, at Riverside Centre, 1 River Lane"],
}


@pytest.fixture
def session(demo_session_path):
    return load_session(demo_session_path)


def letter_for(session, register, to="family", **changes):
    return build_letter(session.model_copy(update=changes), register, to, today=TODAY)


@pytest.fixture(scope="module")
def demo_outputs():
    """All eight demo letters (two recipients, four formats), rendered once."""
    from choice_assistant.register.load import load_register
    from tests.conftest import EXAMPLES

    register = load_register(EXAMPLES / "team.yaml")
    session = load_session(EXAMPLES / "sessions" / "sam-rivers.yaml")
    out = {}
    for to in ("family", "referrer"):
        letter = build_letter(session, register, to, today=TODAY)
        for fmt in FORMATS:
            out[to, fmt] = letter.render(fmt)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("part", sorted(FAMILY_PARTS))
def test_family_letter_carries_every_part_in_every_format(demo_outputs, fmt, part):
    text = letter_text(demo_outputs["family", fmt], fmt)
    for words in FAMILY_PARTS[part]:
        assert words in text, f"{part}: {words!r} missing from the {fmt} letter"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("part", sorted(REFERRER_PARTS))
def test_referrer_letter_carries_the_same_summary_in_every_format(demo_outputs, fmt, part):
    text = letter_text(demo_outputs["referrer", fmt], fmt)
    for words in REFERRER_PARTS[part]:
        assert words in text, f"{part}: {words!r} missing from the {fmt} letter"


def test_family_letter_parts_come_in_the_agreed_order(demo_outputs):
    text = letter_text(demo_outputs["family", "pdf"], "pdf")
    order = ["What you told us worried you", "Some background", "What is going well", "Your goals, in your own words",
             "How we understand things together", "The choices we talked about", "What you chose, and who you will see next",
             "Things to try before your next appointment", "Your next appointment", "Keeping safe", "How to get in touch"]
    positions = [text.index(h) for h in order]
    assert positions == sorted(positions)


def test_docx_letter_uses_real_headings_and_bullets(demo_outputs):
    paras = docx_paragraphs(demo_outputs["family", "docx"])
    headings = [t for style, t in paras if style == "Heading 2"]
    assert headings[:3] == ["What you told us worried you", "Some background", "What is going well"]
    assert len(headings) == 11  # concerns ... keeping safe, contact
    assert ("Heading 1", "Your Choice appointment") in paras
    bullets = [t for style, t in paras if style == "List Bullet"]
    assert "“Sam: the breathing exercise from today, once every evening.”" in bullets
    assert len(paras) > 30  # one paragraph per line of the letter, not one blob


def test_pdf_letter_is_a4_with_the_team_and_page_numbers(demo_outputs):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(demo_outputs["family", "pdf"]))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    last = reader.pages[-1].extract_text()
    assert f"page {len(reader.pages)} of {len(reader.pages)}" in last


def test_html_letter_is_print_ready_for_a4(demo_outputs):
    html = demo_outputs["family", "html"].decode()
    assert "@page { size: A4" in html
    assert '<html lang="en-GB">' in html


def test_markdown_letter_has_headings(demo_outputs):
    md = demo_outputs["family", "md"].decode()
    assert "\n# Your Choice appointment\n" in md
    assert "\n## What you told us worried you\n" in md
    assert "\n- “Sam: the breathing exercise from today, once every evening.”" in md


# ---- escaping and private notes ---------------------------------------------------------------

HOSTILE_NAME = "<script>alert('x')</script> O'Neil & Co"


def test_names_that_look_like_html_appear_as_text_in_every_format(session, demo_register):
    s = session.model_copy(update={"young_person": YoungPerson(name=HOSTILE_NAME, age=14)})
    letter = build_letter(s, demo_register, "referrer", today=TODAY)
    html = letter.html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; O&#39;Neil &amp; Co" in html
    assert r"\<script\>" in letter.markdown
    for fmt in FORMATS:
        assert HOSTILE_NAME in letter_text(letter.render(fmt), fmt), fmt


def test_markdown_characters_in_the_familys_words_do_not_become_formatting(session, demo_register):
    goals = [session.goals[0].model_copy(update={"text": "# Be *brave* at [school]"})] + session.goals[1:]
    md = letter_for(session, demo_register, goals=goals, concerns="# Not a heading\n\n- nor a list").markdown
    assert r"“# Be \*brave\* at \[school\]”" in md
    assert "You told us: “# Not a heading”" in md and "\n“- nor a list”\n" in md
    assert "\n# Not" not in md and "\n- nor" not in md


PRIVATE = {
    "curiosity": "ZEBRA-4411 mum mentioned the court case",
    "choice_point": "## What you chose\nOKAPI-2290 keep an eye on dad",
    "letters": "<b>QUOKKA-7781</b> do not share",
}


@pytest.mark.parametrize("to", ["family", "referrer"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_private_notes_never_appear_in_any_letter(session, demo_register, to, fmt):
    s = session.model_copy(update={"private_notes": PRIVATE})
    data = build_letter(s, demo_register, to, today=TODAY).render(fmt)
    text = letter_text(data, fmt)
    for note in s.private_text():
        for marker in ("ZEBRA", "OKAPI", "QUOKKA", "court case", "keep an eye on dad"):
            assert marker not in text
        assert note not in text
    if to == "family":
        assert text.count("What you chose,") == 1  # the note's look-alike heading did not get in
    raw = data if fmt in ("md", "html") else b""
    assert b"ZEBRA" not in raw and b"OKAPI" not in raw


def test_a_plain_text_private_note_stays_out_too(session, demo_register):
    letter = letter_for(session, demo_register)
    assert session.private_text() == ["PRIVATE: check with school nurse about the incident in PE; do not share."]
    for fmt in FORMATS:
        text = letter_text(letter.render(fmt), fmt)
        assert "incident in PE" not in text and "PRIVATE" not in text


# ---- outcomes ----------------------------------------------------------------------------------

def test_keeping_with_the_choice_clinician_says_they_chose_to_stay(session, demo_register):
    letter = letter_for(session, demo_register, outcome=Outcome(decision="keep", slot=datetime(2026, 11, 30, 14, 0)))
    md = letter.markdown
    assert "You chose to keep seeing Ayo Bello" in md
    assert "You chose to keep seeing Ayo Bello, a clinical psychologist in our team" in md
    assert "Monday 30 November 2026 at 2pm" in md
    assert "will know what you told us" not in md  # no hand-over to explain
    assert all(r.ok for r in quality_gate(letter) if r.check == "decision")


def test_no_partnership_letter_says_what_happens_instead(session, demo_register):
    goals = [g.model_copy(update={"approach": "self_help"}) for g in session.goals]
    letter = letter_for(session, demo_register, goals=goals, outcome=Outcome(decision="no_partnership"))
    md = letter.markdown
    assert "You chose not to have more appointments with our team for now." in md
    assert "Instead, you chose:" in md and "Self-help" in md
    assert "You do not have another appointment with us." in md
    assert "## Things to try from now" in md
    assert all(r.ok for r in quality_gate(letter) if r.check in ("parts", "decision"))


def test_choice_plus_letter_offers_one_more_choice_appointment(session, demo_register):
    letter = letter_for(session, demo_register, outcome=Outcome(decision="choice_plus", slot=datetime(2026, 12, 4, 9, 30)))
    md = letter.markdown
    assert "You chose to come to one more Choice appointment before you decide" in md
    assert "You will see Ayo Bello again for that appointment." in md
    assert "Friday 4 December 2026 at 9:30am" in md


def test_choice_plus_without_a_booking_promises_a_call_without_warnings(session, demo_register):
    letter = letter_for(session, demo_register, outcome=Outcome(decision="choice_plus"))
    assert "You will see Ayo Bello again for that appointment." in letter.markdown
    assert "We will call you soon to agree a time." in letter.markdown
    assert [r for r in quality_gate(letter) if not r.ok] == []


def test_missing_outcome_leaves_the_decision_out_and_the_gate_says_so(session, demo_register):
    letter = letter_for(session, demo_register, outcome=None)
    assert "What you chose" not in letter.markdown and "Your next appointment" not in letter.markdown
    warnings = [r for r in quality_gate(letter) if not r.ok]
    assert [r.check for r in warnings] == ["decision"]
    assert "No decision is recorded" in warnings[0].message


def test_transfer_without_a_slot_promises_a_call_and_warns(session, demo_register):
    letter = letter_for(session, demo_register, outcome=Outcome(decision="transfer", clinician="chloe"))
    assert "We will call you soon to agree a time." in letter.markdown
    assert any(not r.ok and "No appointment time" in r.message for r in quality_gate(letter))


def test_next_clinician_lists_only_skills_they_hold_for_the_goals(session, demo_register):
    # Ben holds systemic work (goal 2) but not CBT (goal 1).
    letter = letter_for(session, demo_register, outcome=Outcome(decision="transfer", clinician="ben", slot=datetime(2026, 11, 27, 9, 30)))
    part = letter.parts()["next_clinician"]
    assert "Family work with Ben, for goal 2." in part
    assert "Cognitive behavioural therapy" not in part
    assert "a family therapist" in part


# ---- referrer consent and bad input -----------------------------------------------------------

def test_referrer_letter_needs_the_familys_consent(session, demo_register):
    with pytest.raises(InputError, match="has not agreed to a copy going to the referrer"):
        letter_for(session, demo_register, "referrer", consent=Consent(copy_to_referrer=False, copy_to_gp=False))


def test_referrer_letter_needs_a_referrer(session, demo_register):
    with pytest.raises(InputError, match="no referrer is recorded"):
        letter_for(session, demo_register, "referrer", referrer=None)


def test_family_letter_mentions_the_copy_only_with_consent(session, demo_register):
    md = letter_for(session, demo_register).markdown
    assert "Copy to: Ms K Shah, School nurse, Hill Academy (as you agreed)" in md
    assert "Copy to: Dr A Patel, your GP, Hill Surgery (as you agreed)" in md
    no = letter_for(session, demo_register, consent=Consent(copy_to_referrer=False))
    assert "Dr A Patel" not in no.markdown and "Ms K Shah" not in no.markdown


def test_unknown_clinician_in_the_session_is_a_clear_error(session, demo_register):
    with pytest.raises(InputError) as err:
        letter_for(session, demo_register, outcome=Outcome(decision="transfer", clinician="zed"))
    assert "outcome.clinician" in str(err.value) and "'zed' is not a clinician" in str(err.value)


def _templates_copy(tmp_path):
    import shutil

    from choice_assistant.resources import prompts_dir

    folder = tmp_path / "letters"
    shutil.copytree(prompts_dir() / "letters", folder)
    return folder


@pytest.mark.parametrize("broken, expected", [
    ("<p>{{ nickname }}</p>", "'nickname' is undefined"),
    ("<p>{% if %}</p>", "template syntax error"),
    ("<p>{{ team.__class__.__mro__ }}</p>", "templates may not use"),
])
def test_template_mistakes_are_reported_with_file_and_line(session, demo_register, tmp_path, broken, expected):
    folder = _templates_copy(tmp_path)
    path = folder / "family.html.j2"
    lines = path.read_text().splitlines()
    at = lines.index("<section data-part=\"contact\">")
    lines.insert(at, broken)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as err:
        build_letter(session, demo_register, "family", today=TODAY, templates=folder)
    message = str(err.value)
    assert "family.html.j2" in message and expected in message
    if "__mro__" not in broken:
        assert f"line {at + 1}" in message


def test_a_template_cannot_reach_python_internals(session, demo_register, tmp_path):
    folder = _templates_copy(tmp_path)
    path = folder / "family.html.j2"
    path.write_text(path.read_text().replace("{% block letter %}", "{% block letter %}<p>{{ ''.__class__.__mro__[1].__subclasses__() }}</p>"))
    with pytest.raises(InputError, match="family.html.j2"):
        build_letter(session, demo_register, "family", today=TODAY, templates=folder)


# ---- PDF fonts ---------------------------------------------------------------------------------

ACCENTED = "Łucja Nowak"


def test_pdf_keeps_accented_names_with_the_shipped_unicode_font(session, demo_register):
    from choice_assistant.letters.fonts import main_font

    fonts = main_font()
    assert fonts is not None and fonts[0].name == "DejaVuSans.ttf" and "choice_assistant" in str(fonts[0])
    letter = letter_for(session, demo_register, young_person=YoungPerson(name=ACCENTED, age=12))
    assert "Dear Łucja and Jo," in pdf_text(letter.render("pdf"))


def test_pdf_without_a_unicode_font_falls_back_to_near_letters(session, demo_register, monkeypatch):
    from choice_assistant.letters import fonts

    monkeypatch.setattr(fonts, "MAIN", [])
    assert fonts.main_font() is None
    letter = letter_for(session, demo_register, young_person=YoungPerson(name=ACCENTED, age=12),
                        family=[FamilyMember(name="Zoë Rivers", relation="mother")])
    text = pdf_text(letter.render("pdf"))
    assert "Dear Lucja and Zoë," in text
    assert "Go back to school for full days without panicking" in text
    assert letter.page_count() <= 2


def test_latin1_fallback_replaces_only_what_it_must():
    from choice_assistant.letters.pdf import latin1_text

    assert latin1_text("Zoë “Łukasz” – Ørsted…") == 'Zoë "Lukasz" - Ørsted...'
    assert latin1_text("Sam 😀") == "Sam ?"


# ---- words -------------------------------------------------------------------------------------

def test_dates_and_times_are_written_in_words():
    assert when_words(datetime(2026, 12, 2, 15, 30)) == "Wednesday 2 December 2026 at 3:30pm"
    assert time_words(datetime(2026, 12, 2, 9, 0)) == "9am"
    assert time_words(datetime(2026, 12, 2, 12, 0)) == "12 noon"
    assert time_words(datetime(2026, 12, 2, 0, 15)) == "12:15am"
    assert date_words(date(2027, 1, 1)) == "Friday 1 January 2027"


def test_goal_owners_are_named(session):
    assert owner_words("young_person", session, professional=False) == "Sam's goal"
    assert owner_words("parent_carer", session, professional=False) == "Jo's goal"
    assert owner_words("family", session, professional=False) == "a goal for the whole family"
    nameless = session.model_copy(update={"young_person": None, "family": []})
    assert owner_words("young_person", nameless, professional=False) == "your goal"
    assert owner_words("parent_carer", nameless, professional=True) == "the parent's or carer's goal"


def test_parent_goal_uses_the_parent_not_a_sibling(session):
    s = session.model_copy(update={"family": [FamilyMember(name="Leo Rivers", relation="brother"),
                                                 FamilyMember(name="Kim Rivers", relation="Dad")]})
    assert owner_words("parent_carer", s, professional=False) == "Kim's goal"


def test_roles_read_naturally():
    assert role_words("Clinical psychologist") == "a clinical psychologist"
    assert role_words("CAMHS nurse") == "a CAMHS nurse"
    assert role_words("Assistant psychologist") == "an assistant psychologist"


def test_text_a_team_template_puts_outside_paragraphs_still_reaches_every_format(session, demo_register, tmp_path):
    folder = _templates_copy(tmp_path)
    path = folder / "family.html.j2"
    path.write_text(path.read_text().replace(
        '<section data-part="contact">',
        '<section data-part="extra"><h3>Parking</h3>Free parking at the back.</section>\n<section data-part="contact">'))
    letter = build_letter(session, demo_register, "family", today=TODAY, templates=folder)
    assert letter.parts()["extra"] == "Parking\nFree parking at the back."
    for fmt in FORMATS:
        assert "Parking Free parking at the back." in letter_text(letter.render(fmt), fmt)


def test_a_gp_copy_is_promised_in_the_family_letter_and_noted_on_the_referrer_letter(session, demo_register):
    from choice_assistant.appointment.session import Consent, Referrer

    school = Referrer(name="Ms K Shah", role="School nurse", organisation="Hill Academy")
    both = Consent(copy_to_referrer=True, copy_to_gp=True)
    family = letter_for(session, demo_register, referrer=school, gp=None, consent=both).markdown
    assert "Copy to: Ms K Shah, School nurse, Hill Academy (as you agreed)" in family
    assert "Copy to: Your GP (as you agreed)" in family
    referrer = letter_for(session, demo_register, "referrer", referrer=school, gp=None, consent=both).markdown
    assert "Copy to: The family's GP" in referrer
    assert "Copy to: Sam Rivers, Jo Rivers and Mark Rivers (their own letter)" in referrer
    neither = letter_for(session, demo_register, referrer=school, gp=None, consent=Consent()).markdown
    assert "your GP" not in neither and "Ms K Shah" not in neither


def test_consent_for_the_gp_covers_a_referrer_who_is_the_gp(session, demo_register):
    from choice_assistant.appointment.session import Consent

    from choice_assistant.appointment.session import Referrer

    gp = Referrer(name="Dr A Patel", role="GP", organisation="Hill Surgery", address="3 Hill Street, Riverside RV2 1EF")
    gp_only = Consent(copy_to_referrer=False, copy_to_gp=True)
    letter = letter_for(session, demo_register, "referrer", referrer=gp, gp=None, consent=gp_only)
    assert "Dear Dr A Patel," in letter.markdown and "Copy to: The family's GP" not in letter.markdown
    assert letter_for(session, demo_register, "gp", referrer=gp, gp=None, consent=gp_only).markdown == letter.markdown
