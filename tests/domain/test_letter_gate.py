"""The quality check before a letter is saved: it warns, and never changes the letter."""

from __future__ import annotations

from datetime import date

import pytest

from choice_assistant.letters import FORMATS, build_letter, load_session, quality_gate
from choice_assistant.letters.gate import body_text, reading_grade, syllable_count
from tests.support.letter_readback import letter_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def session(demo_session_path):
    return load_session(demo_session_path)


def gate_for(session, register, to="family", **changes):
    letter = build_letter(session.model_copy(update=changes), register, to, today=TODAY)
    return letter, quality_gate(letter)


def warnings(results, check=None):
    return [r for r in results if not r.ok and (check is None or r.check == check)]


@pytest.mark.parametrize("to", ["family", "referrer"])
def test_demo_letters_pass_the_gate(session, demo_register, to):
    _, results = gate_for(session, demo_register, to)
    assert warnings(results) == []
    checks = {r.check for r in results}
    assert {"parts", "decision", "pages", "tone"} <= checks
    if to == "family":
        assert {"reading", "jargon"} <= checks


def test_demo_family_letter_reads_at_grade_six_or_below(session, demo_register):
    letter, results = gate_for(session, demo_register)
    assert reading_grade(body_text(letter)) <= 6
    assert any(r.check == "reading" and r.ok for r in results)


def test_demo_letters_fit_on_two_a4_pages(session, demo_register):
    for to in ("family", "referrer"):
        letter, _ = gate_for(session, demo_register, to)
        assert letter.page_count() <= 2


def test_missing_part_is_named(session, demo_register):
    _, results = gate_for(session, demo_register, strengths="", network="", things_to_try=[])
    messages = [r.message for r in warnings(results, "parts")]
    assert len(messages) == 2
    assert "what is going well (strengths)" in messages[0]
    assert "things to try before the next appointment" in messages[1]


def test_gate_warns_and_never_edits(session, demo_register):
    letter, results = gate_for(session, demo_register, formulation="Unfortunately I'm sorry but I have to transfer you.")
    before = letter.html
    tone = warnings(quality_gate(letter), "tone")
    assert len(tone) >= 2
    assert any("have to transfer" in r.message for r in tone)
    assert any("Unfortunately" in r.message for r in tone)
    assert letter.html == before
    for fmt in FORMATS:
        assert "Unfortunately I'm sorry but I have to transfer you." in letter_text(letter.render(fmt), fmt)


@pytest.mark.parametrize("word", ["treatment", "intervention", "assessment"])
def test_jargon_in_the_family_letter_is_flagged_with_a_plain_alternative(session, demo_register, word):
    _, results = gate_for(session, demo_register, formulation=f"We think the {word} should start soon.")
    jargon = warnings(results, "jargon")
    assert len(jargon) == 1 and f'"{word}"' in jargon[0].message and "say" in jargon[0].message


def test_jargon_explained_in_brackets_passes(session, demo_register):
    _, results = gate_for(session, demo_register, formulation="The assessment (a meeting to understand what is going on) went well.")
    assert warnings(results, "jargon") == []


def test_a_skill_named_in_jargon_but_described_in_plain_words_passes(session, demo_register):
    from choice_assistant.appointment.session import OptionDiscussed

    goals = [session.goals[0].model_copy(update={"approach": "assessment"})] + session.goals[1:]
    options = [o for o in session.options_discussed if o.goal != 1]
    bare, results = gate_for(session, demo_register, goals=goals, options_discussed=options)
    assert "Further assessment" in bare.markdown  # the options catalogue's family wording, not the register's
    assert "Assessment and formulation" not in bare.markdown
    assert len(warnings(results, "jargon")) == 1  # named, but never described to the family
    described = options + [OptionDiscussed(goal=1, approach="assessment")]
    letter, results = gate_for(session, demo_register, goals=goals, options_discussed=described)
    assert "**Further assessment** (meeting a few more times" in letter.markdown
    assert warnings(results, "jargon") == []


@pytest.mark.parametrize("word", ["systemic", "formulation", "assessment", "Partnership"])
def test_the_jargon_check_knows_the_words_families_tripped_on(session, demo_register, word):
    _, results = gate_for(session, demo_register, things_to_try=[f"Think about the {word} work we talked about."])
    jargon = warnings(results, "jargon")
    assert len(jargon) == 1 and f'"{word}"' in jargon[0].message


