"""Reading YAML files and turning every failure into an InputError with file and place."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import BaseModel, ValidationError

from choice_assistant.errors import InputError, Problem, shown

try:  # the C parser is several times faster; fall back quietly where libyaml is missing
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, leaving dates and times as text so that the models check them and an
    impossible date is reported with its field and line like any other mistake."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

# A register of a few hundred clinicians, a case or a session export is well under 1 MB; anything
# far larger is the wrong file, and parsing it would only keep the user waiting.
MAX_BYTES = 5 * 1024 * 1024
# Aliases (*name) may repeat a part of the file: up to this many extra values, or this many times the
# values the file writes out if that is more, so a big honest file that shares a few values loads while
# a small file cannot expand into billions of values (an "alias bomb").
ALIAS_BUDGET = 100_000
ALIAS_FACTOR = 10
# Problems worded in full (with suggestions); a message shows fewer, and only counts the rest.
WORDED = 50
# The longest key or value echoed back in a message; longer ones are cut.
SHOW_CHARS = 60


def read_text(path: str | Path, what: str = "file") -> str:
    """Read a UTF-8 text file, or raise an InputError saying why it cannot be read."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(p, f"this is a folder, not a {what}: give the path of the {what} itself")
        if p.exists() and not p.is_file():
            raise InputError(p, f"this is a device or pipe, not a {what}: give the path of a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(p, f"the {what} is {_size(size)}, more than the {_size(MAX_BYTES)} a {what} can be: check the path, "
                                f"or split the file")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(p, f"no such {what}: check the path and spelling") from None
    except PermissionError:
        raise InputError(p, f"the {what} cannot be read (permission denied): check its permissions") from None
    except OSError as exc:
        raise InputError(p, f"the {what} cannot be read ({exc.strerror or exc}): check the path") from None
    if b"\x00" in data:
        raise InputError(p, f"this is a binary file, not a text {what}: check the path")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            p, f"byte {exc.start} is not valid UTF-8 text: save the {what} as UTF-8", place=""
        ) from None
    return text


@contextmanager
def collector_paused():
    """Pause Python's cycle collector: a big file makes millions of objects and no cycles, and the
    collector would scan them again and again while they are made (most of a big register's load)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _check_aliases(root: yaml.Node, source: str | Path, what: str) -> None:
    """Refuse a node graph that refers to itself or expands far beyond the file (alias bombs).

    Each node's expanded size is found once (so even a bomb costs only the file's own size to measure);
    the file is refused when the values its aliases repeat are more than ALIAS_BUDGET and more than
    ALIAS_FACTOR times the values it writes out, whatever its size."""
    sizes: dict[int, int] = {}  # expanded size of each finished collection
    uses: dict[int, tuple[int, yaml.Node]] = {}  # how often each collection is referred to
    on_path: set[int] = set()
    scalars: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    written = 0  # values as written in the file (each counted once)
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(kid), 1) for kid in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            mark = node.start_mark
            raise InputError(source, f"an alias (*name) here refers to the value that contains it, so it never ends: "
                                     f"write the value out instead", place=f"line {mark.line + 1}")
        written += 1
        on_path.add(key)
        stack.append((node, True))
        for kid in _children(node):
            kid_key = id(kid)
            if isinstance(kid, yaml.ScalarNode):
                if kid_key not in scalars:
                    scalars.add(kid_key)
                    written += 1
                continue
            uses[kid_key] = (uses.get(kid_key, (0, kid))[0] + 1, kid)
            if kid_key not in sizes:
                stack.append((kid, False))
    repeated = sizes.get(id(root), 1) - written
    if repeated > max(ALIAS_BUDGET, ALIAS_FACTOR * written):
        worst = max(uses.values(), key=lambda u: (u[0] - 1) * sizes.get(id(u[1]), 1))[1]
        _refuse_aliases(worst, source, what, repeated, written)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _refuse_aliases(node: yaml.Node, source: str | Path, what: str, repeated: int, written: int) -> None:
    mark = node.start_mark
    raise InputError(source, f"aliases (*name) in this {what} would repeat {repeated:,} values, far more than the "
                             f"{written:,} it writes out (at most {max(ALIAS_BUDGET, ALIAS_FACTOR * written):,} may be "
                             "repeated): write the values out instead of nesting aliases", place=f"line {mark.line + 1}")


class Parsed:
    """A parsed YAML document: its data, and its nodes for finding the line of any field."""

    def __init__(self, data: Any, node: yaml.Node | None):
        self.data, self.node = data, node

    def line_of(self, place: str) -> str | None:
        """'line L' of a field path such as 'clinicians[3].skills.cbt' (no re-parse)."""
        return _line_in(self.node, place)


def parse_document(text: str, source: str | Path, what: str = "file") -> Parsed:
    """Parse YAML text once, keeping line numbers; InputError for syntax errors and alias bombs."""
    if not text.strip():
        raise InputError(source, f"the {what} is empty: it should hold a YAML mapping (see the example in examples/)")
    try:
        loader = _Loader(text)
        try:
            with collector_paused():
                node = loader.get_single_node()
                if node is None:
                    raise InputError(source, f"the {what} holds only comments or blank lines: it should hold a YAML mapping (see the example in examples/)")
                if "&" in text:  # an alias needs an anchor (&name): without one there is nothing to repeat
                    _check_aliases(node, source, what)
                return Parsed(loader.construct_document(node), node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = shown(exc.problem or "invalid YAML")
        if exc.context:
            problem = f"{shown(exc.context)}, {problem}"
        raise InputError(source, f"YAML syntax error: {problem}; check indentation, colons and quotes", place=place) from None
    except yaml.YAMLError as exc:
        raise InputError(source, f"YAML error: {shown(str(exc))}") from None
    except ValueError as exc:  # a value the safe constructor cannot build
        raise InputError(source, f"a value cannot be read: {shown(str(exc))}; check the values in the {what}") from None
    except RecursionError:
        raise InputError(source, f"the {what} is nested too deeply to be a valid {what}") from None


def parse_yaml(text: str, source: str | Path, what: str = "file") -> Any:
    """Parse YAML text, raising InputError with line and column on syntax errors."""
    return parse_document(text, source, what).data


def format_loc(loc: Iterable[Any]) -> str:
    """('clinicians', 3, 'skills', 'cbt') -> 'clinicians[3].skills.cbt'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = shown(str(part), 40)
            out += f".{name}" if out else name
    return out


