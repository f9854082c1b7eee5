"""The private local file where a laptop keeps team-diary entries while the team's database cannot be reached.

One JSON object a line, in the data folder, 0600. A line is one of: {"token": T}, the lease token of
the program that kept the entries (a program started again on this computer carries on with it, so
its own appointment is not "open elsewhere" for the half-minute its old lease lives on);
{"base": SESSION, "rows": [[seq, at, kind, payload], ...]}, the session as the team diary had it
when its first entry was kept here (so a program started while the server is still away can open
the appointment); and the kept entries themselves, {"session", "seq", "at", "kind", "payload",
"summary"}, in the order they were typed. A line cut short by a crash ends the file.

One program at a time owns the file (an exclusive lock, let go when the program ends, however it ends).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one program per computer is assumed
    fcntl = None  # type: ignore[assignment]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Kept:
    """What the file holds: the token, each session's copy from the server, and the entries in order."""

    token: str | None = None
    bases: dict[str, list[list]] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries)


class Spool:
    """The local file of one team diary (by its address), and its lock."""

    def __init__(self, folder: Path, source: str):
        name = hashlib.sha256(source.encode()).hexdigest()[:16]
        self.path = folder / f"team-diary-unsaved-{name}.jsonl"
        self._lock_path = folder / f"team-diary-unsaved-{name}.lock"
        self._lock_fd: int | None = None

    def own(self) -> bool:
        """Take the file for this program; False if another program on this computer has it."""
        if self._lock_fd is not None:
            return True
        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
        self._lock_fd = fd
        return True

    @property
    def owned(self) -> bool:
        return self._lock_fd is not None

    def let_go(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing lets go of the lock
            self._lock_fd = None

    def __del__(self) -> None:  # a store dropped without closing lets go, as a program that ends does
        self.let_go()

    def load(self) -> Kept:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (FileNotFoundError, UnicodeDecodeError):
            return Kept()
        kept = Kept()
        for line in lines:
            try:
                item = json.loads(line)
            except ValueError:
                break  # a line cut short by a crash mid-write: everything before it is whole
            if not isinstance(item, dict):
                break
            if "token" in item:
                kept.token = item["token"]
            elif "base" in item:
                kept.bases[item["base"]] = item["rows"]
            else:
                kept.entries.append(item)
        return kept

    def add(self, *items: dict[str, Any]) -> None:
        """Append lines and force them to the disk before returning."""
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, "".join(_dumps(i) + "\n" for i in items).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite(self, kept: Kept) -> None:
        """Replace the file with what is still kept (or remove it when nothing is), atomically."""
        if not kept.entries:
            self.path.unlink(missing_ok=True)
            return
        sessions = {e["session"] for e in kept.entries}
        lines = ([{"token": kept.token}] if kept.token else []) + [
            {"base": sid, "rows": rows} for sid, rows in kept.bases.items() if sid in sessions] + kept.entries
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, "".join(_dumps(i) + "\n" for i in lines).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
