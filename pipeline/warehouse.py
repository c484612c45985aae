"""The DuckDB warehouse: tables made from the pandera models, idempotent writes, atomic publishing.

The pipeline writes only to a private build file (`news.build.duckdb`) and, at the end of a run, publishes
a finished copy over `news.duckdb` with an atomic rename. Analysts' read-only sessions on `news.duckdb`
therefore never block a run and never see a half-written state: an open session keeps the version it
opened until it reconnects.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from pipeline.schemas import ALL_TABLES, TABLES
from pipeline.views import PARQUET_VIEWS, VIEWS

DUCKDB_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Int32: "INTEGER",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
}
#: Bytes compared, and rewritten where they differ, at a time when publishing mirrors the build file.
MIRROR_CHUNK_BYTES = 1 << 20
#: Tables analysts query (the `staging` schema is the pipeline's own bookkeeping).
PUBLISHED_TABLES: tuple[str, ...] = tuple(t for t in TABLES if not t.startswith("staging."))
#: Parquet exports split by a column, where readers usually want one value of it.
PARQUET_PARTITIONS: dict[str, str] = {"figures": "kind", "entity_mentions": "type", "quotes": "kind"}
PARQUET_MANIFEST = "_manifest.json"
#: Tables whose `text` is fixed by their other columns (the article id is a hash of the article's text,
#: a paragraph's text is the article's between its offsets), so checksums leave it out.
TEXT_FIXED_BY_ID = frozenset({"articles", "paragraphs"})
#: How long to wait for another step of the same run that holds the build file's write lock.
LOCK_WAIT_SECONDS = 60.0


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


def _sql_literal(text: str) -> str:
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
            f"COMMENT ON TABLE {quoted(table)} IS {_sql_literal(ALL_TABLES[table].__doc__.strip())}"
        )
    statements.extend(
        f"COMMENT ON COLUMN {quoted(table)}.{quoted(name)} IS {_sql_literal(column.description)}"
        for name, column in schema.columns.items()
        if column.description
    )
    return statements


def create_view_sql(view: str, views: dict[str, tuple[str, str]] = VIEWS) -> list[str]:
    description, sql = views[view]
    return [
        f"CREATE OR REPLACE VIEW {quoted(view)} AS {sql.strip()}",
        f"COMMENT ON VIEW {quoted(view)} IS {_sql_literal(description)}",
    ]


def schema_fingerprint() -> str:
    """Changes whenever any table or view definition changes."""
    statements = [sql for table in ALL_TABLES for sql in create_table_sql(table)]
    statements += [sql for view in VIEWS for sql in create_view_sql(view)]
    return hashlib.sha256("\n".join(statements).encode("utf-8")).hexdigest()[:16]


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table; a build file made by another schema version is rebuilt from scratch.

    The warehouse is derived data: the raw folder is the source of truth, so after a schema change the
    next run re-reads every file rather than migrating tables in place.
    """
    fingerprint = schema_fingerprint()
    con.execute("CREATE SCHEMA IF NOT EXISTS staging")
    con.execute("CREATE TABLE IF NOT EXISTS staging.schema_version (fingerprint VARCHAR NOT NULL)")
    stored = con.execute("SELECT fingerprint FROM staging.schema_version").fetchone()
    if stored and stored[0] == fingerprint:
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
    con.execute("INSERT INTO staging.schema_version VALUES (?)", [fingerprint])


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


