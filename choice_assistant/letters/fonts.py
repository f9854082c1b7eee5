"""Which fonts print a letter's text: the main font, fallbacks for other scripts, and what none can print.

DejaVu Sans (shipped) prints Latin, Greek and Cyrillic names. For other scripts the PDF adds,
only when the letter needs them, a fallback font, each shipped in choice_assistant/fonts/ (see
SCRIPTS, which the tests hold to what is shipped): Noto Sans Arabic; Noto Sans Devanagari,
Bengali, Gurmukhi, Gujarati, Tamil, Sinhala and Thai (shaped, as these scripts need); Droid Sans
Fallback for Chinese and Japanese; NanumSquare for Korean; Noto Sans Ethiopic; and Symbola for
emoji and symbols. Fonts installed on the machine are used when a shipped one is missing. A
character no font can print is reported (the quality check makes it an error), never left as a
silent gap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "fonts"
_SYSTEM = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/Library/Fonts"), Path("C:/Windows/Fonts")]

MAIN: list[tuple[str, str]] = [
    (str(SHIPPED / "DejaVuSans.ttf"), str(SHIPPED / "DejaVuSans-Bold.ttf")),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
]

# name -> file names to look for, shipped folder first, then the machine's font folders.
FALLBACKS: dict[str, list[str]] = {
    "arabic": ["NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "arial.ttf"],
    "devanagari": ["NotoSansDevanagari-Regular.ttf", "Nirmala.ttf"],
    "bengali": ["NotoSansBengali-Regular.ttf", "Nirmala.ttf"],
    "gurmukhi": ["NotoSansGurmukhi-Regular.ttf", "Nirmala.ttf"],
    "gujarati": ["NotoSansGujarati-Regular.ttf", "Nirmala.ttf"],
    "tamil": ["NotoSansTamil-Regular.ttf", "Nirmala.ttf"],
    "sinhala": ["NotoSansSinhala-Regular.ttf", "Nirmala.ttf"],
    "thai": ["NotoSansThai-Regular.ttf", "tahoma.ttf"],
    "cjk": ["DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "NotoSansCJK-Regular.ttc", "wqy-microhei.ttc", "msgothic.ttc"],
    "korean": ["NanumSquareR.ttf", "NanumGothic.ttf", "malgun.ttf"],
    "ethiopic": ["NotoSansEthiopic-Regular.ttf", "ebrima.ttf"],
    "symbols": ["Symbola.ttf", "Symbola_hint.ttf", "NotoEmoji-Regular.ttf", "seguiemj.ttf", "seguisym.ttf"],
}

# Every script a letter claims to print: the font (FALLBACKS name, or "main") that prints it, a name
# written in it, and the characters it is checked against (its Unicode letters in that range).
SCRIPTS: dict[str, tuple[str, str, tuple[int, int]]] = {
    "Latin": ("main", "Łucja Nowak", (0x0041, 0x024F)),
    "Greek": ("main", "Ελένη Παπαδοπούλου", (0x0391, 0x03C9)),
    "Cyrillic": ("main", "Наталья Иванова", (0x0410, 0x044F)),
    "Arabic": ("arabic", "فاطمة الأحمد", (0x0620, 0x064A)),
    "Devanagari": ("devanagari", "प्रिया शर्मा", (0x0900, 0x097F)),
    "Bengali": ("bengali", "সুমাইয়া রহমান", (0x0980, 0x09FF)),
    "Gurmukhi": ("gurmukhi", "ਹਰਪ੍ਰੀਤ ਕੌਰ", (0x0A00, 0x0A7F)),
    "Gujarati": ("gujarati", "કૃષ્ણ પટેલ", (0x0A80, 0x0AFF)),
    "Tamil": ("tamil", "கிருஷ்ணன் சுப்பிரமணியம்", (0x0B80, 0x0BFF)),
    "Sinhala": ("sinhala", "කුමාරි පෙරේරා", (0x0D80, 0x0DFF)),
    "Thai": ("thai", "สมชาย ใจดี", (0x0E00, 0x0E7F)),
    "Chinese": ("cjk", "王小明", (0x4E00, 0x9FA5)),
    "Japanese": ("cjk", "さくら やまだ", (0x3041, 0x3093)),
    "Korean": ("korean", "김민준", (0xAC00, 0xD7A3)),
    "Ethiopic": ("ethiopic", "ሰላማዊት ተስፋዬ", (0x1200, 0x137C)),
}
_BOLD = {"NotoSansArabic-Regular.ttf": "NotoSansArabic-Bold.ttf"}

# Characters that print as nothing by design: joiners and selectors, spaces, controls.
_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


@lru_cache(maxsize=64)
def _locate(name: str) -> Path | None:
    if (SHIPPED / name).is_file():
        return SHIPPED / name
    for folder in _SYSTEM:
        if folder.is_dir():
            found = next(iter(folder.rglob(name)), None)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=16)
def coverage(path: str) -> frozenset[int]:
    """The characters a font file has glyphs for."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # a damaged or unreadable font prints nothing
        return frozenset()


def main_font() -> tuple[Path, Path] | None:
    for regular, bold in MAIN:
        if Path(regular).is_file() and Path(bold).is_file():
            return Path(regular), Path(bold)
    return None


@lru_cache(maxsize=8)
def fallback_font(name: str) -> tuple[Path, Path | None] | None:
    """The regular (and bold, when there is one) file of a fallback, or None when none is found."""
    for file in FALLBACKS[name]:
        path = _locate(file)
        if path is not None:
            bold = _locate(_BOLD[file]) if file in _BOLD else None
            return path, bold
    return None


def _order_for(cp: int) -> list[str]:
    """The fallbacks to try for one character: its own script's font first (so a name is never printed
    half in one font and half in another), then the rest in their order."""
    own = [font for font, _, (low, high) in SCRIPTS.values() if low <= cp <= high and font in FALLBACKS]
    return own + [name for name in FALLBACKS if name not in own]


def needs_shaping(ch: str) -> bool:
    """Right-to-left letters and scripts whose letters join or combine need text shaping."""
    cp = ord(ch)
    return unicodedata.bidirectional(ch) in ("R", "AL", "AN") or 0x0900 <= cp <= 0x0DFF or 0x0E00 <= cp <= 0x109F \
        or 0x1780 <= cp <= 0x17FF or unicodedata.combining(ch) > 0


@dataclass(frozen=True)
class FontPlan:
    """The fonts a PDF needs for some text, whether it needs shaping, and what cannot print."""

    main: tuple[Path, Path] | None
    fallbacks: tuple[tuple[str, Path, Path | None], ...]
    shaping: bool
    missing: tuple[str, ...]


def plan(text: str) -> FontPlan:
    """Choose the fonts for this text: the main font, plus only the fallbacks it needs."""
    main = main_font()
    have = coverage(str(main[0])) if main else frozenset(range(32, 256))
    chars = {ch for ch in set(text) if ord(ch) not in have and ord(ch) not in _INVISIBLE
             and not ch.isspace() and unicodedata.category(ch)[0] != "C"}
    used: list[tuple[str, Path, Path | None]] = []
    missing = []
    for ch in sorted(chars):
        for name in _order_for(ord(ch)):
            found = fallback_font(name)
            if found and ord(ch) in coverage(str(found[0])):
                if name not in [u[0] for u in used]:
                    used.append((name, found[0], found[1]))
                break
        else:
            missing.append(ch)
    order = list(FALLBACKS)
    used.sort(key=lambda u: order.index(u[0]))
    return FontPlan(main, tuple(used), any(needs_shaping(ch) for ch in set(text)), tuple(missing))
