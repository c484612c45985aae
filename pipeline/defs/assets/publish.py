"""Publishing: the finished build becomes the warehouse analysts query, in one atomic step."""

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.schemas import TABLES
from pipeline.warehouse import row_counts

PUBLISHED_AFTER = [t for t in TABLES if not t.startswith("staging.")]


@dg.asset(
    group_name="publish",
    kinds={"duckdb"},
    deps=[dg.AssetKey(t.split(".")) for t in TABLES],
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Copy the build database over `news.duckdb` with an atomic rename.

    Runs only after every table's blocking schema check passed, so analysts never see rows that break the
    contract, and their open read-only sessions are never locked out or shown a half-written state.
    """
    store = warehouse.warehouse
    with store.connect() as con:
        counts = row_counts(con, PUBLISHED_AFTER)
    path = store.publish()
    context.log.info(f"published {path} ({path.stat().st_size:,} bytes)")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path.resolve())),
            "size_bytes": path.stat().st_size,
            **{f"rows/{t}": n for t, n in counts.items()},
        }
    )
