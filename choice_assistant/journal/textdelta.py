"""Text entries stored as the change from the field's last value, so the journal grows with what was typed."""

from __future__ import annotations

from typing import Any


def encode(old: str, new: str) -> list[Any] | None:
    """[kept prefix, kept suffix, inserted text], or None when writing the whole value is as short."""
    limit = min(len(old), len(new))
    p = 0
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    inserted = new[p:len(new) - s]
    if len(inserted) + 16 >= len(new):
        return None
    return [p, s, inserted]


def decode(old: str, delta: Any) -> str:
    """The value a change makes of the old value; ValueError if it does not fit."""
    if not (isinstance(delta, list) and len(delta) == 3 and isinstance(delta[0], int) and isinstance(delta[1], int)
            and isinstance(delta[2], str)):
        raise ValueError("its change record is malformed")
    p, s, inserted = delta
    if p < 0 or s < 0 or p + s > len(old):
        raise ValueError("its change does not fit the text before it")
    return old[:p] + inserted + old[len(old) - s:]
