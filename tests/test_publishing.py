"""Publishing mirrors the build file into `news.duckdb`: an exact copy, written only where it changed, and
never into a file some session still has open."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from pipeline.warehouse.publish import publish
from pipeline.warehouse.store import Warehouse

ROWS = 1_500_000
#: An analyst in another process: a read-only DuckDB session, then a plain open and close of the same file,
#: which drops every POSIX lock the process holds on it (DuckDB's too). On a line from stdin it prints the
#: SHA-256 of the file its session reads (through its own descriptor) and the rows it sees.
ANALYST = """
import hashlib, os, sys
from pathlib import Path
import duckdb
path = Path(sys.argv[1])
con = duckdb.connect(str(path), read_only=True)
open(path, "rb").close()
opened = path.stat()
print("ready", flush=True)
sys.stdin.readline()
mine = next(
    f"/proc/self/fd/{n}" for n in os.listdir("/proc/self/fd")
    if (lambda s: (s.st_dev, s.st_ino))(os.stat(f"/proc/self/fd/{n}")) == (opened.st_dev, opened.st_ino)
)
digest = hashlib.sha256(Path(mine).read_bytes()).hexdigest()
print(digest, con.execute("SELECT count(*) FROM runs").fetchone()[0], flush=True)
"""


def _build(tmp_path: Path) -> Warehouse:
    """A build file of about 25 MB that later runs add a row to, as a run adds one article."""
    store = Warehouse(tmp_path / "news.duckdb")
    with store.connect() as con:
        con.execute(
            "CREATE TABLE numbers AS SELECT range AS n, md5(range::VARCHAR) AS digest FROM range(?)", [ROWS]
        )
        con.execute("CREATE TABLE runs (label VARCHAR)")
    return store


def _add_run(store: Warehouse, label: str) -> None:
    with store.connect() as con:
        con.execute("INSERT INTO runs VALUES (?)", [label])


def _runs(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [label for (label,) in con.execute("SELECT label FROM runs ORDER BY label").fetchall()]


def _is_exact_copy(store: Warehouse) -> bool:
    return store.path.read_bytes() == store.build_path.read_bytes()


def test_publishing_rewrites_only_the_changed_chunks_of_the_copy_published_before(tmp_path: Path) -> None:
    store = _build(tmp_path)
    size = store.build_path.stat().st_size
    assert size > 16 * 2**20
    assert publish(store) == size  # nothing to start from
    _add_run(store, "a")
    assert publish(store) == store.build_path.stat().st_size  # the first copy becomes the spare
    _add_run(store, "b")
    written = publish(store)
    assert 0 < written < store.build_path.stat().st_size / 4
    assert _is_exact_copy(store)
    with duckdb.connect(str(store.path), read_only=True) as con:
        assert _runs(con) == ["a", "b"]


def test_a_session_in_another_process_keeps_its_file_unchanged(tmp_path: Path) -> None:
    store = _build(tmp_path)
    publish(store)
    original = hashlib.sha256(store.path.read_bytes()).hexdigest()
    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(store.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert analyst.stdout is not None and analyst.stdout.readline().strip() == "ready"
        for label in ("a", "b", "c"):  # from the second publish on, the analyst's file is the spare
            _add_run(store, label)
            publish(store)
            assert _is_exact_copy(store)
        output, _ = analyst.communicate("go\n", timeout=60)
    finally:
        analyst.kill()
    assert output.split() == [original, "0"]


def test_a_session_in_this_process_keeps_its_file_unchanged(tmp_path: Path) -> None:
    store = _build(tmp_path)
    publish(store)
    original = store.path.read_bytes()
    analyst = duckdb.connect(str(store.path), read_only=True)
    try:
        with open(store.path, "rb") as held:
            for label in ("a", "b", "c"):
                _add_run(store, label)
                publish(store)
                assert _is_exact_copy(store)
            assert os.pread(held.fileno(), len(original) + 1, 0) == original
        assert _runs(analyst) == []
    finally:
        analyst.close()
    _add_run(store, "d")
    publish(store)  # the spare is the analyst's old file no longer: the copy made while it was held
    _add_run(store, "e")
    assert publish(store) < store.build_path.stat().st_size / 4  # nobody holds the spare now
    with duckdb.connect(str(store.path), read_only=True) as con:
        assert _runs(con) == ["a", "b", "c", "d", "e"]


def test_a_damaged_spare_and_a_link_left_by_a_killed_run_are_repaired(tmp_path: Path) -> None:
    store = _build(tmp_path)
    publish(store)
    _add_run(store, "a")
    publish(store)
    spare = tmp_path / ".news.duckdb.spare"
    with open(spare, "r+b") as damaged:  # half-rewritten, and longer than the build
        damaged.seek(5 * 2**20)
        damaged.write(b"x" * 1000)
        damaged.seek(0, os.SEEK_END)
        damaged.write(b"tail" * 100_000)
    os.link(store.path, tmp_path / ".news.duckdb.previous")  # killed between its two renames
    _add_run(store, "b")
    publish(store)
    assert _is_exact_copy(store)
    with duckdb.connect(str(store.path), read_only=True) as con:
        assert _runs(con) == ["a", "b"]
