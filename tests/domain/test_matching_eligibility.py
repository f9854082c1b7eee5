"""The one eligibility rule: skills at the needed level (specific covers core) and hard needs."""

from __future__ import annotations

from choice_assistant.matching.eligibility import SkillNeed, is_eligible, missing_skills, unmet_needs
from choice_assistant.register.model import Clinician, Level


def clinician(**extra) -> Clinician:
    return Clinician.model_validate({"id": "ann", "name": "Ann", "role": "Psychologist", **extra})


def test_specific_covers_core_but_core_does_not_cover_specific():
    c = clinician(skills={"cbt": "specific", "systemic": "core"})
    assert missing_skills(c, [("cbt", "core"), ("cbt", Level.specific)]) == []
    assert missing_skills(c, [SkillNeed(skill="systemic", level=Level.specific), ("emdr", "core")]) == [
        SkillNeed(skill="systemic", level=Level.specific), SkillNeed(skill="emdr", level=Level.core)]


def test_hard_needs_compare_case_insensitively_and_languages_by_code_or_english_name():
    c = clinician(gender="Female", cultural_background="Polish", languages=["en", "Polish"])
    assert unmet_needs(c, {"gender": "female", "language": "pl", "cultural_background": " polish "}) == []
    assert unmet_needs(clinician(languages=["PL"]), {"language": "polish"}) == []
    assert unmet_needs(c, {"gender": "male", "language": "ur"}) == ["gender", "language"]
    assert unmet_needs(clinician(languages=["bsl"]), {"language": "British Sign Language"}) == []


def test_eligible_means_every_skill_and_every_hard_need():
    c = clinician(gender="male", skills={"cbt": "core"})
    assert is_eligible(c, [("cbt", "core")], {"gender": "Male"})
    assert not is_eligible(c, [("cbt", "specific")], {})
    assert not is_eligible(c, [("cbt", "core")], {"gender": "female"})
