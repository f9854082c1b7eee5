"""The one sandboxed Jinja2 environment for every team-editable template (stage prompts and letters).

Templates run in an ImmutableSandboxedEnvironment with StrictUndefined: they cannot read
files, call unsafe attributes or change data, and a missing variable is an error. Every
failure is an InputError naming the template file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from choice_assistant.errors import InputError
from choice_assistant.wording.catalogue import prompts_root

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

    base = prompts_root(root)
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


