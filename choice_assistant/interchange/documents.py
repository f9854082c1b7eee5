"""The letters written after the appointment, as PDFs attached to DocumentReferences; only letters that may be written."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date as Date

from choice_assistant.appointment.session import Session
from choice_assistant.interchange.elements import concept, fhir_datetime, make, profiled, reference
from choice_assistant.matching.notes import CLINICIAN, Note
from choice_assistant.register.model import Register

LETTER_LEFT_OUT = "letter_left_out"


@dataclass(frozen=True)
class LetterFile:
    to: str  # family | referrer
    title: str
    pdf: bytes


def _date_words(day: Date) -> str:
    return f"{day.day} {day:%B %Y}"


def letter_files(session: Session, register: Register, today: Date) -> tuple[list[LetterFile], list[Note]]:
    """The letters that may be written, from the shareable view of the session: the family's (in large print
    when its readers need it), the referrer's and, when the GP is not the referrer, the GP's, each only with
    the family's consent. A letter that cannot be written, or would print wrong, is left out with a note."""
    from choice_assistant.errors import InputError
    from choice_assistant.appointment.shareable import shareable
    from choice_assistant.letters import build_letter, quality_gate

    shared = shareable(session)
    readers = {"family": "the family",
               "referrer": f"the referrer ({shared.referrer.name})" if shared.referrer else "the referrer",
               "gp": f"the GP ({shared.gp.name})" if shared.gp else "the GP"}
    wanted = ["family", "referrer"] + (["gp"] if shared.gp is not None else [])  # else the referrer is the GP
    files, notes = [], []
    for to in wanted:
        try:
            letter = build_letter(shared, register, to, today=today)
        except InputError as exc:
            notes.append(Note(code=LETTER_LEFT_OUT, audience=CLINICIAN, text=f"No letter to {readers[to]} is attached: {exc}"))
            continue
        if any(r.error for r in quality_gate(letter)):
            notes.append(Note(code=LETTER_LEFT_OUT, audience=CLINICIAN,
                              text=f"No letter to {readers[to]} is attached: it has a character its PDF cannot print "
                                   "(see `choice-assistant letter`); fix the session, then export again."))
            continue
        title = (f"Letter to {readers[to]} after the CAPA Choice appointment on {_date_words(shared.date)}"
                 + (" (large print)" if letter.large_print else ""))
        files.append(LetterFile(to=to, title=title, pdf=letter.render("pdf")))
    return files, notes


def document_reference(letter: LetterFile, subject, author, encounter, written_on: Date):
    """One letter as a DocumentReference, the PDF itself attached (with its size and SHA-1, as FHIR defines them)."""
    from fhirclient.models.attachment import Attachment
    from fhirclient.models.documentreference import DocumentReference, DocumentReferenceContent, DocumentReferenceContext

    attachment = make(Attachment, contentType="application/pdf", language="en-GB", title=letter.title,
                      data=base64.b64encode(letter.pdf).decode("ascii"), size=len(letter.pdf),
                      hash=base64.b64encode(hashlib.sha1(letter.pdf).digest()).decode("ascii"),
                      creation=fhir_datetime(written_on))
    return make(DocumentReference, meta=profiled("DocumentReference"), status="current", docStatus="final",
                type=concept("Letter after a CAPA Choice appointment"), description=letter.title,
                subject=reference(subject), author=[reference(author)],
                content=[make(DocumentReferenceContent, attachment=attachment)],
                context=make(DocumentReferenceContext, encounter=[reference(encounter)]))
