"""Extraction: articles not yet processed by the current extractors get mentions, quotes and figures."""

import dataclasses
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import dagster as dg
import duckdb
import polars as pl

from pipeline.defs.metadata import (
    raise_on_failed_checks,
    schema_check_spec,
    schema_failures,
    table_metadata,
    table_spec,
    validate_tables,
)
from pipeline.defs.resources import WarehouseResource
from pipeline.extract.document import Block
from pipeline.extract.nlp import load_nlp
from pipeline.extraction import (
    EXTRACTOR_VERSION,
    ArticleInput,
    ExtractedBatch,
    ExtractionFailure,
    extract_batches,
)
from pipeline.schemas import ExtractionLog, QuarantinedArticles, empty_frame
from pipeline.warehouse import read_frame, replace_rows, row_counts

EXTRACTION_TABLES = (
    "staging.mentions",
    "staging.quotes",
    "figures",
    "extraction_anomalies",
    "staging.extraction_log",
)
#: Articles read from the warehouse and written back per transaction: bounds memory at any corpus size.
ARTICLES_PER_CHUNK = 256


@dg.multi_asset(
    specs=[
        table_spec(t, "extraction", deps=["articles", "paragraphs"], kinds=frozenset({"spacy"}))
        for t in EXTRACTION_TABLES
    ],
    check_specs=[schema_check_spec(t) for t in EXTRACTION_TABLES],
)
def article_extractions(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Run spaCy and the quote, figure and entity extractors over articles the current extractor version
    has not processed; already-processed articles are not touched. An article whose extraction fails is
    quarantined (stage `extract`) and the others still land.
    """
    nlp = load_nlp()
    written: Counter[str] = Counter()
    samples: dict[str, pl.DataFrame] = {}
    checked: Counter[str] = Counter()
    failures = 0
    with warehouse.warehouse.connect() as con:
        pending = read_frame(
            con,
            "SELECT a.article_id FROM articles a LEFT JOIN staging.extraction_log l "
            "ON l.article_id = a.article_id AND l.extractor_version = ? "
            "WHERE l.article_id IS NULL ORDER BY a.article_id",
            [EXTRACTOR_VERSION],
        )["article_id"]
        context.log.info(f"{pending.len()} articles to extract with extractor version {EXTRACTOR_VERSION}")
        for start in range(0, pending.len(), ARTICLES_PER_CHUNK):
            chunk = pending.slice(start, ARTICLES_PER_CHUNK)
            for batch in extract_batches(nlp, _article_inputs(con, chunk)):
                now = datetime.now(UTC)
                frames = _batch_frames(batch, now)
                broken_rows = schema_failures(frames)
                if broken_rows:
                    batch, frames = _set_aside_broken_articles(batch, frames, broken_rows)
                    broken_rows = schema_failures(frames)
                checks = validate_tables(frames, broken_rows)
                yield from raise_on_failed_checks(checks)
                _write_batch(con, batch, frames, now)
                for table, frame in frames.items():
                    written[table] += frame.height
                    checked[table] += frame.height
                    samples.setdefault(table, frame)
                failures += len(batch.failures)
            context.log.info(
                f"extracted {min(start + ARTICLES_PER_CHUNK, pending.len())}/{pending.len()} articles"
            )
        totals = row_counts(con, EXTRACTION_TABLES)

    previews = {
        "staging.mentions": ["name", "type", "role", "surface", "block_kind"],
        "staging.quotes": ["speaker_local", "cue", "kind", "text"],
        "figures": ["surface", "value", "unit", "kind", "qualifier"],
    }
    for table in EXTRACTION_TABLES:
        sample = samples.get(table, pl.DataFrame())
        metadata = table_metadata(totals[table], sample, previews.get(table) if sample.width else None)
        metadata["rows_written"] = written[table]
        metadata["articles_extracted"] = pending.len()
        metadata["articles_failed"] = failures
        yield dg.MaterializeResult(asset_key=dg.AssetKey(table.split(".")), metadata=metadata)
    for table in EXTRACTION_TABLES:
        yield dg.AssetCheckResult(
            asset_key=dg.AssetKey(table.split(".")),
            check_name="matches_schema",
            passed=True,
            metadata={"rows_checked": checked[table]},
        )


def _article_inputs(con: duckdb.DuckDBPyConnection, article_ids: pl.Series) -> Iterator[ArticleInput]:
    con.register("chunk_ids", pl.DataFrame({"article_id": article_ids}))
    articles = read_frame(
        con,
        "SELECT article_id, text, published_date FROM articles "
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
    for article_id, text, published in articles.iter_rows():
        yield ArticleInput(article_id, text, blocks_by_article.get(article_id, ()), published)


def _batch_frames(batch: ExtractedBatch, now: datetime) -> dict[str, pl.DataFrame]:
    log = pl.DataFrame(
        {"article_id": batch.article_ids, "extractor_version": EXTRACTOR_VERSION, "extracted_at": now},
        schema=empty_frame(ExtractionLog).schema,
    )
    return {
        "staging.mentions": batch.mentions,
        "staging.quotes": batch.quotes,
        "figures": batch.figures,
        "extraction_anomalies": batch.anomalies,
        "staging.extraction_log": log,
    }


def _set_aside_broken_articles(
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


def _write_batch(
    con: duckdb.DuckDBPyConnection, batch: ExtractedBatch, frames: dict[str, pl.DataFrame], now: datetime
) -> None:
    """One transaction per batch: an interrupted run keeps whole articles and redoes the rest."""
    keys = pl.Series(batch.article_ids, dtype=pl.String)
    con.execute("BEGIN TRANSACTION")
    try:
        for table, frame in frames.items():
            replace_rows(con, table, frame, keys)
        _quarantine_failures(con, batch, now)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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
        "'an extractor raised on this article (' || f.detail || '); the other articles landed' AS detail, "
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
