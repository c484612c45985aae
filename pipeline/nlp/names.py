"""Name normalisation shared by in-article consistency and cross-article resolution.

A name key folds the ways one name is written in news text: case (`Nato`/`NATO`), accents
(`Elysée`/`Elysee`), possessives (`NATO’s`) and the common romanisations of Slavic endings
(`Zelenskyy`/`Zelenskiy`/`Zelensky`, `Sergei`/`Sergey`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_NON_WORD = re.compile(r"[^\w\s-]")
_SPACE_OR_HYPHEN = re.compile(r"[\s-]+")
# Romanisations of -ий/-ей/-ый endings and doubled vowels: one spelling per sound.
_SLAVIC_ENDING = re.compile(r"(?:iy|yy|ij|ii|yi|ei|ey|y|i)$")
#: Words that do not contribute a letter to an acronym (`International Criminal Court` -> `ICC`).
ACRONYM_STOPWORDS = frozenset(
    {"of", "the", "and", "for", "on", "in", "to", "de", "du", "des", "la", "le", "&"}
)


def strip_possessive(text: str) -> str:
    return POSSESSIVE.sub("", text) if len(text) > 3 else text


def fold(text: str) -> str:
    """Lower case without accents or punctuation: the spelling-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_like = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE_OR_HYPHEN.sub(" ", _NON_WORD.sub("", ascii_like.lower())).strip()


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The blocking key of a name: folded, possessive dropped, Slavic endings unified (cached: the same
    names and words come back in every article, 57,000 calls per 370 BBC articles)."""
    words = fold(strip_possessive(text)).split()
    return " ".join(_SLAVIC_ENDING.sub("y", w) if len(w) >= 5 else w for w in words)


def acronym(text: str) -> str | None:
    """Initials of a multi-word capitalised name, or None when it has no real acronym."""
    words = [
        w for w in re.split(r"[\s-]+", strip_possessive(text)) if w and w.lower() not in ACRONYM_STOPWORDS
    ]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
