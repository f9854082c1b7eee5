"""Loading the team skill register from a file, with clear errors."""

from __future__ import annotations

from pathlib import Path

from choice_assistant.register.model import Register
from choice_assistant.yamlio import parse_document, read_text, validate_file


def load_register(path: str | Path) -> Register:
    """Load and validate a team skill register (YAML). Raises InputError on any problem."""
    parsed = parse_document(read_text(path, "register"), path, "register")
    return validate_file(Register, parsed, path)
