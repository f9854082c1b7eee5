"""Broken and hostile input files of every kind the program reads, made from a seeded random source.

Used by the fuzz tests in the suite (a few dozen each) and by scripts/fuzz (thousands each).
"""

from __future__ import annotations

import copy
import csv
import io
import random
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

HOSTILE = [
    "", " ", "\t", "null", "~", "yes", "0", "-1", "1e400", "nan", "0x1F", "2026-02-30", "2026-12-01T10:00",
    "2026-12-01T10:00+05:00", "core", "specific", "expert", "cbt", "ayo", "keep", "transfer",
    "\x1b]0;owned\x07", "\x1b[2J\x1b[31mred", "\u202eevil", "[/bold]", "[b]x", "{{ 7 * 7 }}", "{% for %}",
    "%s%n%d", "../../etc/passwd", "a" * 5000, "é" * 300, "\x00", "\r\n", "line\nbreak", "🙂" * 50,
]

_YAML_CHARS = list("abc: -[]{}\n\t'\"#&*!|>%@`,?0123456789")


def _load(name: str):
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


REGISTER = _load("team.yaml")
CASE = _load("cases/school-anxiety.yaml")
SESSION = _load("sessions/sam-rivers.yaml")


def _value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth < 2 and roll < 0.15:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and roll < 0.25:
        return {rng.choice(HOSTILE)[:20]: _value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if roll < 0.35:
        return rng.choice([None, True, False, rng.randint(-10, 10**6), rng.random() * 1e6])
    return rng.choice(HOSTILE)


def paths_in(node, prefix=()):
    """Every path (keys and list indexes) to a value inside a parsed YAML document, the root left out."""
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths_in(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths_in(v, prefix + (i,))


def _mutate(base, rng: random.Random):
    data = copy.deepcopy(base)
    paths = list(paths_in(data))
    for _ in range(rng.randint(1, 4)):
        path = rng.choice(paths)
        try:
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            action = rng.choice(["replace", "replace", "delete", "duplicate", "grow"])
            if action == "replace":
                parent[path[-1]] = _value(rng)
            elif action == "delete":
                del parent[path[-1]]
            elif action == "grow" and isinstance(parent[path[-1]], list) and parent[path[-1]]:
                parent[path[-1]] = parent[path[-1]] * rng.choice([2, 100, 3000])
            elif isinstance(parent, list):
                parent.append(parent[path[-1]])
            else:
                parent[f"{path[-1]}x"] = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return data


def alias_bomb(depth: int = 10, width: int = 10, top: str = "clinicians") -> str:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth)]
    return "\n".join(lines) + f"\n{top}: *a{depth - 1}\n"


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def _raw(rng: random.Random, base, top: str) -> bytes:
    """Everything that is not a well-formed mutation: bytes, YAML-like noise, bombs, cut files."""
    kind = rng.randrange(7)
    if kind == 0:
        return rng.randbytes(rng.randint(0, 400))
    if kind == 1:
        return "".join(rng.choice(_YAML_CHARS) for _ in range(rng.randint(0, 300))).encode()
    if kind == 2:
        return alias_bomb(rng.randint(3, 12), rng.randint(2, 12), top).encode()
    if kind == 3:
        text = _dump(base)
        return text[: rng.randint(0, len(text))].encode()  # a file cut short
    if kind == 4:
        return (_dump(base) + f"? {'k' * rng.randint(100, 6000)}\n: 1\n").encode()
    if kind == 5:
        return (_dump(base) + "self: &s [*s]\n").encode()
    text = _dump(base).encode()
    pos = rng.randrange(len(text))
    return text[:pos] + rng.randbytes(rng.randint(1, 8)) + text[pos:]  # damaged bytes


def yaml_input(rng: random.Random, base, top: str) -> bytes:
    """A mutated copy of a good file most of the time, else raw noise of some kind."""
    if rng.random() < 0.6:
        return _dump(_mutate(base, rng)).encode()
    return _raw(rng, base, top)


def register_input(rng: random.Random) -> bytes:
    return yaml_input(rng, REGISTER, "clinicians")


def case_input(rng: random.Random) -> bytes:
    return yaml_input(rng, CASE, "goals")


def session_input(rng: random.Random) -> bytes:
    return yaml_input(rng, SESSION, "goals")


CSV_HEADER = ["name", "role", "gender", "languages", "Cognitive behavioural therapy [cbt]", "Systemic family work", "DBT skills"]
CSV_ROWS = [["Ayo Bello", "Clinical psychologist", "female", "en;yo", "specific", "core", "specific"],
            ["Ben Ode", "Family therapist", "male", "en", "", "specific", ""]]


