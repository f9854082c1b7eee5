"""The domain never loads the terminal interface or the command line: it runs headless, in tests and scripts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "choice_assistant"
EDGES = ("tui", "cli")


def domain_modules() -> list[str]:
    """Every module of the package outside the two edges (the TUI and the CLI)."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[1] in EDGES or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_the_domain_is_every_package_but_the_edges():
    names = domain_modules()
    for folder in ("register", "appointment", "matching", "journal", "wording", "letters", "training", "interchange"):
        assert f"choice_assistant.{folder}" in names
    assert not [n for n in names if n.startswith(("choice_assistant.tui", "choice_assistant.cli"))]


def test_running_an_appointment_through_the_domain_never_loads_textual_or_the_cli(tmp_path):
    script = textwrap.dedent(f"""
        import importlib, sys
        from datetime import datetime
        for name in {domain_modules()!r}:
            importlib.import_module(name)
        from choice_assistant.register.load import load_register
        from choice_assistant.resources import demo_register_path
        from choice_assistant.journal import open_journal
        from choice_assistant.appointment import Appointment, diagram
        from choice_assistant.wording import stage_prompts
        a = Appointment.new(open_journal(None), load_register(demo_register_path()), "ayo", now=datetime(2026, 11, 23))
        stage_prompts.render_stage("introduction", stage_prompts.stage_data(a))
        a.tick_phrase("skills_match"); a.tick_phrase("your_preference"); a.next()
        diagram()
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "choice_assistant.tui", "choice_assistant.cli")))
        print("LOADED", loaded)
    """)
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout, done.stdout
