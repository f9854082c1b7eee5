"""choice-assistant: a calm assistant for CAPA Choice appointments.

The Python API: `load_register(path)`, `load_case(path)` and `recommend(register, case)`. Each loads the
modules it needs when first called, so that the command and the screen start without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from choice_assistant.about import __version__

__all__ = ["__version__", "load_register", "load_case", "recommend"]

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.matching.case import Case
    from choice_assistant.matching.recommend import Recommendation
    from choice_assistant.register.model import Register


def load_register(path: str | Path) -> "Register":
    """Read and check a team skill register (InputError naming the file and the place on any problem)."""
    from choice_assistant.register.load import load_register as load

    return load(path)


def load_case(path: str | Path, register: "Register | None" = None) -> "Case":
    """Read a case, or the case part of a session export; check it against a register when one is given."""
    from choice_assistant.appointment.export import load_case as load

    return load(path, register)


def recommend(register: "Register", case: "Case", **kwargs) -> "Recommendation":
    """Keep-or-transfer advice for a case (see matching.recommend for `now` and `taken`)."""
    from choice_assistant.matching.recommend import recommend as advise

    return advise(register, case, **kwargs)
