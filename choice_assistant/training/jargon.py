"""Service words a family would not know: the family asks what they mean, and the coach suggests plain words."""

from __future__ import annotations

import re

# (the word as the family would repeat it, how it is written)
_TERMS: tuple[tuple[str, str], ...] = (
    ("formulation", r"formulat(ion|e)s?"),
    ("an intervention", r"interventions?"),
    ("psychoeducation", r"psycho-?education"),
    ("CAPA", r"capa"),
    ("Partnership", r"partnership (work|clinician|appointment|sessions?|phase)"),
    ("a core worker", r"core workers?"),
    ("specific input", r"specific input"),
    ("a caseload", r"case ?loads?"),
    ("allocation", r"allocat(ion|ed|e)"),
    ("a tier", r"tier (2|3|4|two|three|four)"),
    ("comorbid", r"co-?morbid\w*"),
    ("a modality", r"modalit(y|ies)"),
    ("systemic", r"systemic"),
    ("evidence-based", r"evidence[- ]based"),
    ("a pathway", r"(care |treatment )?pathways?"),
    ("triage", r"triag(e|ed|ing)"),
    ("stepped care", r"stepped care"),
    ("a presentation", r"(her|his|their|the|clinical) presentation"),
    ("psychometrics", r"psychometric\w*"),
)
_COMPILED = [(word, re.compile(r"\b" + rx + r"\b", re.IGNORECASE)) for word, rx in _TERMS]


def jargon_in(text: str) -> list[str]:
    """The service words in the text, in the order they come, each as the family would repeat it."""
    found = [(m.start(), word) for word, rx in _COMPILED for m in [rx.search(text)] if m]
    return [word for _, word in sorted(found)]
