"""Writing the files a user asked for: never over an existing file unless told, never half-written."""

from __future__ import annotations

import os
from pathlib import Path

from choice_assistant.errors import InputError


def refuse_existing(path: Path, force: bool) -> None:
    """An existing file (or a folder) at path is left alone unless force is given."""
    if path.is_dir():
        raise InputError(path, "this is a folder: give a file name instead")
    if path.exists() and not force:
        raise InputError(path, "this file already exists and was left unchanged: choose another name, or add --force to replace it")


def write_new_file(path: str | Path, data: bytes | str, what: str, force: bool = False) -> Path:
    """Write data to path atomically (a temporary file renamed into place)."""
    path = Path(path)
    refuse_existing(path, force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(raw)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(path, f"cannot write the {what} ({exc.strerror or exc}): check the folder exists and is writable") from None
    return path


def unused_path(path: Path) -> Path:
    """path itself if free, else the first of name-2.ext, name-3.ext, ... that is."""
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
