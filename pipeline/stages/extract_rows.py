"""Run the extractors over articles in streaming batches and shape their records into rows of the
per-article tables (`staging.mentions`, `staging.quotes`, `figures`, `extraction_anomalies`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import polars as pl
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.article.blocks import Block
from pipeline.article.language import ENGLISH, EXTRACTED_LANGUAGES
from pipeline.extract.extractors import extract_article
from pipeline.nlp.parse import parse_articles
from pipeline.warehouse.schemas import ExtractedQuotes, ExtractionAnomalies, Figures, Mentions, frame_of

#: Articles whose rows are validated and written in one transaction. Each write costs a schema check and a
#: transaction whatever its size: 256 instead of 64 took 1.4 s off the BBC corpus, and an interrupted
#: run redoes at most a write batch per step.
WRITE_BATCH_ARTICLES = 256


@dataclass(frozen=True, slots=True)
class ArticleInput:
    article_id: str
    text: str
    blocks: tuple[Block, ...]
    published_date: date | None
    language: str = ENGLISH


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    article_id: str
    error: str


@dataclass(slots=True)
class ExtractedBatch:
    """Rows for the per-article tables, for one batch of articles."""

    article_ids: list[str]
    mentions: pl.DataFrame
    quotes: pl.DataFrame
    figures: pl.DataFrame
    anomalies: pl.DataFrame
    failures: list[ExtractionFailure]
    #: Article id -> why the extractors did not run on it (a language they have no model for).
    skipped: dict[str, str] = field(default_factory=dict)


def extract_batches(
    nlp: Language, articles: Iterable[ArticleInput], batch_size: int = WRITE_BATCH_ARTICLES
) -> Iterator[ExtractedBatch]:
    """Parse with `nlp.pipe` and extract; one article's failure is recorded, never fatal for the batch."""
    batch: list[ArticleInput] = []
    for article in articles:
        batch.append(article)
        if len(batch) == batch_size:
            yield _extract_batch(nlp, batch)
            batch = []
    if batch:
        yield _extract_batch(nlp, batch)


def _extract_batch(nlp: Language, batch: Sequence[ArticleInput]) -> ExtractedBatch:
    rows: dict[str, list[dict[str, object]]] = {"mentions": [], "quotes": [], "figures": [], "anomalies": []}
    failures: list[ExtractionFailure] = []
    skipped = {
        a.article_id: f"no extractor model for language '{a.language}'"
        for a in batch
        if a.language not in EXTRACTED_LANGUAGES
    }
    extracted = [a for a in batch if a.article_id not in skipped]
    docs = parse_articles(nlp, ((a.text, a.blocks) for a in extracted))
    for article, doc in zip(extracted, docs, strict=True):
        try:
            article_rows = _article_rows(article, doc)
        except Exception as error:  # an extractor bug on odd text must not lose the other articles
            failures.append(ExtractionFailure(article.article_id, f"{type(error).__name__}: {error}"))
            continue
        for table, table_rows in article_rows.items():
            rows[table].extend(table_rows)
    return ExtractedBatch(
        article_ids=[a.article_id for a in batch],
        mentions=frame_of(Mentions, rows["mentions"]),
        quotes=frame_of(ExtractedQuotes, rows["quotes"]),
        figures=frame_of(Figures, rows["figures"]),
        anomalies=frame_of(ExtractionAnomalies, rows["anomalies"]),
        failures=failures,
        skipped=skipped,
    )


def _article_rows(article: ArticleInput, doc: Doc) -> dict[str, list[dict[str, object]]]:
    article_id = article.article_id
    records = extract_article(doc, article.blocks, article.published_date)
    mentions, quotes, figures = records.mentions, records.quotes, records.figures
    return {
        "mentions": [
            {
                "mention_id": f"{article_id}-m{m.start_char}",
                "article_id": article_id,
                **_fields_of(m),
                "surface": article.text[m.start_char : m.end_char],  # as written, before re-casing
            }
            for m in mentions
        ],
        "quotes": [
            {
                "quote_id": f"{article_id}-q{q.start_char}-{q.end_char}-{q.kind[0]}",
                "article_id": article_id,
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "speaker_surface": q.speaker_surface,
                "speaker_local": q.speaker,
                "speaker_mention_start": q.speaker_mention_start,
                "speaker_role": q.speaker_role,
                "start_char": q.start_char,
                "end_char": q.end_char,
                "block_kind": q.block_kind,
            }
            for q in quotes.quotes
        ],
        "figures": [
            _figure_row(article_id, {**_fields_of(f), "surface": article.text[f.start_char : f.end_char]})
            for f in figures
        ],
        "anomalies": [
            {
                "article_id": article_id,
                "extractor": "quotes",
                "kind": a.kind,
                "start_char": a.start_char,
                "detail": a.detail,
            }
            for a in quotes.anomalies
        ],
    }


def _fields_of(record: object) -> dict[str, object]:
    """A flat record's fields: `dataclasses.asdict` deep-copies every value, a twentieth of extraction."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def _figure_row(article_id: str, figure: dict[str, object]) -> dict[str, object]:
    figure["change_role"] = figure.pop("role")
    figure["change_group"] = figure.pop("group")
    figure_id = f"{article_id}-f{figure['start_char']}-{figure['end_char']}"
    return {"figure_id": figure_id, "article_id": article_id, **figure}
