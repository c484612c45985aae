"""Quote keys: every outlet's rendering of one quote folded onto one key, so a quote can be followed across
outlets and articles (`quote_coverage`) and stories can be told by the quotes they share.

Blocking keeps it near-linear: a quote is only compared with the quotes holding its first SHINGLE_WORDS
words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from pipeline.resolve.groups import Groups

#: Quotes shorter than this (in words) are too common to identify a story (`“no comment”`).
MIN_QUOTE_WORDS = 5
#: Words a shorter rendering of a quote shares with the longer one's text, at its start, to be compared.
SHINGLE_WORDS = 5
_NON_WORD = re.compile(r"[^\w\s]")


def quote_key(text: str) -> str:
    """The text of a quote with case, accents, punctuation and spacing folded, so two outlets' renderings
    of one quote match (`“We need strong security guarantees…”` and `We need strong security guarantees`)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(_NON_WORD.sub(" ", plain).split())


def quote_clusters(texts: list[str]) -> list[str | None]:
    """For each quote, the key of the longest rendering it belongs to (None for quotes too short to
    match): one outlet's `We need strong guarantees` and another's longer passage containing it are one
    quote. Blocking: a quote is only checked against quotes holding its first SHINGLE_WORDS words."""
    keys = [quote_key(t) for t in texts]
    usable = [len(k.split()) >= MIN_QUOTE_WORDS for k in keys]
    by_shingle: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if usable[i]:
            words = key.split()
            for start in range(len(words) - SHINGLE_WORDS + 1):
                by_shingle[" ".join(words[start : start + SHINGLE_WORDS])].append(i)
    groups: Groups[int] = Groups()
    for i, key in enumerate(keys):
        if not usable[i]:
            continue
        first = " ".join(key.split()[:SHINGLE_WORDS])
        for j in by_shingle.get(first, ()):
            if j != i and f" {key} " in f" {keys[j]} ":
                groups.join(i, j)
    longest: dict[int, str] = {}
    for i, key in enumerate(keys):
        if usable[i]:
            root = groups.root(i)
            if len(key) > len(longest.get(root, "")):
                longest[root] = key
    return [longest[groups.root(i)] if usable[i] else None for i in range(len(keys))]
