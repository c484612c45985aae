"""DuckDB definitions straight from the pandera models: tables, column comments, views, and the
fingerprint that tells a warehouse built by another schema version."""

from __future__ import annotations

import hashlib

import duckdb
import polars as pl

from pipeline.warehouse.schemas import ALL_TABLES
from pipeline.warehouse.views import VIEWS

DUCKDB_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Int32: "INTEGER",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
}


def duckdb_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return f"{duckdb_type(dtype.inner)}[]"
    if isinstance(dtype, pl.Struct):
        return f"STRUCT({', '.join(f'{quoted(f.name)} {duckdb_type(f.dtype)}' for f in dtype.fields)})"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMPTZ" if dtype.time_zone else "TIMESTAMP"
    try:
        return DUCKDB_TYPES[dtype.base_type()]
    except KeyError:
        raise TypeError(f"no DuckDB type for polars dtype {dtype}; add it to DUCKDB_TYPES") from None


def quoted(identifier: str) -> str:
    """`staging.mentions` -> `"staging"."mentions"`; identifiers here come from our schemas, never from input."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in identifier.split("."))


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(table: str) -> list[str]:
    """CREATE TABLE and COMMENT statements for one table, straight from its pandera model."""
    schema = ALL_TABLES[table].to_schema()
    columns = [
        f"{quoted(name)} {duckdb_type(column.dtype.type)}{'' if column.nullable else ' NOT NULL'}"
        for name, column in schema.columns.items()
    ]
    statements = [f"CREATE TABLE IF NOT EXISTS {quoted(table)} ({', '.join(columns)})"]
    if ALL_TABLES[table].__doc__:
        statements.append(
            f"COMMENT ON TABLE {quoted(table)} IS {sql_literal(ALL_TABLES[table].__doc__.strip())}"
        )
    statements.extend(
        f"COMMENT ON COLUMN {quoted(table)}.{quoted(name)} IS {sql_literal(column.description)}"
        for name, column in schema.columns.items()
        if column.description
    )
    return statements


def create_view_sql(view: str, views: dict[str, tuple[str, str]] = VIEWS) -> list[str]:
    description, sql = views[view]
    return [
        f"CREATE OR REPLACE VIEW {quoted(view)} AS {sql.strip()}",
        f"COMMENT ON VIEW {quoted(view)} IS {sql_literal(description)}",
    ]


def schema_fingerprint() -> str:
    """Changes whenever any table or view definition changes."""
    statements = [sql for table in ALL_TABLES for sql in create_table_sql(table)]
    statements += [sql for view in VIEWS for sql in create_view_sql(view)]
    return hashlib.sha256("\n".join(statements).encode("utf-8")).hexdigest()[:16]


def schema_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse was made by this schema version (a read: no snapshot when it was)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'staging' AND table_name = 'schema_version'"
    ).fetchone()[0]
    if not found:
        return False
    stored = con.execute("SELECT fingerprint FROM staging.schema_version").fetchone()
    return bool(stored) and stored[0] == schema_fingerprint()


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table; a warehouse made by another schema version is rebuilt from scratch.

    The warehouse is derived data: the raw folder is the source of truth, so after a schema change the
    next run re-reads every file rather than migrating tables in place.
    """
    con.execute("CREATE SCHEMA IF NOT EXISTS staging")
    con.execute("CREATE TABLE IF NOT EXISTS staging.schema_version (fingerprint VARCHAR NOT NULL)")
    if schema_is_current(con):
        return
    for view in VIEWS:
        con.execute(f"DROP VIEW IF EXISTS {quoted(view)}")
    for table in ALL_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {quoted(table)}")
        for statement in create_table_sql(table):
            con.execute(statement)
    for view in VIEWS:
        for statement in create_view_sql(view):
            con.execute(statement)
    con.execute("DELETE FROM staging.schema_version")
    con.execute("INSERT INTO staging.schema_version VALUES (?)", [schema_fingerprint()])
