"""Letters after a Choice appointment: to the family, the referrer and the GP, in four formats.

API (what the CLI and the TUI call):

- ``load_session(path) -> Session``: read a session export (InputError on any problem); the
  session export's own reader, from ``choice_assistant.appointment.export``.
- ``build_letter(session, register, to, *, today=None, templates=None, source=None, large_print=None,
  addressee=None)`` -> ``Letter``. ``to`` is ``"family"``, ``"referrer"`` or ``"gp"``; ``addressee``
  names a family member with an address of their own, for their own copy of the family letter.
  ``large_print=None`` follows the readers' communication needs. Every contact detail comes from
  the register's ``service:`` block; without one, for a referrer or GP letter with no one to send
  it to or without the family's consent, unknown clinicians or broken templates, it raises
  InputError saying why.
- ``postable.missing(session, to, addressee=None) -> list[Missing]``: what the letter lacks to be
  posted and filed (``.code``, ``.field``, ``.text``, ``.blocks``), for the screen and the CLI.
- ``Letter``: ``.markdown``, ``.html``, ``.blocks``, ``.parts()``, ``.page_count()``,
  ``.render(fmt) -> bytes`` and ``.write(path, fmt, force=False) -> Path`` for ``fmt`` in
  ``FORMATS`` (the one registry of formats: md, html, docx, pdf).
- ``quality_gate(letter) -> list[GateResult]`` (``.check``, ``.ok``, ``.level``, ``.message``):
  required parts, decision, pages, reading grade, voice, tone, jargon, communication needs
  (warnings), and characters the PDF cannot print (an error).
- ``default_letter_path(session, to, fmt) -> Path``: where a letter is saved in the data folder,
  named by young person and date.

Letters are written from Jinja2 templates in ``prompts/letters/`` through the one sandboxed
template environment (strict about undefined names, HTML-escaped, with limits on time and
size) fed plain data. The HTML letter is the one source: Markdown, DOCX and PDF are made from
its blocks, so all four formats say the same. Private notes are never given to a template.
Everything the clinician recorded appears in quotation marks, as recorded; the letter's own
words around it speak to the family ("you") in the family letter and about the young person in
the referrer and GP letters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from choice_assistant.appointment.export import load_session
from choice_assistant.appointment.session import Session
from choice_assistant.appointment.shareable import shareable
from choice_assistant.errors import InputError
from choice_assistant.letters.blocks import Block, html_blocks, printable
from choice_assistant.letters.gate import GateResult, quality_gate
from choice_assistant.letters.people import RECIPIENTS
from choice_assistant.letters.registry import FORMATS, format_of
from choice_assistant.register.model import Register
from choice_assistant.errors import Problem
from choice_assistant.files import refuse_existing, write_new_file
from choice_assistant.letters.content import letter_context
from choice_assistant.letters.envelope import window_text_size
from choice_assistant.letters.people import family_addressee
from choice_assistant.letters.postable import refusal
from choice_assistant.resources import data_dir, prompts_dir
from choice_assistant.wording.catalogue import OPTIONS_FILE, options_catalogue
from choice_assistant.wording.templates import render

__all__ = ["FORMATS", "RECIPIENTS", "Letter", "GateResult", "build_letter", "default_letter_path", "format_of",
           "load_session", "quality_gate", "referrer_refusal", "service_refusal"]

LARGE_PRINT_PT = 16


@dataclass
class Letter:
    """One rendered letter. Formats other than HTML and Markdown are made on demand."""

    to: str
    session_id: str
    team: str
    html: str
    blocks: list[Block]
    context: dict[str, Any]
    # The session's private notes, kept only so the quality check can prove none reached the letter.
    private_notes: list[str] = field(default_factory=list, repr=False)
    large_print: bool = False
    _pdf: tuple[bytes, int] | None = field(default=None, repr=False)

    @property
    def text_size(self) -> float:
        """Body text in points: 11, or 16 for large print."""
        return LARGE_PRINT_PT if self.large_print else 11

    @property
    def markdown(self) -> str:
        from choice_assistant.letters.markdown import to_markdown

        return to_markdown(self.blocks)

    def parts(self) -> dict[str, str]:
        """Each part the letter has (e.g. 'goals') with its text."""
        out: dict[str, list[str]] = {}
        for b in self.blocks:
            if b.part:
                out.setdefault(b.part, []).append(b.text)
        return {k: "\n".join(v) for k, v in out.items()}

    def font_plan(self):
        """The fonts the PDF needs for this letter's text, and any character none of them can print."""
        from choice_assistant.letters.fonts import plan

        return plan("".join(b.text for b in self.blocks) + self.team)

    def pdf(self) -> tuple[bytes, int]:
        """The PDF and its page count (made once per letter)."""
        if self._pdf is None:
            from choice_assistant.letters.pdf import to_pdf

            self._pdf = to_pdf(self.blocks, self.team, self.font_plan(), size=self.text_size)
        return self._pdf

    def page_count(self) -> int:
        """A4 pages, measured on the PDF; the other formats are laid out the same way."""
        return self.pdf()[1]

    def render(self, fmt: str) -> bytes:
        entry = FORMATS.get(fmt)
        if entry is None:
            raise InputError(None, f"unknown letter format '{fmt}': use one of {', '.join(FORMATS)}")
        return entry[0](self)

    def write(self, path: str | Path, fmt: str, force: bool = False) -> Path:
        """Write the letter (private, never half-written); an existing file is replaced only with force=True."""

        path = Path(path)
        refuse_existing(path, force)
        return write_new_file(path, self.render(fmt), "letter", force=force)


