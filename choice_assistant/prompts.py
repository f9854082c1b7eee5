"""What to say at each stage: sandboxed Jinja2 stage prompts, the introduction phrase bank, the options catalogue.

Public API:
    render_stage(stage, data: dict) -> str      prompts/stages/<stage>.j2, fed plain data
    stage_data(appointment) -> dict             the plain data the stage templates expect
    phrase_bank() -> list[Phrase]                prompts/introduction.yaml
    options_catalogue() -> list[OptionEntry]     prompts/options.yaml
    check_catalogue(catalogue, register) -> list[Problem]   team options whose skill the team lacks
    help_text(stage) -> str                      why this stage matters, for the clinician
    vague_goal_hint(text) -> str | None          a nudge when a goal is too vague to measure

Templates run in an ImmutableSandboxedEnvironment with StrictUndefined: they cannot read
files, call unsafe attributes or change data, and a missing variable is an error. Every
template, phrase bank or catalogue problem is an InputError naming the file and line, so
the assistant can show it instead of crashing. Files are re-read when they change.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from .errors import InputError, Problem
from .models import NON_TEAM_APPROACHES, Id, Level, Register, Strict

STAGE_TEMPLATE_DIR = "stages"
PHRASES_FILE = "introduction.yaml"
OPTIONS_FILE = "options.yaml"
OWNER_WORDS = {"young_person": "the young person", "parent_carer": "parent or carer", "family": "the family", "other": "someone else"}
NON_TEAM_OPTIONS = NON_TEAM_APPROACHES

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]


class Phrase(Strict):
    """One team-agreed thing to say in the introduction; `required` ones must be ticked to move on."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    text: Words
    required: bool = False


class PhraseBank(Strict):
    phrases: list[Phrase] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "PhraseBank":
        from .models import reference_error

        seen: set[str] = set()
        dup = [(f"phrases[{i}].id", f"phrase id '{p.id}' is used twice: ids must be unique") for i, p in enumerate(self.phrases)
               if p.id in seen or seen.add(p.id)]
        if dup:
            raise reference_error(dup)
        return self


class OptionEntry(Strict):
    """A way of working towards a goal. Team options name the skill and level they need."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    family_description: Words
    skill: Id | None = None
    level: Level | None = None
    typical_goals: list[Words] = Field(default_factory=list)
    team: bool = True

    @model_validator(mode="after")
    def _skill_matches_team(self) -> "OptionEntry":
        from .models import reference_error

        if self.team and (self.skill is None or self.level is None):
            raise reference_error([("skill", "a team option needs a skill and a level (core or specific); set team: false for options outside the team")])
        if not self.team and self.skill is not None:
            raise reference_error([("skill", "an option outside the team needs no team skill: remove skill, or set team: true")])
        return self


class OptionsCatalogue(Strict):
    options: list[OptionEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "OptionsCatalogue":
        from .models import reference_error

        seen: set[str] = set()
        dup = [(f"options[{i}].id", f"option id '{o.id}' is used twice: ids must be unique") for i, o in enumerate(self.options)
               if o.id in seen or seen.add(o.id)]
        if dup:
            raise reference_error(dup)
        return self


# -- loading, re-read when a file changes ----------------------------------------------------

_cache: dict[tuple[str, Path], tuple[int, Any]] = {}


def _load_cached(path: Path, model: type, what: str) -> Any:
    from .yamlio import parse_yaml, read_text, validate_file

    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = -1
    key = (what, path)
    hit = _cache.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    text = read_text(path, what)
    value = validate_file(model, parse_yaml(text, path, what), path, text)
    _cache[key] = (stamp, value)
    return value


def _prompts(root: Path | None) -> Path:
    if root is not None:
        return Path(root)
    from .resources import prompts_dir

    return prompts_dir()


def phrase_bank(root: Path | None = None) -> list[Phrase]:
    """The introduction's phrases, in the order to say them."""
    return list(_load_cached(_prompts(root) / PHRASES_FILE, PhraseBank, "phrase bank").phrases)


