"""One pane per appointment stage, and the map from each stage to its pane (the screen's own, not the domain's).

A pane's module is imported when its stage is first opened, so the first screen loads only the introduction's.
"""

from __future__ import annotations

import importlib

from choice_assistant.tui.stages.base import StagePane

# Stage id -> (module under choice_assistant.tui.stages, its pane class).
PANES: dict[str, tuple[str, str]] = {
    "introduction": ("introduction", "IntroductionPane"),
    "curiosity": ("curiosity", "CuriosityPane"),
    "goals": ("goals", "GoalsPane"),
    "formulation": ("formulation", "SharedUnderstandingPane"),
    "options": ("options", "OptionsPane"),
    "choice_point": ("choice_point", "ChoicePointPane"),
    "allocation": ("allocation", "WhoTheyWillSeePane"),
    "booking": ("booking", "BookingPane"),
    "letters": ("letters", "LettersPane"),
    "closed": ("closed", "ClosedPane"),
}


def pane_for(stage: str) -> type[StagePane]:
    """The pane class for a stage, its module imported on first use."""
    module, name = PANES[stage]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
