"""choice-assistant: a calm assistant for CAPA Choice appointments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "load_register", "load_case", "recommend"]

if TYPE_CHECKING:  # pragma: no cover
    from choice_assistant.matching.recommend import recommend
    from choice_assistant.matching.case import load_case
    from choice_assistant.register.load import load_register

# Exports resolve lazily so that `choice-assistant --help` and the TUI start fast.
_LAZY = {
    "load_register": ("choice_assistant.register.load", "load_register"),
    "load_case": ("choice_assistant.matching.case", "load_case"),
    "recommend": ("choice_assistant.matching.recommend", "recommend"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'choice_assistant' has no attribute {name!r}")
