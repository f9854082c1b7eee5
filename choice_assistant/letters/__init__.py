"""Letters after a Choice appointment: to the family and to the referrer, in four formats.

API (what the CLI and the TUI call):

- ``load_session(path) -> Session``: read a session export (InputError on any problem).
- ``build_letter(session, register, to, *, today=None, templates=None, source=None) -> Letter``:
  ``to`` is ``"family"`` or ``"referrer"``. A referrer letter needs a referrer and
  ``consent.copy_to_referrer``; without them, and for clinicians unknown to the register or
  broken templates, it raises InputError saying why.
- ``Letter``: ``.markdown``, ``.html``, ``.blocks``, ``.parts()``, ``.page_count()``,
  ``.render(fmt) -> bytes`` and ``.write(path, fmt, force=False) -> Path`` for
  ``fmt`` in ``FORMATS`` (md, html, docx, pdf).
- ``quality_gate(letter) -> list[GateResult]`` (``.check``, ``.ok``, ``.level``, ``.message``):
  required parts, decision, pages, reading grade, tone and jargon; warnings only.
- ``default_letter_path(session, to, fmt) -> Path``: where a letter is saved in the data folder.

Letters are written from Jinja2 templates in ``prompts/letters/`` (sandboxed, strict about
undefined names, HTML-escaped) fed plain data; ``contact.yaml`` there holds the team's contact
details. The HTML letter is the one source: Markdown, DOCX and PDF are made from its blocks,
so all four formats say the same. Private notes are never given to a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Any

from choice_assistant.errors import InputError
from choice_assistant.register.model import Register
from choice_assistant.appointment.session import Session
from choice_assistant.letters.formats import Block, find_font, html_blocks, to_docx, to_markdown, to_pdf
from choice_assistant.letters.gate import GateResult, quality_gate

__all__ = ["FORMATS", "RECIPIENTS", "Letter", "GateResult", "build_letter", "default_letter_path",
           "load_session", "quality_gate", "referrer_refusal"]

FORMATS = ("md", "html", "docx", "pdf")
RECIPIENTS = ("family", "referrer")


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
    _pdf: tuple[bytes, int] | None = field(default=None, repr=False)

    @property
    def markdown(self) -> str:
        return to_markdown(self.blocks)

    def parts(self) -> dict[str, str]:
        """Each part the letter has (e.g. 'goals') with its text."""
        out: dict[str, list[str]] = {}
        for b in self.blocks:
            if b.part:
                out.setdefault(b.part, []).append(b.text)
        return {k: "\n".join(v) for k, v in out.items()}

    def pdf(self) -> tuple[bytes, int]:
        """The PDF and its page count (made once per letter)."""
        if self._pdf is None:
            self._pdf = to_pdf(self.blocks, self.team, find_font())
        return self._pdf

    def page_count(self) -> int:
        """A4 pages, measured on the PDF; the other formats are laid out the same way."""
        return self.pdf()[1]

    def render(self, fmt: str) -> bytes:
        if fmt == "md":
            return self.markdown.encode("utf-8")
        if fmt == "html":
            return self.html.encode("utf-8")
        if fmt == "docx":
            return to_docx(self.blocks, self.team)
        if fmt == "pdf":
            return self.pdf()[0]
        raise InputError(None, f"unknown letter format '{fmt}': use one of {', '.join(FORMATS)}")

    def write(self, path: str | Path, fmt: str, force: bool = False) -> Path:
        """Write the letter; an existing file is replaced only with force=True."""
        from choice_assistant.files import refuse_existing, write_new_file

        path = Path(path)
        refuse_existing(path, force)
        return write_new_file(path, self.render(fmt), "letter", force=force)


def load_session(path: str | Path) -> Session:
    """Read and check a session export file."""
    from choice_assistant.yamlio import parse_yaml, read_text, validate_file

    text = read_text(path, "session export")
    return validate_file(Session, parse_yaml(text, path, "session export"), path, text)


def default_letter_path(session: Session, to: str, fmt: str) -> Path:
    """data folder / letters / <session>-<recipient>.<format>."""
    import re

    from choice_assistant.resources import data_dir

    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", session.session).strip(".-") or "session"
    return data_dir() / "letters" / f"{safe}-{to}.{fmt}"


def referrer_refusal(session: Session) -> str | None:
    """Why a referrer letter must not be written for this session, or None when it may."""
    if session.referrer is None:
        return "no referrer is recorded, so there is no one to send a referrer letter to: add the referrer in the session"
    from choice_assistant.letters.content import referrer_is_gp

    if not (session.consent.copy_to_referrer or (session.consent.copy_to_gp and referrer_is_gp(session))):
        return ("the family has not agreed to a copy going to the referrer (consent.copy_to_referrer is not true), "
                "so no referrer letter is written: ask the family, and record their answer in the session")
    return None


def build_letter(session: Session, register: Register, to: str, *, today: Date | None = None,
                 templates: Path | None = None, source: str | Path | None = None) -> Letter:
    """Render the letter for one recipient from a session and the team register."""
    from choice_assistant.letters.content import letter_context

    source = source or f"session {session.session}"
    if to not in RECIPIENTS:
        raise InputError(source, f"unknown recipient '{to}': use family or referrer")
    if to == "referrer" and (why := referrer_refusal(session)):
        raise InputError(source, why, place="consent")
    _check_people(session, register, source)
    folder = templates or _templates_dir()
    context = letter_context(session, register, to, _contact(folder), _catalogue_words(),
                             today or Date.today())
    html = _render(folder, f"{to}.html.j2", context)
    return Letter(to=to, session_id=session.session, team=register.team, html=html,
                  blocks=html_blocks(html), context=context, private_notes=session.private_text())


def _check_people(session: Session, register: Register, source: str | Path) -> None:
    from choice_assistant.errors import Problem

    problems = []
    if session.choice_clinician and register.clinician(session.choice_clinician) is None:
        problems.append(Problem("choice_clinician", f"'{session.choice_clinician}' is not a clinician in {register.team}'s register: check the register or the session"))
    if session.outcome and session.outcome.clinician and register.clinician(session.outcome.clinician) is None:
        problems.append(Problem("outcome.clinician", f"'{session.outcome.clinician}' is not a clinician in {register.team}'s register: check the register or the session"))
    if problems:
        raise InputError(source, problems)


def _templates_dir() -> Path:
    from choice_assistant.resources import prompts_dir

    return prompts_dir() / "letters"


def _contact(folder: Path) -> dict[str, str]:
    from choice_assistant.yamlio import load_yaml_file

    path = folder / "contact.yaml"
    data = load_yaml_file(path, "contact details file")
    if not isinstance(data, dict):
        raise InputError(path, "expected key: value lines (phone, hours, email, address, urgent)")
    missing = [k for k in ("phone", "hours", "email", "address", "urgent") if not str(data.get(k) or "").strip()]
    if missing:
        raise InputError(path, f"missing {', '.join(missing)}: every letter shows these, so fill them in")
    return {str(k): str(v).strip() for k, v in data.items()}


def _catalogue_words() -> dict[str, dict[str, str]]:
    """Titles and plain descriptions from the options catalogue (prompts/options.yaml), if there is one."""
    from choice_assistant.wording.catalogue import OPTIONS_FILE, options_catalogue
    from choice_assistant.resources import prompts_dir

    if not (prompts_dir() / OPTIONS_FILE).is_file():
        return {}
    words: dict[str, dict[str, str]] = {}
    for option in options_catalogue():
        entry = {"title": option.title, "words": option.family_description}
        words.setdefault(option.id, entry)
        if option.skill:
            words.setdefault(option.skill, entry)
    return words


@lru_cache(maxsize=4)
def _environment(folder: Path):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
                                         autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _render(folder: Path, name: str, context: dict[str, Any]) -> str:
    import jinja2

    try:
        return _environment(folder).get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise InputError(folder / str(exc.name), "the letter template is missing: restore it from the installed prompts/letters/") from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or str(folder / name)
        raise InputError(where, f"template error: {exc.message}; fix the template", place=f"line {exc.lineno}") from None
    except jinja2.TemplateError as exc:
        where, line = _template_place(exc, folder / name)
        raise InputError(where, f"template error: {exc.message or exc}; fix the template", place=line) from None


def _template_place(exc: BaseException, fallback: Path) -> tuple[str, str]:
    """The template file and line a rendering error came from (the innermost template frame)."""
    where, line = str(fallback), ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where, line = filename, f"line {tb.tb_lineno}"
        tb = tb.tb_next
    return where, line
