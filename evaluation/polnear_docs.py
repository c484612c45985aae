"""PolNeAR articles as the pipeline reads them (cleaned text, blocks, spaCy parse, the extractors' records),
beside their gold attributions mapped onto the cleaned text: the material every learned quote decision is
trained (train) and chosen (dev) on, and what the PolNeAR benchmark scores (`score_split`).

Parsing a split takes minutes; `--cache DIR` keeps the parses (spaCy DocBin) between runs. The cache is
keyed by the texts and the model, and never committed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from evaluation.paths import CORPUS
from evaluation.polnear import (
    GoldAttribution,
    QuoteScores,
    annotated_articles,
    raw_to_clean_offsets,
    read_attributions,
    score_article,
)
from pipeline.article.parsing import ParsedArticle, parse_article
from pipeline.extract.extractors import ArticleRecords, extract_article
from pipeline.nlp.model import load_nlp
from pipeline.nlp.parse import parse_articles

POLNEAR = CORPUS / "polnear"


@dataclass(frozen=True, slots=True)
class Spans:
    """Character spans of the cleaned text, with a test of how much of a range they cover."""

    spans: tuple[tuple[int, int], ...]

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    article: ParsedArticle
    doc: Doc
    records: ArticleRecords
    attributions: list[GoldAttribution]
    #: Raw offsets -> cleaned-text offsets.
    mapping: list[int]

    def clean(self, spans: Sequence[tuple[int, int]]) -> Spans:
        return Spans(tuple((self.mapping[s], self.mapping[e]) for s, e in spans))

    @property
    def content(self) -> Spans:
        return Spans(tuple(span for a in self.attributions for span in self.clean(a.content).spans))


def gold_articles(split: str, cache: Path | None = None, limit: int | None = None) -> Iterator[GoldArticle]:
    """Every annotated article of a PolNeAR split, parsed and run through the extractors."""
    found = list(annotated_articles(POLNEAR / split))[:limit]
    parsed = [parse_article(raw) for _, raw, _ in found]
    docs = _docs(parsed, cache)
    for (name, raw, ann), article, doc in zip(found, parsed, docs, strict=True):
        records = extract_article(doc, article.blocks, article.published_date)
        mapping = raw_to_clean_offsets(raw, article.text)
        yield GoldArticle(name, article, doc, records, read_attributions(ann, raw), mapping)


def _docs(parsed: Sequence[ParsedArticle], cache: Path | None) -> list[Doc]:
    nlp = load_nlp()
    if cache is None:
        return list(parse_articles(nlp, ((a.text, a.blocks) for a in parsed)))
    key = hashlib.sha256("\x00".join(a.text for a in parsed).encode()).hexdigest()[:16]
    path = cache / f"{nlp.meta['name']}-{nlp.meta['version']}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(parse_articles(nlp, ((a.text, a.blocks) for a in parsed)))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs


def score_split(split: str, limit: int | None = None, cache: Path | None = None) -> QuoteScores:
    """Run the pipeline's parsing and extraction over a PolNeAR split (`train` or `dev`) and score it."""
    total = QuoteScores()
    for article in gold_articles(split, cache, limit):
        quotes = [
            {
                "kind": q.kind,
                "text": q.text,
                "start_char": q.start_char,
                "end_char": q.end_char,
                "speaker_local": q.speaker,
                "cue_start": q.cue_start,
            }
            for q in article.records.quotes.quotes
        ]
        raw = (POLNEAR / split / "text" / f"{article.name}.txt").read_text(encoding="utf-8")
        total.add(
            score_article(
                article.name, article.article.text, article.mapping, quotes, article.attributions, raw
            )
        )
    return total