class Warehouse:
    """The published warehouse file and the private build file the pipeline writes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.build_path = self.path.with_name(f"{self.path.stem}.build{self.path.suffix or '.duckdb'}")

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

    @property
    def parquet_path(self) -> Path:
        """The folder of Parquet copies beside the published file (`warehouse/parquet/`)."""
        return self.path.with_name("parquet")

    def export_parquet(self) -> dict[str, int]:
        """Parquet copies of every published table, rewriting only the parts that changed.

        Each table is a folder of files split by the first character of its article (or entity) id, 16
        parts (`articles/part-3-0.parquet`); figures, quotes and mentions are also split by kind or type in
        Hive layout (`figures/kind=money/part-3-0.parquet`). A checksum of each part's rows (in
        `_manifest.json`) says which parts changed since the last export, so one new article rewrites one
        part of each table. Each file is replaced atomically. `views.sql` creates the analysis views over
        the files. Returns rows per table.
        """
        root = self.parquet_path
        manifest_path = root / PARQUET_MANIFEST
        previous = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        if previous.get("schema") != schema_fingerprint():  # another layout: start afresh
            shutil.rmtree(root, ignore_errors=True)
            previous = {}
        root.mkdir(parents=True, exist_ok=True)
        manifest: dict[str, object] = {"schema": schema_fingerprint()}
        exported: dict[str, int] = {}
        with self.connect() as con:
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

    def publish(self) -> int:
        """Make the published file a byte-for-byte copy of the finished build, by one atomic rename.

        The build is mirrored into a spare file that is then renamed over `news.duckdb`; analysts' open
        sessions keep the inode they opened. The spare is the copy published before, kept by a hard link,
        so only the chunks that changed since are written (one new article in a 476 MB warehouse: about
        15 MB). Returns the bytes written.
        """
        with _exclusive_lock(self.path.with_name(f".{self.path.name}.lock")):  # one publisher at a time
            with self.connect() as con:
                con.execute("CHECKPOINT")
            spare = self.path.with_name(f".{self.path.name}.spare")
            written = _mirror(self.build_path, spare)
            previous = self.path.with_name(f".{self.path.name}.previous")
            previous.unlink(missing_ok=True)
            if self.path.exists():
                os.link(self.path, previous)
            os.replace(spare, self.path)
            if previous.exists():
                os.replace(previous, spare)
            _fsync_folder(self.path.parent)
        return written


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """A lock on its own file (`flock`: closing other descriptors does not drop it), waited for."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _mirror(source: Path, target: Path) -> int:
    """Make `target` byte-identical to `source`, writing only the chunks that differ; returns bytes written.

    Every byte is compared rather than trusting which blocks DuckDB rewrote, so a half-written or edited
    target is repaired the same way.
    """
    written = offset = 0
    ours, theirs = bytearray(MIRROR_CHUNK_BYTES), bytearray(MIRROR_CHUNK_BYTES)
    source_fd = os.open(source, os.O_RDONLY)
    try:
        target_fd = _open_unshared(target)
        try:
            while size := os.preadv(source_fd, [ours], offset):
                same_size = os.preadv(target_fd, [theirs], offset) == size
                if not same_size or (
                    ours != theirs if size == MIRROR_CHUNK_BYTES else ours[:size] != theirs[:size]
                ):
                    _write_all(target_fd, memoryview(ours)[:size], offset)
                    written += size
                offset += size
            os.ftruncate(target_fd, offset)
            os.fsync(target_fd)
        finally:
            os.close(target_fd)
    finally:
        os.close(source_fd)
    return written


def _write_all(fd: int, data: memoryview, offset: int) -> None:
    while data:  # a write may be short (a full disk, a signal): the rest goes after it
        done = os.pwrite(fd, data, offset)
        data, offset = data[done:], offset + done


def _open_unshared(path: Path) -> int:
    """A descriptor of `path` that no other open file refers to, in any process of this machine.

    The kernel grants a write lease only on a file nobody else has open (a DuckDB session, a plain
    `open`, a memory map), so taking one and letting it go at once tells whether some session still reads
    the spare. Such a file is unlinked (the session keeps its inode, unchanged) and a new, empty one takes
    its name, as it does wherever no lease can be had. Nothing opens the hidden spare by name, so it stays
    unshared while it is written.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    except OSError:  # open elsewhere, or no lease to be had (not the file's owner, a network filesystem)
        os.close(fd)
        path.unlink()
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    return fd


def _fsync_folder(folder: Path) -> None:
    """Make renames in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
            f"TO {_sql_literal(str(scratch))} (FORMAT PARQUET, PARTITION_BY ({quoted(partition)}))",
            [part, part],
        )
    else:
        con.execute(
            f"COPY (SELECT * FROM {quoted(table)} WHERE left({quoted(key)}, 1) = ? OR ? = 'all') "
            f"TO {_sql_literal(str(scratch))} (FORMAT PARQUET, PER_THREAD_OUTPUT)",
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
