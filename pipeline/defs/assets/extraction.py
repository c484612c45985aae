"""Extraction: articles not yet processed by the current extractors get mentions, quotes and figures.

A graph of ops, so batches of articles are the unit of parallelism: the plan op splits the pending articles
into batches, one `extract_article_batch` step per batch runs spaCy and the extractors (in parallel under
Dagster's multiprocess executor, each step in its own process), and `record_extractions` reports what was
written. Each batch step holds the build file's write lock only to read its articles and to write its rows,
never while spaCy runs, so parallel steps do not wait on each other.
"""

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import dagster as dg
import duckdb
import polars as pl

from pipeline.defs.metadata import (
    SchemaViolation,
    WrittenRows,
    schema_check_results,
    schema_check_spec,
    schema_failures,
    table_spec,
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
#: Fewer articles than this per step and a step costs more (a process, cold caches) than it saves.
MIN_ARTICLES_PER_STEP = 50
PREVIEWS = {
    "staging.mentions": ["name", "type", "role", "surface", "block_kind"],
    "staging.quotes": ["speaker_local", "cue", "kind", "text"],
    "figures": ["surface", "value", "unit", "kind", "qualifier"],
}


def _output_name(table: str) -> str:
    return table.replace(".", "__")


class ExtractionBatches(dg.Config):
    """How the pending articles are split into steps."""

    #: Most articles per step. Each step starts cold (forked from a server that has the model loaded, but
    #: with spaCy's vocabulary and the extractors' caches to warm, about 2 s), so steps are big: a large run
    #: is split into about as many batches as workers, up to this size; a step holds its articles' texts
    #: and the rows of one write batch (WRITE_BATCH_ARTICLES) at a time.
    articles_per_batch: int = 1000
    #: Steps that run at once (0: this machine's cores): the batch count is rounded up to a multiple of it,
    #: so every worker is busy to the end of a run (unless the run is too small to be worth splitting).
    parallel_steps: int = 0


@dataclass
class BatchReport:
    """What one batch step wrote: row counts and a few rows for the previews, never the rows themselves."""

    articles: int = 0
    failures: int = 0
    written: WrittenRows = field(default_factory=WrittenRows)
    #: Failure cases of tables whose rows broke the contract as a whole: that batch wrote nothing.
    failed_checks: dict[str, pl.DataFrame] = field(default_factory=dict)


@dg.op(
    ins={"articles": dg.In(dg.Nothing), "paragraphs": dg.In(dg.Nothing)},
    out=dg.DynamicOut(list[str]),
)
def plan_extraction_batches(
    context: dg.OpExecutionContext, config: ExtractionBatches, warehouse: WarehouseResource
) -> Iterator[dg.DynamicOutput[list[str]]]:
    """Articles the current extractor version has not processed, in batches of article ids."""
    with warehouse.warehouse.connect() as con:
        pending = read_frame(
            con,
            "SELECT a.article_id FROM articles a LEFT JOIN staging.extraction_log l "
            "ON l.article_id = a.article_id AND l.extractor_version = ? "
            "WHERE l.article_id IS NULL ORDER BY a.article_id",
            [EXTRACTOR_VERSION],
        )["article_id"].to_list()
    parallel = config.parallel_steps or os.cpu_count() or 1
    batches = -(-len(pending) // config.articles_per_batch)  # ceiling
    if len(pending) >= parallel * MIN_ARTICLES_PER_STEP:
        batches = -(-batches // parallel) * parallel
    context.log.info(
        f"{len(pending)} articles to extract with extractor version {EXTRACTOR_VERSION}, in {batches} "
        f"batches of up to {config.articles_per_batch}"
    )
    # Equal batches (a remainder batch would leave a core idle at the end of a large run).
    for number in range(batches):
        yield dg.DynamicOutput(pending[number::batches], mapping_key=f"batch_{number}")


@dg.op
def extract_article_batch(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, article_ids: list[str]
) -> BatchReport:
    """spaCy and the extractors over one batch; one transaction per write batch, written as soon as they
    are extracted (the write lock is taken for the write only). An article whose extraction fails is
    quarantined (stage `extract`) and the others still land."""
    with warehouse.warehouse.connect() as con:
        articles = list(_article_inputs(con, pl.Series("article_id", article_ids, dtype=pl.String)))
    report = BatchReport(articles=len(articles))
    for batch in extract_batches(load_nlp(), articles):
        frames = _batch_frames(batch, datetime.now(UTC))
        broken_rows = schema_failures(frames)
        if broken_rows:
            batch, frames = _set_aside_broken_articles(batch, frames, broken_rows)
            broken_rows = schema_failures(frames)
        if broken_rows:
            report.failed_checks.update(broken_rows)
            continue
        with warehouse.warehouse.connect() as con:
            _write_batch(con, batch, frames, datetime.now(UTC))
        report.failures += len(batch.failures)
        report.written.add(frames)
    context.log.info(f"extracted {report.articles} articles ({report.failures} quarantined)")
    return report


@dg.op(
    out={
        **{_output_name(t): dg.Out(dg.Nothing) for t in EXTRACTION_TABLES},
        **{f"{_output_name(t)}_matches_schema": dg.Out(dg.Nothing) for t in EXTRACTION_TABLES},
    }
)
def record_extractions(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, reports: list[BatchReport]
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """One materialisation per table with the run's totals; the blocking schema checks fail, and stop the
    cross-article steps, when a batch's rows broke a table's contract (that batch wrote nothing)."""
    with warehouse.warehouse.connect() as con:
        totals = row_counts(con, EXTRACTION_TABLES)
    written = WrittenRows()
    for report in reports:
        written.merge(report.written)
    articles = sum(r.articles for r in reports)
    failures = sum(r.failures for r in reports)
    for table in EXTRACTION_TABLES:
        metadata = written.table_metadata(table, totals[table], PREVIEWS.get(table))
        metadata["articles_extracted"] = articles
        metadata["articles_failed"] = failures
        yield dg.Output(None, output_name=_output_name(table), metadata=metadata)
    failed = {t: cases for r in reports for t, cases in r.failed_checks.items()}
    yield from schema_check_results({t: written.counts[t] for t in EXTRACTION_TABLES}, failed)
    if failed:
        raise SchemaViolation(
            f"rows for {', '.join(failed)} break the schema; their batches wrote nothing "
            "(see the matches_schema checks)"
        )
    context.log.info(f"{articles} articles extracted in {len(reports)} batches, {failures} quarantined")


@dg.graph_multi_asset(
    outs={
        _output_name(t): dg.AssetOut.from_spec(table_spec(t, "extraction", kinds=frozenset({"spacy"})))
        for t in EXTRACTION_TABLES
    },
    ins={name: dg.AssetIn(key=name, dagster_type=dg.Nothing) for name in ("articles", "paragraphs")},
    group_name="extraction",
    check_specs=[schema_check_spec(t) for t in EXTRACTION_TABLES],
)
def article_extractions(articles: None, paragraphs: None) -> dict[str, object]:
    """Run spaCy and the quote, figure and entity extractors over articles the current extractor version
    has not processed, one step per batch of articles; already-processed articles are not touched."""
    batches = plan_extraction_batches(articles=articles, paragraphs=paragraphs)
    return record_extractions(batches.map(extract_article_batch).collect())


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
