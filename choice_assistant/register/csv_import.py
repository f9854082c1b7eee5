"""Turning a spreadsheet skills matrix (CSV) into a team skill register."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pydantic import ValidationError

from choice_assistant.errors import InputError, Problem, shown
from choice_assistant.register.model import Register
from choice_assistant.yamlio import read_text, validation_problems

# Columns that describe the clinician; every other column is a skill.
PERSON_COLUMNS = {"id", "name", "role", "gender", "languages", "cultural_background", "partnership_slots"}
_ALIASES = {"language": "languages", "culture": "cultural_background", "cultural background": "cultural_background",
            "slots": "partnership_slots", "partnership slots": "partnership_slots", "free slots": "partnership_slots"}


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    return s or "x"


def _person_column_meant(key: str) -> str | None:
    """The clinician column a heading is most likely a typo of ('gendre' -> 'gender'), if any."""
    import difflib

    names = sorted(PERSON_COLUMNS | set(_ALIASES))
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
    return _ALIASES.get(close[0], close[0]) if close else None


def _split(cell: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,|]", cell) if p.strip()]


def register_from_csv(path: str | Path, team: str | None = None) -> Register:
    text = read_text(path, "CSV file")
    if not text.strip():
        raise InputError(path, "the CSV file is empty: it needs a header row (name, role, ..., one column per skill) and one row per clinician")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = [h.strip() for h in rows[0]]
    keys = [_ALIASES.get(h.lower(), h.lower()) for h in header]
    problems: list[Problem] = []
    for need in ("name", "role"):
        if need not in keys:
            problems.append(Problem("header row", f"there is no '{need}' column: add one (columns: name, role, gender, languages, then one column per skill)"))
    skill_cols: list[tuple[int, str, str, bool]] = []  # (column index, skill id, skill name, id given)
    seen_ids: dict[str, str] = {}
    for i, (h, k) in enumerate(zip(header, keys)):
        if k in PERSON_COLUMNS:
            continue
        if not h:
            problems.append(Problem(f"header row, column {i + 1}", "this column has no heading: name the skill or delete the column"))
            continue
        m = re.match(r"^(.*?)\s*\[([A-Za-z0-9_.\-]+)\]\s*$", h)  # "Cognitive behavioural therapy [cbt]"
        if not m and (meant := _person_column_meant(k)):
            problems.append(Problem(f"header row, column {i + 1}", f"unknown column '{shown(h, 40)}': did you mean '{meant}'? "
                                                                  f"(a skill column that really has this name is written '{shown(h, 40)} [{slug(h)}]')"))
            continue
        name, sid = (m.group(1), m.group(2)) if m else (h, slug(h))
        if sid in seen_ids:
            problems.append(Problem(f"header row, column {i + 1}", f"'{h}' gives the same skill id '{sid}' as '{seen_ids[sid]}': rename one of them"))
            continue
        seen_ids[sid] = h
        skill_cols.append((i, sid, name or sid, bool(m)))
    if not skill_cols:
        problems.append(Problem("header row", "no skill columns found: add one column per skill holding core, specific or blank"))
    if problems:
        raise InputError(path, problems)

    idx = {k: i for i, k in enumerate(keys)}
    clinicians = []
    used_ids: dict[str, int] = {}
    for r, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(f"row {r}", f"has {len(row)} cells but the header has {len(header)}: check for stray commas"))
            continue
        row = row + [""] * (len(header) - len(row))

        def cell(key: str) -> str:
            return row[idx[key]].strip() if key in idx else ""

        name = cell("name")
        if not name:
            problems.append(Problem(f"row {r}, column 'name'", "the name is blank: fill it in or delete the row"))
            continue
        cid = cell("id") or slug(name)
        if cid in used_ids:
            problems.append(Problem(f"row {r}", f"clinician id '{cid}' is also used on row {used_ids[cid]}: add an 'id' column to tell them apart"))
            continue
        used_ids[cid] = r
        skills = {}
        for i, sid, _, _ in skill_cols:
            value = row[i].strip().lower()
            if not value:
                continue
            if value not in ("core", "specific"):
                problems.append(Problem(f"row {r}, column '{header[i]}'", f"'{row[i].strip()}' is not a level: write core, specific, or leave it blank"))
                continue
            skills[sid] = value
        entry: dict = {"id": cid, "name": name, "role": cell("role"), "skills": skills}
        if cell("gender"):
            entry["gender"] = cell("gender")
        if cell("cultural_background"):
            entry["cultural_background"] = cell("cultural_background")
        entry["languages"] = _split(cell("languages")) or ["en"]
        if cell("partnership_slots"):
            entry["partnership_slots"] = _split(cell("partnership_slots").replace(",", ";"))
        clinicians.append((r, entry))
    if not clinicians and not problems:
        problems.append(Problem("", "no clinician rows found below the header"))
    if clinicians:
        rows_used = [rows[r - 1] for r, _ in clinicians]
        for i, sid, name, id_given in skill_cols:
            if not id_given and not any(i < len(row) and row[i].strip() for row in rows_used):
                problems.append(Problem(f"header row, column {i + 1}", f"column '{shown(header[i], 40)}' is blank in every row, so it is "
                                                                      f"not read as a skill: delete it, or, for a skill nobody holds yet, "
                                                                      f"head it '{shown(header[i], 40)} [{sid}]'"))
    if problems:
        raise InputError(path, problems)
    data = {
        "team": team or Path(path).stem.replace("_", " ").replace("-", " ").strip() or "Team",
        "skills": [{"id": sid, "name": name} for _, sid, name, _ in skill_cols],
        "clinicians": [e for _, e in clinicians],
    }
    try:
        return Register.model_validate(data)
    except ValidationError as exc:
        rows_of = [r for r, _ in clinicians]
        found = []
        for p in validation_problems(exc, Register):
            m = re.match(r"clinicians\[(\d+)\]\.?(.*)", p.place)
            if m and int(m.group(1)) < len(rows_of):
                field = m.group(2).split(".")[0].split("[")[0] or "row"
                found.append(Problem(f"row {rows_of[int(m.group(1))]}, column '{field}'", p.message))
            else:
                found.append(p)
        raise InputError(path, found) from None


def register_to_yaml(register: Register) -> str:
    import yaml

    data = register.model_dump(mode="json", exclude_defaults=False)
    for c in data["clinicians"]:
        c["partnership_slots"] = [s[:16] if s.endswith(":00") and len(s) == 19 else s for s in c["partnership_slots"]]
        for k in ("gender", "cultural_background"):
            if c.get(k) is None:
                c.pop(k, None)
    data.pop("policy", None)
    for s in data["skills"]:
        if s.get("description") is None:
            s.pop("description", None)
    Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
