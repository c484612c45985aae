"""The lake past one machine: its catalog on a PostgreSQL server and its data on an S3 endpoint, both
started by the test; two workers write at once, a reader in another process sees only whole snapshots, a
run killed mid-batch leaves the lake consistent, and the result equals a one-process run on the embedded
default."""

import json
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
from tests.servers import ObjectStore, Postgres
from tests.support import WarehouseReader, copy_seeds, snapshot

MORE_ARTICLES = 40
BUCKET = "news-lake"
TIMEOUT = 300

#: Polls the lake while the pipeline writes: per snapshot seen, each extracted article's figure count.
READER = """
import json, sys, time
from pathlib import Path
from pipeline import settings
from pipeline.warehouse.lake import connect
stop, out = Path(sys.argv[1]), Path(sys.argv[2])
seen = []
while not stop.exists():
    try:
        con = connect(settings.lake(), read_only=True)
    except Exception:  # the catalog is not created yet
        time.sleep(0.2)
        continue
    with con:
        con.execute("BEGIN TRANSACTION")  # one snapshot for the whole read
        try:
            rows = con.execute(
                "SELECT l.article_id, count(f.figure_id) FROM staging.extraction_log l "
                "LEFT JOIN figures f USING (article_id) GROUP BY ALL"
            ).fetchall()
            orphans = con.execute(
                "SELECT count(*) FROM figures WHERE article_id NOT IN (SELECT article_id FROM articles)"
            ).fetchone()[0]
            seen.append({"figures": dict(rows), "orphans": orphans})
        except Exception:
            pass  # the tables are not created yet
        con.execute("ROLLBACK")
    time.sleep(0.1)
out.write_text(json.dumps(seen))
"""


#: The pipeline with two workers and small batches, so several extraction steps run in processes of their own
#: and commit one after another.
TWO_WORKERS = """
import json, sys
from pathlib import Path
import dagster as dg
from pipeline.runner import run_pipeline
with dg.instance_for_test() as instance:
    result = run_pipeline(Path(sys.argv[1]), None, instance, workers=2, articles_per_batch=8)
    assert result.success
    pids = {e.pid for e in result.all_events if "extract_article_batch" in (e.step_key or "")}
print(json.dumps({"batch_processes": len(pids)}))
"""


@pytest.fixture
def cluster_lake(postgres: Postgres, object_store: ObjectStore, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The environment that puts the lake's catalog on the server and its data in the bucket."""
    postgres.create_database("lake")
    object_store.create_bucket(BUCKET)
    environment = {"NEWS_LAKE_CATALOG": postgres.lake_catalog("lake"), **object_store.environment(BUCKET)}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return environment


def _corpus(raw: Path, shared_dir: Path) -> Path:
    copy_seeds(raw)
    for path in sorted((shared_dir / "corpus" / "bbc" / "business").glob("*.txt"))[:MORE_ARTICLES]:
        shutil.copy(path, raw / f"business-{path.name}")
    return raw


def _embedded_run(raw: Path, folder: Path) -> WarehouseReader:
    """A one-process run on the embedded default (no NEWS_LAKE_* settings)."""
    saved = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("NEWS_LAKE_")}
    try:
        assert run_pipeline(raw, folder).success
        return _Embedded(folder)
    finally:
        os.environ.update(saved)


class _Embedded(WarehouseReader):
    """Reads the embedded lake in `path` even while NEWS_LAKE_* point elsewhere."""

    def rows(self, sql: str, params: list[object] | None = None) -> list[dict]:
        saved = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("NEWS_LAKE_")}
        try:
            return super().rows(sql, params)
        finally:
            os.environ.update(saved)


def test_two_workers_write_one_lake_on_postgres_and_s3_while_a_reader_sees_whole_snapshots(
    cluster_lake: dict, object_store: ObjectStore, tmp_path: Path, shared_dir: Path
) -> None:
    raw = _corpus(tmp_path / "raw", shared_dir)
    stop, out = tmp_path / "stop", tmp_path / "seen.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(stop), str(out)], cwd=REPO)
    try:
        # A fresh process: step processes fork from a server that keeps the environment it started with.
        done = subprocess.run(
            [sys.executable, "-c", TWO_WORKERS, str(raw)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert json.loads(done.stdout.splitlines()[-1])["batch_processes"] >= 2
    finally:
        stop.write_text("stop")
        reader.wait(timeout=TIMEOUT)
    lake = WarehouseReader(tmp_path / "unused")  # NEWS_LAKE_* place it on the servers
    final = dict(
        (r["article_id"], r["n"])
        for r in lake.rows(
            "SELECT article_id, count(figure_id) AS n FROM articles LEFT JOIN figures USING (article_id) GROUP BY ALL"
        )
    )
    assert len(final) == 2 + MORE_ARTICLES
    assert object_store.object_count(BUCKET) > 0 and not (tmp_path / "unused").exists()

    seen = json.loads(out.read_text())
    assert len(seen) > 3 and any(0 < len(s["figures"]) < len(final) for s in seen)  # read mid-run
    for state in seen:  # every extracted article has all its figures in every snapshot read
        assert state["orphans"] == 0
        assert all(final[article] == n for article, n in state["figures"].items())

    embedded = _embedded_run(raw, tmp_path / "embedded")
    assert snapshot(lake) == snapshot(embedded)


def test_a_run_killed_mid_batch_leaves_the_lake_consistent_and_the_next_run_completes_it(
    cluster_lake: dict, tmp_path: Path, shared_dir: Path
) -> None:
    raw = _corpus(tmp_path / "raw", shared_dir)
    # Batches of 8 articles over two workers: the run commits extraction batch by batch, and is killed
    # after the first of them.
    process = subprocess.Popen(
        [sys.executable, "-c", TWO_WORKERS, str(raw)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the kill reaches the step processes too
    )
    lake = WarehouseReader(tmp_path / "unused")
    deadline = time.monotonic() + TIMEOUT
    extracted = 0
    while extracted == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            extracted = lake.scalar("SELECT count(*) FROM staging.extraction_log")
        except Exception:
            continue  # not created yet
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    articles = lake.scalar("SELECT count(*) FROM articles")
    orphans = lake.scalar(
        "SELECT count(*) FROM figures WHERE article_id NOT IN (SELECT article_id FROM articles)"
    )
    assert articles == 2 + MORE_ARTICLES and orphans == 0
    assert 0 < lake.scalar("SELECT count(*) FROM staging.extraction_log") < articles

    assert run_pipeline(raw, None).success
    assert snapshot(lake) == snapshot(_embedded_run(raw, tmp_path / "embedded"))
