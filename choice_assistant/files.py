"""Writing the files a user asked for: never over an existing file unless told, never half-written, private."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from choice_assistant.errors import InputError


def refuse_existing(path: Path, force: bool) -> None:
    """An existing file (or a folder) at path is left alone unless force is given."""
    if path.is_dir():
        raise InputError(path, "this is a folder: give a file name instead")
    if path.exists() and not force:
        raise InputError(path, "this file already exists and was left unchanged: choose another name, or add --force to replace it")


def _shared_mode() -> int:
    """The mode an ordinary new file gets under the current umask (e.g. 0644)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_new_file(path: str | Path, data: bytes | str, what: str, force: bool = False, private: bool = True) -> Path:
    """Write data to path atomically: a new temporary file with a random name in the same folder
    (created exclusively, so nothing planted there is followed), then renamed into place.

    A private file (letters, exports: anything about a family) is 0600 whatever the umask; pass
    private=False for files a team shares, such as a register. Without force an existing file is
    never replaced, even one that appears while this writes."""
    path = Path(path)
    refuse_existing(path, force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # O_EXCL, 0600
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        if not private:
            os.chmod(tmp, _shared_mode())
        if force:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
        tmp = None
    except FileExistsError:
        raise InputError(path, "this file appeared while it was being written and was left unchanged: choose another name") from None
    except OSError as exc:
        raise InputError(path, f"cannot write the {what} ({exc.strerror or exc}): check the folder exists and is writable") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path


def _link_new(tmp: str, path: Path) -> None:
    """Put tmp at path only if nothing is there (a hard link fails on an existing name)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: checked just before, so replace
        if path.exists() or path.is_symlink():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def unused_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths themselves if none exists, else all with the same lowest free number added
    (name-2.ext, name-3.ext, ...), so files that belong together keep matching names."""
    wanted = [Path(p) for p in paths]
    n = 1
    candidates = wanted
    while any(p.exists() or p.is_symlink() for p in candidates):
        n += 1
        candidates = [p.with_name(f"{p.stem}-{n}{p.suffix}") for p in wanted]
    return candidates


def unused_path(path: Path) -> Path:
    """path itself if free, else the first of name-2.ext, name-3.ext, ... that is."""
    return unused_paths([path])[0]
