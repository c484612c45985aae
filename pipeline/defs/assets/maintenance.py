"""The lake's history and housekeeping: each run's snapshot recorded, small files compacted daily."""

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.warehouse.maintenance import compact, record_run
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.store import PUBLISHED_TABLES, row_counts


@dg.asset(
    group_name="publish",
    kinds={"ducklake"},
    deps=[dg.AssetKey(t.split(".")) for t in TABLES],
)
def run_snapshot(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Record the lake snapshot this run left in `runs`, so analysts can read the warehouse as any run
    left it (`AT (VERSION => snapshot_id)`).

    Every table's rows were validated before they were committed, and each commit is a whole snapshot:
    readers never see a half-written batch, whatever step is running.
    """
    store = warehouse.warehouse
    snapshot = record_run(store, context.run_id)
    with store.connect(read_only=True) as con:
        counts = row_counts(con, PUBLISHED_TABLES)
    context.log.info(f"run {context.run_id} is snapshot {snapshot} of the lake")
    return dg.MaterializeResult(
        metadata={"snapshot_id": snapshot, **{f"rows/{t}": n for t, n in counts.items()}}
    )


@dg.asset(group_name="maintenance", kinds={"ducklake"}, deps=[run_snapshot])
def compacted_lake(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Merge the small Parquet files many commits leave, rewrite files with deleted rows, expire snapshots
    older than the retention and delete the files nothing reads any more (run by the daily schedule)."""
    before, after = compact(warehouse.warehouse)
    context.log.info(f"lake files {before.files} -> {after.files}, bytes {before.bytes:,} -> {after.bytes:,}")
    return dg.MaterializeResult(
        metadata={
            "files_before": before.files,
            "files_after": after.files,
            "bytes_before": before.bytes,
            "bytes_after": after.bytes,
            "delete_files_after": after.delete_files,
        }
    )
