"""The extraction stage: articles the current extractor version has not processed get their mentions,
quotes, figures and anomalies; an article whose extraction fails is quarantined and the others land.

Plain functions for the Dagster graph of `pipeline/defs/assets/extraction.py`: which articles are pending
and how they split into batches (the unit of parallelism), reading a batch's inputs, shaping its rows, and
writing them with the extraction log in the caller's transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime

import duckdb
import polars as pl

from pipeline.article.blocks import Block
from pipeline.extract.extractors import EXTRACTOR_VERSION
from pipeline.stages.extract_rows import ArticleInput, ExtractedBatch, ExtractionFailure
from pipeline.warehouse.schemas import ExtractionLog, QuarantinedArticles, empty_frame
from pipeline.warehouse.store import read_frame, replace_rows

EXTRACTION_TABLES = (
    "staging.mentions",
    "staging.quotes",
    "figures",
    "extraction_anomalies",
    "staging.extraction_log",
)
#: Fewer articles than this per step and a step costs more (a process, cold caches) than it saves.
MIN_ARTICLES_PER_STEP = 50
PENDING_SQL = (
    "SELECT a.article_id FROM articles a LEFT JOIN staging.extraction_log l "
    "ON l.article_id = a.article_id AND l.extractor_version = ? "
    "WHERE l.article_id IS NULL ORDER BY a.article_id"
)


def pending_articles(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles the current extractor version has not processed, in id order."""
    return read_frame(con, PENDING_SQL, [EXTRACTOR_VERSION])["article_id"].to_list()


def split_into_batches(pending: list[str], articles_per_batch: int, parallel: int) -> list[list[str]]:
    """Equal batches of at most `articles_per_batch`, as many as a multiple of `parallel` when the run is
    large enough to be worth splitting (a remainder batch would leave a core idle at the end of a run)."""
    batches = -(-len(pending) // articles_per_batch)  # ceiling
    if len(pending) >= parallel * MIN_ARTICLES_PER_STEP:
        batches = -(-batches // parallel) * parallel
    return [pending[number::batches] for number in range(batches)]


def read_article_inputs(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[ArticleInput]:
    """Text, blocks and publication date of each article, in id order."""
    return list(_article_inputs(con, pl.Series("article_id", article_ids, dtype=pl.String)))


def _article_inputs(con: duckdb.DuckDBPyConnection, article_ids: pl.Series) -> Iterator[ArticleInput]:
    con.register("chunk_ids", pl.DataFrame({"article_id": article_ids}))
    articles = read_frame(
        con,
        "SELECT article_id, text, published_date, language FROM articles "
        "WHERE article_id IN (SELECT article_id FROM chunk_ids) ORDER BY article_id",
    )
    paragraphs = read_frame(
        con,
        "SELECT article_id, block_no, kind, start_char, end_char, text FROM paragraphs "
        "WHERE article_id IN (SELECT article_id FROM chunk_ids) ORDER BY article_id, block_no",
    )
    con.unregister("chunk_ids")
    blocks_by_article = {
        article_id: tuple(Block(*row[1:]) for row in group.iter_rows())
        for (article_id,), group in paragraphs.group_by("article_id", maintain_order=True)
    }
    for article_id, text, published, language in articles.iter_rows():
        yield ArticleInput(article_id, text, blocks_by_article.get(article_id, ()), published, language)


def batch_frames(batch: ExtractedBatch, now: datetime) -> dict[str, pl.DataFrame]:
    log = pl.DataFrame(
        {
            "article_id": batch.article_ids,
            "extractor_version": EXTRACTOR_VERSION,
            "extracted_at": now,
            "skipped": [batch.skipped.get(a) for a in batch.article_ids],
        },
        schema=empty_frame(ExtractionLog).schema,
    )
    return {
        "staging.mentions": batch.mentions,
        "staging.quotes": batch.quotes,
        "figures": batch.figures,
        "extraction_anomalies": batch.anomalies,
        "staging.extraction_log": log,
    }


def set_aside_broken_articles(
    batch: ExtractedBatch, frames: dict[str, pl.DataFrame], failures: dict[str, pl.DataFrame]
) -> tuple[ExtractedBatch, dict[str, pl.DataFrame]]:
    """An article whose rows break a table's contract (an extractor bug on odd text) is quarantined like
    an article whose extractor raised; the batch's other articles still land. It is retried next run."""
    broken: dict[str, str] = {}
    for table, cases in failures.items():
        for case in cases.iter_rows(named=True):
            if case["index"] is None:
                return batch, frames  # a whole-table problem: the blocking check stops the run
            article_id = frames[table]["article_id"][case["index"]]
            broken.setdefault(
                article_id, f"{table}.{case['column']} fails {case['check']}: {case['failure_case']}"
            )
    if not broken:
        return batch, frames
    kept = ~pl.col("article_id").is_in(list(broken))
    failures = [*batch.failures, *(ExtractionFailure(a, f"schema violation: {d}") for a, d in broken.items())]
    return dataclasses.replace(batch, failures=failures), {t: f.filter(kept) for t, f in frames.items()}


def write_batch(
    con: duckdb.DuckDBPyConnection, batch: ExtractedBatch, frames: dict[str, pl.DataFrame], now: datetime
) -> None:
    """A batch's rows replace its articles' rows, and its failures are quarantined; the caller holds the
    transaction, so an interrupted run keeps whole batches and redoes the rest."""
    keys = pl.Series(batch.article_ids, dtype=pl.String)
    for table, frame in frames.items():
        replace_rows(con, table, frame, keys)
    _quarantine_failures(con, batch, now)


def _quarantine_failures(con: duckdb.DuckDBPyConnection, batch: ExtractedBatch, now: datetime) -> None:
    if not batch.failures:
        return
    failures = pl.DataFrame(
        {"article_id": [f.article_id for f in batch.failures], "detail": [f.error for f in batch.failures]}
    )
    con.register("failed_articles", failures)
    rows = read_frame(
        con,
        "SELECT a.source_path, 'extract' AS stage, 'extraction_failed' AS reason, "
        "'extraction failed on this article (' || f.detail || '); the other articles landed' AS detail, "
        "NULL::BIGINT AS size_bytes, ?::TIMESTAMPTZ AS quarantined_at "
        "FROM failed_articles f JOIN articles a USING (article_id)",
        [now],
    )
    con.unregister("failed_articles")
    replace_rows(
        con,
        "quarantined_articles",
        rows.cast(empty_frame(QuarantinedArticles).schema),
        rows["source_path"],
        key="source_path",
    )
