"""Throwaway servers the tests start and always stop: PostgreSQL (Debian's server programs, which
`.ci/run` installs) and an S3-compatible object store (moto's server, a dev dependency). A test that needs
one fails when it is missing: it never skips."""

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import pytest
from psycopg2 import sql

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

    def lake_catalog(self, db: str) -> str:
        """The catalog setting of a DuckLake in database `db` of this server (`NEWS_LAKE_CATALOG`)."""
        return f"postgres:dbname={db} host={self.host} port={self.port} user={self.user} password={self.password}"

    def create_database(self, db: str) -> None:
        with contextlib.closing(self.connect("postgres")) as con:
            con.autocommit = True
            con.cursor().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db)))

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
    pytest.fail(f"running as root without runuser or an unprivileged user ({', '.join(SERVER_USERS)})")


@pytest.fixture
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL server of its own in a temporary folder, on a free loopback port; always stopped."""
    initdb, pg_ctl = _postgres_tool("initdb"), _postgres_tool("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.fail("PostgreSQL server programs (initdb, pg_ctl) not found: apt-get install postgresql")
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
        server.create_database(server.db)
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


@dataclass(frozen=True)
class ObjectStore:
    """A running S3-compatible server, and the environment that points the lake's data at it."""

    endpoint: str

    def environment(self, bucket: str) -> dict[str, str]:
        return {
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_REGION": "us-east-1",
            "NEWS_S3_ENDPOINT": self.endpoint,
            "NEWS_LAKE_DATA": f"s3://{bucket}/lake/",
        }

    def create_bucket(self, bucket: str) -> None:
        request = urllib.request.Request(f"{self.endpoint}/{bucket}", method="PUT")
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200

    def object_count(self, bucket: str) -> int:
        with urllib.request.urlopen(f"{self.endpoint}/{bucket}?list-type=2", timeout=30) as response:
            return response.read().decode("utf-8").count("<Key>")


@pytest.fixture
def object_store(tmp_path: Path) -> Iterator[ObjectStore]:
    """moto's S3 server on a free loopback port, in its own process; always stopped."""
    server = Path(sys.executable).with_name("moto_server")
    if not server.exists():
        pytest.fail("moto_server not found: install the dev dependencies (bash scripts/setup)")
    port = _free_port()
    log = (tmp_path / "moto.log").open("w")
    process = subprocess.Popen([str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    store = ObjectStore(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{store.endpoint}/moto-api/", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto_server did not start:\n{(tmp_path / 'moto.log').read_text()}")
                time.sleep(0.2)
        yield store
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
