"""The deployment guide in deploy/ holds: its Dagster instance config, unchanged, records a real run in
PostgreSQL, and the exported Parquet reads in DuckDB exactly as docs/deployment.md shows."""

import contextlib
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import psycopg2
import pytest
from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage
from psycopg2 import sql

from evaluation.paths import REPO
from pipeline.runner import run_pipeline
from tests.support import WarehouseReader, copy_seeds

DEPLOY = REPO / "deploy"
#: Where docs/deployment.md's queries read the synced Parquet folder; the test points them at a local copy.
BUCKET_PREFIX = "s3://news-archive/news"
#: PostgreSQL refuses to run as root; as root the server runs as the first of these users that exists.
SERVER_USERS = ("postgres", "nobody")


@dataclass(frozen=True)
class Postgres:
    """Connection settings of a running throwaway server, as the DAGSTER_PG_* variables carry them."""

    port: int
    password: str
    host: str = "127.0.0.1"
    user: str = "dagster"
    db: str = "dagster"

    def environment(self) -> dict[str, str]:
        return {
            "DAGSTER_PG_HOST": self.host,
            "DAGSTER_PG_PORT": str(self.port),
            "DAGSTER_PG_USER": self.user,
            "DAGSTER_PG_PASSWORD": self.password,
            "DAGSTER_PG_DB": self.db,
        }

    def connect(self, db: str | None = None) -> "psycopg2.extensions.connection":
        return psycopg2.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=db or self.db
        )


def _postgres_tool(name: str) -> str | None:
    """On PATH, else where Debian keeps the server programs (/usr/lib/postgresql/<version>/bin)."""
    return shutil.which(name) or next(
        (str(p) for p in Path("/usr/lib/postgresql").glob(f"*/bin/{name}")), None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that drops root (initdb and postgres refuse it) and the user it switches to."""
    if os.geteuid() != 0:
        return [], None
    runuser = shutil.which("runuser")
    if runuser:
        for name in SERVER_USERS:
            with contextlib.suppress(KeyError):
                return [runuser, "-u", name, "--"], pwd.getpwnam(name)
    pytest.skip(f"running as root without runuser or an unprivileged user ({', '.join(SERVER_USERS)})")


@pytest.fixture
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL server of its own in a temporary folder, on a free loopback port; always stopped."""
    initdb, pg_ctl = _postgres_tool("initdb"), _postgres_tool("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) not found: apt-get install postgresql")
    prefix, user = _as_server_user()
    # Not pytest's tmp_path: its parents are private to root, and the server user must reach its folder.
    root = Path(tempfile.mkdtemp(prefix="news-postgres-"))
    data, log, password_file = root / "data", root / "server.log", root / "password"
    server = Postgres(port=_free_port(), password=secrets.token_hex(16))
    password_file.write_text(server.password, encoding="utf-8")
    if user:
        for path in (root, password_file):
            os.chown(path, user.pw_uid, user.pw_gid)

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], cwd=root, capture_output=True, text=True, timeout=60)
        if done.returncode:
            server_log = log.read_text(encoding="utf-8") if log.exists() else ""
            pytest.fail(f"{' '.join(args[:2])} failed:\n{done.stdout}{done.stderr}{server_log}")

    try:
        # Password authentication, so DAGSTER_PG_PASSWORD is really checked.
        run(initdb, "-D", str(data), "-U", server.user, "--pwfile", str(password_file), "-A", "scram-sha-256")
        options = f"-p {server.port} -c listen_addresses={server.host} -k {root} -c fsync=off"
        run(pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "30", "start")
        with contextlib.closing(server.connect("postgres")) as con:
            con.autocommit = True
            con.cursor().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(server.db)))
        yield server
    finally:
        if (data / "postmaster.pid").exists():  # started, even if it never answered
            subprocess.run(
                [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                cwd=root,
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(root, ignore_errors=True)


def test_documented_instance_records_the_run_in_postgres(
    postgres: Postgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(DEPLOY / "dagster.yaml", home / "dagster.yaml")  # as docs/deployment.md says, unchanged
    for name, value in postgres.environment().items():
        monkeypatch.setenv(name, value)
    raw = copy_seeds(tmp_path / "raw")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert isinstance(instance.run_storage, PostgresRunStorage)
        assert isinstance(instance.event_log_storage, PostgresEventLogStorage)
        queue = instance.run_coordinator.get_run_queue_config()
        assert queue.tag_concurrency_limits == [{"key": "dagster/code_location", "value": "news", "limit": 1}]

        result = run_pipeline(raw, tmp_path / "warehouse" / "news.duckdb", instance=instance)

        assert result.success
        assert instance.get_run_by_id(result.run_id).status == dg.DagsterRunStatus.SUCCESS
        latest = instance.get_latest_materialization_event(dg.AssetKey("articles"))
        assert latest is not None and latest.run_id == result.run_id
    # Read back from the database itself, as the webserver and daemon on other hosts would.
    with contextlib.closing(postgres.connect()) as con, con.cursor() as cursor:
        cursor.execute("SELECT status FROM runs WHERE run_id = %s", [result.run_id])
        assert cursor.fetchall() == [("SUCCESS",)]
        cursor.execute(
            "SELECT DISTINCT asset_key FROM event_logs "
            "WHERE run_id = %s AND dagster_event_type = 'ASSET_MATERIALIZATION'",
            [result.run_id],
        )
        materialized = {row[0] for row in cursor.fetchall()}
    assert {dg.AssetKey(name).to_string() for name in ("articles", "figures", "quotes")} <= materialized


def documented_parquet_queries() -> list[str]:
    """The SQL blocks of docs/deployment.md that read the synced Parquet folder."""
    text = (REPO / "docs" / "deployment.md").read_text(encoding="utf-8")
    return [block for block in re.findall(r"```sql\n(.*?)```", text, flags=re.S) if BUCKET_PREFIX in block]


def test_parquet_export_reads_as_documented(seeds_warehouse: WarehouseReader, tmp_path: Path) -> None:
    mirror = tmp_path / "news"
    # What `aws s3 sync warehouse/parquet s3://news-archive/news` uploads, byte for byte.
    shutil.copytree(seeds_warehouse.path.with_name("parquet"), mirror)
    queries = documented_parquet_queries()
    assert len(queries) == 3
    views = (mirror / "views.sql").read_text(encoding="utf-8")
    with duckdb.connect() as con:
        for query in queries:
            query = query.replace(".read views.sql", views).replace(BUCKET_PREFIX, str(mirror))
            assert con.execute(query).fetchall(), query
        # The partition folders give back the column they were split on, and no row is lost.
        for table, column in (("figures", "kind"), ("quotes", "kind"), ("entity_mentions", "type")):
            exported = con.execute(
                f"SELECT {column}, count(*) FROM read_parquet(?, hive_partitioning = true) GROUP BY ALL ORDER BY ALL",
                [f"{mirror}/{table}/**/*.parquet"],
            ).fetchall()
            published = seeds_warehouse.rows(
                f"SELECT {column}, count(*) AS n FROM {table} GROUP BY ALL ORDER BY ALL"
            )
            assert exported == [tuple(row.values()) for row in published], table
