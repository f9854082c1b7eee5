"""Structured notes for the team view and allocation: a code other code may rely on, the words, the audience."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Audience = Literal["family", "clinician"]


class Note(BaseModel):
    """One reason or caution. Code is data; `text` is for people and is never matched on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    text: str
    audience: Audience = "clinician"


def note(code: str, text: str, audience: Audience = "clinician") -> Note:
    return Note(code=code, text=text, audience=audience)
