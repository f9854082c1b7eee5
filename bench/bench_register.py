"""Speed of loading a 20,000-clinician register that shares values through YAML aliases, against PyYAML's bare
C loader reading the same file (no checks, no line numbers, no model)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

CLINICIANS = 20_000


def _write(path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    head = (root / "examples" / "team.yaml").read_text().split("clinicians:")[0]
    lines = [head + "clinicians:"]
    for i in range(CLINICIANS):
        shared = ("skills: &nurse {assessment: core, cbt: core, systemic: core}\n  languages: &en [en]" if i == 0
                  else "skills: *nurse\n  languages: *en")
        lines.append(f"- id: c{i}\n  name: Clinician {i}\n  role: CAMHS nurse\n  {shared}\n"
                     f"  partnership_slots: ['2026-11-30T10:00', '2026-12-21T09:30']")
    path.write_text("\n".join(lines) + "\n")


def _best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def run() -> dict:
    import yaml

    from choice_assistant.register.load import load_register

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "team.yaml"
        _write(path)
        text = path.read_text()
        bare = _best(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        ours = _best(lambda: load_register(path))
    return {"clinicians": CLINICIANS, "bare_yaml_seconds": round(bare, 3), "load_register_seconds": round(ours, 3),
            "ratio_to_bare_yaml": round(ours / bare, 2)}