def csv_input(rng: random.Random) -> bytes:
    """A skills matrix with cells, headings and rows changed, or raw noise."""
    if rng.random() < 0.15:
        return rng.randbytes(rng.randint(0, 300))
    header = list(CSV_HEADER)
    rows = [list(r) for r in CSV_ROWS]
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(6)
        if action == 0:
            header[rng.randrange(len(header))] = rng.choice(HOSTILE + ["gendre", "nmae", "Team base", "role"])[:80]
        elif action == 1 and rows:
            row = rng.choice(rows)
            if row:
                row[rng.randrange(len(row))] = rng.choice(HOSTILE)
        elif action == 2:
            header.append(rng.choice(["Team base", "Notes", "EMDR [emdr]", ""]))
        elif action == 3:
            rows.append([rng.choice(HOSTILE) for _ in range(rng.randint(0, len(header) + 2))])
        elif action == 4:
            rows = rows * rng.choice([2, 50])
        else:
            rows = []
    out = io.StringIO()
    writer = csv.writer(out, delimiter=rng.choice([",", ",", ";", "\t"]))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


_WORDS = ["worried", "school", "mornings", "Sam", "panics", "gran", "é", "🙂", "\u202e", "\x1b[2J", "<b>", "{{ x }}", "\n"]


def stretched(base, seed: int):
    """A good file with one field made huge: a long text, or very many items.

    Seeds go round every field in turn (text first, then items), so a run of 2 x fields seeds
    stretches each field of the file both ways."""
    data = copy.deepcopy(base)
    paths = list(paths_in(data))
    path = paths[seed % len(paths)]
    long_text = seed // len(paths) % 2 == 0
    rng = random.Random(seed)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    value = parent[path[-1]]
    if long_text:
        size = rng.choice([2_000, 60_000, 600_000])
        words, length = [], 0
        while length < size:
            words.append(rng.choice(_WORDS))
            length += len(words[-1]) + 1
        parent[path[-1]] = " ".join(words)
    else:
        count = rng.choice([300, 5_000, 40_000])
        if isinstance(value, list):
            parent[path[-1]] = (value or ["x"]) * (count // max(1, len(value)) + 1)
        elif isinstance(value, dict):
            parent[path[-1]] = {**value, **{f"k{i}": rng.choice(_WORDS) for i in range(count)}}
        else:
            parent[path[-1]] = [value] * count
    return data


KINDS = {
    "registers": (register_input, "team.yaml", lambda p, reg: ["register", "check", p]),
    "cases": (case_input, "case.yaml", lambda p, reg: ["recommend", reg, p]),
    "sessions": (session_input, "session.yaml", lambda p, reg: ["letter", p, "--register", reg, "--to", "family", "--format", "md"]),
    # every field in turn as a long text, then as very many items
    "registers-big": (lambda seed: _dump(stretched(REGISTER, seed)).encode(), "team.yaml", lambda p, reg: ["register", "check", p]),
    "cases-big": (lambda seed: _dump(stretched(CASE, seed)).encode(), "case.yaml", lambda p, reg: ["recommend", reg, p]),
    "sessions-big": (lambda seed: _dump(stretched(SESSION, seed)).encode(), "session.yaml",
                     lambda p, reg: ["letter", p, "--register", reg, "--to", "family", "--format", "md"]),
    "csv": (csv_input, "skills.csv", lambda p, reg: ["register", "import-csv", p, "-o", str(Path(p).with_suffix(".out.yaml")), "--force"]),
}


BY_SEED = {"registers-big", "cases-big", "sessions-big"}  # makers that take the seed itself


def write_input(kind: str, seed: int, folder: Path) -> tuple[Path, list[str]]:
    """Write input `seed` of `kind` in folder; return its path and the command line that reads it."""
    make, name, argv = KINDS[kind]
    path = folder / name
    path.write_bytes(make(seed) if kind in BY_SEED else make(random.Random(seed)))
    return path, [str(a) for a in argv(str(path), str(EXAMPLES / "team.yaml"))]


def run_input(path: Path, argv: list[str]) -> tuple[str, int, str]:
    """Run one command on a written input, in-process.

    Returns (outcome, exit status, stderr): outcome is "ok" (exit 0), "clear" (exit 2 with one
    message naming the file and no traceback), "traceback", "unnamed" (exit 2 without the file's
    name) or "other-exit"."""
    from contextlib import redirect_stderr, redirect_stdout

    from choice_assistant.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except Exception:  # noqa: BLE001 - escaping main is what this looks for
        import traceback

        return "traceback", -1, traceback.format_exc()
    text = err.getvalue()
    if "Traceback" in text or "Traceback" in out.getvalue():
        return "traceback", code, text
    if code == 0:
        return "ok", code, text
    if code != 2:
        return "other-exit", code, text
    return ("clear" if path.name in text else "unnamed"), code, text


def run_one(kind: str, seed: int, folder: Path) -> tuple[str, int, str]:
    """Write input `seed` of `kind` in folder and run its command in-process (see run_input)."""
    return run_input(*write_input(kind, seed, folder))
