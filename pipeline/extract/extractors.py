"""The three extractors over one parsed article, in the order they need each other (quotes read the
entity mentions), and the version that says which articles to extract again."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.article.blocks import Block
from pipeline.extract.entities import Mention, extract_mentions
from pipeline.extract.figures import Figure, extract_figures
from pipeline.extract.quotes import QuoteExtraction, extract_quotes

#: Bump when an extractor changes in a way that should reprocess every article on the next run.
EXTRACTOR_VERSION = "2026.12.07-1"


@dataclass(frozen=True, slots=True)
class ArticleRecords:
    """What the extractors found in one article."""

    mentions: list[Mention]
    quotes: QuoteExtraction
    figures: list[Figure]


def extract_article(doc: Doc, blocks: Sequence[Block], published: datetime.date | None) -> ArticleRecords:
    mentions = extract_mentions(doc, blocks)
    return ArticleRecords(
        mentions, extract_quotes(doc, blocks, mentions), extract_figures(doc, blocks, published)
    )
