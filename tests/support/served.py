"""`choice-assistant serve` in its own process group, for tests: its link, and everything it started stopped after."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

LINK = re.compile(r"https?://\S+/\?token=\S+")


@dataclass
class Served:
    """A running server: its process (the leader of its own group, with every tab's app in it) and what it printed."""

    proc: subprocess.Popen
    output: list[str] = field(default_factory=list)
    link: str = ""

    @property
    def base(self) -> str:
        parts = urlsplit(self.link)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def port(self) -> int:
        return urlsplit(self.link).port or 0

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.link).query)["token"][0]

    @property
    def cookie(self) -> str:
        return f"choice-assistant-{self.port}"

    def apps(self) -> list[int]:
        """Process ids of the app processes the server started (one per open tab)."""
        return [pid for pid in _group(self.proc.pid) if pid != self.proc.pid]


@contextmanager
def serving(data_dir: Path, *args: str, env: dict | None = None) -> Iterator[Served]:
    """Start `serve --port 0` with `args` on the data folder given; wait for its link; stop it and its apps after."""
    full_env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(data_dir), **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "choice_assistant", "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env=full_env, text=True, start_new_session=True)
    served = Served(proc)
    found = threading.Event()

    def drain() -> None:  # keep reading, so the server (and the apps' messages through it) never block
        assert proc.stdout is not None
        for line in proc.stdout:
            served.output.append(line)
            if not found.is_set() and (m := LINK.search(line)):
                served.link = m.group(0)
                found.set()
        found.set()

    threading.Thread(target=drain, daemon=True).start()
    try:
        if not found.wait(60) or not served.link:
            raise AssertionError("serve printed no link: " + "".join(served.output))
        yield served
    finally:
        stop_group(proc)


def stop_group(proc: subprocess.Popen, limit: float = 20.0) -> None:
    """Stop the server as Ctrl+C would, then make sure nothing of its group is left running."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + limit
    while _group(proc.pid) and time.monotonic() < deadline:
        proc.poll()
        time.sleep(0.1)
    if _group(proc.pid):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes in a process group."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            out.append(int(entry.name))
    return out
