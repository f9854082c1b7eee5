"""Plain-text helpers the coach reads words with: the words that carry meaning, numbers said, quoting."""

from __future__ import annotations

import re

_STOP = set("""a an and are as at be been but by can do does for from get got have has i i'd i'm in into is it
its just me my of on or our so than that the their them then there they this to too up us was we were what when
with without would you your he she his her him able more less some any all very really much want like again""".split())
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}


def content(text: str) -> set[str]:
    """The words that carry meaning, lower case, plural -s dropped."""
    out = set()
    for w in re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")):
        w = w.removesuffix("'s")
        if len(w) < 3 or w in _STOP:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


def overlap(recorded: str, source: str) -> float:
    """The share of the recorded text's meaningful words found in the source."""
    mine = content(recorded)
    return len(mine & content(source)) / len(mine) if mine else 0.0


def numbers(text: str) -> set[int]:
    """Whole numbers 0-10 said in digits or words."""
    found = {int(n) for n in re.findall(r"\b(\d{1,2})\b", text) if int(n) <= 10}
    return found | {v for w, v in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.I)}


def has_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or bool(numbers(text)) or bool(re.search(r"\b(only|single|half|most|many)\b", text, re.I))


def quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"\"{text if len(text) <= limit else text[: limit - 3] + '...'}\""
