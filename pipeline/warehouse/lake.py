"""Where the warehouse lives: a DuckLake, its catalog in a SQL database and its tables as Parquet files.

On one machine the catalog is a SQLite file and the data a folder, both under the warehouse folder
(`warehouse/catalog.sqlite`, `warehouse/data/`); across machines the catalog is a PostgreSQL database and
the data an object store, chosen by settings alone (`NEWS_LAKE_CATALOG`, `NEWS_LAKE_DATA`, see
`pipeline/settings.py`). Every process opens an in-memory DuckDB and attaches the lake; DuckDB's
extensions load from the wheels pinned in `pyproject.toml`, so nothing is downloaded at run time.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.warehouse.ddl import quoted, sql_literal

#: The name the lake is attached under, in the pipeline and in analysts' sessions.
LAKE_NAME = "news"
#: The extension each kind of catalog or data path needs, as the `duckdb-ext-*` wheels name their files.
CATALOG_EXTENSIONS: dict[str, str] = {"sqlite": "sqlite_scanner", "postgres": "postgres_scanner"}
DATA_EXTENSIONS: dict[str, str] = {"s3": "httpfs", "gcs": "httpfs", "http": "httpfs", "https": "httpfs"}
#: Environment variables an S3-compatible store is reached with (the AWS SDK's own names).
S3_SETTINGS: dict[str, str] = {
    "KEY_ID": "AWS_ACCESS_KEY_ID",
    "SECRET": "AWS_SECRET_ACCESS_KEY",
    "REGION": "AWS_REGION",
    "ENDPOINT": "NEWS_S3_ENDPOINT",
}


@dataclass(frozen=True)
class Lake:
    """A DuckLake: `catalog` as DuckLake takes it (`sqlite:PATH`, `postgres:dbname=… host=…`) and the
    folder or object-store prefix of its Parquet files."""

    catalog: str
    data_path: str
    #: The embedded lake: its data folder is where its catalog is, so a folder moved or copied whole is
    #: still one lake (DuckLake keeps file paths relative to the data path).
    in_one_folder: bool = False

    @classmethod
    def in_folder(cls, folder: Path | str) -> Lake:
        """The embedded default: a SQLite catalog and a data folder inside `folder`."""
        folder = Path(folder).absolute()
        return cls(f"sqlite:{folder / 'catalog.sqlite'}", f"{folder / 'data'}/", in_one_folder=True)

    @property
    def is_local(self) -> bool:
        return "://" not in self.data_path

    @property
    def extensions(self) -> list[str]:
        """DuckLake, and what its catalog and data path are reached with."""
        catalog = CATALOG_EXTENSIONS.get(self.catalog.split(":", 1)[0])
        data = DATA_EXTENSIONS.get(self.data_path.split("://", 1)[0]) if not self.is_local else None
        return ["ducklake", *(e for e in (catalog, data) if e)]

    def attach_sql(
        self, read_only: bool = False, snapshot: int | None = None, name: str = LAKE_NAME
    ) -> list[str]:
        """The statements that make the lake, attached as `name`, the current database of a DuckDB session:
        the same for the pipeline, `scripts/sql` and a notebook (`python -m pipeline --attach-sql`)."""
        options = [f"DATA_PATH {sql_literal(self.data_path)}"]
        if self.in_one_folder:
            options.append("OVERRIDE_DATA_PATH TRUE")
        if read_only:
            options.append("READ_ONLY")
        if snapshot is not None:
            options.append(f"SNAPSHOT_VERSION {int(snapshot)}")
        return [
            *(f"LOAD {sql_literal(str(extension_file(e)))}" for e in self.extensions),
            *_s3_secret_sql(self.data_path),
            f"ATTACH {sql_literal('ducklake:' + self.catalog)} AS {quoted(name)} ({', '.join(options)})",
            f"USE {quoted(name)}",
        ]


def connect(lake: Lake, read_only: bool = False, snapshot: int | None = None) -> duckdb.DuckDBPyConnection:
    """A session on the lake, in use. Loading the extensions and attaching take most of a second, so each
    process attaches a lake once (once for writing, once for reading) and hands out cursors on it; a
    snapshot gets a session of its own."""
    if snapshot is not None:
        return _attached(lake, True, snapshot)
    key = (lake, read_only, os.getpid())  # never a session inherited across fork
    session = _SESSIONS.get(key)
    if session is None:
        session = _SESSIONS[key] = _attached(lake, read_only, None)
    cursor = session.cursor()
    cursor.execute(f"USE {quoted(LAKE_NAME)}")
    return cursor


_SESSIONS: dict[tuple[Lake, bool, int], duckdb.DuckDBPyConnection] = {}


def _attached(lake: Lake, read_only: bool, snapshot: int | None) -> duckdb.DuckDBPyConnection:
    if not read_only:
        if lake.is_local:
            Path(lake.data_path).mkdir(parents=True, exist_ok=True)
        if lake.catalog.startswith("sqlite:"):
            _write_ahead_logged(Path(lake.catalog.removeprefix("sqlite:")))
    con = duckdb.connect(config=OFFLINE_CONFIG)
    try:
        for statement in lake.attach_sql(read_only, snapshot):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


#: No extension is installed or loaded behind our back: they come from the pinned wheels only.
OFFLINE_CONFIG: dict[str, str | bool] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
#: The same, as the DuckDB command line takes it (`scripts/sql`).
OFFLINE_SETTINGS = " ".join(f"SET {name} = {str(value).lower()};" for name, value in OFFLINE_CONFIG.items())


def _write_ahead_logged(catalog: Path) -> None:
    """A SQLite catalog in write-ahead-log mode (a setting the file keeps): readers and the writer of the
    moment never wait for each other, so an analyst's open session never holds up a commit."""
    catalog.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(catalog)) as con:
        con.execute("PRAGMA journal_mode = WAL")


def extension_file(name: str) -> Path:
    """The extension binary shipped in its `duckdb-ext-*` wheel for this DuckDB version and platform."""
    import duckdb_ext  # the namespace package the wheels install into

    version = duckdb.__version__
    for root in duckdb_ext.__path__:
        for path in Path(root, "extensions", f"v{version}").glob(f"*/{name}.duckdb_extension"):
            return path
    raise FileNotFoundError(f"no {name} extension for DuckDB {version}: run scripts/setup")


def _s3_secret_sql(data_path: str) -> list[str]:
    """A DuckDB secret for an `s3://` data path, from the environment; none for a local folder."""
    if not data_path.startswith("s3://"):
        return []
    values = {key: os.environ[env] for key, env in S3_SETTINGS.items() if os.environ.get(env)}
    endpoint = values.pop("ENDPOINT", None)
    parts = ["TYPE S3", *(f"{key} {sql_literal(value)}" for key, value in values.items())]
    if endpoint:  # an S3-compatible server (MinIO, moto): path-style addresses on its own host
        scheme, _, host = endpoint.rpartition("://")
        parts += [f"ENDPOINT {sql_literal(host)}", "URL_STYLE 'path'", f"USE_SSL {scheme != 'http'}"]
    return [f"CREATE OR REPLACE SECRET news_lake_s3 ({', '.join(parts)})"]
