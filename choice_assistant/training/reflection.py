"""Whether a trainee's turn is a reflection: said as one, and giving back the family's own words or the feeling they named."""

from __future__ import annotations

import re
from typing import Iterable

_FORM = re.compile(
    r"^\s*(so\b|it sounds|sounds like|that sounds|it seems|it feels|you('re| are) (saying|telling|feeling)|you feel|you felt|"
    r"you('ve| have) been|i hear|i can hear|i can see|what i'?m hearing|if i'?ve (got|understood)|it must|that must)|"
    r"\b(sounds (like|as if|as though)|it sounds|must (be|have been|feel)|i (can )?hear|it seems|you'?re saying|you said|"
    r"if i understand|am i right)\b", re.IGNORECASE)
# "So is it...?": a question of one's own, not the family's words given back.
_ASKS = re.compile(r"^\s*so,?\s+(is|are|do|does|did|have|has|can|could|will|would|was|were|should|what|how|why|when)\b",
                   re.IGNORECASE)
# Words any reflection or question may use, which show nothing of what the family said.
_GENERIC = set("""sound sounds hard really thing things feel feeling felt like must seem seems lot time times just know think
said say saying hear hearing been going lately today bit much quite right okay sure yes yeah well also else tell telling
thank thanks coming come understand mean right here there now very still even ever""".split())
_RELATIONS = set("mum mom mother dad father nan gran grandma grandad carer stepmum stepdad".split())
# Feelings by family: naming the feeling the family named is a reflection, in whatever word.
_FEELINGS = {
    "fear": "scared scary frightened frightening afraid terrified fear fearful nervous anxious anxiety worried worry "
            "worrying panicky dread dreading",
    "sad": "sad sadness low down upset miserable unhappy crying cry tearful depressed hopeless",
    "angry": "angry anger cross furious annoyed frustrated frustrating irritable rage",
    "tired": "tired exhausted exhausting worn drained sleep sleeping",
    "alone": "alone lonely isolated",
    "ashamed": "ashamed embarrassed shame guilty",
}
_FEELING_OF = {w: family for family, words in _FEELINGS.items() for w in words.split()}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    return word[:5] if len(word) > 5 else word.rstrip("s") if len(word) > 4 else word


def _content(text: str, names: set[str]) -> set[str]:
    from choice_assistant.training.words import content

    return {_stem(w) for w in content(text) if w not in _GENERIC and w not in _RELATIONS and w not in names}


def feelings(text: str) -> set[str]:
    """The families of feeling the words name (fear, sad, angry, tired, alone, ashamed)."""
    return {_FEELING_OF[w] for w in _words(text) if w in _FEELING_OF}


def reflects(words: str, family_said: Iterable[str], names: Iterable[str] = ()) -> bool:
    """True when the turn is said as a reflection and gives back something the family just said: one of their own
    meaningful words (not a name, not a filler) or a feeling they named. A question on a new topic is not one."""
    if not _FORM.search(words) or _ASKS.search(words):
        return False
    heard = " ".join(family_said)
    if not heard.strip():
        return False
    skip = {n.lower() for n in names}
    return bool(_content(words, skip) & _content(heard, skip)) or bool(feelings(words) & feelings(heard))
