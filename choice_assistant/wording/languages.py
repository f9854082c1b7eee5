"""Language names and codes: a family or register may write either, in any case."""

from __future__ import annotations

from functools import lru_cache

# Codes UK teams write that mean something else in ISO 639 ("bsl" is Basa-Gumna there).
_LOCAL_CODES = {"bsl": "bfi"}
# Names as UK families say them, where the library's name is a newer or less familiar one.
_LOCAL_NAMES = {"bn": "Bengali", "bfi": "British Sign Language"}


@lru_cache(maxsize=4096)
def language_code(text: str | None) -> str | None:
    """The canonical code for a language written as a code ("pl", "PL") or an English name ("Polish").

    Something no code or name fits is kept as written, lower-cased, so it still matches itself."""
    if text is None:
        return None
    value = text.strip().lower()
    if not value:
        return None
    value = _LOCAL_CODES.get(value, value)
    import langcodes

    try:
        tag = langcodes.get(value)
        if tag.is_valid() and tag.language and not tag.language.startswith("q"):
            return tag.language
    except (ValueError, LookupError):
        pass
    try:
        return langcodes.find(value).language
    except (ValueError, LookupError):
        return value


@lru_cache(maxsize=4096)
def language_name(text: str | None) -> str:
    """The plain English name of a language written as a code or a name ("pl" -> "Polish")."""
    code = language_code(text)
    if code is None:
        return ""
    if code in _LOCAL_NAMES:
        return _LOCAL_NAMES[code]
    import langcodes

    try:
        tag = langcodes.get(code)
        if tag.is_valid():
            name = tag.display_name("en")
            if not name.lower().startswith("unknown language"):
                return name
    except (ValueError, LookupError):
        pass
    return (text or "").strip()
