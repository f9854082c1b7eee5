"""The one sandboxed Jinja2 environment for every team-editable template (stage prompts and letters).

Templates run in an ImmutableSandboxedEnvironment with StrictUndefined: they cannot read
files, call unsafe attributes or change data, and a missing variable is an error. Letters
(``*.html.j2``) are HTML-escaped; stage prompts are plain text. A template is read only from
inside its folder under prompts/: a path that resolves elsewhere (a symlink, say) is refused.
Every render has limits (time, output size, loop length, padding widths), so a template that
loops, recurses or pads without end stops with a message instead of freezing the program.
Every failure is an InputError naming the template file and line.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any

from choice_assistant.errors import InputError
from choice_assistant.wording.catalogue import prompts_root


@dataclass(frozen=True)
class Limits:
    """How far one render may go: far beyond any real prompt or letter, well short of a hang."""

    seconds: float = 2.0
    output_chars: int = 400_000
    range_items: int = 20_000
    width: int = 2_000


LIMITS = Limits()


class TemplateLimit(Exception):
    """A render went past one of its limits; the text says which, in plain words."""


_current = threading.local()


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.range_left = limits.range_items

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"it ran for more than {self.limits.seconds:g} seconds (a loop or a macro that never ends?)")


def _tick() -> None:
    budget = getattr(_current, "budget", None)
    if budget is not None:
        budget.tick()


def _limits() -> Limits:
    budget = getattr(_current, "budget", None)
    return budget.limits if budget is not None else LIMITS


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > _limits().output_chars:
        raise TemplateLimit(f"it built a value longer than {_limits().output_chars:,} characters")
    return value


_SPEC_NUMBER = re.compile(r"(\d+)")
_PERCENT_SPEC = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")
_NESTED_SPEC = re.compile(r"\{[^{}]*:[^{}]*\{")


def _check_format(fmt: Any) -> None:
    """Refuse padding or precision wider than the width limit ('%2000000000d', '{:>99999999}')."""
    if not isinstance(fmt, str):
        return
    specs = [g for m in _PERCENT_SPEC.finditer(fmt) for g in m.groups() if g] + [m.group(1) for m in _BRACE_SPEC.finditer(fmt)]
    if _NESTED_SPEC.search(fmt):
        raise TemplateLimit("it sets a format's width from a value; write the width out")
    for spec in specs:
        if "*" in spec or any(int(n) > _limits().width for n in _SPEC_NUMBER.findall(spec)):
            raise TemplateLimit(f"it pads or formats text wider than {_limits().width:,} characters")


def _check_widths(*args: Any) -> None:
    for a in args:
        if isinstance(a, int) and not isinstance(a, bool) and abs(a) > _limits().width:
            raise TemplateLimit(f"it asks for a width of {a:,}; at most {_limits().width:,} is allowed")


def _limited_range(*args: Any) -> range:
    from jinja2.sandbox import safe_range

    try:
        rng = safe_range(*args)
    except OverflowError:
        raise TemplateLimit(f"it asks for a range() longer than {_limits().range_items:,} steps") from None
    budget = getattr(_current, "budget", None)
    if budget is not None:
        budget.range_left -= len(rng)
        if budget.range_left < 0:
            raise TemplateLimit(f"its loops over range() go past {budget.limits.range_items:,} steps in all")
    return rng


_WIDTH_FILTERS = {"center", "indent", "wordwrap", "truncate", "batch", "slice", "filesizeformat"}
_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def _guard_filter(name: str, func: Any) -> Any:
    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        if name in _WIDTH_FILTERS:
            _check_widths(*args[1:], *kwargs.values())
        if name == "format":
            _check_format(next((a for a in args if isinstance(a, str)), None))
        return _check_size(func(*args, **kwargs))

    return guarded


def _loader(root: Path) -> Any:
    """A FileSystemLoader that refuses any template whose real path is outside its folder."""
    from jinja2 import FileSystemLoader

    class InsideRoot(FileSystemLoader):
        def get_source(self, environment, template):
            real_root = os.path.realpath(root)
            candidate = os.path.realpath(os.path.join(real_root, *template.split("/")))
            if os.path.commonpath([real_root, candidate]) != real_root:
                raise OutsidePrompts(template, str(root / template))
            return super().get_source(environment, template)

    return InsideRoot(str(root))


class OutsidePrompts(Exception):
    """A template path that leads out of the prompts folder."""

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name)
        self.path = path


_envs: dict[Path, Any] = {}
_envs_lock = threading.Lock()


def environment(root: Path) -> Any:
    """The sandboxed environment for templates under root (one per folder, kept)."""
    root = Path(root)
    with _envs_lock:
        env = _envs.get(root)
        if env is None:
            env = _envs[root] = _build(root)
    return env


def _build(root: Path) -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Limited(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "%", "**"})

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
            _tick()
            owner = getattr(__obj, "__self__", None)
            name = getattr(__obj, "__name__", "")
            if isinstance(owner, str) and name in ("format", "format_map"):
                _check_format(owner)
            if isinstance(owner, str) and name in _WIDTH_METHODS:
                _check_widths(*args)
            return _check_size(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value):
            if isinstance(getattr(value, "__self__", None), str) and getattr(value, "__name__", "") in ("format", "format_map"):
                _check_format(value.__self__)
            return super().wrap_str_format(value)

        def call_binop(self, context, operator, left, right):
            _tick()
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > _limits().output_chars:
                        raise TemplateLimit(f"it repeats text past {_limits().output_chars:,} characters")
            elif operator == "%" and isinstance(left, str):
                _check_format(left)
            elif operator == "**" and isinstance(right, (int, float)) and right > 64 and isinstance(left, (int, float)) and abs(left) > 1:
                raise TemplateLimit("it raises a number to a power too large to show")
            return super().call_binop(context, operator, left, right)

    env = Limited(loader=_loader(root), undefined=StrictUndefined,
                  autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False, auto_reload=True)
    env.globals.pop("lipsum", None)
    env.globals["range"] = _limited_range
    env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
    return env


def _template_line(exc: BaseException, root: Path) -> tuple[str | None, int | None]:
    """The innermost template file and line being rendered when exc was raised (Jinja keeps it in the traceback)."""
    real_root = os.path.realpath(root)
    tb, where, line = exc.__traceback__, None, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or os.path.realpath(filename).startswith(real_root + os.sep):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line


def _generator_line(stream: Any, template: Any) -> int | None:
    """The template line a paused render is at (the innermost template generator's line)."""
    line, gen = None, stream
    while gen is not None:
        frame = getattr(gen, "gi_frame", None)
        if frame is not None and frame.f_code.co_filename == template.filename:
            line = template.get_corresponding_lineno(frame.f_lineno)
        gen = getattr(gen, "gi_yieldfrom", None)
    return line


def render(name: str, data: dict[str, Any], root: Path | None = None, *, limits: Limits = LIMITS) -> str:
    """Render a template under prompts/ (or root) with plain data; every failure is an InputError."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    base = prompts_root(root)
    path = base / name
    env = environment(base)

    def failed(exc: BaseException, text: str) -> InputError:
        where, line = _template_line(exc, base)
        return InputError(where or path, text, place=f"line {line}" if line else "")

    try:
        template = env.get_template(name)
    except OutsidePrompts as exc:
        raise InputError(exc.path, "this template leads outside the prompts folder (a link to another place?), so it is not read: "
                                   "put the template itself in the folder") from None
    except TemplateNotFound as exc:
        missing = base / (exc.name or name) if str(exc.name or name) != name else path
        raise InputError(missing, "this template is missing: restore it from the shipped prompts/ folder") from None
    except TemplateSyntaxError as exc:
        raise InputError(exc.filename or path, f"template syntax error: {exc.message}; check the {{{{ }}}} and {{% %}} tags",
                         place=f"line {exc.lineno}") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise InputError(path, f"the template cannot be read ({type(exc).__name__}): save it as UTF-8 text") from None
    previous = getattr(_current, "budget", None)
    budget = _current.budget = _Budget(limits)
    try:
        pieces, size = [], 0
        stream = template.generate(**data)
        for piece in stream:
            size += len(piece)
            if size > limits.output_chars:
                line = _generator_line(stream, template)
                raise InputError(path, f"the template was stopped: its output is longer than {limits.output_chars:,} characters; "
                                       "simplify it", place=f"line {line}" if line else "")
            budget.tick()
            pieces.append(piece)
        return "".join(pieces).strip() + "\n"
    except TemplateLimit as exc:
        raise failed(exc, f"the template was stopped: {exc}; simplify it") from None
    except RecursionError as exc:
        raise failed(exc, "the template was stopped: a macro calls itself without end; simplify it") from None
    except MemoryError as exc:
        raise failed(exc, "the template was stopped: it needs more memory than a letter could; simplify it") from None
    except OutsidePrompts as exc:
        raise failed(exc, f"the template includes '{exc.args[0]}', which leads outside the prompts folder; "
                          "keep included templates inside it") from None
    except TemplateNotFound as exc:
        raise failed(exc, f"the template includes '{exc.name}', which is missing; restore it or fix the name") from None
    except TemplateSyntaxError as exc:
        raise InputError(exc.filename or path, f"template syntax error: {exc.message}; check the {{{{ }}}} and {{% %}} tags",
                         place=f"line {exc.lineno}") from None
    except (SecurityError, UndefinedError) as exc:
        msg = str(exc).rstrip(".")
        if isinstance(exc, SecurityError) or "unsafe" in msg:
            raise failed(exc, f"the template uses something templates may not use ({msg}); "
                              "templates can only show the values they are given") from None
        raise failed(exc, f"the template uses a value it is not given ({msg}); check the name's spelling") from None
    except TemplateError as exc:
        raise failed(exc, f"the template failed: {exc}") from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise failed(exc, f"the template failed ({type(exc).__name__}: {exc}); check the expression") from None
    finally:
        _current.budget = previous
