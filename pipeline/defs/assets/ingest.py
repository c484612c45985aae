"""Ingest: new and changed raw files become articles and paragraphs, or quarantined files."""

from collections.abc import Iterator

import dagster as dg

from pipeline.defs.checks import (
    raise_on_failed_checks,
    schema_check_results,
    schema_check_spec,
    validate_tables,
)
from pipeline.defs.metadata import WrittenRows, table_spec
from pipeline.defs.resources import RawFolder, WarehouseResource
from pipeline.stages.ingest import INGEST_TABLES, plan_ingest, write_chunk

PREVIEWS = {"articles": ["article_id", "source_path", "title", "outlet", "word_count"]}


@dg.multi_asset(
    specs=[table_spec(t, "ingest", kinds=frozenset({"python"})) for t in INGEST_TABLES],
    check_specs=[schema_check_spec(t) for t in INGEST_TABLES],
)
def raw_articles(
    context: dg.AssetExecutionContext, raw_folder: RawFolder, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Read files that are new or changed since the last run (by size and modification time); skip the rest.

    A file that cannot be read or parsed lands in `quarantined_articles` with its reason; a file deleted
    from the raw folder takes its article's rows with it.
    """
    store = warehouse.warehouse
    with store.connect() as con:
        plan = plan_ingest(con, raw_folder.root)
    context.log.info(plan.summary)
    written, removed = WrittenRows(), 0
    for chunk in plan.chunks():
        yield from raise_on_failed_checks(validate_tables(chunk.frames))
        removed += store.commit(
            lambda con, chunk=chunk: write_chunk(con, chunk),
            f"run {context.run_id}: ingest of {chunk.frames['articles'].height} articles",
        )
        written.add(chunk.frames)
    context.log.info(
        f"{written.counts['articles']} articles read, {written.counts['quarantined_articles']} quarantined, "
        f"{removed} removed"
    )
    with store.connect() as con:
        metadata = {table: written.table_metadata(con, table, PREVIEWS.get(table)) for table in INGEST_TABLES}
    metadata["articles"]["articles_removed"] = removed
    for table in INGEST_TABLES:
        yield dg.MaterializeResult(asset_key=dg.AssetKey(table.split(".")), metadata=metadata[table])
    yield from schema_check_results({t: written.counts[t] for t in INGEST_TABLES}, {})
