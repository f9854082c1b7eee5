"""The risk and safeguarding question: the answer as given, and the clinician's explicit outcome."""

from __future__ import annotations

import re
from typing import Any

# Answers that say nothing about what was asked or heard; they cannot stand in for the family's answer.
PLACEHOLDERS = frozenset({
    "none", "n/a", "na", "nil", "no", "ok", "okay", "fine", "-", "--", "nothing", "not asked", "no risk", "no risks",
    "none known", "nka", "nfa", "tbc", "tba", "x", "?", "n", "y", "yes", "asked", "done", "see notes", "as above",
})


def is_placeholder(text: str) -> bool:
    """True when the text is empty or a stock placeholder rather than an answer in words."""
    words = re.sub(r"[\s.!,;:]+", " ", text.strip().lower()).strip()
    return not words or words in PLACEHOLDERS or len(re.sub(r"[^a-z]", "", words)) < 4


def safety_missing(session: Any) -> list[str]:
    """What the risk and safeguarding part still needs, in plain words ([] when complete)."""
    out: list[str] = []
    risk = session.risk or ""
    if not risk.strip():
        out.append("the risk and safeguarding question is unanswered")
    elif is_placeholder(risk):
        out.append("write the family's answer to the risk and safeguarding question in words, not a placeholder such as \"none\"")
    safety = getattr(session, "safety", None)
    if safety is None:
        out.append("record whether there are safety concerns (yes or no)")
    elif safety.concerns:
        if not (safety.plan or "").strip():
            out.append("there are safety concerns: write what was agreed to keep the young person safe")
        if not (safety.actions or "").strip():
            out.append("there are safety concerns: write who will do what, and by when")
    return out
