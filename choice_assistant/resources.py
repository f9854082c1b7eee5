"""Where the files shipped with the program live (prompts, demo team), installed or not."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel these folders are copied inside the package; in a checkout they sit beside it.
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled '{name}' folder is missing from this installation: reinstall choice-assistant")


def prompts_dir() -> Path:
    return _find("prompts")


def examples_dir() -> Path:
    return _find("examples")


def demo_register_path() -> Path:
    return examples_dir() / "team.yaml"


def data_dir() -> Path:
    """The user's data directory ($CHOICE_ASSISTANT_DATA, else the platform's user data dir)."""
    import os

    env = os.environ.get("CHOICE_ASSISTANT_DATA")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("choice-assistant", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        from choice_assistant.errors import InputError

        where = "CHOICE_ASSISTANT_DATA" if env else "the data folder"
        raise InputError(path, f"cannot use this as {where} ({exc.strerror or exc}): it must be a folder you can write to") from None
    _keep_private(path)
    return path


def _keep_private(folder: Path) -> None:
    """The data folder holds families' records: only its owner may open it (0700). A looser folder
    of ours is tightened; someone else's is left for the journal to explain."""
    import os

    try:
        st = folder.stat()
        if st.st_mode & 0o077 and st.st_uid == os.getuid():
            os.chmod(folder, 0o700)
    except (OSError, AttributeError):  # AttributeError: no getuid on Windows, where modes do not apply
        pass
