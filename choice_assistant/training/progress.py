"""Progress over time: each part of the rubric across the trainee's saved practice reports, by their real dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from choice_assistant.training.practice import reports_dir
from choice_assistant.training.rubric import rubric


def saved_reports(folder: Path | None = None) -> list[dict[str, Any]]:
    """The saved reports' scores, oldest first; files that cannot be read are skipped."""
    folder = folder or reports_dir()
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "components" in data and "date" in data:
            out.append(data)
    return sorted(out, key=lambda d: d["date"])


def progress(folder: Path | None = None) -> dict[str, Any]:
    """{"sessions": [{date, scenario, score, passed}], "components": {id: [score or null per session]}}."""
    reports = saved_reports(folder)
    parts = {c.id: [] for c in rubric().components}
    for r in reports:
        for cid in parts:
            c = r["components"].get(cid)
            parts[cid].append(c["score"] if c and c.get("applies", True) else None)
    return {"sessions": [{"date": r["date"], "scenario": r["scenario"], "score": r["score"], "passed": r["passed"]}
                         for r in reports], "components": parts}


def progress_text(data: dict[str, Any]) -> str:
    """A plain table: one row per rubric part, one column per saved session."""
    sessions = data["sessions"]
    if not sessions:
        return "No practice reports saved yet: finish a practice appointment (choice-assistant train) to see progress."
    head = f"{'':22}" + "".join(f"{s['date'][:10]:>12}" for s in sessions)
    rows = [head, f"{'scenario':22}" + "".join(f"{s['scenario'][:11]:>12}" for s in sessions),
            f"{'score (pass ' + str(rubric().pass_mark) + ')':22}" + "".join(f"{s['score']:>12}" for s in sessions)]
    for c in rubric().components:
        rows.append(f"{c.title[:21]:22}" + "".join(f"{'-' if v is None else v:>12}" for v in data["components"][c.id]))
    return "\n".join(rows)
