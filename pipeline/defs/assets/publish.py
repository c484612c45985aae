"""Publishing: the finished build becomes the warehouse analysts query, in one atomic step; then Parquet."""

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.warehouse.parquet import export_parquet
from pipeline.warehouse.publish import publish
from pipeline.warehouse.schemas import TABLES
from pipeline.warehouse.store import PUBLISHED_TABLES, row_counts


@dg.asset(
    group_name="publish",
    kinds={"duckdb"},
    deps=[dg.AssetKey(t.split(".")) for t in TABLES],
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Mirror the build database into `news.duckdb` with an atomic rename.

    Runs only after every table's blocking schema check passed, so analysts never see rows that break the
    contract, and their open read-only sessions are never locked out or shown a half-written state.
    """
    store = warehouse.warehouse
    with store.connect() as con:
        counts = row_counts(con, PUBLISHED_TABLES)
    written = publish(store)
    size = store.path.stat().st_size
    context.log.info(f"published {store.path} ({size:,} bytes, {written:,} of them changed)")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(store.path.resolve())),
            "size_bytes": size,
            "bytes_written": written,
            **{f"rows/{t}": n for t, n in counts.items()},
        }
    )


@dg.asset(group_name="publish", kinds={"parquet"}, deps=[published_warehouse])
def parquet_export(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """A Parquet copy of every published table under `warehouse/parquet/`, for pandas, Spark or a BI tool
    without DuckDB, with `views.sql` to create the analysis views over it; figures, mentions and quotes are
    partitioned by kind or type."""
    store = warehouse.warehouse
    exported = export_parquet(store)
    files = sorted(
        p.relative_to(store.parquet_path).as_posix() for p in store.parquet_path.rglob("*.parquet")
    )
    context.log.info(f"exported {len(exported)} tables to {store.parquet_path} ({len(files)} files)")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(store.parquet_path.resolve())),
            "files": len(files),
            **{f"rows/{name}": n for name, n in exported.items()},
        }
    )
