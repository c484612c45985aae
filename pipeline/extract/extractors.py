"""The three extractors over one parsed article, in the order they need each other (quotes read the
entity mentions; the titles quotes refuse are works), and the version that says which articles to extract
again."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.article.blocks import Block, BlockIndex
from pipeline.extract.entities import Mention, extract_mentions
from pipeline.extract.entities.works import quoted_titles, without_names_inside
from pipeline.extract.figures import Figure, extract_figures
from pipeline.extract.quotes import QuoteExtraction, extract_quotes

#: Bump when an extractor changes in a way that should reprocess every article on the next run.
EXTRACTOR_VERSION = "2026.12.07-6"


@dataclass(frozen=True, slots=True)
class ArticleRecords:
    """What the extractors found in one article."""

    mentions: list[Mention]
    quotes: QuoteExtraction
    figures: list[Figure]


def extract_article(doc: Doc, blocks: Sequence[Block], published: datetime.date | None) -> ArticleRecords:
    mentions = extract_mentions(doc, blocks)
    quotes = extract_quotes(doc, blocks, mentions)
    # Titles the speech decision refused are works the tagger missed.
    works = quoted_titles(doc.text, quotes.refused, mentions, BlockIndex(blocks))
    # Pronouns and descriptions the discourse model tied to a referent are mentions of it too.
    mentions = _one_per_start(without_names_inside([*mentions, *quotes.references], works))
    return ArticleRecords(mentions, quotes, extract_figures(doc, blocks, published))


def _one_per_start(mentions: Sequence[Mention]) -> list[Mention]:
    """One mention per start offset (a mention's id): a name before a pronoun or description the discourse
    model linked there, then the longer span."""
    ranked = sorted(mentions, key=lambda m: (m.start_char, m.link != "name", m.start_char - m.end_char))
    return [m for i, m in enumerate(ranked) if i == 0 or ranked[i - 1].start_char != m.start_char]