def options_catalogue(root: Path | None = None) -> list[OptionEntry]:
    """The ways of working the family can choose from, team and non-team."""
    return list(_load_cached(_prompts(root) / OPTIONS_FILE, OptionsCatalogue, "options catalogue").options)


def check_catalogue(catalogue: list[OptionEntry], register: Register) -> list[Problem]:
    """Team options that need a skill missing from the register's catalogue."""
    return [
        Problem(f"options[{i}].skill", f"option '{o.id}' needs skill '{o.skill}', which {register.team}'s register does not list: "
                                        "add the skill to the register or fix the option")
        for i, o in enumerate(catalogue)
        if o.team and o.skill not in register.skills_by_id
    ]


# -- rendering -------------------------------------------------------------------------------

_envs: dict[Path, Any] = {}


def _environment(root: Path) -> Any:
    env = _envs.get(root)
    if env is None:
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        env = ImmutableSandboxedEnvironment(
            loader=FileSystemLoader(str(root)), undefined=StrictUndefined, autoescape=False,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False, auto_reload=True,
        )
        _envs[root] = env
    return env


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The line of the template being rendered when exc was raised (Jinja keeps it in the traceback)."""
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(name: str, data: dict[str, Any], root: Path | None = None) -> str:
    """Render a template under prompts/ with plain data; every failure is an InputError."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    base = _prompts(root)
    path = base / name
    env = _environment(base)
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise InputError(path, "this template is missing: restore it from the shipped prompts/ folder") from None
    except TemplateSyntaxError as exc:
        raise InputError(path, f"template syntax error: {exc.message}; check the {{{{ }}}} and {{% %}} tags", place=f"line {exc.lineno}") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise InputError(path, f"the template cannot be read ({exc}): save it as UTF-8 text") from None
    try:
        return template.render(**data).strip() + "\n"
    except (SecurityError, UndefinedError) as exc:
        line = _template_line(exc, template.filename or str(path))
        place = f"line {line}" if line else ""
        msg = str(exc).rstrip(".")
        if isinstance(exc, SecurityError) or "unsafe" in msg:
            raise InputError(path, f"the template uses something templates may not use ({msg}); "
                                   "templates can only show the values they are given", place=place) from None
        raise InputError(path, f"the template uses a value it is not given ({msg}); check the name's spelling", place=place) from None
    except TemplateError as exc:
        line = _template_line(exc, template.filename or str(path))
        raise InputError(path, f"the template failed: {exc}", place=f"line {line}" if line else "") from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError) as exc:
        line = _template_line(exc, template.filename or str(path))
        raise InputError(path, f"the template failed ({type(exc).__name__}: {exc}); check the expression",
                         place=f"line {line}" if line else "") from None


def render_stage(stage: str, data: dict[str, Any], root: Path | None = None) -> str:
    """What to say next at a stage (prompts/stages/<stage>.j2), from plain data."""
    return render(f"{STAGE_TEMPLATE_DIR}/{stage}.j2", data, root)


