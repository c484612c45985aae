"""The DuckDB warehouse: the build file the pipeline writes, with idempotent writes in transactions.

The pipeline writes only to a private build file (`news.build.duckdb`) and, at the end of a run,
publishes a finished copy over `news.duckdb` (`pipeline/warehouse/publish.py`). Analysts' read-only
sessions on `news.duckdb` therefore never block a run and never see a half-written state.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from pipeline.warehouse.ddl import create_tables, quoted
from pipeline.warehouse.schemas import TABLES

#: Tables analysts query (the `staging` schema is the pipeline's own bookkeeping).
PUBLISHED_TABLES: tuple[str, ...] = tuple(t for t in TABLES if not t.startswith("staging."))
#: How long to wait for another step of the same run that holds the build file's write lock.
LOCK_WAIT_SECONDS = 60.0


class Warehouse:
    """The published warehouse file and the private build file the pipeline writes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.build_path = self.path.with_name(f"{self.path.stem}.build{self.path.suffix or '.duckdb'}")

    @property
    def parquet_path(self) -> Path:
        """The folder of Parquet copies beside the published file (`warehouse/parquet/`)."""
        return self.path.with_name("parquet")

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write connection to the build file, with every table in place."""
        self.build_path.parent.mkdir(parents=True, exist_ok=True)
        con = _connect_waiting_for_lock(self.build_path)
        try:
            create_tables(con)
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: a killed or failed step leaves the previous state of every table."""
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")


def replace_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame, keys: pl.Series, key: str = "article_id"
) -> None:
    """Delete every row whose `key` is in `keys`, then insert `rows`: re-running never duplicates."""
    con.register("keys_to_replace", pl.DataFrame({key: keys.unique()}))
    con.execute(
        f"DELETE FROM {quoted(table)} WHERE {quoted(key)} IN (SELECT {quoted(key)} FROM keys_to_replace)"
    )
    con.unregister("keys_to_replace")
    insert_rows(con, table, rows)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame) -> None:
    if rows.height:
        con.register("rows_to_insert", rows)
        con.execute(f"INSERT INTO {quoted(table)} BY NAME SELECT * FROM rows_to_insert")
        con.unregister("rows_to_insert")


def replace_table(con: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame) -> None:
    """Swap a whole table's contents (cross-article tables are recomputed in full)."""
    con.execute(f"DELETE FROM {quoted(table)}")
    insert_rows(con, table, rows)


def row_counts(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {quoted(t)}").fetchone()[0] for t in tables}


def read_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()


def _connect_waiting_for_lock(path: Path) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
