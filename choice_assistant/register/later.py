"""A team register named now and read and checked when first needed, so a screen can open meanwhile.

    register = RegisterToCheck(path)    # or RegisterToCheck() for the bundled demo team
    register.get()                      # the checked Register; raises the InputError every time if it is bad

`get` is safe to call from any thread: the file is read and checked once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from choice_assistant.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.register.model import Register


class RegisterToCheck:
    """The register at `path` (None: the bundled demo team, its diary following today's date), not yet read."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._register: Register | None = None
        self._error: InputError | None = None

    @property
    def demo(self) -> bool:
        return self.path is None

    @property
    def checked(self) -> bool:
        """True once the register has been read and found good."""
        return self._register is not None

    def get(self) -> "Register":
        with self._lock:
            if self._register is None and self._error is None:
                try:
                    self._register = self._load()
                except InputError as exc:
                    self._error = exc
            if self._error is not None:
                raise self._error
            return self._register

    def _load(self) -> "Register":
        from choice_assistant.register.demo import load_team_register

        return load_team_register(self.path)
