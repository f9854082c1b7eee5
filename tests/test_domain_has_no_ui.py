"""The domain never loads the terminal interface: it must run headless, in tests and scripts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DOMAIN = ["choice_assistant.models", "choice_assistant.register", "choice_assistant.session",
          "choice_assistant.workflow", "choice_assistant.store", "choice_assistant.booking",
          "choice_assistant.prompts", "choice_assistant.commands.sessions", "choice_assistant.commands.diagram"]


def test_running_an_appointment_through_the_domain_never_loads_textual(tmp_path):
    script = textwrap.dedent(f"""
        import importlib, sys
        from datetime import datetime
        for name in {DOMAIN!r}:
            importlib.import_module(name)
        from choice_assistant.register import load_register
        from choice_assistant.resources import demo_register_path
        from choice_assistant.store import SqliteStore
        from choice_assistant.workflow import Appointment, diagram
        from choice_assistant import prompts
        a = Appointment.new(SqliteStore.open(), load_register(demo_register_path()), "ayo", now=datetime(2026, 11, 23))
        prompts.render_stage("introduction", prompts.stage_data(a))
        a.tick_phrase("skills_match"); a.tick_phrase("your_preference"); a.next()
        diagram()
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print("LOADED", loaded)
    """)
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout, done.stdout
