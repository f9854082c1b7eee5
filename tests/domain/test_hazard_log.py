"""The hazard log names real tests: every guard it cites exists, so a mitigation never rests on a test that is gone."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "hazard-log.md"


def _rows() -> list[tuple[str, str]]:
    rows = []
    for line in LOG.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and re.fullmatch(r"H\d+", cells[0]):
            rows.append((cells[0], cells[-1]))
    return rows


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test_")}


def cited(guard: str) -> list[tuple[str, str | None]]:
    """(test file, test name or None) for each citation in a 'guarded by' cell; `::name` alone reuses the last file."""
    out, current = [], None
    for token in re.findall(r"(tests/[\w/]+\.py)(?:::(\w+))?|::(\w+)|`(test_\w+)`", guard):
        path, name, bare, plain = token
        if path:
            current = path
            out.append((path, name or None))
        elif (bare or plain) and current:
            out.append((current, bare or plain))
    return out


def test_every_hazard_has_a_guard_and_every_cited_test_exists():
    rows = _rows()
    assert len(rows) >= 60
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)), "hazard ids must be unique"
    missing = []
    for hid, guard in rows:
        refs = cited(guard)
        assert refs, f"{hid} names no test that guards it"
        for path, name in refs:
            file = ROOT / path
            if not file.exists():
                missing.append(f"{hid}: {path}")
            elif name is not None and name not in _tests_in(file):
                missing.append(f"{hid}: {path}::{name}")
    assert not missing, "the hazard log cites tests that do not exist:\n" + "\n".join(missing)
