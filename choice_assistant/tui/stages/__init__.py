"""One pane per appointment stage; `pane_for(stage)` imports only the pane needed."""

from __future__ import annotations

import importlib

from choice_assistant.tui.stages.base import StagePane


def pane_for(stage: str) -> type[StagePane]:
    module = importlib.import_module(f"{__name__}.{stage}")
    return module.Pane
