"""Parquet copies of the published tables for readers without DuckDB, rewriting only the parts that changed.

Each table is a folder of files split by the first character of its article (or entity) id, 16 parts
(`articles/part-3-0.parquet`); figures, quotes and mentions are also split by kind or type in Hive layout
(`figures/kind=money/part-3-0.parquet`). A checksum of each part's rows (in `_manifest.json`) says which
parts changed since the last export, so one new article rewrites one part of each table. Each file is
replaced atomically. `views.sql` creates the tables and analysis views over the files.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from pipeline.warehouse.ddl import create_view_sql, quoted, schema_fingerprint, sql_literal
from pipeline.warehouse.schemas import ALL_TABLES
from pipeline.warehouse.store import PUBLISHED_TABLES, Warehouse
from pipeline.warehouse.views import PARQUET_VIEWS

#: Parquet exports split by a column, where readers usually want one value of it.
PARQUET_PARTITIONS: dict[str, str] = {"figures": "kind", "entity_mentions": "type", "quotes": "kind"}
PARQUET_MANIFEST = "_manifest.json"
#: Tables whose `text` is fixed by their other columns (the article id is a hash of the article's text,
#: a paragraph's text is the article's between its offsets), so checksums leave it out.
TEXT_FIXED_BY_ID = frozenset({"articles", "paragraphs"})


def export_parquet(store: Warehouse) -> dict[str, int]:
    """Bring `store.parquet_path` up to date with the build; returns rows per table."""
    root = store.parquet_path
    manifest_path = root / PARQUET_MANIFEST
    previous = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    if previous.get("schema") != schema_fingerprint():  # another layout: start afresh
        shutil.rmtree(root, ignore_errors=True)
        previous = {}
    root.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {"schema": schema_fingerprint()}
    exported: dict[str, int] = {}
    with store.connect() as con:
        for table in PUBLISHED_TABLES:
            checksums = _part_checksums(con, table)
            before = previous.get(table, {})
            for part, checksum in checksums.items():
                if before.get(part) != checksum:
                    _export_part(con, root / table, table, part)
            for part in set(before) - set(checksums):
                _remove_part(root / table, part)
            manifest[table] = checksums
            exported[table] = sum(int(c.split(":")[0]) for c in checksums.values())
    (root / "views.sql").write_text(parquet_views_sql(), encoding="utf-8")
    building = manifest_path.with_suffix(".building")
    building.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(building, manifest_path)
    return exported


def _part_key(table: str) -> str:
    """The column whose first character says a row's part: the article (or entity) id, else the first."""
    columns = list(ALL_TABLES[table].to_schema().columns)
    return "entity_id" if table == "entities" else "article_id" if "article_id" in columns else columns[0]


def _part_checksums(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """`rows:xor of row hashes` per part of a table; an empty table is one part, `all`, so that it still
    has a file with its columns."""
    key = _part_key(table)
    if table in TEXT_FIXED_BY_ID:  # hashing the article texts would cost more than the rest together
        rows = con.execute(
            f"SELECT left({quoted(key)}, 1), count(*) || ':' || bit_xor(hash(t)) "
            f"FROM (SELECT * EXCLUDE (text) FROM {quoted(table)}) t GROUP BY ALL"
        ).fetchall()
    else:
        rows = con.execute(
            f"SELECT left({quoted(key)}, 1), count(*) || ':' || bit_xor(hash(t)) FROM {quoted(table)} t GROUP BY ALL"
        ).fetchall()
    return dict(rows) if rows else {"all": "0:0"}


def _export_part(con: duckdb.DuckDBPyConnection, folder: Path, table: str, part: str) -> None:
    """Write one part's files beside the old ones, swap each in atomically, drop the part's leftovers."""
    key = _part_key(table)
    scratch = folder.parent / f".{folder.name}.{part}.building"
    shutil.rmtree(scratch, ignore_errors=True)
    partition = PARQUET_PARTITIONS.get(table)
    if partition:
        con.execute(
            f"COPY (SELECT * FROM {quoted(table)} WHERE left({quoted(key)}, 1) = ? OR ? = 'all') "
            f"TO {sql_literal(str(scratch))} (FORMAT PARQUET, PARTITION_BY ({quoted(partition)}))",
            [part, part],
        )
    else:
        con.execute(
            f"COPY (SELECT * FROM {quoted(table)} WHERE left({quoted(key)}, 1) = ? OR ? = 'all') "
            f"TO {sql_literal(str(scratch))} (FORMAT PARQUET, PER_THREAD_OUTPUT)",
            [part, part],
        )
    written = set()
    for number, file in enumerate(sorted(scratch.rglob("*.parquet"))):
        target = folder / file.parent.relative_to(scratch) / f"part-{part}-{number}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(file, target)
        written.add(target)
    for old in folder.rglob(f"part-{part}-*.parquet"):
        if old not in written:
            old.unlink()
    shutil.rmtree(scratch, ignore_errors=True)


def _remove_part(folder: Path, part: str) -> None:
    for old in folder.rglob(f"part-{part}-*.parquet"):
        old.unlink()


def parquet_views_sql() -> str:
    """DuckDB statements that make the Parquet export queryable like the warehouse: a view per table over
    its files, then the analysis views. Set the folder first: `SET VARIABLE news_parquet = 's3://…';`."""
    lines = [
        "-- SET VARIABLE news_parquet = '<folder or s3://bucket/prefix of the export>'; then run this file."
    ]
    for table in PUBLISHED_TABLES:
        lines.append(
            f"CREATE OR REPLACE VIEW {quoted(table)} AS SELECT * FROM read_parquet("
            f"getvariable('news_parquet') || '/{table}/**/*.parquet', hive_partitioning = true);"
        )
    lines += [statement + ";" for view in PARQUET_VIEWS for statement in create_view_sql(view, PARQUET_VIEWS)]
    return "\n".join(lines) + "\n"
