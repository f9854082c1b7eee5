"""The terminal assistant (Textual). Only this package imports textual."""

from __future__ import annotations

from typing import Any

__all__ = ["ChoiceAssistantApp"]


def __getattr__(name: str) -> Any:
    if name == "ChoiceAssistantApp":
        from choice_assistant.tui.app import ChoiceAssistantApp

        return ChoiceAssistantApp
    raise AttributeError(name)