_INTERNAL = re.compile(r"^(str|int|float|bool|list|dict|constrained-str|constrained-int|nullable|union|tagged-union|"
                       r"function-(after|before|wrap|plain)|lax-or-strict|json-or-python|chain|default|is-instance)(\[.*\])?$")


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Drop pydantic's internal markers (union members, validator names) from the path.
    return tuple(p for p in loc if not (isinstance(p, str) and (_INTERNAL.match(p) or ("[" in p and p.endswith("]")))))


def _model_fields_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> list[str]:
    """Names of the fields of the model found by following loc from model (best effort)."""
    import typing

    current: Any = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            if not hasattr(current, "model_fields"):
                args = typing.get_args(current)
                current = args[0] if args else None
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None:
            args = typing.get_args(current)
            current = args[-1] if args else None
            if current is None or not hasattr(current, "model_fields"):
                return []
            fields = current.model_fields
        if part not in fields:
            return []
        current = fields[part].annotation
        for _ in range(3):  # unwrap Optional[...] / list[...] wrappers down to a model
            if hasattr(current, "model_fields"):
                break
            args = [a for a in typing.get_args(current) if a is not type(None)]
            if not args:
                break
            current = args[0] if len(args) == 1 or not hasattr(args[-1], "model_fields") else args[-1]
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _describe(value: Any) -> str:
    """A short, safe picture of a value: never the whole of a long or deeply nested one."""
    import reprlib

    r = reprlib.Repr()
    r.maxlevel, r.maxdict, r.maxlist, r.maxstring, r.maxother, r.maxlong = 2, 4, 4, SHOW_CHARS, SHOW_CHARS, 40
    return shown(r.repr(value), SHOW_CHARS)


