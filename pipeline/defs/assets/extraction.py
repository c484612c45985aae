"""Extraction: articles not yet processed by the current extractors get mentions, quotes and figures.

A graph of ops, so batches of articles are the unit of parallelism: the plan op splits the pending articles
into batches, one `extract_article_batch` step per batch runs spaCy and the extractors (in parallel under
Dagster's multiprocess executor, each step in its own process), and `record_extractions` reports what was
written. Each batch step holds the build file's write lock only to read its articles and to write its rows,
never while spaCy runs, so parallel steps do not wait on each other.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import dagster as dg
import polars as pl

from pipeline.defs.checks import SchemaViolation, schema_check_results, schema_check_spec, schema_failures
from pipeline.defs.metadata import WrittenRows, table_spec
from pipeline.defs.resources import WarehouseResource
from pipeline.nlp.model import load_nlp
from pipeline.stages.extract_rows import extract_batches
from pipeline.stages.extraction import (
    EXTRACTION_TABLES,
    EXTRACTOR_VERSION,
    batch_frames,
    pending_articles,
    read_article_inputs,
    set_aside_broken_articles,
    split_into_batches,
    write_batch,
)

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
        pending = pending_articles(con)
    batches = split_into_batches(
        pending, config.articles_per_batch, config.parallel_steps or os.cpu_count() or 1
    )
    context.log.info(
        f"{len(pending)} articles to extract with extractor version {EXTRACTOR_VERSION}, in {len(batches)} "
        f"batches of up to {config.articles_per_batch}"
    )
    for number, batch in enumerate(batches):
        yield dg.DynamicOutput(batch, mapping_key=f"batch_{number}")


@dg.op
def extract_article_batch(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, article_ids: list[str]
) -> BatchReport:
    """spaCy and the extractors over one batch; one transaction per write batch, written as soon as they
    are extracted (the write lock is taken for the write only). An article whose extraction fails is
    quarantined (stage `extract`) and the others still land."""
    store = warehouse.warehouse
    with store.connect() as con:
        articles = read_article_inputs(con, article_ids)
    report = BatchReport(articles=len(articles))
    for batch in extract_batches(load_nlp(), articles):
        frames = batch_frames(batch, datetime.now(UTC))
        broken_rows = schema_failures(frames)
        if broken_rows:
            batch, frames = set_aside_broken_articles(batch, frames, broken_rows)
            broken_rows = schema_failures(frames)
        if broken_rows:
            report.failed_checks.update(broken_rows)
            continue
        store.commit(
            lambda con, batch=batch, frames=frames: write_batch(con, batch, frames, datetime.now(UTC)),
            f"run {context.run_id}: extraction of {len(batch.article_ids)} articles",
        )
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
    written = WrittenRows()
    for report in reports:
        written.merge(report.written)
    articles = sum(r.articles for r in reports)
    failures = sum(r.failures for r in reports)
    with warehouse.warehouse.connect() as con:
        metadata = {
            table: written.table_metadata(con, table, PREVIEWS.get(table)) for table in EXTRACTION_TABLES
        }
    for table in EXTRACTION_TABLES:
        metadata[table].update(articles_extracted=articles, articles_failed=failures)
        yield dg.Output(None, output_name=_output_name(table), metadata=metadata[table])
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