def test_jargon_is_fine_in_the_referrer_letter(session, demo_register):
    _, results = gate_for(session, demo_register, "referrer", formulation="Treatment should start soon.")
    assert warnings(results) == []


def test_hard_words_from_the_team_raise_the_reading_grade_warning(session, demo_register):
    long = ("Considerable anxiety regarding educational attendance has progressively intensified, "
            "consequently necessitating comprehensive psychological understanding and collaborative consideration.")
    _, results = gate_for(session, demo_register, formulation=long, things_to_try=[long, long])
    reading = warnings(results, "reading")
    assert len(reading) == 1
    assert "shorter sentences" in reading[0].message


def test_familys_own_hard_words_are_kept_and_explained_in_the_warning(session, demo_register):
    words = ("Understand my generalised anxiety disorder, psychologically and physiologically, "
             "particularly regarding unpredictable examination circumstances and extracurricular obligations")
    goals = [g.model_copy(update={"text": f"{words}; {words}"}) for g in session.goals] * 2
    letter, results = gate_for(session, demo_register, goals=goals)
    reading = warnings(results, "reading")
    assert len(reading) == 1 and "family's own words" in reading[0].message
    assert f"{words}; {words}" in letter.markdown  # never reworded


def test_a_long_letter_is_over_two_pages_and_says_so(session, demo_register):
    many = [f"Try thing number {i}: go for a short walk after school and talk about the day." for i in range(60)]
    letter, results = gate_for(session, demo_register, things_to_try=many)
    pages = warnings(results, "pages")
    assert letter.page_count() > 2
    assert len(pages) == 1 and f"{letter.page_count()} A4 pages" in pages[0].message


def test_family_words_in_the_tone_check_are_not_blamed_on_the_team(session, demo_register):
    goals = [session.goals[0].model_copy(update={"text": "Stop saying sorry all the time"})] + session.goals[1:]
    _, results = gate_for(session, demo_register, goals=goals)
    assert warnings(results, "tone") == []


def test_reading_grade_counts_syllables_sensibly():
    assert [syllable_count(w) for w in ["school", "about", "every", "family", "chose", "worried", "appointment"]] == [1, 2, 3, 3, 1, 2, 3]
    assert reading_grade("The cat sat on the mat. It was a good day.") < 2
    assert reading_grade("Institutional considerations necessitate comprehensive organisational deliberation.") > 12


def test_a_private_note_copied_into_a_letter_field_is_caught_by_the_gate(demo_register, demo_session_path):
    from choice_assistant.letters import build_letter, load_session, quality_gate

    session = load_session(demo_session_path)
    note = session.private_text()[0]
    leaky = session.model_copy(update={"background": session.background + " " + note})
    results = quality_gate(build_letter(leaky, demo_register, "family"))
    assert any(r.check == "private" and not r.ok for r in results)
    clean = quality_gate(build_letter(session, demo_register, "family"))
    assert not any(r.check == "private" for r in clean)


def test_a_letter_written_about_the_family_not_to_them_is_flagged(session, demo_register, tmp_path):
    import shutil

    from choice_assistant.resources import prompts_dir

    folder = tmp_path / "letters"
    shutil.copytree(prompts_dir() / "letters", folder)
    path = folder / "family.html.j2"
    path.write_text(path.read_text().replace("{{ q.said(\"You also told us:\", background) }}",
                                             "<p>Sam lives with Jo.</p>{{ q.said(\"\", background) }}"))
    letter = build_letter(session, demo_register, "family", today=TODAY, templates=folder)
    reader = warnings(quality_gate(letter), "reader")
    assert len(reader) == 1 and "Sam lives with Jo" in reader[0].message and '"you"' in reader[0].message


@pytest.mark.parametrize("to", ["family", "referrer", "gp"])
def test_the_gate_never_asks_a_field_to_change_voice(session, demo_register, to):
    # The defect: the check asked for "you" in the strengths, and those words then went to the GP.
    for background in ("Sam lives with Jo and a younger brother. Dad works away.",
                       "Sam, you live with Jo and your younger brother."):
        _, results = gate_for(session, demo_register, to, background=background, strengths="Sam is funny and loves drawing.")
        assert warnings(results) == [], (to, background)


def test_a_long_letter_says_which_parts_to_shorten(session, demo_register):
    long = " ".join(["You told us about many things that happen at home and at school each week."] * 60)
    _, results = gate_for(session, demo_register, background=long)
    (pages,) = warnings(results, "pages")
    assert "some background" in pages.message and "shorten the longest parts first" in pages.message