def letter_file_name(session: Session, to: str, fmt: str) -> str:
    """'sam-rivers-2026-11-23-family.pdf': by young person and appointment date, never by session id."""
    import re
    import unicodedata

    name = session.young_person.name if session.young_person else "letter"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:40]
    if not slug:  # a name in a script with no Latin letters: keep its own letters, safely
        slug = re.sub(r"[^\w]+", "-", name, flags=re.UNICODE).strip("-_")[:40] or "letter"
    return f"{slug}-{session.date:%Y-%m-%d}-{to}.{fmt}"


def default_letter_path(session: Session, to: str, fmt: str) -> Path:
    """data folder / letters / <young person>-<date>-<recipient>.<format>."""

    return data_dir() / "letters" / letter_file_name(session, to, fmt)


def referrer_refusal(session: Session) -> str | None:
    """Why a referrer letter must not be written for this session, or None when it may."""

    why = refusal(session, "referrer")
    return why.text if why else None


def build_letter(session: Session, register: Register, to: str, *, today: Date | None = None,
                 templates: Path | None = None, source: str | Path | None = None, large_print: bool | None = None,
                 addressee: str | None = None) -> Letter:
    """Render the letter for one recipient from a session and the team register."""

    source = source or f"session {session.session}"
    if to not in RECIPIENTS:
        raise InputError(source, f"unknown recipient '{to}': use {', '.join(RECIPIENTS)}")
    if (why := refusal(session, to)) is not None:
        raise InputError(source, why.text, place=why.field)
    if addressee is not None and (to != "family" or family_addressee(session, addressee) is None):
        raise InputError(source, f"'{addressee}' is not a family member with an address of their own: only they get a "
                                 "separate copy of the family letter (check the name, or record their address)", place="family")
    if why := service_refusal(register):
        raise InputError("register", why, place="service")
    _check_people(session, register, source)
    folder = templates or _templates_dir()
    # A letter is made only from what may leave the service; the private notes are kept apart, so the
    # quality check can still prove that none of their words was copied into a field that is shared.
    context = letter_context(shareable(session), register, to, _catalogue_words(), today or Date.today(), addressee)
    if large_print is None:
        large_print = context["access"]["large_print"]
    context["large_print"] = large_print
    context["window"]["text_pt"] = window_text_size(["Private and confidential", *context["recipient"]],
                                                    LARGE_PRINT_PT if large_print else 10)
    html = printable(_render(folder, f"{to}.html.j2", context))
    return Letter(to=to, session_id=session.session, team=register.service.name, html=html,
                  blocks=html_blocks(html), context=context, private_notes=session.private_text(),
                  large_print=large_print)


def _check_people(session: Session, register: Register, source: str | Path) -> None:

    problems = []
    if session.choice_clinician and register.clinician(session.choice_clinician) is None:
        problems.append(Problem("choice_clinician", f"'{session.choice_clinician}' is not a clinician in {register.team}'s register: check the register or the session"))
    if session.outcome and session.outcome.clinician and register.clinician(session.outcome.clinician) is None:
        problems.append(Problem("outcome.clinician", f"'{session.outcome.clinician}' is not a clinician in {register.team}'s register: check the register or the session"))
    if problems:
        raise InputError(source, problems)


def _templates_dir() -> Path:

    return prompts_dir() / "letters"


def service_refusal(register: Register) -> str | None:
    """Why no letter can be written with this register (no contact details), or None when it can."""
    if register.service is None:
        return (f"{register.team}'s register has no service: block, so a letter would have no phone number or address "
                "to give the family: add service: with name, address and phone to the register (see the README)")
    return None


def _catalogue_words() -> dict[str, dict[str, str]]:
    """Titles and plain descriptions from the options catalogue (prompts/options.yaml), if there is one."""

    if not (prompts_dir() / OPTIONS_FILE).is_file():
        return {}
    words: dict[str, dict[str, str]] = {}
    for option in options_catalogue():
        entry = {"title": option.title, "words": option.family_description}
        words.setdefault(option.id, entry)
        if option.skill:
            words.setdefault(option.skill, entry)
    return words


def _render(folder: Path, name: str, context: dict[str, Any]) -> str:
    """Render a letter template with the one sandboxed environment (HTML-escaped, with limits)."""

    return render(name, context, root=folder)
