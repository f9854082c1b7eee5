"""Names in every script the letters claim print in a PDF letter, from fonts shipped with the program."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from choice_assistant.appointment.session import FamilyMember, YoungPerson
from choice_assistant.letters import build_letter, load_session, quality_gate
from choice_assistant.letters import fonts
from tests.conftest import EXAMPLES
from tests.support.letter_readback import pdf_text

TODAY = date(2026, 11, 24)
CLAIMED = getattr(fonts, "SCRIPTS", None) or {}
# The nine scripts a review found refused, each with a name written in it.
REFUSED_BEFORE = {"Devanagari": "प्रिया शर्मा", "Bengali": "সুমাইয়া রহমান", "Gurmukhi": "ਹਰਪ੍ਰੀਤ ਕੌਰ",
                  "Gujarati": "કૃષ્ણ પટેલ", "Tamil": "கிருஷ்ணன் சுப்பிரமணியம்", "Sinhala": "කුමාරි පෙරේරා",
                  "Thai": "สมชาย ใจดี", "Korean": "김민준", "Ethiopic": "ሰላማዊት ተስፋዬ"}


@pytest.fixture(scope="module")
def three():
    return load_session(EXAMPLES / "sessions" / "three-goals.yaml")


@pytest.fixture
def shipped_only(monkeypatch):
    """Fonts installed on this computer are not looked at: only what the program ships counts."""
    monkeypatch.setattr(fonts, "_SYSTEM", [])
    for cached in (fonts._locate, fonts.fallback_font):
        cached.cache_clear()
    yield
    for cached in (fonts._locate, fonts.fallback_font):
        cached.cache_clear()


def _read_back(data: bytes) -> str:
    # Glyphs that shaping makes (half forms, reordered vowel signs) carry no letter of their own: the PDF
    # gives them a control code when read back, which is not part of any name.
    return "".join(ch for ch in pdf_text(data) if unicodedata.category(ch) != "Cc")


@pytest.mark.parametrize("script", sorted(REFUSED_BEFORE))
def test_a_name_in_each_script_once_refused_prints_in_a_pdf_letter(script, demo_register, three, shipped_only):
    name = REFUSED_BEFORE[script]
    session = three.model_copy(update={"young_person": YoungPerson(name=name, age=15),
                                       "family": [FamilyMember(name="Jo Rivers", relation="mother")]})
    letter = build_letter(session, demo_register, "family", today=TODAY)
    glyphs = [r for r in quality_gate(letter) if r.check == "glyphs"]
    assert glyphs[0].ok, glyphs[0].message
    text = _read_back(letter.render("pdf"))
    assert name in text
    assert f"Dear {name.split()[0]} and Jo," in text
    assert CLAIMED.get(script, ("", ""))[1] == name  # the claim list names the same sample


def test_the_scripts_claimed_are_the_ones_the_shipped_fonts_print(shipped_only):
    assert set(REFUSED_BEFORE) <= set(CLAIMED)
    for script, (font, sample, (low, high)) in CLAIMED.items():
        letters = "".join(chr(c) for c in range(low, high + 1) if unicodedata.category(chr(c))[0] in "LM")
        plan = fonts.plan(letters + sample)
        assert not plan.missing, f"{script}: no shipped font prints {plan.missing[:5]}"
        if font == "main":
            assert plan.fallbacks == (), script
        else:
            first = fonts.FALLBACKS[font][0]
            assert (fonts.SHIPPED / first).is_file(), f"{script}: {first} is not shipped"
            assert [f[0] for f in plan.fallbacks] == [font], script
            assert plan.fallbacks[0][1] == fonts.SHIPPED / first
        assert script in fonts.__doc__ or font == "main", f"the module's description does not claim {script}"
    claims = re.findall(r"\b(Korean|Chinese|Japanese|Hangul)\b", fonts.__doc__)
    for word in claims:  # nothing claimed in words that the list does not hold
        assert word in CLAIMED or word == "Hangul", word


def test_every_shipped_font_is_used_and_named_with_its_licence():
    used = {p.name for pair in fonts.MAIN[:1] for p in map(__import__("pathlib").Path, pair)}
    used |= {files[0] for files in fonts.FALLBACKS.values()} | set(fonts._BOLD.values())
    shipped = {p.name for p in fonts.SHIPPED.glob("*.tt[fc]")}
    assert shipped == used
    licences = (fonts.SHIPPED / "LICENSES-other-fonts.txt").read_text() + (fonts.SHIPPED / "LICENSE-DejaVu.txt").read_text()
    for name in shipped - {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}:
        assert name in licences, f"{name} has no licence entry"
    assert "SIL OPEN FONT LICENSE" in (fonts.SHIPPED / "LICENSE-OFL.txt").read_text()
    assert sum(p.stat().st_size for p in fonts.SHIPPED.iterdir()) < 16 * 1024 * 1024  # the wheel stays reasonable


@pytest.mark.parametrize("name", ["山田 花子", "김민준", "प्रिया शर्मा"])
def test_the_line_after_a_name_in_another_script_is_printed_in_the_letters_own_font(name, demo_register):
    sam = load_session(EXAMPLES / "sessions" / "sam-rivers.yaml")
    session = sam.model_copy(update={"young_person": sam.young_person.model_copy(update={"name": name})})
    text = _read_back(build_letter(session, demo_register, "family", today=TODAY).render("pdf"))
    assert "Tuesday 24 November 2026" in text  # the date line, written beside the addressee's name
