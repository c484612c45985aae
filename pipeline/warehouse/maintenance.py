"""Keeping the lake small and its history useful: each run's snapshot recorded, small files compacted.

Every commit adds Parquet files (a batch of rows, or the rows a delete removed), so a lake written in many
small commits has many small files. `compact` merges them with DuckLake's own maintenance functions, then
forgets snapshots older than SNAPSHOT_RETENTION_DAYS and deletes the files no kept snapshot reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import polars as pl

from pipeline.warehouse.ddl import quoted, sql_literal
from pipeline.warehouse.lake import LAKE_NAME
from pipeline.warehouse.schemas import Runs, frame_of
from pipeline.warehouse.store import Warehouse, insert_rows

#: A data file with more than this share of its rows deleted is rewritten without them: 0 rewrites every
#: file with a delete, so that after compaction the data files alone hold the current rows (other tools
#: read them without DuckLake's delete files).
REWRITE_DELETED_SHARE = 0.0
#: How long earlier snapshots stay readable (`AT (VERSION => n)`, `SNAPSHOT=n bash scripts/sql`).
SNAPSHOT_RETENTION_DAYS = 30


@dataclass(frozen=True)
class LakeFiles:
    files: int
    bytes: int
    delete_files: int


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(f"SELECT id FROM {quoted(LAKE_NAME)}.current_snapshot()").fetchone()[0]


def record_run(store: Warehouse, run_id: str) -> int:
    """Add the run to `runs` with the snapshot its last write made; returns that snapshot."""

    def write(con: duckdb.DuckDBPyConnection) -> int:
        snapshot = current_snapshot(con)
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        row = {"run_id": run_id, "finished_at": datetime.now(UTC), "snapshot_id": snapshot}
        insert_rows(con, "runs", Runs.validate(frame_of(Runs, [row])))
        return snapshot

    return store.commit(write, f"run {run_id}: finished")


def lake_files(con: duckdb.DuckDBPyConnection) -> LakeFiles:
    """The data and delete files the current snapshot reads, over every table."""
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?", [LAKE_NAME]
    ).fetchall()
    frames = [
        con.execute(
            f"FROM ducklake_list_files({sql_literal(LAKE_NAME)}, ?, schema => ?)", [table, schema]
        ).pl()
        for schema, table in tables
    ]
    frames = [f for f in frames if f.height]
    if not frames:
        return LakeFiles(0, 0, 0)
    files = pl.concat(frames, how="vertical_relaxed")
    deletes = files.filter(pl.col("delete_file").is_not_null())
    return LakeFiles(
        files.height,
        int(files["data_file_size_bytes"].sum()) + int(deletes["delete_file_size_bytes"].sum()),
        deletes.height,
    )


def compact(store: Warehouse, retention_days: int = SNAPSHOT_RETENTION_DAYS) -> tuple[LakeFiles, LakeFiles]:
    """Merge small files, rewrite files with many deleted rows, expire old snapshots and delete the files
    nothing reads any more; returns the lake's files before and after."""
    with store.connect() as con:
        before = lake_files(con)
        con.execute(f"CALL ducklake_merge_adjacent_files({sql_literal(LAKE_NAME)})")
        con.execute(
            f"CALL ducklake_rewrite_data_files({sql_literal(LAKE_NAME)}, delete_threshold => ?)",
            [REWRITE_DELETED_SHARE],
        )
        con.execute(f"CALL ducklake_merge_adjacent_files({sql_literal(LAKE_NAME)})")
        con.execute(
            f"CALL ducklake_expire_snapshots({sql_literal(LAKE_NAME)}, older_than => now() - to_days(?))",
            [retention_days],
        )
        con.execute(f"CALL ducklake_cleanup_old_files({sql_literal(LAKE_NAME)}, cleanup_all => true)")
        return before, lake_files(con)
