"""Unexpected errors: the details go to a private log file in the data folder, never to the screen."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def write_crash_log(exc: BaseException | None) -> str:
    """Write the traceback (no local variables) to a new 0600 file with a unique name; return its path."""
    from choice_assistant.about import __version__

    text = "".join(traceback.format_exception(exc)) if exc is not None else "no exception recorded\n"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        from choice_assistant.resources import data_dir

        folder = data_dir() / "logs"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except Exception:  # noqa: BLE001 - no data folder: a private file with a random name in the temp folder
        folder = Path(tempfile.gettempdir())
    # mkstemp: a new file (never an existing one or a planted link), a unique name, mode 0600.
    fd, path = tempfile.mkstemp(dir=folder, prefix=f"error-{stamp}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"choice-assistant {__version__}\n{' '.join(sys.argv[:1])}\n\n{text}")
    return path


def crash_message(path: str) -> str:
    """What the clinician is told: plain words, where the details are, and that their work is safe."""
    return ("choice-assistant stopped because of an error that should not happen. Everything typed up to a "
            f"moment ago is saved: start it again to carry on. The details were written to {path} "
            "(readable only by you); please send that file to your team's maintainer.")
