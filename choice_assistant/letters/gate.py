"""The quality check a letter passes before it is saved: parts, pages, reading grade, voice, tone, jargon,
communication needs.

Every finding is a warning for the clinician to read and fix in the session, except a
character the PDF cannot print, which is an error (a name with a gap must not be sent); nothing is
ever changed in the letter. The check judges the letter it will write: what was recorded at the
appointment is quoted there as written, so the voice checks (the family letter speaks to the
family; the referrer and GP letters speak about the young person, never to them) look only at
the letter's own words around the quotes, and never ask for a field to be rewritten in another
voice. Tone and jargon look at every word the team wrote or agreed, never at the family's own.
The reading grade is the Flesch-Kincaid grade of the letter's body: its paragraphs and list
items, without the greeting, headings, the appointment and contact details or the sign-off
(stricter for a reader who needs easy read). The family's own words (their goals) are
never reworded: the grade is also shown without them so the clinician can see what lifts it.
Syllables are counted by vowel groups with the usual English adjustments (a silent final
"e", "-ed", "-es"): textstat's own counter fetches a pronouncing dictionary from the internet
on first use, and letters never use the network; its fallback (hyphenation points) counts
"about", "open" and "evening" as one syllable and so reads letters as easier than they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from choice_assistant.wording import tone

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.letters import Letter

MAX_PAGES = 2
MAX_GRADE = 6.0
MAX_GRADE_EASY_READ = 4.0  # for a reader who needs easy read: plain, short sentences

# The parts every letter must carry (part id -> what a clinician calls it).
REQUIRED_PARTS: dict[str, str] = {
    "concerns": "what worried them (concerns)",
    "background": "some background",
    "strengths": "what is going well (strengths)",
    "goals": "their goals in their own words",
    "formulation": "how we understand things together (formulation)",
    "options": "the choices talked about",
    "choice": "what they chose",
    "things_to_try": "things to try before the next appointment",
    "next_clinician": "who they will see next and why",
    "appointment": "the next appointment",
    "contact": "how to get in touch",
}
# Parts only one recipient's letter carries.
RECIPIENT_PARTS: dict[str, dict[str, str]] = {
    "family": {"safety": "how to keep safe and whom to call"},
    "referrer": {"summary": "the summary box (reason, outcome, risk, plan, who holds the case, actions)",
                 "risk": "risk and safety"},
}
RECIPIENT_PARTS["gp"] = RECIPIENT_PARTS["referrer"]
_DECISION_PARTS = {"choice", "next_clinician", "appointment"}
_NOT_BODY = {None, "contact", "appointment", "signoff", "identifiers", "safety"}

# Words a family may not know, and plain words to use instead (or explain in brackets).
JARGON: dict[str, str] = {
    "intervention": "help, or the way we will work together",
    "assessment": "a meeting to understand what is going on",
    "treatment": "help, or your sessions",
    "formulation": "how we understand things together",
    "referral": "the letter that asked us to see you",
    "discharge": "finishing with our service",
    "therapeutic": "helpful",
    "modality": "way of working",
    "allocation": "who you will see",
    "allocated": "who you will see",
    "caseload": "the people a clinician sees",
    "psychoeducation": "learning about what is going on",
    "presenting": "what brought you here",
    "symptoms": "signs, or how it feels",
    "clinically": "(leave it out)",
    "comorbid": "(say what else is going on)",
    "systemic": "family work, or meeting together as a family",
    "partnership": "your next appointments with us",
}
_JARGON_RX = re.compile(r"\b(" + "|".join(JARGON) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class GateResult:
    """One finding of the quality check: ok, or a warning with a plain message."""

    check: str  # private | parts | decision | pages | reading | reader | voice | access | tone | jargon | glyphs
    ok: bool
    message: str
    error: bool = False  # an error: the letter would print wrong (a name with gaps), so fix before sending

    @property
    def level(self) -> str:
        return "ok" if self.ok else "error" if self.error else "warning"


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"”')]|$)")


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    syllables = sum(syllable_count(w) for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, 1)


_SILENT_END = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")


@lru_cache(maxsize=4096)
def syllable_count(word: str) -> int:
    """Syllables in an English word, estimated from its vowel groups."""
    w = word.lower().replace("’", "'").split("'")[0]
    if w.isdigit() or len(w) <= 3:
        return 1
    w = _SILENT_END.sub(lambda m: m.group(0)[0], w).removeprefix("y")
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def body_text(letter: "Letter", own_words: bool = True) -> str:
    """The letter's body as sentences, for measuring how easy it is to read."""
    pieces = []
    for b in letter.blocks:
        if b.kind not in ("para", "item") or b.part in _NOT_BODY:
            continue
        text = "".join(r.text for r in b.runs if own_words or not r.own_words).strip()
        if text:
            pieces.append(text if text[-1] in ".!?\"”" else text + ".")
    return " ".join(pieces)


