"""Titles of works from the quote extractor's refusals: a quoted string in title case that the speech
decision refused (`“Night of the Living Dead”`, `“Zombies on Film: The Definitive Story”`) names a work,
which the tagger rarely finds (it reads the words, not the marks)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.article.blocks import BlockIndex
from pipeline.extract.entities.lexicon import MIN_WORK_TITLE_WORDS, WORK_TITLE_FUNCTION_WORDS
from pipeline.extract.entities.records import Mention
from pipeline.extract.quotes import RefusedQuote
from pipeline.nlp.names import strip_possessive

_WORD = re.compile(r"[^\W_][\w’'-]*")


def quoted_titles(
    text: str, refused: Sequence[RefusedQuote], mentions: Sequence[Mention], index: BlockIndex
) -> list[Mention]:
    """WORK mentions for refused quoted strings in title case; the mentions inside one give way to it
    (`without_names_inside`)."""
    found = []
    for quote in refused:
        title = quote.text.strip().rstrip(",.;:!?")
        words = _WORD.findall(title)
        if len(words) < MIN_WORK_TITLE_WORDS or not words[0][0].isupper():
            continue
        if not all(w[0].isupper() or w.lower() in WORK_TITLE_FUNCTION_WORDS or w[0].isdigit() for w in words):
            continue
        start = text.find(title, quote.start_char)
        if start < 0 or start > quote.end_char:
            continue
        end = start + len(title)
        # A name inside the title (`Zombie` in `White Zombie`) is part of it; one across its edge is not.
        if any(
            m.start_char < end and start < m.end_char and not (start <= m.start_char and m.end_char <= end)
            for m in mentions
        ):
            continue
        found.append(
            Mention(start, end, title, strip_possessive(title), "WORK", None, index.kind_at(start) or "body")
        )
    return found


def without_names_inside(mentions: Sequence[Mention], works: Sequence[Mention]) -> list[Mention]:
    """The mentions, less those inside a work's title, with the works, in text order."""
    kept = [
        m
        for m in mentions
        if not any(w.start_char <= m.start_char and m.end_char <= w.end_char for w in works)
    ]
    return sorted([*kept, *works], key=lambda m: m.start_char)
