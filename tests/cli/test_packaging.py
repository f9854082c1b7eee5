"""A non-editable install carries everything the program reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_ships_prompts_demo_team_and_console_script(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(Path(tmp_path).glob("choice_assistant-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "choice_assistant/examples/team.yaml" in names
    assert any(n.startswith("choice_assistant/prompts/") for n in names)
    assert "choice_assistant/cli/__init__.py" in names and "choice_assistant/tui/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "choice-assistant = choice_assistant.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_bundled_files_are_found_from_the_package():
    from choice_assistant.resources import demo_register_path, prompts_dir

    assert demo_register_path().is_file()
    assert prompts_dir().is_dir()
