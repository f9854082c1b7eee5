"""The example sessions: every letter in every format, recorded in the family's words, each letter in its own voice."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from choice_assistant.letters import FORMATS, build_letter, load_session, quality_gate
from choice_assistant.letters.people import elsewhere
from choice_assistant.letters.postable import missing
from tests.conftest import EXAMPLES
from tests.support.letter_readback import letter_text

SESSIONS = sorted((EXAMPLES / "sessions").glob("*.yaml"))
RECORDED = ("concerns", "background", "strengths", "network", "risk", "formulation")
SECOND_PERSON = re.compile(r"\b(you|your|yourself|yourselves)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def register():
    from choice_assistant.register.load import load_register

    return load_register(EXAMPLES / "team.yaml")


def every_letter(session, register):
    """(name, letter) for each letter the session can have: family, each separate family copy, referrer, GP."""
    out = [("family", build_letter(session, register, "family", today=date(2026, 11, 24)))]
    out += [(f"family:{a.member}", build_letter(session, register, "family", today=date(2026, 11, 24), addressee=a.member))
            for a in elsewhere(session)]
    out += [(to, build_letter(session, register, to, today=date(2026, 11, 24))) for to in ("referrer", "gp")]
    return out


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_every_letter_of_every_example_renders_in_every_format_ready_to_post(path, register):
    session = load_session(path)
    for name, letter in every_letter(session, register):
        for fmt in FORMATS:
            text = letter_text(letter.render(fmt), fmt)
            assert session.young_person.nhs_number in text and letter.context["recipient"][-1] in text, (name, fmt)
        assert [r.message for r in quality_gate(letter) if not r.ok] == [], name
        assert missing(session, name.split(":")[0], name.split(":")[1] if ":" in name else None) == [], name
        if name.startswith("family"):
            assert letter.page_count() <= 2, name


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_the_examples_record_the_familys_words_addressed_to_no_one(path):
    data = yaml.safe_load(path.read_text())
    recorded = [data[f] for f in RECORDED] + data["things_to_try"] + [data["safety"].get("plan", ""), data["safety"].get("actions", "")]
    assert [t for t in recorded if SECOND_PERSON.search(t)] == []


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_the_example_referrer_and_gp_letters_never_say_you(path, register):
    session = load_session(path)
    for name, letter in every_letter(session, register):
        if not name.startswith("family"):
            for fmt in FORMATS:
                text = letter_text(letter.render(fmt), fmt)
                assert [s for s in re.split(r"(?<=[.!?:;])\s+", text) if SECOND_PERSON.search(s)] == [], (name, fmt)


def test_the_examples_between_them_carry_every_field_letters_use():
    sessions = [yaml.safe_load(p.read_text()) for p in SESSIONS]
    for data in sessions:
        assert {"date_of_birth", "nhs_number", "address", "pronouns"} <= set(data["young_person"])
        assert data["referrer"]["reason"] and data["referrer"]["address"]
        assert data["consent"] == {"copy_to_referrer": True, "copy_to_gp": True}
    assert any(data.get("gp") and data["gp"]["name"] != data["referrer"]["name"] for data in sessions)
    assert any(data.get("communication_needs") for data in sessions)
    assert any(m.get("address") for data in sessions for m in data["family"])