def validation_problems(exc: ValidationError, model: type[BaseModel] | None = None) -> list[Problem]:
    """Turn a pydantic ValidationError into plain problems with field paths."""
    import difflib  # only needed when a file is wrong, so not loaded on every start

    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        ctx = err.get("ctx") or {}
        if err["type"] == "reference_problems" and "problems" in ctx:
            problems.extend(Problem(place, msg) for place, msg in ctx["problems"])
            continue
        if len(problems) >= WORDED:  # only counted in the message ("... and N more"): not worded at all
            problems.append(Problem("", err["msg"]))
            continue
        loc = _clean_loc(tuple(err["loc"]))
        place = format_loc(loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = _model_fields_at(model, loc[:-1])
            name = str(loc[-1]) if loc else "?"
            hint = difflib.get_close_matches(name, allowed, n=1) if len(name) <= 100 else []
            msg = f"unknown field '{shown(name, 40)}'"
            if hint:
                msg += f": did you mean '{hint[0]}'?"
            elif allowed:
                msg += f": allowed fields here are {', '.join(allowed)}"
        elif kind == "missing":
            msg = "this field is required but missing: add it"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            msg = f"expected a mapping of fields (key: value), got {_describe(err.get('input'))}"
        elif kind == "too_short" and ctx.get("actual_length") == 0:
            msg = "this list is empty: add at least one entry"
        elif kind == "too_long":
            msg = (f"this list has {ctx.get('actual_length')} entries, more than the {ctx.get('max_length')} "
                   f"allowed: a real appointment never needs so many, so check the file")
        elif kind == "string_too_long":
            msg = (f"this text is {len(err.get('input') or '')} characters long, more than the {ctx.get('max_length')} "
                   f"allowed: shorten it")
        elif kind == "list_type":
            msg = f"expected a list, got {_describe(err.get('input'))}"
        elif kind == "enum" or kind == "literal_error":
            msg = f"{err['msg']} (got {_describe(err.get('input'))})"
        elif kind.startswith("datetime"):
            msg = f"{err['msg'].rstrip('.')} (got {_describe(err.get('input'))}); write dates and times as YYYY-MM-DDTHH:MM, e.g. 2026-12-01T10:00"
        elif kind.startswith("date"):
            msg = f"{err['msg'].rstrip('.')} (got {_describe(err.get('input'))}); write dates as YYYY-MM-DD, e.g. 2026-11-23"
        elif kind == "value_error":
            msg = shown(str(ctx.get("error", err["msg"])).removeprefix("Value error, "), 400)
        else:
            msg = f"{err['msg']} (got {_describe(err.get('input'))})"
        problems.append(Problem(place, msg))
    return problems


def _line_in(node: yaml.Node | None, place: str) -> str | None:
    """'line L' of a field path within an already parsed node graph."""
    parts: list[Any] = []
    for m in re.finditer(r"\[(\d+)\]|([^.\[\]]+)", place):
        parts.append(int(m.group(1)) if m.group(1) is not None else m.group(2))
    mark = node.start_mark if node is not None else None
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and shown(key.value, 40) == str(part):
                    mark, node = key.start_mark, value
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    if mark is None:
        return None
    return f"line {mark.line + 1}"


def _compose(text: str) -> yaml.Node | None:
    try:
        with collector_paused():
            return yaml.compose(text, Loader=_Loader)
    except Exception:  # noqa: BLE001 - best effort only: lines are a help, not a need
        return None


def locate(text: str, place: str) -> str | None:
    """Find 'line L' of a field path in YAML text (parses the text: prefer Parsed.line_of)."""
    return _line_in(_compose(text), place)


def with_lines(problems: list[Problem], node: yaml.Node | None, limit: int = 20) -> list[Problem]:
    """The first `limit` problems with the line of their field added, from one parsed document."""
    if node is None:
        return problems
    located = []
    for p in problems[:limit]:
        line = _line_in(node, p.place) if p.place else None
        located.append(Problem(f"{p.place} ({line})" if line else p.place, p.message))
    return located + problems[limit:]


def _yaml_kind(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "plain text"
    return f"a single value ({_describe(data)})"


def validate_file(model: type[BaseModel], data: Any, source: str | Path, text: str | None = None,
                  context: dict | None = None, node: yaml.Node | None = None):
    """Validate parsed YAML against a model; on failure raise InputError with paths and lines.

    Give `node` (from parse_document) to find lines without parsing again; with only `text`
    the text is parsed once more, and only when there is something to report."""
    if isinstance(data, Parsed):
        data, node = data.data, data.node
    if not isinstance(data, dict):
        raise InputError(source, f"expected a YAML mapping at the top (key: value lines), found {_yaml_kind(data)}")
    try:
        with collector_paused():
            return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = validation_problems(exc, model)
        if node is None and text is not None:
            node = _compose(text)
        raise InputError(source, with_lines(problems, node)) from None


def looks_like(path: str | Path) -> str | None:
    """'register', 'case' or None: what a YAML file seems to be from its top-level keys (for hints only)."""
    try:
        data = parse_yaml(read_text(path), path)
    except InputError:
        return None
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if keys & {"clinicians", "skills"}:
        return "register"
    if keys & {"choice_clinician", "goals", "session"}:
        return "case"
    return None
