"""Faults a scheduled pipeline meets: a run killed with SIGKILL, and analysts holding the lake open from
another process while a run writes. Both use real processes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evaluation.paths import REPO
from pipeline.runner import run_pipeline
from pipeline.warehouse.store import Warehouse
from tests.support import WarehouseReader, copy_seeds, snapshot

ARTICLE_TABLES = ("paragraphs", "figures", "quotes", "entity_mentions")
MORE_ARTICLES = 60
START_TIMEOUT = 120


def _add_bbc_articles(raw: Path, shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus" / "bbc" / "politics").glob("*.txt"))[:MORE_ARTICLES]:
        shutil.copy(path, raw / f"politics-{path.name}")


def _assert_consistent(path: Path) -> int:
    """Opens read-only; no row belongs to an article the warehouse does not have; returns the article count."""
    with Warehouse.at(path).connect(read_only=True) as con:
        for table in ARTICLE_TABLES:
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT article_id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, table
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def _data_files(warehouse: Path) -> int:
    return sum(1 for _ in (warehouse / "data").rglob("*.parquet"))


def _pipeline_process(raw: Path, warehouse: Path, home: Path) -> subprocess.Popen:
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "NEWS_RAW_DIR": str(raw),
        "NEWS_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(home),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the kill reaches every child
    )


@pytest.mark.parametrize("after_writing_starts", [0.0, 2.0])
def test_a_killed_run_leaves_a_consistent_warehouse_and_the_next_run_completes_it(
    tmp_path: Path, shared_dir: Path, after_writing_starts: float
) -> None:
    raw = copy_seeds(tmp_path / "raw")
    warehouse = tmp_path / "warehouse"
    assert run_pipeline(raw, warehouse).success
    files = _data_files(warehouse)
    _add_bbc_articles(raw, shared_dir)

    process = _pipeline_process(raw, warehouse, tmp_path / "dagster_home")
    deadline = time.monotonic() + START_TIMEOUT
    while _data_files(warehouse) == files and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(after_writing_starts)
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    # Every commit is whole: what the killed run committed is there, and nothing of a half-written batch.
    assert 2 <= _assert_consistent(warehouse) <= 2 + MORE_ARTICLES

    assert run_pipeline(raw, warehouse).success
    assert _assert_consistent(warehouse) == 2 + MORE_ARTICLES
    clean = tmp_path / "clean"
    assert run_pipeline(raw, clean).success
    assert snapshot(WarehouseReader(warehouse)) == snapshot(
        WarehouseReader(clean)
    )  # as if the kill never happened: no duplicates, same ids


READER = """
import sys, time
from pathlib import Path
from pipeline.warehouse.lake import connect
from pipeline.settings import lake
con = connect(lake(Path(sys.argv[1])), read_only=True)
first = con.execute("SELECT count(*) FROM articles").fetchone()[0]
Path(sys.argv[2]).write_text("ready")
while not Path(sys.argv[3]).exists():
    time.sleep(0.05)
second = con.execute("SELECT count(*) FROM articles").fetchone()[0]
orphans = con.execute("SELECT count(*) FROM figures WHERE article_id NOT IN (SELECT article_id FROM articles)").fetchone()[0]
print(first, second, orphans)
"""


def test_an_analyst_process_holding_the_warehouse_open_never_blocks_a_run(
    tmp_path: Path, shared_dir: Path
) -> None:
    raw = copy_seeds(tmp_path / "raw")
    warehouse = tmp_path / "warehouse"
    assert run_pipeline(raw, warehouse).success
    ready, done = tmp_path / "ready", tmp_path / "done"
    analyst = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse), str(ready), str(done)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists()
        _add_bbc_articles(raw, shared_dir)
        assert run_pipeline(raw, warehouse).success  # the analyst's open session does not make it fail
        done.write_text("done")
        output, _ = analyst.communicate(timeout=START_TIMEOUT)
    finally:
        analyst.kill()
    # Each query reads the lake's last snapshot: before the run, then after it, never a half-written one.
    assert output.split() == ["2", str(2 + MORE_ARTICLES), "0"]
    assert _assert_consistent(warehouse) == 2 + MORE_ARTICLES