def _clinician_text(letter: "Letter") -> list[str]:
    """Text the team wrote (everything but the family's own words), block by block."""
    return ["".join(r.text for r in b.runs if not r.own_words) for b in letter.blocks]


def framing(letter: "Letter") -> list[tuple[str | None, str]]:
    """The letter's own words (everything outside the quoted record), block by block, with each block's part."""
    return [(b.part, "".join(r.text for r in b.runs if not r.quoted)) for b in letter.blocks]


def quality_gate(letter: "Letter") -> list[GateResult]:
    """Check a letter; returns ok results and warnings, in the order a clinician would fix them."""
    results: list[GateResult] = []
    text = " ".join(b.text for b in letter.blocks)
    leaked = [note for note in letter.private_notes if len(note.strip()) >= 12 and note.strip() in text]
    if leaked:
        results.append(GateResult("private", False, "A private note appears in this letter: private notes are for the team only. "
                                                    "Move that text out of the letter's fields in the session."))
    present = letter.parts()
    decision = letter.context["decision"]
    required = REQUIRED_PARTS | RECIPIENT_PARTS.get(letter.to, {})
    missing = [p for p in required if p not in present and not (decision is None and p in _DECISION_PARTS)]
    for p in missing:
        results.append(GateResult("parts", False, f"Missing part: {required[p]}. Add it in the session, then make the letter again."))
    if not missing:
        results.append(GateResult("parts", True, "Every required part is there."))

    results.extend(_decision_results(letter))

    results.extend(_glyph_results(letter))
    if letter.to == "family":
        results.extend(_written_to_the_reader(letter))
        results.extend(_access_results(letter))
    else:
        results.extend(_spoken_to_someone(letter))

    pages = letter.page_count()
    if letter.large_print:
        results.append(GateResult("pages", True, f"{pages} A4 pages in large print (the same letter in standard print keeps to {MAX_PAGES})."))
    elif pages > MAX_PAGES:
        longest = sorted(((len(t), p) for p, t in present.items() if p in REQUIRED_PARTS and p != "contact"), reverse=True)[:2]
        names = " and ".join(REQUIRED_PARTS[p] for _, p in longest)
        results.append(GateResult("pages", False, f"The letter runs to {pages} A4 pages; keep it to {MAX_PAGES}: "
                                                  f"shorten the longest parts first ({names}), or keep fewer things to try."))
    else:
        results.append(GateResult("pages", True, f"{pages} A4 page{'s' if pages != 1 else ''} (at most {MAX_PAGES})."))

    if letter.to == "family":
        easy = letter.context["access"]["easy_read"]
        limit = MAX_GRADE_EASY_READ if easy else MAX_GRADE
        goal = f"{limit:g} or below, for easy read" if easy else f"{limit:g} or below, reading age 9-11"
        grade = reading_grade(body_text(letter))
        if grade <= limit:
            results.append(GateResult("reading", True, f"Reading grade {grade:.1f} (goal: {goal})."))
        else:
            without = reading_grade(body_text(letter, own_words=False))
            why = (f" Without the family's own words it is {without:.1f}: their words stay as they said them."
                   if without <= limit else " Use shorter sentences and plainer words in the parts the team wrote.")
            results.append(GateResult("reading", False, f"Reading grade {grade:.1f}; the goal is {goal}.{why}"))

    nudges = [n for text in _clinician_text(letter) for n in tone.check(text)]
    for n in nudges:
        results.append(GateResult("tone", False, f"Tone: \"{n.phrase}\". {n.why} {n.suggestion}"))
    if not nudges:
        results.append(GateResult("tone", True, "The tone is positive: no apologies or \"have to transfer\"."))

    if letter.to == "family":
        unexplained: dict[str, str] = {}
        explained: set[str] = set()
        for text in _clinician_text(letter):
            for m in _JARGON_RX.finditer(text):
                word = m.group(1).lower()
                rest = re.split(r"[.!?]", text[m.end():], maxsplit=1)[0]
                if "(" in rest or ":" in rest:  # "assessment (a meeting ...)", "Assessment: a meeting ..."
                    explained.add(word)
                else:
                    unexplained.setdefault(word, m.group(1))
        flagged = [(w, shown) for w, shown in unexplained.items() if w not in explained]
        for word, shown in flagged:
            results.append(GateResult("jargon", False, f"\"{shown}\" is jargon for a family: say \"{JARGON[word]}\" instead, "
                                                       "or explain it once in brackets or after a colon."))
        if not flagged:
            results.append(GateResult("jargon", True, "No unexplained jargon."))
    return results


