"""The warehouse: a DuckLake (`lake.py`) with every table in place, and all-or-nothing writes.

Each write is one DuckLake commit, made from whichever process or node runs the step: a snapshot that
readers see whole or not at all. Commits from several writers at once are retried when the catalog is
busy or another commit touched the same rows first, so a step never leaves half its rows behind.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

import duckdb
import polars as pl

from pipeline import settings
from pipeline.warehouse.ddl import create_tables, quoted, schema_is_current
from pipeline.warehouse.lake import LAKE_NAME, Lake, connect
from pipeline.warehouse.schemas import TABLES

#: Tables analysts query (the `staging` schema is the pipeline's own bookkeeping).
PUBLISHED_TABLES: tuple[str, ...] = tuple(t for t in TABLES if not t.startswith("staging."))
#: How long a commit is retried while other writers hold the catalog or win a conflict.
COMMIT_RETRY_SECONDS = 300.0
#: What a retryable failure says: the catalog was busy, or another commit changed the same table first.
RETRYABLE = ("database is locked", "conflict", "failed to commit", "busy")

T = TypeVar("T")


class Warehouse:
    """The lake the pipeline writes and analysts read."""

    def __init__(self, lake: Lake) -> None:
        self.lake = lake

    @classmethod
    def at(cls, folder: Path | str | None = None) -> Warehouse:
        """The lake of `folder` (default `NEWS_WAREHOUSE`), or where `NEWS_LAKE_*` place it."""
        return cls(settings.lake(Path(folder) if folder else None))

    @contextmanager
    def connect(
        self, read_only: bool = False, snapshot: int | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A session on the lake; a writing one has every table in place. `snapshot` reads an earlier
        version (read-only)."""
        writing = not read_only and snapshot is None
        con = connect(self.lake, not writing, snapshot)
        try:
            if writing and not schema_is_current(con):
                _retrying(
                    lambda: _in_transaction(con, create_tables, "tables created for this schema version")
                )
            yield con
        finally:
            con.close()

    def commit(self, work: Callable[[duckdb.DuckDBPyConnection], T], message: str) -> T:
        """Run `work` in one transaction and commit it as one snapshot with `message`; all or nothing, and
        run again from the start when a concurrent writer made the commit fail."""
        with self.connect() as con:
            return _retrying(lambda: _in_transaction(con, work, message))


def _in_transaction(
    con: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], T], message: str
) -> T:
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CALL {quoted(LAKE_NAME)}.set_commit_message('pipeline', ?)", [message])
        result = work(con)
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):  # a failed commit has already ended the transaction
            con.execute("ROLLBACK")
        raise
    return result


def _retrying(attempt: Callable[[], T]) -> T:
    deadline = time.monotonic() + COMMIT_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            return attempt()
        except duckdb.Error as error:
            if not any(s in str(error).lower() for s in RETRYABLE) or time.monotonic() > deadline:
                raise
        time.sleep(delay * random.uniform(0.5, 1.5))
        delay = min(delay * 2, 2.0)


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
