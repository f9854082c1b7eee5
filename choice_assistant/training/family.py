"""The simulated family: answers a trainee from a scenario's script, by stage and keywords, offline.

    reply(scenario, stage, said_text) -> str | None     the family's answer to what the trainee said
    opening(scenario, stage) -> str | None               what the family says as a stage opens
    matches(keyword, text) -> bool                       the keyword rule, for scenario authors' tests

A reply is the first of the stage's replies with a keyword found in the trainee's words, else
the stage's default; None when the trainee said nothing or the scenario has no script for the
stage. Keywords match case-insensitively as whole words or phrases (any spacing between the
words); a trailing * matches any ending ("worr*" finds "worried" and "worries"). Pure and
deterministic: the same words at the same stage always get the same answer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from choice_assistant.training.scenario import Scenario

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    parts = []
    for word in keyword.translate(_QUOTES).split():
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def matches(keyword: str, text: str) -> bool:
    """Whether the keyword (a word or phrase, optional trailing *) occurs in text as whole words."""
    if not keyword.strip():
        return False
    return _pattern(keyword.strip()).search(text.translate(_QUOTES)) is not None


def reply(scenario: Scenario, stage: str, said_text: str) -> str | None:
    """The family's answer at this stage to what the trainee said."""
    script = scenario.stages.get(stage)  # type: ignore[call-overload]
    if script is None or not said_text.strip():
        return None
    for r in script.replies:
        if any(matches(k, said_text) for k in r.keywords):
            return r.reply
    return script.default


def opening(scenario: Scenario, stage: str) -> str | None:
    """What the family says as the stage opens, before the trainee speaks (None: nothing)."""
    script = scenario.stages.get(stage)  # type: ignore[call-overload]
    return script.opening if script is not None else None