def stage_data(appointment: Any) -> dict[str, Any]:
    """The plain data every stage template is given, from an appointment."""
    s = appointment.export()
    reg = appointment.register
    chosen = s.outcome.clinician if s.outcome else None

    def title(approach: str | None) -> str:
        entry = appointment.catalogue.get(approach) if approach else None
        return entry.title if entry is not None else (reg.skill_name(approach) if approach else "")

    return {
        "stage": appointment.state,
        "team": reg.team,
        "young_person": s.young_person.name if s.young_person else "",
        "choice_clinician": (reg.clinician(s.choice_clinician).name if s.choice_clinician and reg.clinician(s.choice_clinician) else ""),
        "phrases": [{"id": p.id, "title": p.title, "text": p.text, "required": p.required,
                     "said": appointment.phrases_said.get(p.id, False)} for p in appointment.phrases],
        "risk_answered": bool(s.risk.strip()),
        "goals": [{"number": n, "text": g.text, "owner": OWNER_WORDS.get(g.owner or "", ""), "rating": g.rating,
                   "approach": g.approach or "", "approach_title": title(g.approach),
                   "vague_hint": vague_goal_hint(g.text) or ""} for n, g in enumerate(s.goals, start=1)],
        "options": [{"id": o.id, "title": o.title, "description": o.family_description, "team": o.team}
                    for o in appointment.catalogue.values()],
        "options_discussed": [{"goal": o.goal, "approach": o.approach, "title": title(o.approach)} for o in s.options_discussed],
        "things_to_try": list(s.things_to_try),
        "client_wants": s.client_wants,
        "chosen_clinician": (reg.clinician(chosen).name if chosen and reg.clinician(chosen) else ""),
        "decision": s.outcome.decision if s.outcome else "",
        "slot": f"{s.outcome.slot:%A %d %B at %H:%M}" if s.outcome and s.outcome.slot else "",
        "missing": appointment.missing("next"),
    }


# -- help and nudges ---------------------------------------------------------------------------

_HELP = {
    "introduction": "Families settle when they know what today is for. Say early, and warmly, that after today they will "
                    "usually meet the team member whose skills suit their goals best, and that you will ask what they prefer. "
                    "Said up front, a change of clinician later feels like a plan, not a loss.",
    "curiosity": "Stay curious rather than expert: what worries them, what is going on, and what is already going well in "
                 "the family and around them. Always ask about safety; this stage cannot be left until you have.",
    "goals": "Goals in their own words give the work a direction. A specific goal, with whose goal it is and a 0-10 rating "
             "now, lets everyone see later whether things are changing.",
    "formulation": "Put together, in plain words, what you have understood so far, and give your honest opinion. "
                   "Check the family recognise it as theirs.",
    "options": "For each goal, lay out several ways forward, including the family's own strengths, school and other "
               "services, self-help, and no further service, as well as the team's ways of working.",
    "choice_point": "This is where the family decide: which goals, which way of working, and what to try before the next "
                    "appointment. If no work with the team is needed, or someone important was missing, say so here.",
    "allocation": "The next clinician is chosen for the skills the goals need, not by who did today's appointment. "
                  "Offer the family the choice; never assume it.",
    "booking": "Book the next appointment now, while the family is here. A long wait loses momentum: look again if the "
               "slot is weeks away.",
    "letters": "The letter is for the family first: plain words, their goals as they said them, what was agreed. "
               "Private notes never appear in it.",
    "closed": "The appointment is recorded. Everything here is kept in the journal and can be exported.",
}


def help_text(stage: str) -> str:
    """Why this stage of the appointment matters, in a few sentences."""
    try:
        return _HELP[stage]
    except KeyError:
        raise ValueError(f"unknown stage '{stage}'") from None


_VAGUE = re.compile(
    r"\b(better|happier|happy|ok|okay|fine|normal|improve\w*|cope|coping|less (stress\w*|worr\w*|anxi\w*)|"
    r"more confident|confidence|sort (it|things) out|get help|feel good|well ?being|support)\b",
    re.IGNORECASE,
)
_CONCRETE = re.compile(
    r"\d|\b(school|lesson|class|day|days|week|weeks|morning|evening|night|bed|sleep|friend\w*|eat\w*|meal\w*|"
    r"without|when|times?|go (to|back)|talk to|argu\w*|panic\w*)\b",
    re.IGNORECASE,
)


def vague_goal_hint(text: str) -> str | None:
    """A question that helps make a goal specific, or None when it already sounds measurable."""
    words = text.split()
    if not words:
        return None
    vague = bool(_VAGUE.search(text))
    concrete = bool(_CONCRETE.search(text))
    if (vague and not concrete) or len(words) < 3:
        return ("This goal may be hard to measure. Ask: what would be different if it were reached? "
                "What would they be doing, where, and how often? Then ask for a 0-10 rating of where things are now.")
    return None