def _decision_results(letter: "Letter") -> list[GateResult]:
    ctx = letter.context
    decision, nxt = ctx["decision"], ctx["next"]
    if decision is None:
        return [GateResult("decision", False, "No decision is recorded: record the Choice Point outcome (who they will see next, or no further appointments) before sending.")]
    out = []
    if decision in ("transfer", "keep", "choice_plus") and nxt is None:
        out.append(GateResult("decision", False, "No clinician is recorded for the next appointment: choose who they will see."))
    if decision in ("transfer", "keep") and nxt is not None and not nxt["skills"]:
        out.append(GateResult("decision", False, f"The letter names none of {nxt['name']}'s skills for the goals: choose a way of working for each goal."))
    if decision in ("transfer", "keep") and ctx["appointment"] is None:
        out.append(GateResult("decision", False, "No appointment time is recorded; the letter says we will call to agree one. Book a slot to give the date."))
    return out or [GateResult("decision", True, "The decision, the next clinician and the appointment are recorded.")]


def _glyph_results(letter: "Letter") -> list[GateResult]:
    """Every character must print in the PDF: a name with a gap in it is an error, never silent."""
    missing = letter.font_plan().missing
    if not missing:
        return [GateResult("glyphs", True, "Every character prints in the PDF.")]
    shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:8])
    return [GateResult("glyphs", False, f"The PDF cannot print {shown}: no font on this computer has "
                                        f"{'it' if len(missing) == 1 else 'them'}. Install a font for that script, "
                                        "or send the letter as Word or HTML and check it on screen.", error=True)]


def _written_to_the_reader(letter: "Letter") -> list[GateResult]:
    """The family letter's own words speak to its readers: 'You told us', not 'Sam told us'."""
    names = [letter.context["young_person"]["first_name"]] if letter.context.get("young_person") else []
    names += [m["first_name"] for m in letter.context.get("family", [])]
    names = [n for n in names if n and n.isalpha()]
    if not names:
        return []
    about = re.compile(r"(?m)(?:^|[.!?]\s+)((?:" + "|".join(map(re.escape, names)) + r")\s+(?!and\b|or\b)[a-z]+\b[^.!?]*)")
    found = [m.group(1) for part, text in framing(letter) if part not in _NOT_BODY for m in about.finditer(text)]
    if not found:
        return []
    return [GateResult("reader", False, f"The letter's own words talk about the family rather than to them (\"{found[0][:60]}\"): "
                                        "the family reads this letter, so its template should say \"you\" and \"your\" "
                                        "(what was recorded is quoted as it is).")]


_SECOND_PERSON = re.compile(r"\b(you|your|yourself|yourselves)\b", re.IGNORECASE)  # not "Yours sincerely"


def second_person_sentences(text: str) -> list[str]:
    """The sentences of a text that speak to someone as "you"."""
    return [s.strip() for s in re.split(r"(?<=[.!?:;])\s+", text) if _SECOND_PERSON.search(s)]


def _spoken_to_someone(letter: "Letter") -> list[GateResult]:
    """A referrer or GP letter is about the young person: its own words never say "you" to anyone."""
    found = [s for _, text in framing(letter) for s in second_person_sentences(text)]
    if not found:
        return [GateResult("voice", True, "The letter speaks about the young person, not to them.")]
    name = letter.context["young_person"]["first_name"] if letter.context.get("young_person") else "the young person"
    return [GateResult("voice", False, f"The letter to {letter.context['reader_role']} says \"you\" in its own words "
                                       f"(\"{found[0][:60]}\"): it is about {name}, so its template should speak about "
                                       f"{name} by name.")]


def _access_results(letter: "Letter") -> list[GateResult]:
    """Communication needs the printed letter alone does not meet, and interpreters it promises."""
    access = letter.context["access"]
    out = [GateResult("access", False, f"{n['name']} needs {n['words']}: this printed letter alone does not meet that. "
                                       "Arrange it as well; the GP summary asks for it too.")
           for n in access["not_met_by_print"] if n["who"] in letter.context["addressee_readers"]]
    for i in access["interpreters"]:
        out.append(GateResult("access", True, f"The letter says {i['words']} will be there for {i['first_name']}: "
                                              "book the interpreter for that appointment."))
    return out
